import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { testConnection } from '../../src/sync/connection-test';
import { loadConnection, loadCredentials } from '../../src/sync/connections';
import { ZgwHttp } from '../../src/sync/http';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { CLI_CTX, PASSPHRASE, call, ingestPdfs, openStoreWithConnection, tempDir, zaaktypeUrl } from './sync-support';

// The ZGW credential (a JWT signed with the connection's secret) goes only to URLs under the connection's three
// base URLs. A second server on 127.0.0.1 (another port) records every request it gets: a zaaktype given by a
// clerk, or returned by the zaaksysteem, that points there must never bring a request — with or without the
// Authorization header — to it.

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

async function startRecorder(): Promise<{ server: Server; base: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    // Answers like a catalogue would, so that a client that does call here would carry on.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        url: `http://${req.headers.host}${req.url}`,
        identificatie: 'ZT-KWAAD',
        omschrijving: 'Kwaad',
        informatieobjecttypen: [],
      }),
    );
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    base: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

/** The real CLI on this suite's store (its passphrase), with short retry delays. */
const cli = (args: string[]) => runCli(args, { env: { POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_SYNC_BACKOFF_MS: '50' } });

describe('the ZGW credential goes only to the configured base URLs', () => {
  let server: ZgwServer;
  let hostile: Awaited<ReturnType<typeof startRecorder>>;
  let core: Core;
  let t: ReturnType<typeof tempDir>;

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal' });
    hostile = await startRecorder();
    t = tempDir('sync-scope');
    core = await openStoreWithConnection(join(t.dir, 'core'), server);
  });
  afterAll(async () => {
    await core?.close();
    await server?.close();
    await hostile?.close();
    t?.cleanup();
  });
  afterEach(() => {
    const got = hostile.requests.splice(0);
    expect(got.map((r) => ({ method: r.method, url: r.url, authorization: r.headers.authorization !== undefined }))).toEqual([]);
  });

  it('refuses a new zaak with a zaaktype on another host at once, and nothing reaches that host', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 0 });
    const zaaktype = `${hostile.base}/catalogi/api/v1/zaaktypen/0b0f3c5e-0000-4000-8000-000000000001`;
    const r = await core.call('sync.newZaak', { documentId: id, zaaktype, omschrijving: 'Bezwaar' }, CLI_CTX);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('url-outside-connection');
    expect(r.error.message).toContain('valt buiten de ingestelde verbinding');
    expect(r.error.message).toContain(`${hostile.base}/catalogi/api/v1/zaaktypen/`);
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toBeNull(); // nothing queued
    await call(core, 'sync.run', { maxWaitMs: 200 });
  });

  it('refuses look-alike paths on the right host (a glued suffix, dot segments)', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 1 });
    const ok = zaaktypeUrl(server, 'ZT-BEZWAAR');
    const tail = ok.slice(server.info.catalogi.length); // /zaaktypen/<uuid>
    for (const zaaktype of [
      `${server.info.catalogi}evil${tail}`,
      `${server.info.catalogi}/../../catalogi-kopie/api/v1${tail}`,
      `${server.info.catalogi}/..%2F..%2Fx${tail}`,
    ]) {
      const r = await core.call('sync.newZaak', { documentId: id, zaaktype, omschrijving: 'Bezwaar' }, CLI_CTX);
      expect(r.ok, zaaktype).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('url-outside-connection');
    }
    const before = server.state.requests.length;
    await call(core, 'sync.run', { maxWaitMs: 200 });
    expect(server.state.requests.slice(before)).toEqual([]);
  });

  it('refuses an informatieobjecttype on another host (link, relink, new zaak)', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 2 });
    const informatieobjecttype = `${hostile.base}/catalogi/api/v1/informatieobjecttypen/1`;
    for (const [cmd, input] of [
      ['sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001', informatieobjecttype }],
      ['sync.newZaak', { documentId: id, zaaktype: 'ZT-BEZWAAR', omschrijving: 'Bezwaar', informatieobjecttype }],
    ] as const) {
      const r = await core.call(cmd, input, CLI_CTX);
      expect(r.ok, cmd).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('url-outside-connection');
    }
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toBeNull();
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    const r = await core.call('sync.relink', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001', informatieobjecttype }, CLI_CTX);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('url-outside-connection');
    // The legitimate link goes through (the tokens, now with exp, are accepted by the test zaaksysteem).
    const run = await call(core, 'sync.run', { maxWaitMs: 3000 });
    expect(run.delivered).toBe(1);
  });

  it('does not follow a URL from a server answer to another host: the delivery stops with the reason', async () => {
    // The zaaksysteem's catalogue answers with a zaaktype whose url is on the other host (a misconfigured or
    // hostile server, or an Open Zaak behind a proxy that gives its internal name).
    const zt = [...server.state.catalogue.zaaktypen.values()].find((o) => o.identificatie === 'ZT-BEZWAAR')!;
    const real = zt.url;
    zt.url = `${hostile.base}/catalogi/api/v1/zaaktypen/0b0f3c5e-0000-4000-8000-000000000002`;
    try {
      const [id] = await ingestPdfs(core, 1, { offset: 3 });
      await call(core, 'sync.newZaak', { documentId: id, zaaktype: 'ZT-BEZWAAR', omschrijving: 'Bezwaar' });
      const run = await call(core, 'sync.run', { maxWaitMs: 2000 });
      expect(run).toMatchObject({ delivered: 0, attention: 1 });
      const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
      expect(item).toMatchObject({ state: 'attention', lastErrorCode: 'url-outside-connection' });
      expect(item.lastError).toContain(hostile.base);
      expect(item.lastError).toContain('buiten de ingestelde verbinding');
    } finally {
      zt.url = real;
    }
  });

  it('ZgwHttp refuses to send the credential outside its bases (the single choke point)', async () => {
    const http = new ZgwHttp(
      { clientId: server.info.clientId, secret: server.info.secret },
      {
        identity: { userId: 't', userRepresentation: 't' },
        bases: [server.info.zaken, server.info.documenten, server.info.catalogi],
      },
    );
    await expect(http.request({ method: 'GET', url: `${hostile.base}/zaken/api/v1/zaken` })).rejects.toMatchObject({
      failure: { kind: 'out-of-scope' },
    });
    await expect(http.request({ method: 'GET', url: `${server.info.zaken}evil/zaken` })).rejects.toMatchObject({
      failure: { kind: 'out-of-scope' },
    });
    // An uncredentialed request (a reference API such as the Selectielijst) may go elsewhere, without Authorization.
    const r = await http.request({ method: 'GET', url: `${hostile.base}/api/v1/resultaten/1`, credentials: false });
    expect(r.status).toBe(200);
    // … but only to read: nothing of ours (a body) goes along without the scope check.
    await expect(
      http.request({ method: 'POST', url: `${hostile.base}/api/v1/x`, json: { a: 1 }, credentials: false }),
    ).rejects.toMatchObject({ failure: { kind: 'out-of-scope' } });
    const got = hostile.requests.splice(0);
    expect(got).toHaveLength(1);
    expect(got[0].headers.authorization).toBeUndefined();
  });

  it('refuses a connection whose informatieobjecttype lies outside its own base URLs', async () => {
    const i = server.info;
    const r = await core.call(
      'sync.connection.set',
      {
        env: 'acceptatie',
        zaken: i.zaken,
        documenten: i.documenten,
        catalogi: i.catalogi,
        clientId: i.clientId,
        secret: i.secret,
        rsin: i.rsin,
        informatieobjecttype: `${hostile.base}/catalogi/api/v1/informatieobjecttypen/1`,
      },
      CLI_CTX,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('url-outside-connection');
      expect(r.error.message).toContain('informatieobjecttype');
    }
  });

  it('the connection test lists the addresses the server returns outside the configured bases', async () => {
    const conn = loadConnection(core.store.db, 'test')!;
    const creds = loadCredentials(core.store, 'test');
    const who = { userId: 'beheerder', userRepresentation: 'Beheerder' };
    const clean = await testConnection(conn, creds, who);
    expect(clean.checks.find((c) => c.check === 'addresses')).toMatchObject({ ok: true });
    expect(clean.ok).toBe(true);
    // An Open Zaak behind a proxy that answers with its internal name: every zaaktype points elsewhere.
    const zts = [...server.state.catalogue.zaaktypen.values()];
    const real = zts.map((z) => z.url);
    for (const z of zts) z.url = String(z.url).replace(/^http:\/\/127\.0\.0\.1:\d+/, `${hostile.base}`);
    try {
      const r = await testConnection(conn, creds, who);
      expect(r.ok).toBe(false);
      const a = r.checks.find((c) => c.check === 'addresses')!;
      expect(a.ok).toBe(false);
      expect(a.message).toContain('buiten de ingestelde verbinding');
      expect(a.message).toContain(`${hostile.base}/catalogi/api/v1/zaaktypen/`);
    } finally {
      zts.forEach((z, i) => (z.url = real[i]));
    }
  });

  it('the connection test still names a clock that is off, now that tokens expire after 300 s', async () => {
    const conn = loadConnection(core.store.db, 'test')!;
    const r = await testConnection(
      conn,
      loadCredentials(core.store, 'test'),
      { userId: 'b', userRepresentation: 'b' },
      () => Date.now() - 10 * 60_000,
    );
    const clock = r.checks.find((c) => c.check === 'clock')!;
    expect(clock.ok).toBe(false);
    expect(clock.message).toMatch(/loopt (599|600|601) seconden achter/);
    expect(r.checks.find((c) => c.check === 'catalogi')?.ok).toBe(false);
  });

  it('the CLI refuses `link --nieuwe-zaak --zaaktype <other host>` at once; sync sends nothing there', async () => {
    const data = join(t.dir, 'cli');
    const c = await openStoreWithConnection(data, server);
    const [id] = await ingestPdfs(c, 1, { offset: 10 });
    await c.close();
    const zaaktype = `${hostile.base}/catalogi/api/v1/zaaktypen/0b0f3c5e-0000-4000-8000-000000000003`;
    const link = await cli(['link', id, '--nieuwe-zaak', '--zaaktype', zaaktype, '--omschrijving', 'Bezwaar', '--data', data]);
    expect(link.code).toBe(1);
    expect(link.stderr).toContain('valt buiten de ingestelde verbinding');
    const outbox = await cli(['outbox', '--json', '--data', data]);
    expect(JSON.parse(outbox.stdout)).toEqual([]);
    const run = await cli(['sync', '--once', '--json', '--max-wait', '200', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
  });
});
