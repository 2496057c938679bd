// A rescanned page gives a delivered document exactly one new version of its EIO (issue 18): the rebuilt PDF/A goes
// as the PATCH's base64 inhoud with bestandsomvang, bestandsnaam and integriteit, through the EIO correction outbox
// (lock → GET → PATCH unless applied → unlock), against the test zaaksysteem with its faults and across a SIGKILL of
// the CLI's sync at each of the correction's checkpoints.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { listCorrections, queueEioCorrection, type EioChanges } from '../../src/store/eio-corrections';
import { TEST_ADMIN } from '../support/people';
import { ZgwTestClient } from '../zgw-server';
import { call, deliveredDocument, makePdf, openTestCore, syncOnceCli, type DeliveredDocument } from './sync-support';

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Setup extends DeliveredDocument {
  /** The rescanned document's new PDF/A. */
  rebuilt: { bytes: Buffer; sha256: string; size: number; blobId: string } | null;
}

const open: Setup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function delivered(): Promise<Setup> {
  const s: Setup = { ...(await deliveredDocument('eio-content')), rebuilt: null };
  open.push(s);
  return s;
}

/**
 * What the rescan does in one transaction (the lead's qc.rescan*): the document's PDF/A replaced by the rebuilt one,
 * and, the EIO existing, a content correction queued. `extra` adds descriptive changes to the same correction.
 */
async function rescan(s: Setup, extra: Omit<EioChanges, 'inhoud'> = {}, claimedSha?: string): Promise<void> {
  const bytes = await makePdf(4242);
  const db = s.core.store.db;
  const blob = await s.core.store.vault.write(bytes, 'application/pdf');
  db.transaction(() => {
    s.core.store.vault.commit(blob);
    db.prepare('UPDATE documents SET pdf_blob_id = ?, sha256 = ?, size = ? WHERE id = ?').run(
      blob.id,
      blob.sha256,
      blob.size,
      s.documentId,
    );
    const inhoud = { blobId: blob.id, sha256: claimedSha ?? blob.sha256, size: blob.size, bestandsnaam: 'brief-000.pdf' };
    queueEioCorrection(db, {
      documentId: s.documentId,
      changes: { ...extra, inhoud },
      requestedBy: TEST_ADMIN.login,
      at: new Date().toISOString(),
    });
  }).immediate();
  s.rebuilt = { bytes, sha256: blob.sha256, size: blob.size, blobId: blob.id };
}

function record(s: Setup) {
  return [...s.server.state.eios.values()].find((e) => e.url === s.eioUrl)!;
}

const patches = (s: Setup) => s.server.state.requests.filter((r) => r.method === 'PATCH' && r.path === new URL(s.eioUrl).pathname).length;
const locks = (s: Setup) =>
  s.server.state.requests.filter((r) => r.method === 'POST' && r.path === `${new URL(s.eioUrl).pathname}/lock`).length;

/** Exactly one new version, holding the rebuilt PDF/A (downloaded and checked), its size, name and checksum. */
async function expectOneNewVersion(s: Setup): Promise<void> {
  const rec = record(s);
  expect(rec.versions).toHaveLength(2);
  expect(rec.lock).toBe('');
  const zgw = new ZgwTestClient(s.server.info);
  const latest = await zgw.get(s.eioUrl);
  expect(latest.body).toMatchObject({
    versie: 2,
    bestandsomvang: s.rebuilt!.size,
    bestandsnaam: 'brief-000.pdf',
    integriteit: { algoritme: 'sha_256', waarde: s.rebuilt!.sha256 },
    locked: false,
  });
  const now = await zgw.download(`${s.eioUrl}/download`);
  expect(now.status).toBe(200);
  expect(sha256(now.bytes)).toBe(s.rebuilt!.sha256);
  // The first version keeps the content as delivered.
  const first = await zgw.download(`${s.eioUrl}/download?versie=1`);
  expect(sha256(first.bytes)).not.toBe(s.rebuilt!.sha256);
  expect(sha256(first.bytes)).toBe((rec.versions[0].fields.integriteit as { waarde: string }).waarde);
  expect(s.server.state.responseErrors).toEqual([]);
}

describe('a rescan of a delivered document', () => {
  it('sends the rebuilt PDF/A as one new version of the EIO (lock, PATCH with inhoud, unlock)', async () => {
    const s = await delivered();
    await rescan(s);
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    await expectOneNewVersion(s);
    expect([locks(s), patches(s)]).toEqual([1, 1]);
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'done', lock: null });
    const audit = s.core.store.db.prepare("SELECT details FROM audit WHERE action = 'zgw.eio.corrected'").all() as { details: string }[];
    expect(audit.map((a) => JSON.parse(a.details))).toEqual([{ fields: 'inhoud', patched: true }]);
    // Nothing is sent again.
    await call(s.core, 'sync.run', { maxWaitMs: 500 });
    expect(patches(s)).toBe(1);
  });

  it('sends new content and descriptive fields of one correction together, in one version', async () => {
    const s = await delivered();
    await rescan(s, { titel: 'Bezwaar na herscan' });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    await expectOneNewVersion(s);
    expect(record(s).versions[1].fields.titel).toBe('Bezwaar na herscan');
  });

  it('a PATCH whose answer is lost after the server committed it is not sent again', async () => {
    const s = await delivered();
    await rescan(s);
    s.server.faults.add({ kind: 'reset-after-commit', method: 'PATCH' });
    const summary = await call(s.core, 'sync.run', { maxWaitMs: 5000 });
    expect(summary).toMatchObject({ attention: 0, remaining: 0 });
    expect(summary.retried).toBeGreaterThanOrEqual(1);
    await expectOneNewVersion(s);
    expect(patches(s)).toBe(1);
    const audit = s.core.store.db.prepare("SELECT details FROM audit WHERE action = 'zgw.eio.corrected'").get() as { details: string };
    expect(JSON.parse(audit.details)).toEqual({ fields: 'inhoud', patched: false }); // found applied under our lock
  });

  it('content that no longer matches its checksum → attention with the reason, our lock lifted, nothing sent', async () => {
    const s = await delivered();
    await rescan(s, {}, 'f'.repeat(64));
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 1, remaining: 0 });
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'attention', lastErrorCode: 'blob-integrity', lock: null });
    expect(c.lastError).toMatch(/niet meer dezelfde.*SHA-256.*niets naar het zaaksysteem gestuurd/);
    expect(patches(s)).toBe(0);
    expect(record(s).versions).toHaveLength(1);
    expect(record(s).lock).toBe('');
  });
});

describe('a rescan across a SIGKILL of `postkamer sync` at each checkpoint of the correction', () => {
  const sync = syncOnceCli;

  async function rescannedForCli(): Promise<Setup> {
    const s = await delivered();
    await rescan(s);
    await s.core.close();
    return s;
  }

  for (const point of ['after-correction-locked', 'after-correction-patch', 'after-correction-unlock']) {
    it(`killed at ${point}: the next run ends with exactly one new version holding the new content`, async () => {
      const s = await rescannedForCli();
      const killed = await sync(s.dir, { POSTKAMER_SYNC_KILL_POINT: `${point}:1` });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(record(s).versions).toHaveLength(point === 'after-correction-locked' ? 1 : 2);
      const r = await sync(s.dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ attention: 0, remaining: 0 });
      s.core = await openTestCore(s.dir);
      await expectOneNewVersion(s);
      expect([locks(s), patches(s)]).toEqual([1, 1]);
    });
  }

  it('killed with the lock answered but not recorded: attention (unknown lock); lifted by force and retried → one version', async () => {
    const s = await rescannedForCli();
    expect((await sync(s.dir, { POSTKAMER_SYNC_KILL_POINT: 'after-correction-lock:1' })).signal).toBe('SIGKILL');
    const r = await sync(s.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ attention: 1, remaining: 0 });
    s.core = await openTestCore(s.dir);
    expect(listCorrections(s.core.store.db, s.documentId)).toEqual([
      expect.objectContaining({
        state: 'attention',
        lastErrorCode: 'zgw-eio-locked',
        lastError: expect.stringMatching(/eerder verzoek van Postkamer/),
      }),
    ]);
    expect(patches(s)).toBe(0);
    // An administrator lifts the unknown lock in the zaaksysteem (a forced unlock), then the correction is retried.
    record(s).lock = '';
    await call(s.core, 'sync.retry', { documentId: s.documentId });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    await expectOneNewVersion(s);
    expect(patches(s)).toBe(1);
  });
});
