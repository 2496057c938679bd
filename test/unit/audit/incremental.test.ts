import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anchorAuditHead, verifyAuditTrail, verifyAuditTrailSinceLastCheck } from '../../../src/audit/anchor';
import { appendAudit } from '../../../src/audit/audit';
import { entryHash } from '../../../src/audit/hash';
import { auditRowsHashed } from '../../../src/audit/verify';
import { auditVerifiedMark } from '../../../src/store/audit-log';
import { initStore, type Store } from '../../../src/store/store';

// The status's incremental check on a real store: it walks only the entries written since it last ran (counted by
// the rows it hashed), keeps its mark in the store, and what it cannot see (an old row changed in place) is found by
// the whole walk of audit.verify; a change that re-hashes the chain after it moves the head away from the anchor.

const NO_SCRYPT = { osWrap: () => 'test-wrapped' };
let dir: string;
let store: Store;

const add = (n: number) => {
  for (let i = 0; i < n; i++)
    appendAudit(store.db, {
      actor: 'postkamer',
      origin: 'cli',
      action: 'batch.create',
      objectType: 'batch',
      objectId: `b${i}`,
      result: 'ok',
    });
};
const unguard = () => store.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
/** The incremental check, and how many rows it hashed. */
const status = () => {
  const before = auditRowsHashed.count;
  const v = verifyAuditTrailSinceLastCheck(store);
  return { ...v, hashed: auditRowsHashed.count - before };
};
type Row = Parameters<typeof entryHash>[1] & { seq: number; prev_hash: string; hash: string };
/** Changes entry `seq` and re-hashes it and every entry after it, as someone holding the database key could. */
const rewriteFrom = (seq: number) => {
  unguard();
  const rows = store.db.prepare('SELECT * FROM audit WHERE seq >= ? ORDER BY seq').all(seq) as Row[];
  let prev = rows[0]!.prev_hash;
  for (const r of rows) {
    const forged = { ...r, prev_hash: prev, actor: r.seq === seq ? 'mallory' : r.actor };
    const hash = entryHash(prev, forged);
    store.db.prepare('UPDATE audit SET actor = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(forged.actor, prev, hash, r.seq);
    prev = hash;
  }
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-audit-incr-'));
  store = await initStore(dir, NO_SCRYPT);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the incremental audit check', () => {
  it('walks only the entries written since it last ran, and keeps its mark in the store', () => {
    add(200);
    expect(status()).toMatchObject({ valid: true, entries: 200, headSeq: 200, hashed: 200 });
    expect(auditVerifiedMark(store.db)).toMatchObject({ seq: 200 });
    add(7);
    expect(status()).toMatchObject({ valid: true, entries: 207, headSeq: 207, hashed: 7 });
    expect(status()).toMatchObject({ valid: true, entries: 207, headSeq: 207, hashed: 0 });
    // audit.verify's check walks everything, every time.
    const before = auditRowsHashed.count;
    expect(verifyAuditTrail(store)).toMatchObject({ valid: true, entries: 207 });
    expect(auditRowsHashed.count - before).toBe(207);
  });

  it('finds a change among the new entries', () => {
    add(20);
    status();
    add(5);
    unguard();
    store.db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 23`).run();
    expect(status()).toMatchObject({ valid: false, problem: { seq: 23, kind: 'changed' } });
    expect(auditVerifiedMark(store.db)).toMatchObject({ seq: 20 }); // not moved past the bad entry
  });

  it('an old entry changed in place: not seen by the incremental check, found by audit.verify', () => {
    add(30);
    anchorAuditHead(store);
    status();
    unguard();
    store.db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 10`).run();
    // The known limit: the rows before the mark are not read again, and the head (what the anchor names) is intact.
    expect(status()).toMatchObject({ valid: true, hashed: 0 });
    expect(verifyAuditTrail(store)).toMatchObject({ valid: false, problem: { seq: 10, kind: 'changed' } });
  });

  it('an old entry changed and the chain re-hashed after it: the anchor and the mark no longer match', () => {
    add(30);
    anchorAuditHead(store);
    status();
    rewriteFrom(10);
    expect(status()).toMatchObject({ valid: false, problem: { seq: 30, kind: 'changed' } });
    expect(verifyAuditTrail(store)).toMatchObject({ valid: false, problem: { kind: 'tail-removed' } });
  });

  it('re-hashed after it with no anchor file: still caught by the mark kept in the store', () => {
    add(30);
    status();
    add(3);
    rewriteFrom(10);
    expect(status()).toMatchObject({ valid: false, problem: { seq: 30, kind: 'changed' } });
  });

  it('the newest verified entries deleted: the trail is reported cut', () => {
    add(30);
    status();
    unguard();
    store.db.prepare('DELETE FROM audit WHERE seq > 25').run();
    expect(status()).toMatchObject({ valid: false, entries: 25, problem: { seq: 26, kind: 'tail-removed' } });
  });
});
