// Issue 17, stages at a glance: on a real store with documents in each of the six stages (the outbox ones through the
// test zaaksysteem), `app.status` names every stage with its count and oldest item, counts only today's deliveries,
// warns where the oldest waits longer than stageWarnHours working hours, and `postkamer status --json` carries it.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Status } from '../../src/contract/schemas';
import { STAGES } from '../../src/domain/stage';
import { Core } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { openCore } from '../../src/hosts/open';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { asAdmin, call, CLI_CTX } from '../support/core-call';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { ingestPdfs, iotUrl } from './sync-support';

describe('status: stages with their oldest item', () => {
  let root: string;
  let dir: string;
  let core: Core;
  let server: ZgwServer;
  const ids = {} as Record<'nieuw' | 'delivered' | 'deliveredYesterday' | 'attention' | 'queued' | 'flagged' | 'ready', string>;
  const OLD = '2024-01-02T09:00:00.000Z';
  const status = () => call(core, 'app.status', {});

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal' });
    root = tempDir('postkamer-status-stages-');
    dir = join(root, 'store');
    // Recognition switched off: a document kept as it came has not been recognised (nieuw).
    const asIs = new Core(await initStore(dir, { passphrase: PASSPHRASE }), { processor: storeAsIs, close: async () => undefined });
    await asAdmin(asIs, CLI_CTX);
    [ids.nieuw] = await ingestPdfs(asIs, 1, { offset: 700 });
    await asIs.close();

    core = await openCore(dir, PASSPHRASE);
    await asAdmin(core, CLI_CTX);
    await call(core, 'sync.connection.set', {
      env: 'test',
      ...server.info,
      clientId: server.info.clientId,
      secret: server.info.secret,
      informatieobjecttype: iotUrl(server, 'Inkomende brief'),
      activate: true,
    });
    [ids.delivered, ids.deliveredYesterday, ids.attention, ids.queued, ids.flagged, ids.ready] = await ingestPdfs(core, 6, {
      offset: 710,
    });
    await call(core, 'sync.link', { documentId: ids.delivered, zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.link', { documentId: ids.deliveredYesterday, zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.link', { documentId: ids.attention, zaaknummer: 'ZAAK-2026-0000009999' });
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 2, attention: 1 });
    await call(core, 'sync.link', { documentId: ids.queued, zaaknummer: 'ZAAK-2026-0000000002' });
    const db = core.store.db;
    // One delivery from yesterday (not counted under afgeleverd today), a flagged document waiting since long ago,
    // and one without flags (the short generated letters are flagged too light).
    const yesterday = new Date(Date.now() - 36 * 3_600_000).toISOString();
    db.prepare('UPDATE zgw_outbox SET done_at = ? WHERE document_id = ?').run(yesterday, ids.deliveredYesterday);
    db.prepare(`UPDATE documents SET qc_flags = '["too-dark"]', created_at = ? WHERE id = ?`).run(OLD, ids.flagged);
    db.prepare(`UPDATE documents SET qc_flags = '[]' WHERE id = ?`).run(ids.ready);
  }, 300_000);
  afterAll(async () => {
    await core?.close();
    await server?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('names all six stages, each with its count and oldest item, agreeing with the documents listed', async () => {
    const s = await status();
    expect(Object.keys(s.stages).sort()).toEqual([...STAGES].sort());
    const docs = await call(core, 'documents.list', { limit: 1000 });
    for (const stage of STAGES) {
      const inStage = docs.filter((d) => d.stage === stage);
      if (stage === 'afgeleverd') continue;
      expect(s.stages[stage].count, stage).toBe(inStage.length);
      const oldest = inStage.map((d) => d.createdAt).sort()[0] ?? null;
      expect(s.stages[stage].oldestAt, stage).toBe(oldest);
    }
    for (const id of [ids.nieuw, ids.attention, ids.queued, ids.flagged, ids.ready]) expect(docs.find((d) => d.id === id)).toBeDefined();
    expect(s.stages.nieuw.count).toBeGreaterThanOrEqual(1);
    expect(s.stages['aandacht-nodig'].count).toBe(1);
    expect(s.stages['in-outbox'].count).toBe(1);
  });

  it('afgeleverd counts the deliveries since local midnight, dated by their delivery', async () => {
    const s = await status();
    const all = await call(core, 'documents.stageCounts', {});
    expect(all.afgeleverd).toBe(2);
    expect(s.stages.afgeleverd.count).toBe(1);
    const doneAt = core.store.db.prepare('SELECT done_at FROM zgw_outbox WHERE document_id = ?').get(ids.delivered) as { done_at: string };
    expect(s.stages.afgeleverd).toEqual({ count: 1, oldestAt: doneAt.done_at, warn: false });
  });

  it('warns where the oldest item waits longer than stageWarnHours working hours', async () => {
    const s = await status();
    expect(s.stages['te-controleren']).toMatchObject({ oldestAt: OLD, warn: true });
    // The others arrived minutes ago: less than one working hour.
    for (const stage of ['nieuw', 'aandacht-nodig', 'in-outbox', 'klaar-om-te-koppelen'] as const)
      expect(s.stages[stage].warn, stage).toBe(false);
    // At the largest setting (168 working hours, almost four weeks) an item from 2024 still warns; a recent one not.
    await call(core, 'settings.set', { stageWarnHours: 168 });
    expect((await status()).stages['te-controleren'].warn).toBe(true);
    core.store.db.prepare('UPDATE documents SET created_at = ? WHERE id = ?').run(new Date().toISOString(), ids.flagged);
    expect((await status()).stages['te-controleren'].warn).toBe(false);
    core.store.db.prepare('UPDATE documents SET created_at = ? WHERE id = ?').run(OLD, ids.flagged);
  });

  it('postkamer status --json carries the stages beside the keys it had', async () => {
    const expected = (await status()).stages;
    await core.close();
    try {
      const r = await runCli(['status', '--json', '--data', dir]);
      expect(r.code, r.stderr).toBe(0);
      const s = JSON.parse(r.stdout) as Status;
      for (const k of ['version', 'schemaVersion', 'batches', 'documents', 'pages', 'pendingItems', 'rejected', 'vault', 'outbox', 'audit'])
        expect(s, k).toHaveProperty(k);
      expect(s.audit.chainValid).toBe(true);
      expect(Object.keys(s.stages).sort()).toEqual([...STAGES].sort());
      for (const stage of STAGES) {
        expect(Object.keys(s.stages[stage]).sort(), stage).toEqual(['count', 'oldestAt', 'warn']);
        expect(s.stages[stage], stage).toEqual(expected[stage]);
      }
      const text = await runCli(['status', '--data', dir]);
      expect(text.code, text.stderr).toBe(0);
      expect(text.stdout).toMatch(/Stappen: .*te-controleren 1 \(oudste 2024-01-02T09:00:00.000Z !\)/);
    } finally {
      core = await openCore(dir, PASSPHRASE);
    }
  });
});
