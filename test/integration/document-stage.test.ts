// Issue 15, "an inbox that tells the truth": a real store with documents in each of the six stages (the outbox ones
// through the test zaaksysteem), `documents.list` and `postkamer documents --json` name the same stage, the stage
// filter and the counts agree, and a PDF holding three letters becomes three documents with distinct names.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/contract/schemas';
import { STAGES, type Stage } from '../../src/domain/stage';
import { Core } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { openCore } from '../../src/hosts/open';
import { initStore } from '../../src/store/store';
import { mustShowPdf, ZAAKNUMMER_B } from '../escl-scanner/batch';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { makeLetterPdf } from '../support/letters';
import { asAdmin, call, CLI_CTX } from '../support/core-call';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { ingestPdfs, iotUrl } from './sync-support';

describe('document stages', () => {
  let dir: string;
  let core: Core;
  let server: ZgwServer;
  const ids = {} as Record<
    'nieuw' | 'delivered' | 'attention' | 'queued' | 'flagged' | 'ready' | 'autoSplit' | 'lowField' | 'lowFieldSet',
    string
  >;
  let parts: DocumentSummary[] = [];
  const temps: string[] = [];
  const temp = (prefix: string) => {
    const d = tempDir(prefix);
    temps.push(d);
    return d;
  };

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal' });
    dir = join(temp('postkamer-stage-'), 'store');
    // Recognition switched off: a document kept as it came has not been recognised (nieuw).
    const asIs = new Core(await initStore(dir, { passphrase: PASSPHRASE }), { processor: storeAsIs, close: async () => undefined });
    await asAdmin(asIs, CLI_CTX);
    [ids.nieuw] = await ingestPdfs(asIs, 1, { offset: 900 });
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
    // One file holding three letters (with a separator sheet and a Patch-T sheet between them).
    const stack = join(temp('postkamer-stage-in-'), 'brief.pdf');
    writeFileSync(stack, await mustShowPdf(200));
    const r = await call(core, 'ingest.paths', { paths: [stack], profile: 'enkelzijdig' });
    expect(r.errors).toEqual([]);
    parts = (await call(core, 'documents.list', { batchId: r.batchId, limit: 10 })).sort((a, b) => a.seq - b.seq);

    [ids.delivered, ids.attention, ids.queued, ids.flagged] = await ingestPdfs(core, 4, { offset: 910 });
    // A whole letter (the short generated ones above are flagged too light): recognised, no flag, not linked.
    const letter = join(temp('postkamer-stage-letter-'), 'brief-920.pdf');
    writeFileSync(letter, (await makeLetterPdf({ seed: 7 })).pdf);
    [ids.ready] = (await call(core, 'ingest.paths', { paths: [letter] })).documents.map((d) => d.id);
    await call(core, 'sync.link', { documentId: ids.delivered, zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.link', { documentId: ids.attention, zaaknummer: 'ZAAK-2026-0000009999' });
    expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 1 });
    await call(core, 'sync.link', { documentId: ids.queued, zaaknummer: 'ZAAK-2026-0000000002' });
    // A quality flag as recognition sets it on a dark scan (these generated letters are clean).
    core.store.db.prepare(`UPDATE documents SET qc_flags = '["too-dark"]' WHERE id = ?`).run(ids.flagged);
    // An unconfirmed automatic split, and a sender read with a low confidence (one of them then set by the clerk),
    // as recognition stores them; their pages otherwise unflagged.
    [ids.autoSplit, ids.lowField, ids.lowFieldSet] = await ingestPdfs(core, 3, { offset: 930 });
    const db = core.store.db;
    db.prepare(`UPDATE documents SET qc_flags = '[]', auto_split = 1 WHERE id = ?`).run(ids.autoSplit);
    const low = JSON.stringify({
      sender: 'Jansen, Dorpsstraat 1',
      detail: { sender: { value: 'Jansen, Dorpsstraat 1', confidence: 0.31, page: 0, bbox: null } },
    });
    for (const id of [ids.lowField, ids.lowFieldSet])
      db.prepare(`UPDATE documents SET qc_flags = '[]', extracted = ? WHERE id = ?`).run(low, id);
    await call(core, 'documents.edit', { id: ids.lowFieldSet, set: { afzender: 'A. Jansen' } });
  }, 300_000);
  afterAll(async () => {
    await core?.close();
    await server?.close();
    for (const d of temps) rmSync(d, { recursive: true, force: true });
  });

  const all = async () => call(core, 'documents.list', { limit: 1000 });
  const byId = async () => new Map((await all()).map((d) => [d.id, d]));

  it('a PDF of three letters gives three documents with distinct names that say which part', () => {
    expect(parts.map((d) => d.fileName)).toEqual(['brief (1 van 3).pdf', 'brief (2 van 3).pdf', 'brief (3 van 3).pdf']);
    for (const d of parts) expect(d.status).toBe('ready');
    // The letter after the separator sheet carries its zaaknummer, and says where it came from.
    expect(parts[1]).toMatchObject({ zaaknummer: ZAAKNUMMER_B, zaaknummerSource: 'separator' });
  });

  it('a single-document file keeps its name', async () => {
    const docs = await byId();
    expect(docs.get(ids.delivered)!.fileName).toBe('brief-910.pdf');
    expect(docs.get(ids.nieuw)!.fileName).toBe('brief-900.pdf');
  });

  it('documents.list gives each document its stage, with the server’s reason for attention', async () => {
    const docs = await byId();
    expect(docs.get(ids.nieuw)).toMatchObject({ stage: 'nieuw', stageReason: null, zaaknummerSource: null });
    expect(docs.get(ids.delivered)).toMatchObject({ stage: 'afgeleverd', stageReason: null, zaaknummerSource: 'manual' });
    expect(docs.get(ids.attention)!.stage).toBe('aandacht-nodig');
    expect(docs.get(ids.attention)!.stageReason).toContain('Zaak ZAAK-2026-0000009999 bestaat niet in het zaaksysteem');
    expect(docs.get(ids.queued)).toMatchObject({ stage: 'in-outbox', zaaknummerSource: 'manual' });
    expect(docs.get(ids.flagged)).toMatchObject({ stage: 'te-controleren', qcFlags: ['too-dark'] });
    expect(docs.get(ids.ready)).toMatchObject({ stage: 'klaar-om-te-koppelen', qcFlags: [], status: 'ready' });
    expect(docs.get(ids.autoSplit)).toMatchObject({ stage: 'te-controleren', autoSplit: true });
    expect(docs.get(ids.lowField)!.stage).toBe('te-controleren');
    expect(docs.get(ids.lowField)!.fields.afzender).toMatchObject({ value: 'Jansen', source: 'extracted', confidence: 0.31 });
    expect(docs.get(ids.lowFieldSet)).toMatchObject({ stage: 'klaar-om-te-koppelen' });
    // The scanned letters: a page flag (resolution, skew) sends them to te-controleren, otherwise they are ready.
    for (const p of parts) expect(docs.get(p.id)!.stage).toBe(p.qcFlags.length ? 'te-controleren' : 'klaar-om-te-koppelen');
    expect(new Set([...docs.values()].map((d) => d.stage))).toEqual(new Set(STAGES));
    expect((await call(core, 'documents.get', { id: ids.attention })).stage).toBe('aandacht-nodig');
  });

  it('the stage filter and the counts agree with the stages listed', async () => {
    const docs = await all();
    const counts = await call(core, 'documents.stageCounts', {});
    expect(Object.keys(counts).sort()).toEqual([...STAGES].sort());
    for (const stage of STAGES) {
      const listed = docs.filter((d) => d.stage === stage).map((d) => d.id);
      const filtered = await call(core, 'documents.list', { stage, limit: 1000 });
      expect(filtered.map((d) => d.id).sort(), stage).toEqual(listed.sort());
      expect(filtered.every((d) => d.stage === stage)).toBe(true);
      expect(counts[stage as Stage], stage).toBe(listed.length);
    }
    expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(docs.length);
  });

  it('lists newest first by default and oldest first on request', async () => {
    const newest = await call(core, 'documents.list', { limit: 1000 });
    const oldest = await call(core, 'documents.list', { limit: 1000, order: 'oldest' });
    expect(oldest[0].id).toBe(ids.nieuw);
    expect(newest.at(-1)!.id).toBe(ids.nieuw);
    const times = oldest.map((d) => d.createdAt);
    expect([...times].sort()).toEqual(times);
  });

  it('postkamer documents --json carries the same stage; the table has a fase column', async () => {
    const listed = await byId();
    await core.close();
    try {
      const json = await runCli(['documents', '--json', '--data', dir]);
      expect(json.code, json.stderr).toBe(0);
      const out = JSON.parse(json.stdout) as DocumentSummary[];
      expect(out).toHaveLength(listed.size);
      for (const d of out) expect(d.stage, d.fileName).toBe(listed.get(d.id)!.stage);
      const table = await runCli(['documents', '--data', dir]);
      expect(table.code, table.stderr).toBe(0);
      expect(table.stdout).toMatch(/fase/);
      expect(table.stdout).toMatch(/aandacht-nodig/);
      expect(table.stdout).toMatch(/afgeleverd/);
    } finally {
      core = await openCore(dir, PASSPHRASE);
    }
  });
});
