import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { SyncError } from '../../src/sync/failure';
import { MAX_JSON_BYTES, ZgwHttp } from '../../src/sync/http';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, openStoreWithConnection, tempDir } from './sync-support';

// Every ZGW answer is bounded: a server (or a proxy in front of it) that answers 64 MiB — streamed without
// Content-Length, announced honestly, or with a Content-Length that lies — gets a clear error, the process does not
// take the body into memory, and the next request (and the delivery worker) carries on.

const HUGE = 64 * 1024 * 1024;
const MiB = 1024 * 1024;

/** Runs `fn` while sampling RSS every few milliseconds; returns the highest growth seen over the start. */
async function peakRssGrowth<T>(fn: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; growth: number }> {
  global.gc?.();
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 2);
  const [result] = await Promise.allSettled([fn()]);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage.rss());
  return { result, growth: peak - start };
}

function failureOf(r: PromiseSettledResult<unknown>) {
  expect(r.status).toBe('rejected');
  const e = (r as PromiseRejectedResult).reason;
  expect(e).toBeInstanceOf(SyncError);
  return (e as SyncError).failure;
}

describe('ZGW answers are bounded', () => {
  let server: ZgwServer;
  let http: ZgwHttp;

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal', validate: false });
    const i = server.info;
    http = new ZgwHttp(
      { clientId: i.clientId, secret: i.secret },
      { identity: { userId: 't', userRepresentation: 't' }, bases: [i.zaken, i.documenten, i.catalogi], timeoutMs: 60_000 },
    );
  });
  afterAll(async () => {
    await server?.close();
  });

  const list = () => http.request({ method: 'GET', url: `${server.info.catalogi}/zaaktypen` });

  it.each([
    ['streamed without Content-Length (chunked)', 'none' as const],
    ['announced with an honest Content-Length', 'honest' as const],
  ])('%s: a clear error, no 64 MiB in memory, and the next request works', async (_name, contentLength) => {
    server.faults.add({ method: 'GET', path: '/zaaktypen$', kind: 'huge-body', bodyBytes: HUGE, contentLength });
    const { result, growth } = await peakRssGrowth(list);
    const f = failureOf(result);
    expect(f).toEqual({ kind: 'too-large', limitBytes: MAX_JSON_BYTES });
    expect((result as PromiseRejectedResult).reason.message).toContain('antwoord groter dan 16 MiB');
    expect(growth).toBeLessThan(40 * MiB);
    expect((await list()).status).toBe(200);
  });

  it('a Content-Length that lies (1 KiB, then 64 MiB): an error, no 64 MiB in memory, and the next request works', async () => {
    server.faults.add({ method: 'GET', path: '/zaaktypen$', kind: 'huge-body', bodyBytes: HUGE, contentLength: 1024 });
    const { result, growth } = await peakRssGrowth(list);
    const f = failureOf(result);
    // The HTTP parser refuses the bytes beyond the announced length: an invalid answer, not an unreachable server.
    expect(f).toEqual({ kind: 'invalid-response', detail: expect.stringMatching(/^ongeldig HTTP-antwoord \(HPE_/) });
    expect(growth).toBeLessThan(40 * MiB);
    // The rest of the 64 MiB must not be read as the next answer on a reused socket.
    expect((await list()).status).toBe(200);
  });

  it('a content download is streamed and cut at its own limit', async () => {
    server.faults.add({ method: 'GET', path: '/zaaktypen$', kind: 'huge-body', bodyBytes: HUGE, contentLength: 'none' });
    let got = 0;
    const { result, growth } = await peakRssGrowth(() =>
      http.download(`${server.info.catalogi}/zaaktypen`, (c) => (got += c.length), { maxBytes: 4 * MiB }),
    );
    expect(failureOf(result)).toEqual({ kind: 'too-large', limitBytes: 4 * MiB });
    expect(got).toBeLessThanOrEqual(4 * MiB);
    expect(growth).toBeLessThan(40 * MiB);
    // Within the limit it passes the whole body on, nothing collected.
    let whole = 0;
    const ok = await http.download(`${server.info.catalogi}/zaaktypen`, (c) => (whole += c.length), { maxBytes: 4 * MiB });
    expect(ok.status).toBe(200);
    expect(whole).toBeGreaterThan(10);
  });

  it('an error answer (4xx/5xx) is bounded too', async () => {
    const big = createServer((_req, res) => {
      res.writeHead(500, { 'content-type': 'text/html' });
      const piece = Buffer.alloc(64 * 1024, 0x41);
      let left = HUGE;
      const pump = () => {
        while (left > 0) {
          left -= piece.length;
          if (!res.write(piece)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', () => (left = 0));
      pump();
    });
    await new Promise<void>((ok) => big.listen(0, '127.0.0.1', ok));
    try {
      const base = `http://127.0.0.1:${(big.address() as AddressInfo).port}/zaken/api/v1`;
      const h = new ZgwHttp({ clientId: 'c', secret: 's' }, { identity: { userId: 't', userRepresentation: 't' }, bases: [base] });
      const { result, growth } = await peakRssGrowth(() => h.request({ method: 'GET', url: `${base}/zaken` }));
      expect(failureOf(result)).toEqual({ kind: 'too-large', limitBytes: MAX_JSON_BYTES });
      expect(growth).toBeLessThan(40 * MiB);
    } finally {
      await new Promise<void>((ok) => (big as Server).close(() => ok()));
    }
  });

  describe('the delivery worker', () => {
    let core: Core;
    let t: ReturnType<typeof tempDir>;
    beforeAll(async () => {
      t = tempDir('sync-cap');
      core = await openStoreWithConnection(t.dir, server);
    });
    afterAll(async () => {
      await core?.close();
      t?.cleanup();
    });

    it('says why in Dutch, keeps the document queued, and delivers it once the server behaves', async () => {
      const [id] = await ingestPdfs(core, 1);
      await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
      server.faults.add({ method: 'GET', path: '/zaken/api/v1/zaken$', kind: 'huge-body', bodyBytes: HUGE, times: Infinity });
      const { result, growth } = await peakRssGrowth(() => call(core, 'sync.run', { maxWaitMs: 0 }));
      expect(result.status).toBe('fulfilled');
      const summary = (result as PromiseFulfilledResult<{ delivered: number; retried: number }>).value;
      expect(summary.delivered).toBe(0);
      expect(summary.retried).toBeGreaterThanOrEqual(1); // a slow machine may see the 50 ms backoff run out once more
      expect(growth).toBeLessThan(40 * MiB);
      const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
      expect(item).toMatchObject({ state: 'pending', lastErrorCode: 'zgw-response-too-large' });
      expect(item.lastError).toContain('antwoord groter dan 16 MiB');
      server.faults.clear();
      await new Promise((r) => setTimeout(r, 100)); // the backoff (50 ms in tests)
      const run = await call(core, 'sync.run', { maxWaitMs: 3000 });
      expect(run.delivered).toBe(1);
    });
  });
});
