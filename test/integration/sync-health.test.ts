import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { runCli } from '../support/cli';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { callFailure } from '../support/core-call';
import { PASSPHRASE, call, ingestPdfs, openStoreWithConnection, serverDocuments, tempDir } from './sync-support';

// The sync health per environment (issue 17): with the test zaaksysteem answering 500, the state is `failing` with the
// reason (never reachable), the documents wait for a retry by that reason; after recovery one group retry delivers
// every one of them exactly once; a stopped server is `offline`. 5xx is retried by the outbox, not put in attention:
// attention grows only by what a person must fix (here an unknown zaaknummer).

const ZAKEN = ['ZAAK-2026-0000000001', 'ZAAK-2026-0000000002', 'ZAAK-2026-0000000003'];

describe('sync health and group retry', () => {
  let server: ZgwServer;
  let core: Core;
  let dir: ReturnType<typeof tempDir>;
  const backoff = process.env.POSTKAMER_SYNC_BACKOFF_MS;

  beforeAll(async () => {
    // Retries wait a minute: within a test only a group retry makes them due again.
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '60000';
    server = await startZgwServer({ seed: 'minimal' });
    dir = tempDir('sync-health');
    core = await openStoreWithConnection(dir.dir, server);
  });
  afterAll(async () => {
    if (backoff === undefined) delete process.env.POSTKAMER_SYNC_BACKOFF_MS;
    else process.env.POSTKAMER_SYNC_BACKOFF_MS = backoff;
    await core?.close();
    await server?.close();
    dir?.cleanup();
  });

  const health = async () => (await call(core, 'sync.status', {})).health.test;
  const cli = async (args: string[]) => {
    const r = await runCli([...args, '--json', '--data', dir.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout);
  };

  it('shows failing with the reason under 500s, and a group retry after recovery delivers every item exactly once', async () => {
    expect(await health()).toMatchObject({ state: 'ok', lastSuccessAt: null, lastFailure: null, requestsLastHour: 0 });

    // A zaaknummer the server does not know: attention, which a person must resolve.
    const [unknown] = await ingestPdfs(core, 1, { offset: 100 });
    await call(core, 'sync.link', { documentId: unknown, zaaknummer: 'ZAAK-2026-0000004242' });
    await call(core, 'sync.run', { maxWaitMs: 0 });
    const before = await health();
    expect(before).toMatchObject({ state: 'ok', errorsLastHour: 0, attentionByReason: { 'zgw-zaak-onbekend': 1 } });
    expect(before.lastSuccessAt).not.toBeNull();

    // Now every request is answered 500.
    server.faults.add({ kind: 'status', status: 500, times: Infinity });
    const ids = await ingestPdfs(core, 5);
    for (const [i, id] of ids.entries()) await call(core, 'sync.link', { documentId: id, zaaknummer: ZAKEN[i % 3] });
    const failed = await call(core, 'sync.run', { maxWaitMs: 0 });
    expect(failed).toMatchObject({ delivered: 0, retried: 5 });
    const failing = await health();
    expect(failing).toMatchObject({
      state: 'failing',
      lastFailure: { class: 'server', code: '500', message: expect.stringContaining('serverfout (HTTP 500)') },
      attentionByReason: { 'zgw-zaak-onbekend': 1 },
      waitingByReason: { 'zgw-http-500': 5 },
    });
    // Every request the server answered, counted: its errors, and all of them (the server's own log).
    const log = server.state.requests;
    expect(failing.errorsLastHour).toBe(log.filter((r) => r.status >= 400).length);
    expect(failing.errorsLastHour).toBeGreaterThan(0);
    expect(failing.errorsLastDay).toBe(failing.errorsLastHour);
    expect(failing.requestsLastHour).toBe(log.length);
    expect(failing.lastSuccessAt).toBe(before.lastSuccessAt);

    // The CLI carries it in issue 17's shape.
    const status = await cli(['status']);
    expect(status.sync).toEqual({
      test: {
        state: 'failing',
        lastSuccessAt: before.lastSuccessAt,
        errorsLastHour: failing.errorsLastHour,
        attentionByReason: { 'zgw-zaak-onbekend': 1 },
      },
    });

    // The server recovers; without a retry the documents would wait for their backoff (a minute here).
    server.faults.clear();
    expect(await call(core, 'sync.run', { maxWaitMs: 0 })).toMatchObject({ delivered: 0 });
    const auditBefore = (await call(core, 'audit.list', { action: 'zgw.retry-group', limit: 10 })).length;
    const retried = await cli(['retry', '--reden', 'zgw-http-500']);
    expect(retried).toEqual({ retried: 5, skipped: 0, reason: 'zgw-http-500' });
    const run = await call(core, 'sync.run', { maxWaitMs: 0 });
    expect(run).toMatchObject({ delivered: 5, attention: 0 });

    // Every item exactly once on the server: one EIO and one ZIO each.
    const { eios, zios } = serverDocuments(server);
    expect(eios).toHaveLength(5);
    expect(new Set(eios.map((e) => e.identificatie)).size).toBe(5);
    expect(zios).toHaveLength(5);
    expect(new Set(zios.map((z) => z.informatieobject)).size).toBe(5);
    const outbox = await call(core, 'sync.outbox.list', {});
    expect(outbox.filter((o) => ids.includes(o.documentId)).every((o) => o.state === 'done')).toBe(true);

    const ok = await health();
    expect(ok).toMatchObject({ state: 'ok', waitingByReason: {}, attentionByReason: { 'zgw-zaak-onbekend': 1 } });
    expect(Date.parse(ok.lastSuccessAt!)).toBeGreaterThan(Date.parse(failing.lastFailure!.at));

    // Audited once for the group, with the count and the reason.
    const entries = await call(core, 'audit.list', { action: 'zgw.retry-group', limit: 10 });
    expect(entries).toHaveLength(auditBefore + 1);
    expect(entries[0]).toMatchObject({ details: { count: 5, reason: 'zgw-http-500' } });
  });

  it('retries a selection, counting what was not waiting', async () => {
    server.faults.add({ kind: 'status', status: 503, times: Infinity });
    const ids = await ingestPdfs(core, 2, { offset: 200 });
    for (const id of ids) await call(core, 'sync.link', { documentId: id, zaaknummer: ZAKEN[0] });
    await call(core, 'sync.run', { maxWaitMs: 0 });
    expect(await health()).toMatchObject({ state: 'failing', lastFailure: { code: '503' }, waitingByReason: { 'zgw-http-503': 2 } });
    server.faults.clear();
    const delivered = (await call(core, 'sync.outbox.list', { state: 'done', limit: 1 }))[0].documentId;
    const r = await cli(['retry', ...ids, delivered.slice(0, 8)]); // a prefix is resolved as for one document
    expect(r).toEqual({ retried: 2, skipped: 1, reason: null });
    expect(await call(core, 'sync.run', { maxWaitMs: 0 })).toMatchObject({ delivered: 2 });
    expect(serverDocuments(server).eios).toHaveLength(7);
    // Neither a selection nor a reason: refused.
    expect(await callFailure(core, 'sync.retryMany', {})).toMatchObject({ code: 'invalid-input' });
  });

  it('is offline when the server is stopped', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 300 });
    await call(core, 'sync.link', { documentId: id, zaaknummer: ZAKEN[1] });
    await server.close();
    await call(core, 'sync.run', { maxWaitMs: 0 });
    const h = await health();
    expect(h).toMatchObject({ state: 'offline', lastFailure: { class: 'network', message: expect.stringContaining('niet bereikbaar') } });
    expect(h.waitingByReason).toEqual({ 'zgw-unreachable': 1 });
  });
});
