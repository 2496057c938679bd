import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Core } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { serveChannel } from '../../src/hosts/serve';
import { insideDir, startWebHarness, type WebHarness } from '../../src/hosts/web';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { signInAdminVia, TEST_ADMIN } from '../support/people';

// The web harness under hostile requests and frames: a real HTTP server on 127.0.0.1 over a real encrypted store,
// spoken to with raw sockets (malformed requests, invalid WebSocket frames), the one-time token and its session,
// and upload reservations released when their connection goes.

let work: string;
let dist: string;
let core: Core;
const logs: string[] = [];
const running: WebHarness[] = [];

beforeAll(async () => {
  work = tempDir('postkamer-web-hardening-');
  // A small bundle of our own, a sibling folder whose name starts with the bundle's, and a symlink out of the bundle.
  dist = join(work, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Postkamer</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  mkdirSync(join(work, 'dist-evil'));
  writeFileSync(join(work, 'dist-evil', 'secret.txt'), 'GEHEIM-BUITEN-DE-BUNDEL');
  symlinkSync(join(work, 'dist-evil', 'secret.txt'), join(dist, 'escape.txt'));
  symlinkSync(join(work, 'dist-evil'), join(dist, 'evil-dir'));
  core = new Core(await initStore(join(work, 'data'), { passphrase: PASSPHRASE }), { processor: storeAsIs, close: async () => undefined });
});

afterEach(async () => {
  for (const h of running.splice(0)) await h.close();
});

afterAll(async () => {
  await core?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function harness(opts: { sessionIdleMs?: number } = {}): Promise<WebHarness> {
  const h = await startWebHarness(core, { distDir: dist, log: (line) => logs.push(line), ...opts });
  running.push(h);
  return h;
}

/** Exchanges the one-time token for the session cookie ("name=value"). */
async function login(h: WebHarness): Promise<string> {
  const res = await fetch(h.url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return res.headers.get('set-cookie')!.split(';')[0];
}

/** One raw HTTP exchange: writes `text` as is and reads until the server closes (or `ms` passes). */
function rawHttp(port: number, text: string): Promise<string> {
  return new Promise((ok) => {
    const s = connect(port, '127.0.0.1');
    let out = '';
    const timer = setTimeout(() => s.destroy(), 5_000);
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('error', () => undefined);
    s.on('close', () => {
      clearTimeout(timer);
      ok(out);
    });
    s.write(text);
  });
}
const statusOf = (response: string) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(response)?.[1] ?? 0);
const get = (h: WebHarness, target: string, cookie?: string, method = 'GET') =>
  rawHttp(
    h.port,
    `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}Connection: close\r\n\r\n`,
  );

/** A client frame (masked), optionally declaring a length other than the payload's. */
function frame(opcode: number, payload: Buffer, declared = payload.length): Buffer {
  let header: Buffer;
  if (declared < 126) header = Buffer.from([0x80 | opcode, 0x80 | declared]);
  else if (declared < 65536) {
    header = Buffer.from([0x80 | opcode, 0x80 | 126, 0, 0]);
    header.writeUInt16BE(declared, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(declared), 2);
  }
  const mask = randomBytes(4);
  return Buffer.concat([header, mask, Buffer.from(payload.map((b, i) => b ^ mask[i % 4]))]);
}

interface ServerFrame {
  opcode: number;
  payload: Buffer;
}
function parseFrames(buf: Buffer): { frames: ServerFrame[]; rest: Buffer } {
  const frames: ServerFrame[] = [];
  let at = 0;
  for (;;) {
    if (buf.length - at < 2) break;
    let len = buf[at + 1] & 0x7f;
    let head = 2;
    if (len === 126) {
      if (buf.length - at < 4) break;
      len = buf.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (buf.length - at < 10) break;
      len = Number(buf.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (buf.length - at < head + len) break;
    frames.push({ opcode: buf[at] & 0x0f, payload: buf.subarray(at + head, at + head + len) });
    at += head + len;
  }
  return { frames, rest: buf.subarray(at) };
}

/** A WebSocket spoken by hand over node:net: the handshake, then frames as we write them. */
async function rawWebSocket(h: WebHarness, cookie: string): Promise<{ socket: Socket; frames: ServerFrame[]; closed: Promise<void> }> {
  const socket = connect(h.port, '127.0.0.1');
  socket.on('error', () => undefined);
  const frames: ServerFrame[] = [];
  const closed = new Promise<void>((ok) => socket.once('close', () => ok()));
  await new Promise<void>((ok, ko) => {
    let buf: Buffer = Buffer.alloc(0);
    let upgraded = false;
    socket.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!upgraded) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.subarray(0, end).toString('latin1');
        if (statusOf(head) !== 101) return ko(new Error(`no upgrade: ${head.split('\r\n')[0]}`));
        upgraded = true;
        buf = buf.subarray(end + 4);
        ok();
      }
      const parsed = parseFrames(buf);
      frames.push(...parsed.frames);
      buf = parsed.rest;
    });
    socket.write(
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nOrigin: http://127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
  });
  return { socket, frames, closed };
}

/** A well-behaved client (the `ws` library) with request/response by id. */
async function client(
  h: WebHarness,
  cookie: string,
): Promise<{ ws: WebSocket; call(cmd: string, input?: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string } }> }> {
  const ws = new WebSocket(`ws://127.0.0.1:${h.port}/ws`, { headers: { cookie, origin: `http://127.0.0.1:${h.port}` } });
  ws.on('error', () => undefined);
  await new Promise<void>((ok, ko) => {
    ws.once('open', () => ok());
    ws.once('unexpected-response', (_q, r) => ko(new Error(`refused: ${r.statusCode}`)));
  });
  let next = 1;
  const waiting = new Map<number, (m: any) => void>();
  ws.on('message', (m) => {
    const msg = JSON.parse(String(m));
    if (msg.t === 'res') waiting.get(msg.id)?.(msg);
  });
  const call = (cmd: string, input: unknown = {}) =>
    new Promise<{ ok: boolean; data?: any; error?: { code: string } }>((ok) => {
      const id = next++;
      waiting.set(id, ok);
      ws.send(JSON.stringify({ t: 'req', id, cmd, input }));
    });
  // Each socket is a session of its own: sign it in as the test administrator (made by the first one).
  await signInAdminVia(call);
  return { ws, call };
}

async function until(check: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('malformed requests', () => {
  it('answers a malformed percent-escape with 400, with and without a session, and serves on', async () => {
    const h = await harness();
    const cookie = await login(h);
    expect(statusOf(await get(h, '/%E0%A4%A'))).toBe(400);
    expect(statusOf(await get(h, '/%E0%A4%A', cookie))).toBe(400);
    expect(statusOf(await get(h, '/assets/%ZZ.js', cookie))).toBe(400);
    const next = await get(h, '/', cookie);
    expect(statusOf(next)).toBe(200);
    expect(next).toContain('<title>Postkamer</title>');
  });

  it('gives every other malformed request its 4xx and keeps serving', async () => {
    const h = await harness();
    const cookie = await login(h);
    const cases: [string, string, number][] = [
      ['NUL byte in the path', `GET /%00 HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, 400],
      [
        'absolute-form target',
        `GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
        400,
      ],
      ['asterisk target', `GET * HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, 400],
      [
        'a very long path',
        `GET /${'a'.repeat(5000)} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`,
        414,
      ],
      ['an absurd URL', `GET /${'a'.repeat(40_000)} HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`, 431],
      ['a foreign Host', `GET / HTTP/1.1\r\nHost: evil.example:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, 421],
      ['no Host at all', `GET / HTTP/1.0\r\nCookie: ${cookie}\r\n\r\n`, 400],
      ['DELETE', `DELETE / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nCookie: ${cookie}\r\nConnection: close\r\n\r\n`, 405],
      ['POST without a session', `POST / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`, 405],
      ['an invented method', `BREW / HTTP/1.1\r\nHost: 127.0.0.1:${h.port}\r\nConnection: close\r\n\r\n`, 400],
      ['garbage', '\x00\x01\x02 nonsense\r\n\r\n', 400],
    ];
    const got = [];
    for (const [what, text] of cases) got.push([what, statusOf(await rawHttp(h.port, text))]);
    expect(got).toEqual(cases.map(([what, , status]) => [what, status]));
    expect(statusOf(await get(h, '/', cookie))).toBe(200);
  });

  it('serves nothing from outside the bundle: no sibling folder, no symlink out', async () => {
    const h = await harness();
    const cookie = await login(h);
    expect(statusOf(await get(h, '/assets/app.js', cookie))).toBe(200);
    for (const target of ['/escape.txt', '/evil-dir/secret.txt', '/..%2fdist-evil%2fsecret.txt', '/%2e%2e/dist-evil/secret.txt']) {
      const res = await get(h, target, cookie);
      expect(res, target).not.toContain('GEHEIM');
    }
    expect(statusOf(await get(h, '/escape.txt', cookie))).toBe(404);
    expect(insideDir('/srv/dist', '/srv/dist-evil/secret.txt')).toBe(false);
    expect(insideDir('/srv/dist', '/srv/dist/assets/app.js')).toBe(true);
    expect(insideDir('/srv/dist', '/srv/dist')).toBe(true);
    expect(insideDir('/srv/dist', '/srv')).toBe(false);
  });
});

describe('hostile WebSocket frames', () => {
  it('closes a socket that sends invalid UTF-8 or a frame over maxPayload; other sockets and new requests go on', async () => {
    const h = await harness();
    const cookie = await login(h);
    const good = await client(h, cookie);
    expect((await good.call('settings.get')).ok).toBe(true);

    const badText = await rawWebSocket(h, cookie);
    badText.socket.write(frame(0x1, Buffer.from([0x7b, 0xc3, 0x28, 0xff, 0x7d])));
    await badText.closed;
    expect(badText.frames.find((f) => f.opcode === 0x8)?.payload.readUInt16BE(0)).toBe(1007);

    const tooBig = await rawWebSocket(h, cookie);
    tooBig.socket.write(frame(0x1, Buffer.from('{"t":"req"'), 64 * 1024 * 1024));
    await tooBig.closed;
    expect(tooBig.frames.find((f) => f.opcode === 0x8)?.payload.readUInt16BE(0)).toBe(1009);

    expect((await good.call('settings.get')).ok).toBe(true);
    expect(statusOf(await get(h, '/', cookie))).toBe(200);
    const another = await client(h, cookie);
    expect((await another.call('settings.get')).ok).toBe(true);
    good.ws.close();
    another.ws.close();
    // Logged, without the token or anything that was sent.
    expect(logs.some((l) => /websocket/i.test(l))).toBe(true);
    expect(logs.join('\n')).not.toContain(h.token);
    expect(logs.join('\n')).not.toContain(cookie.split('=')[1]);
  });

  it('bounds the requests in flight on one connection', async () => {
    const h = await harness();
    const cookie = await login(h);
    const raw = await rawWebSocket(h, cookie);
    const n = 1000;
    // One write: the server parses all these frames before any call can finish.
    raw.socket.write(
      Buffer.concat(
        Array.from({ length: n }, (_, i) => frame(0x1, Buffer.from(JSON.stringify({ t: 'req', id: i + 1, cmd: 'auth.state', input: {} })))),
      ),
    );
    await until(() => raw.frames.filter((f) => f.opcode === 0x1).length >= n, 20_000);
    const answers = raw.frames.filter((f) => f.opcode === 0x1).map((f) => JSON.parse(f.payload.toString('utf8')));
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((a) => a.error.code))).toEqual(new Set(['too-many-requests']));
    expect(refused[0].error.message).toMatch(/verzoeken/);
    expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(64);
    // Once the flood is answered, the same connection is served again.
    raw.socket.write(frame(0x1, Buffer.from(JSON.stringify({ t: 'req', id: 99_999, cmd: 'auth.state', input: {} }))));
    await until(() => raw.frames.some((f) => f.opcode === 0x1 && JSON.parse(f.payload.toString('utf8')).id === 99_999));
    expect(JSON.parse(raw.frames.at(-1)!.payload.toString('utf8')).ok).toBe(true);
    raw.socket.destroy();
  });
});

describe('the one-time token and the session', () => {
  it('exchanges the token once for a separate session cookie named after the port', async () => {
    const h = await harness();
    const first = await fetch(h.url, { redirect: 'manual' });
    expect(first.status).toBe(302);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie')!;
    const [pair, ...attrs] = setCookie.split(';').map((s) => s.trim());
    const [name, value] = pair.split('=');
    expect(name).toBe(`postkamer_session_${h.port}`);
    expect(value).not.toBe(h.token);
    expect(value.length).toBeGreaterThanOrEqual(32);
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/']));

    const second = await fetch(h.url, { redirect: 'manual' });
    expect(second.status).toBe(403);
    expect(second.headers.get('set-cookie')).toBeNull();
    expect(await second.text()).toMatch(/al gebruikt.*opnieuw/s);

    expect(statusOf(await get(h, '/', pair))).toBe(200);
    // The token is no session, under the new name or the old one.
    expect(statusOf(await get(h, '/', `${name}=${h.token}`))).toBe(403);
    expect(statusOf(await get(h, '/', `postkamer_session=${h.token}`))).toBe(403);
    expect(statusOf(await get(h, '/', `postkamer_session=${value}`))).toBe(403);
  });

  it('ends an idle session: its WebSocket is closed and its cookie refused', async () => {
    const h = await harness({ sessionIdleMs: 600 });
    const cookie = await login(h);
    const c = await client(h, cookie);
    const closed = new Promise<number>((ok) => c.ws.once('close', (code) => ok(code)));
    // Activity keeps the session alive…
    for (let i = 0; i < 6; i++) {
      await new Promise((r) => setTimeout(r, 200));
      expect((await c.call('settings.get')).ok).toBe(true);
    }
    expect(statusOf(await get(h, '/', cookie))).toBe(200);
    // …idleness ends it.
    const started = Date.now();
    expect(await closed).toBe(4401);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    const refused = await get(h, '/', cookie);
    expect(statusOf(refused)).toBe(403);
    expect(refused).toMatch(/opnieuw/);
    await expect(client(h, cookie)).rejects.toThrow(/403/);
  });
});

describe('uploads belong to their connection', () => {
  it('releases the budget of 500 uploads whose sockets were dropped, to exactly zero', async () => {
    const h = await harness();
    const cookie = await login(h);
    expect(core.uploadBytesReserved).toBe(0);
    const clients = await Promise.all(Array.from({ length: 50 }, () => client(h, cookie)));
    let declared = 0;
    await Promise.all(
      clients.map(async (c, ci) => {
        for (let u = 0; u < 10; u++) {
          const size = 1000 + ci * 10 + u;
          const begun = await c.call('upload.begin', { name: `brief-${ci}-${u}.pdf`, size });
          expect(begun.ok).toBe(true);
          declared += size;
          // Half of them part-way through.
          if (u % 2)
            expect(
              (await c.call('upload.chunk', { uploadId: begun.data.uploadId, offset: 0, data: Buffer.from('%PDF-1.7').toString('base64') }))
                .ok,
            ).toBe(true);
        }
      }),
    );
    expect(core.uploadBytesReserved).toBe(declared);
    for (const c of clients) c.ws.terminate();
    await until(() => core.uploadBytesReserved === 0);
    expect(core.uploadBytesReserved).toBe(0);
  });

  it("releases the uploads of a MessagePort connection (the app's transport) when the port closes", async () => {
    const { port1, port2 } = new MessageChannel();
    serveChannel(
      core,
      { send: (m) => port1.postMessage(m), onMessage: (h) => port1.on('message', h), onClose: (h) => port1.on('close', h) },
      { origin: 'renderer', connection: 'renderer-test' },
    );
    const answers = new Map<number, { ok: boolean; data?: { needsFirstAdmin?: boolean } }>();
    port2.on('message', (m: { t: string; id: number; ok: boolean }) => void (m.t === 'res' && answers.set(m.id, m)));
    // The window signs in first (its port is its session).
    port2.postMessage({ t: 'req', id: 100, cmd: 'auth.state', input: {} });
    await until(() => answers.has(100));
    const first = answers.get(100)!.data?.needsFirstAdmin;
    port2.postMessage({
      t: 'req',
      id: 101,
      cmd: first ? 'auth.setup' : 'auth.signIn',
      input: first
        ? { login: TEST_ADMIN.login, name: TEST_ADMIN.name, pin: TEST_ADMIN.pin }
        : { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin },
    });
    await until(() => answers.has(101), 10_000);
    expect(answers.get(101)!.ok).toBe(true);
    answers.clear();
    for (let id = 1; id <= 20; id++)
      port2.postMessage({ t: 'req', id, cmd: 'upload.begin', input: { name: `scan-${id}.pdf`, size: 5000 } });
    await until(() => answers.size === 20);
    expect([...answers.values()].every((a) => a.ok)).toBe(true);
    expect(core.uploadBytesReserved).toBe(20 * 5000);
    port2.close();
    await until(() => core.uploadBytesReserved === 0);
  });

  it("hides one connection's uploads from another", async () => {
    const h = await harness();
    const cookie = await login(h);
    const a = await client(h, cookie);
    const b = await client(h, cookie);
    const begun = await a.call('upload.begin', { name: 'brief.pdf', size: 8 });
    const uploadId = begun.data.uploadId as string;
    const data = Buffer.from('%PDF-1.7').toString('base64');
    expect((await b.call('upload.chunk', { uploadId, offset: 0, data })).error?.code).toBe('upload-unknown');
    expect((await b.call('upload.abort', { uploadId })).ok).toBe(true);
    expect((await b.call('upload.commit', { uploadIds: [uploadId] })).error?.code).toBe('upload-unknown');
    // Still there for its own connection.
    expect((await a.call('upload.chunk', { uploadId, offset: 0, data })).data).toEqual({ received: 8 });
    expect((await a.call('upload.abort', { uploadId })).ok).toBe(true);
    expect(core.uploadBytesReserved).toBe(0);
    a.ws.close();
    b.ws.close();
  });
});
