// Vervangende digitalisering, the batch's dossier and the four-eyes rule: the mail-room batch (letters, a separator
// sheet, a Patch-T sheet, a blank back side) scanned through the virtual eSCL scanner as the UI does; every field of
// the dossier checked against what happened; the person who scanned cannot start, judge or close its quality control
// (UI origin and CLI alike), another may; the sample is recorded once; the dossier is immutable in the store itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workstationName } from '../../src/audit/audit';
import { profileByName } from '../../src/core/profiles';
import type { CallContext, Core } from '../../src/core/core';
import { version } from '../../src/core/version';
import { openCore } from '../../src/hosts/open';
import { mustShowSheets } from '../escl-scanner/batch';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';
import { PASSPHRASE, tempDir } from '../support/cli';
import { call, callFailure } from '../support/core-call';
import { signedInAs } from '../support/people';
import { join } from 'node:path';

const MAKE_AND_MODEL = 'Acme ScanMaster 3000';
// The batch in feed order (test/escl-scanner/batch.ts): A1 A2 SEP B1 PATCH-T C1 C2 C3 C3-back (blank).
const FEED = ['A1', 'A2', 'SEP', 'B1', 'PATCH-T', 'C1', 'C2', 'C3', 'C3-back'];

describe('vervanging: the dossier of a scanned batch, and four eyes', () => {
  let core: Core;
  let scanner: VirtualScanner;
  const web: CallContext = { origin: 'web', connection: 'web-scanner' };
  let checker: CallContext;

  /** Scans the batch as the UI does (the administrator, who holds every role, scans) and returns its id. */
  async function scan(profile: string): Promise<string> {
    scanner.loadSheets(await mustShowSheets());
    const done = new Promise<string>((resolve) => {
      const off = core.on((name, data) => {
        const e = data as { batchId: string; state: string };
        if (name === 'scan.progress' && e.state !== 'scanning') {
          off();
          resolve(e.batchId);
        }
      });
    });
    await call(core, 'scanners.scan', { scanner: { kind: 'escl', url: scanner.baseUrl, name: 'Virtuele scanner' }, profile }, web);
    return done;
  }

  beforeAll(async () => {
    core = await openCore(join(tempDir(), 'store'), PASSPHRASE, { create: true });
    scanner = await startVirtualScanner({ sheets: await mustShowSheets(), makeAndModel: MAKE_AND_MODEL });
    core.configureScanner({ kind: 'escl', url: scanner.baseUrl }, { origin: 'cli' });
    checker = await signedInAs(core, ['archivaris'], 'web');
    // Every kept page is checked, so the sample shows each page's position in the scanned stack.
    await call(core, 'settings.set', { qcSampleRule: { kind: 'percentage', percent: 100, min: 1 } });
  }, 120_000);
  afterAll(async () => {
    await scanner?.close();
    await core?.close();
  });

  it('records who, where, with what, and the pages in and out (blank back dropped, two separator sheets)', async () => {
    const before = new Date().toISOString();
    const batchId = await scan('enkelzijdig');
    const { dossier } = await call(core, 'batches.get', { batchId });
    const docs = await call(core, 'documents.list', { batchId, limit: 100 });
    const pages = docs.reduce((n, d) => n + d.pageCount, 0);
    const p = profileByName(core.store.db, 'enkelzijdig');
    expect(dossier).not.toBeNull();
    const d = dossier!;
    expect(d.batchId).toBe(batchId);
    expect(d.scannedBy).toEqual({ login: 'test-beheerder', name: 'Test Beheerder' });
    expect(d.origin).toBe('web');
    expect(d.workstation).toBe(workstationName());
    expect(d.startedAt >= before).toBe(true);
    expect(d.closedAt! >= d.startedAt).toBe(true);
    expect(d.scanner).toEqual({ kind: 'escl', device: scanner.baseUrl, make: 'Acme', model: 'ScanMaster 3000', serial: 'VIRT-0001' });
    expect(d.profile).toEqual({
      name: 'enkelzijdig',
      resolution: p.resolution,
      colour: p.colour,
      compression: 'standaard (JPEG)',
      duplex: false,
      source: 'feeder',
      blankPages: 'drop',
      separatorSheets: true,
      patchT: true,
      locked: false,
    });
    expect(d.software.postkamer).toBe(version);
    expect(d.software.ocrEngine).toMatch(/^tesseract\.js \d+\.\d+\.\d+, tesseract\.js-core \d+\.\d+\.\d+$/);
    expect(d.software.ocrModel).toMatch(/^nld 4\.0\.0_best_int sha256:[0-9a-f]{16}; eng /);
    expect(d.pages).toEqual({ in: 9, out: 6, blankRemoved: 1, blankFlagged: 0, separatorSheets: 2 });
    expect(pages).toBe(6);
    expect(d.documents).toBe(docs.length);
    expect(docs).toHaveLength(3);
    const flags: Record<string, number> = {};
    const pageFlags = new Map<string, string[]>();
    for (const doc of docs)
      for (const pg of await call(core, 'documents.pages', { id: doc.id })) {
        pageFlags.set(pg.pageId, pg.qcFlags);
        for (const f of pg.qcFlags) flags[f] = (flags[f] ?? 0) + 1;
      }
    expect(d.qcFlags).toEqual(flags);
    expect(d.events).toEqual([]);

    // The positions are those of the scanned stack: the separator sheets (3, 5) and the blank back (9) are gaps.
    const started = await call(core, 'qc.start', { batchId }, checker);
    expect(started.sample.map((s) => FEED[s.page - 1])).toEqual(['A1', 'A2', 'B1', 'C1', 'C2', 'C3']);
    expect(started.qc.rule).toMatchObject({ population: 6, sampleSize: 6, ac: null, re: null });
    // Each flagged page by its position, with the flags it has.
    const expected = started.qc.sample
      .filter((x) => pageFlags.get(x.pageId)!.length > 0)
      .map((x) => ({ page: x.page, flags: pageFlags.get(x.pageId) }));
    expect(d.flaggedPages).toEqual(expected);
  }, 180_000);

  it('a kept blank page (profile blankPages: flag) is counted as flagged and keeps its place', async () => {
    await call(core, 'profiles.save', {
      profile: { ...profileByName(core.store.db, 'enkelzijdig'), name: 'markeren', label: 'Markeren', blankPages: 'flag' },
    });
    const batchId = await scan('markeren');
    const { dossier } = await call(core, 'batches.get', { batchId });
    expect(dossier!.pages).toEqual({ in: 9, out: 7, blankRemoved: 0, blankFlagged: 1, separatorSheets: 2 });
    expect(dossier!.qcFlags.blank).toBeGreaterThanOrEqual(1);
    // The blank back side is the ninth page of the stack, flagged as such.
    expect(dossier!.flaggedPages).toContainEqual({ page: 9, flags: expect.arrayContaining(['blank']) });
    const started = await call(core, 'qc.start', { batchId }, checker);
    expect(started.sample.map((s) => s.page)).toEqual([1, 2, 4, 6, 7, 8, 9]);
  }, 180_000);

  it('four eyes: who scanned cannot start, judge or close, through the UI channel or the CLI; another person can', async () => {
    const batchId = await scan('enkelzijdig');
    for (const ctx of [web, { origin: 'cli' as const, connection: 'cli-scanner' }]) {
      const refused = await callFailure(core, 'qc.start', { batchId }, ctx);
      expect(refused.code).toBe('qc-four-eyes');
      expect(refused.message).toMatch(/Vier ogen/);
    }
    expect((await call(core, 'qc.get', { batchId })).state).toBe('open'); // nothing was drawn for them

    const first = await call(core, 'qc.start', { batchId }, checker);
    const again = await call(core, 'qc.start', { batchId }, checker);
    expect(again.seed).toBe(first.seed);
    expect(again.sample).toEqual(first.sample);
    const page = first.sample[0]!.page;
    expect((await callFailure(core, 'qc.judge', { batchId, page, verdict: 'goed' }, web)).code).toBe('qc-four-eyes');
    expect((await callFailure(core, 'qc.close', { batchId }, web)).code).toBe('qc-four-eyes');
    // A clerk has no business in QC at all (role), and a page outside the sample is named as such.
    const clerk = await signedInAs(core, ['medewerker'], 'web');
    expect((await callFailure(core, 'qc.judge', { batchId, page, verdict: 'goed' }, clerk)).code).toBe('forbidden');
    expect((await callFailure(core, 'qc.judge', { batchId, page: 3, verdict: 'goed' }, checker)).code).toBe('qc-not-sampled');
    const refusals = await call(core, 'audit.list', { action: 'qc.refused', objectId: batchId, limit: 50 });
    expect(refusals.map((e) => [e.actor, e.result])).toEqual(Array.from({ length: 4 }, () => ['test-beheerder', 'rejected']));

    // Closing before every page is judged is refused with the pages still to do.
    const early = await callFailure(core, 'qc.close', { batchId }, checker);
    expect(early.code).toBe('qc-unjudged');
    for (const s of first.sample) await call(core, 'qc.judge', { batchId, page: s.page, verdict: 'goed' }, checker);
    expect(await call(core, 'qc.close', { batchId }, checker)).toEqual({ qc: 'goedgekeurd', faults: [] });
    const { dossier, qc } = await call(core, 'batches.get', { batchId });
    expect(qc).toMatchObject({
      state: 'goedgekeurd',
      closedBy: 't-archivaris',
      scannedBy: 'test-beheerder',
      progress: { judged: 6, total: 6 },
    });
    expect(dossier!.events.map((e) => e.kind)).toEqual(['qc-start', ...first.sample.map(() => 'qc-judge'), 'qc-close', 'verklaring']);
    // Approved is final: no more judging.
    expect((await callFailure(core, 'qc.judge', { batchId, page, verdict: 'goed' }, checker)).code).toBe('qc-state');
  }, 180_000);

  it('the store itself refuses changing a closed dossier, a recorded sample or the history', async () => {
    const { db } = core.store;
    const [b] = db.prepare('SELECT batch_id FROM batch_qc LIMIT 1').all() as { batch_id: string }[];
    expect(() => db.prepare("UPDATE batch_dossiers SET scanned_by = 'iemand' WHERE batch_id = ?").run(b!.batch_id)).toThrow(/immutable/);
    expect(() => db.prepare("UPDATE batch_qc SET seed = '00' WHERE batch_id = ?").run(b!.batch_id)).toThrow(/never changes|final/);
    expect(() => db.prepare('DELETE FROM batch_events WHERE batch_id = ?').run(b!.batch_id)).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE batch_events SET by = 'iemand' WHERE batch_id = ?").run(b!.batch_id)).toThrow(/append-only/);
  });
});
