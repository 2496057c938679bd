import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, openStoreWithConnection, serverDocuments, tempDir } from './sync-support';

// Requests per document (issue 19). A first, undisturbed delivery sends only what does the work: the EIO with its
// content inline and its ZIO, each zaak resolved once for all its documents, no look-up before a create. A create
// whose answer was lost (the server committed it, then reset the connection) is looked up before it is sent again,
// so the server still holds every document and every link once.

const ZAKEN = ['ZAAK-2026-0000000001', 'ZAAK-2026-0000000002', 'ZAAK-2026-0000000003'];

describe('requests per document', () => {
  let server: ZgwServer;
  let core: Core;
  let cleanup: () => void;

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '30';
    server = await startZgwServer({ seed: 'minimal', validate: true });
    const t = tempDir('sync-requests');
    cleanup = t.cleanup;
    core = await openStoreWithConnection(t.dir, server, { concurrency: 4 });
  });
  afterAll(async () => {
    await core?.close();
    await server?.close();
    cleanup?.();
  });

  /** Requests the server saw from `from` on, by operation (status other than 200/201 appended). */
  const byOperation = (from: number): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const r of server.state.requests.slice(from)) {
      const k = `${r.method} ${r.operationId ?? r.path}${r.status === 200 || r.status === 201 ? '' : ` ${r.status || 'RESET'}`}`;
      out[k] = (out[k] ?? 0) + 1;
    }
    return out;
  };

  it('first delivery: an EIO (inline) and a ZIO per document, each zaak resolved once, no look-ups', async () => {
    const ids = await ingestPdfs(core, 12);
    for (const [i, id] of ids.entries()) await call(core, 'sync.link', { documentId: id, zaaknummer: ZAKEN[i % 3] });
    const from = server.state.requests.length;
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 12, attention: 0, remaining: 0 });
    const ops = byOperation(from);
    const total = server.state.requests.length - from;
    process.stderr.write(
      `[sync-requests] first delivery of 12 documents: ${total} requests (${(total / 12).toFixed(2)}/document): ${JSON.stringify(ops)}\n`,
    );
    expect(ops).toEqual({
      'POST enkelvoudiginformatieobject_create': 12,
      'POST zaakinformatieobject_create': 12,
      'GET zaak_list': 3,
      'GET informatieobjecttype_read': 1,
    });
    const rows = core.store.db.prepare('SELECT eio_attempts AS n FROM zgw_outbox WHERE state = ?').all('done') as { n: number }[];
    expect(rows.map((r) => r.n)).toEqual(Array(12).fill(1));
  });

  it('after a reset that followed the commit, looks the EIO (or the ZIO) up before sending it again: still once each', async () => {
    const ids = await ingestPdfs(core, 3, { offset: 50 });
    for (const id of ids) await call(core, 'sync.link', { documentId: id, zaaknummer: ZAKEN[0] });
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/enkelvoudiginformatieobjecten$/, times: 1 });
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/zaakinformatieobjecten$/, times: 1 });
    const from = server.state.requests.length;
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 3, attention: 0, remaining: 0 });
    const ops = byOperation(from);
    process.stderr.write(`[sync-requests] 3 documents, one EIO and one ZIO answer lost: ${JSON.stringify(ops)}\n`);
    expect(ops).toEqual({
      'POST enkelvoudiginformatieobject_create RESET': 1,
      'POST enkelvoudiginformatieobject_create': 2,
      // The document whose EIO answer was lost: its second attempt looks up and finds the EIO, then its link.
      'GET enkelvoudiginformatieobject_list': 1,
      // ... and the document whose ZIO answer was lost looks its link up and finds it.
      'GET zaakinformatieobject_list': 2,
      'POST zaakinformatieobject_create RESET': 1,
      'POST zaakinformatieobject_create': 2,
    });
    const { eios, zios } = serverDocuments(server);
    expect(eios).toHaveLength(15);
    expect(new Set(eios.map((e) => e.identificatie)).size).toBe(15);
    expect(zios).toHaveLength(15);
    for (const e of eios) expect(zios.filter((z) => z.informatieobject === e.url)).toHaveLength(1);
    const attempts = ids.map(
      (id) => (core.store.db.prepare('SELECT eio_attempts AS n FROM zgw_outbox WHERE document_id = ?').get(id) as { n: number }).n,
    );
    expect(attempts.sort()).toEqual([1, 1, 2]);
    expect(server.state.requests.slice(from).filter((r) => r.status === 400)).toEqual([]);
    expect(server.state.responseErrors).toEqual([]);
  });
});
