// A correction after delivery reaches the server's EIO exactly once (issue 15): lock → PATCH → unlock through the
// sync worker, against the test zaaksysteem with its faults, and across a SIGKILL at each step of the CLI's sync.
import { afterEach, describe, expect, it } from 'vitest';
import { listCorrections, queueEioCorrection, updateCorrection, type EioChanges } from '../../src/store/eio-corrections';
import { TEST_ADMIN } from '../support/people';
import { startZgwServer, ZgwTestClient } from '../zgw-server';
import {
  call,
  deliveredDocument,
  ingestPdfs,
  openTestCore,
  openWithEnv,
  tempDir,
  syncOnceCli,
  type DeliveredDocument,
} from './sync-support';

const CHANGES: EioChanges = {
  titel: 'Bezwaar aanslag 2026',
  auteur: 'Bouwbedrijf Van Leeuwen B.V.',
  beschrijving: 'Bezwaar tegen de aanslag',
};

type Setup = DeliveredDocument;

const open: Setup[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

/** A fresh test zaaksysteem and store with one document delivered to it (sync knobs from `env`, read at open). */
async function delivered(env: Record<string, string> = {}): Promise<Setup> {
  const s = await deliveredDocument('eio-correction', env);
  open.push(s);
  return s;
}

function queue(s: Setup, changes: EioChanges = CHANGES): void {
  queueEioCorrection(s.core.store.db, { documentId: s.documentId, changes, requestedBy: TEST_ADMIN.login, at: new Date().toISOString() });
}

/** The server's record of the EIO: every version and its lock. */
function eio(s: Setup) {
  const rec = [...s.server.state.eios.values()].find((e) => e.url === s.eioUrl)!;
  return { versions: rec.versions, latest: rec.versions[rec.versions.length - 1].fields, locked: rec.lock !== '', lock: rec.lock };
}

/** Requests the server received for the EIO (answered, refused by a fault, or taken and dropped). */
function count(s: Setup, op: 'lock' | 'unlock' | 'patch'): number {
  const path = new URL(s.eioUrl).pathname;
  const want = op === 'patch' ? { method: 'PATCH', path } : { method: 'POST', path: `${path}/${op}` };
  return s.server.state.requests.filter((r) => r.method === want.method && r.path === want.path).length;
}

function expectCorrected(s: Setup, changes: EioChanges = CHANGES): void {
  const e = eio(s);
  expect(e.versions).toHaveLength(2); // exactly one new version
  expect(e.latest).toMatchObject(changes);
  expect(e.versions[1].content).toEqual(e.versions[0].content); // the content is untouched
  expect(e.locked).toBe(false);
  expect(s.server.state.responseErrors).toEqual([]);
}

function auditActions(s: Setup): { action: string; details: string }[] {
  return s.core.store.db.prepare("SELECT action, details FROM audit WHERE action LIKE 'zgw.eio.correct%' ORDER BY seq").all() as {
    action: string;
    details: string;
  }[];
}

describe('EIO correction after delivery', () => {
  it('reaches the EIO as exactly one new version (lock, PATCH, unlock), audited by field name only', async () => {
    const s = await delivered();
    queue(s);
    const summary = await call(s.core, 'sync.run', { maxWaitMs: 5000 });
    expect(summary).toMatchObject({ attention: 0, remaining: 0 });
    expectCorrected(s);
    expect([count(s, 'lock'), count(s, 'patch'), count(s, 'unlock')]).toEqual([1, 1, 1]);
    // The PATCH went out as the person who asked for the correction.
    const patch = s.server.state.requests.find((r) => r.method === 'PATCH')!;
    expect(patch.jwt?.userId).toBe(TEST_ADMIN.login);
    expect(listCorrections(s.core.store.db, s.documentId)).toEqual([expect.objectContaining({ state: 'done', lock: null })]);
    const audit = auditActions(s);
    expect(audit.map((a) => a.action)).toEqual(['zgw.eio.corrected']);
    expect(JSON.parse(audit[0].details)).toEqual({ fields: 'titel,auteur,beschrijving', patched: true });
    expect(audit[0].details).not.toContain('Van Leeuwen');
    // Nothing is sent again.
    await call(s.core, 'sync.run', { maxWaitMs: 1000 });
    expect(count(s, 'patch')).toBe(1);
  });

  it('applies several corrections of one document in order, one version each', async () => {
    const s = await delivered();
    queue(s, { titel: 'Eerste' });
    queue(s, { titel: 'Tweede', ontvangstdatum: '2026-03-02' });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
    const e = eio(s);
    expect(e.versions.map((v) => v.fields.titel)).toEqual([e.versions[0].fields.titel, 'Eerste', 'Tweede']);
    expect(e.latest.ontvangstdatum).toBe('2026-03-02');
    expect(e.locked).toBe(false);
  });

  it('waits for the delivery: a correction queued before it is sent after it, in the same run', async () => {
    const server = await startZgwServer({ seed: 'minimal', validate: true });
    const t = tempDir('eio-correction-wait');
    const core = await openWithEnv(t.dir, server);
    try {
      const [documentId] = await ingestPdfs(core, 1);
      await call(core, 'sync.link', { documentId, zaaknummer: 'ZAAK-2026-0000000001' });
      queueEioCorrection(core.store.db, {
        documentId,
        changes: { titel: 'Later' },
        requestedBy: TEST_ADMIN.login,
        at: new Date().toISOString(),
      });
      expect(await call(core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ delivered: 1, attention: 0, remaining: 0 });
      const [rec] = [...server.state.eios.values()];
      expect(rec.versions.map((v) => v.fields.titel).slice(1)).toEqual(['Later']);
    } finally {
      await core.close();
      await server.close();
      t.cleanup();
    }
  });

  it('a PATCH whose answer is lost (connection dropped after commit) is not sent again', async () => {
    const s = await delivered();
    queue(s);
    s.server.faults.add({ kind: 'reset-after-commit', method: 'PATCH' });
    const summary = await call(s.core, 'sync.run', { maxWaitMs: 5000 });
    expect(summary).toMatchObject({ attention: 0, remaining: 0 });
    expect(summary.retried).toBeGreaterThanOrEqual(1);
    expectCorrected(s);
    expect(count(s, 'patch')).toBe(1);
    expect(JSON.parse(auditActions(s)[0].details)).toMatchObject({ patched: false }); // found applied under our lock
  });

  it('a PATCH the client gave up on (timeout) while the server applied it is not sent again', async () => {
    // The retry (backoff ≥ 1 s) comes after the server's late write (0.8 s): the GET under our lock then shows it.
    const s = await delivered({ POSTKAMER_SYNC_TIMEOUT_MS: '300', POSTKAMER_SYNC_BACKOFF_MS: '2000' });
    queue(s);
    s.server.faults.add({ kind: 'slow', method: 'PATCH', delayMs: 800 });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 10_000 })).toMatchObject({ attention: 0, remaining: 0 });
    expectCorrected(s);
    expect(count(s, 'patch')).toBe(1);
  });

  it('a 503 on the unlock, and an unlock whose answer is lost, end unlocked with one version', async () => {
    for (const fault of [{ kind: 'status' as const, status: 503 }, { kind: 'reset-after-commit' as const }]) {
      const s = await delivered();
      queue(s);
      s.server.faults.add({ ...fault, method: 'POST', path: /\/unlock$/ });
      expect(await call(s.core, 'sync.run', { maxWaitMs: 5000 })).toMatchObject({ attention: 0, remaining: 0 });
      expectCorrected(s);
      expect(count(s, 'patch')).toBe(1);
      expect(count(s, 'unlock')).toBe(2);
    }
  });

  it('a lock held by someone else → attention with the reason; after it is lifted, a retry sends it once', async () => {
    const s = await delivered();
    const other = new ZgwTestClient(s.server.info);
    const theirs = (await other.post(`${s.eioUrl}/lock`, undefined)).body.lock as string;
    queue(s);
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 1, remaining: 0 });
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'attention', lastErrorCode: 'zgw-eio-locked', lock: null });
    expect(c.lastError).toMatch(/vergrendeld door een andere toepassing.*geforceerd ontgrendelen/);
    expect(count(s, 'patch')).toBe(0);
    expect(eio(s)).toMatchObject({ lock: theirs }); // their lock untouched
    expect(auditActions(s).map((a) => a.action)).toEqual(['zgw.eio.correction-attention']);

    expect((await other.post(`${s.eioUrl}/unlock`, { lock: theirs })).status).toBe(204);
    await call(s.core, 'sync.retry', { documentId: s.documentId });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 0, remaining: 0 });
    expectCorrected(s);
  });

  it('a stored lock the server no longer knows (lifted by an administrator) → locks again, one version', async () => {
    const s = await delivered();
    queue(s);
    // As if a run recorded its lock and stopped, and the lock was then lifted on the server.
    const lock = (await new ZgwTestClient(s.server.info).post(`${s.eioUrl}/lock`, undefined)).body.lock as string;
    const [c] = listCorrections(s.core.store.db, s.documentId);
    updateCorrection(s.core.store.db, c.id, { state: 'locked', lock });
    expect((await new ZgwTestClient(s.server.info).post(`${s.eioUrl}/unlock`, { lock })).status).toBe(204);
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 0, remaining: 0 });
    expectCorrected(s);
    expect([count(s, 'lock'), count(s, 'patch')]).toEqual([2, 1]); // the test's lock and ours
  });

  it('a refusal of the PATCH (4xx) → attention with the server reason, and our lock lifted', async () => {
    const s = await delivered();
    queue(s);
    s.server.faults.add({ kind: 'status', status: 400, method: 'PATCH' });
    expect(await call(s.core, 'sync.run', { maxWaitMs: 3000 })).toMatchObject({ attention: 1, remaining: 0 });
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'attention', lock: null });
    expect(c.lastError).toBeTruthy();
    expect(eio(s)).toMatchObject({ locked: false });
    expect(eio(s).versions).toHaveLength(1);
  });
});

describe('EIO correction across a SIGKILL of `postkamer sync` at each step', () => {
  const sync = syncOnceCli;

  /** Delivers and queues in-process, then hands the store to the CLI (the store is closed meanwhile). */
  async function handedToCli(): Promise<Setup> {
    const s = await delivered();
    queue(s);
    await s.core.close();
    return s;
  }
  const reopen = async (s: Setup) => {
    s.core = await openTestCore(s.dir);
  };

  for (const point of ['after-correction-locked', 'after-correction-patch', 'after-correction-unlock']) {
    it(`killed at ${point}: the next run ends with exactly one new version, unlocked`, async () => {
      const s = await handedToCli();
      const killed = await sync(s.dir, { POSTKAMER_SYNC_KILL_POINT: `${point}:1` });
      expect(killed.signal, killed.stderr).toBe('SIGKILL');
      expect(eio(s).locked).toBe(point !== 'after-correction-unlock');
      const r = await sync(s.dir);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ attention: 0, remaining: 0 });
      await reopen(s);
      expectCorrected(s);
      expect(count(s, 'patch')).toBe(1);
      expect(count(s, 'lock')).toBe(1);
    });
  }

  it('killed with the lock answered but not recorded: attention (an unknown lock), nothing patched', async () => {
    const s = await handedToCli();
    expect((await sync(s.dir, { POSTKAMER_SYNC_KILL_POINT: 'after-correction-lock:1' })).signal).toBe('SIGKILL');
    const r = await sync(s.dir);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ attention: 1, remaining: 0 });
    await reopen(s);
    const [c] = listCorrections(s.core.store.db, s.documentId);
    expect(c).toMatchObject({ state: 'attention', lastErrorCode: 'zgw-eio-locked' });
    expect(c.lastError).toMatch(/eerder verzoek van Postkamer/);
    expect(count(s, 'patch')).toBe(0);
    expect(eio(s).versions).toHaveLength(1);
  });
});
