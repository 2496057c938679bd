import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { anchorAuditHead, anchorPath, verifyAuditTrail } from '../../../src/audit/anchor';
import { appendAudit, workstationName } from '../../../src/audit/audit';
import { entryHash, GENESIS } from '../../../src/audit/hash';
import { insertAuditEntry } from '../../../src/store/audit-log';
import { insertPerson } from '../../../src/store/people';
import { initStore, type Store } from '../../../src/store/store';

// The chain's check on a real store (SQLCipher on disk): each kind of tampering named at its first bad entry, the
// anchor outside the table, and rows from before people verifying beside new ones.

/** A key slot the test wraps itself (no scrypt: the chain is what is tested here, not the passphrase). */
const NO_SCRYPT = { osWrap: () => 'test-wrapped' };

let dir: string;
let store: Store;
let other: { dir: string; store: Store };

const add = (n: number, actor = 'postkamer') => {
  for (let i = 0; i < n; i++)
    appendAudit(store.db, { actor, origin: 'cli', action: 'batch.create', objectType: 'batch', objectId: `b${i}`, result: 'ok' });
};
/** What someone holding the database key can do: drop the append-only guards and edit rows. */
const unguard = () => store.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
const verify = () => verifyAuditTrail(store);

beforeAll(async () => {
  const d = mkdtempSync(join(tmpdir(), 'postkamer-audit-other-'));
  other = { dir: d, store: await initStore(d, NO_SCRYPT) };
});
afterAll(() => {
  other.store.close();
  rmSync(other.dir, { recursive: true, force: true });
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-audit-'));
  store = await initStore(dir, NO_SCRYPT);
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('verifying the chain', () => {
  it('an intact chain, anchored', () => {
    add(10);
    expect(verify()).toEqual({ valid: true, entries: 10, headSeq: 10, anchored: false, anchorSeq: null, problem: null });
    expect(anchorAuditHead(store)).toBe('anchored');
    expect(verify()).toEqual({ valid: true, entries: 10, headSeq: 10, anchored: true, anchorSeq: 10, problem: null });
    add(2); // written since the last anchoring: still intact
    expect(verify()).toMatchObject({ valid: true, entries: 12, anchored: true, anchorSeq: 10 });
  });

  it('changed: a row whose content no longer matches its hash', () => {
    add(10);
    unguard();
    store.db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 4`).run();
    expect(verify()).toMatchObject({ valid: false, entries: 10, problem: { seq: 4, kind: 'changed' } });
  });

  it('changed: a row changed and given a new hash, so the next no longer follows it', () => {
    add(10);
    unguard();
    const row = store.db.prepare('SELECT * FROM audit WHERE seq = 4').get() as Parameters<typeof entryHash>[1] & { prev_hash: string };
    const forged = { ...row, actor: 'mallory' };
    store.db.prepare(`UPDATE audit SET actor = 'mallory', hash = ? WHERE seq = 4`).run(entryHash(row.prev_hash, forged));
    expect(verify()).toMatchObject({ valid: false, problem: { seq: 4, kind: 'changed' } });
  });

  it('missing: rows deleted in the middle, named from the first', () => {
    add(10);
    unguard();
    store.db.prepare('DELETE FROM audit WHERE seq = 5').run();
    expect(verify()).toMatchObject({ valid: false, entries: 9, problem: { seq: 5, kind: 'missing' } });
    store.db.prepare('DELETE FROM audit WHERE seq IN (4, 6)').run();
    const v = verify();
    expect(v.problem).toMatchObject({ seq: 4, kind: 'missing' });
    expect(v.problem!.message).toContain('regels 4 t/m 6 ontbreken');
  });

  it('missing: the first row deleted', () => {
    add(3);
    unguard();
    store.db.prepare('DELETE FROM audit WHERE seq = 1').run();
    expect(verify().problem).toMatchObject({ seq: 1, kind: 'missing' });
  });

  it('reordered: two rows swapped', () => {
    add(6);
    unguard();
    store.db.exec(
      'UPDATE audit SET seq = -3 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = 4; UPDATE audit SET seq = 4 WHERE seq = -3;',
    );
    const v = verify();
    expect(v).toMatchObject({ valid: false, entries: 6, problem: { seq: 3, kind: 'reordered' } });
    expect(v.problem!.message).toContain('regel 4');
  });

  it('tail-removed: the newest rows deleted after they were anchored', () => {
    add(10);
    anchorAuditHead(store);
    unguard();
    store.db.prepare('DELETE FROM audit WHERE seq >= 9').run();
    // The chain that is left is whole: only the anchor tells.
    expect(verifyAuditTrail(store, [])).toMatchObject({ valid: false, entries: 8, headSeq: 8, anchored: false, anchorSeq: 10 });
    expect(verify().problem).toMatchObject({ seq: 9, kind: 'tail-removed' });
    // Anchoring again must not bless the shortened table, not even once new rows take the old numbers.
    expect(anchorAuditHead(store)).toBe('refused');
    const later = new Date(Date.now() + 1000); // written after the anchoring (not in its millisecond)
    for (let i = 0; i < 3; i++) appendAudit(store.db, { actor: 'postkamer', origin: 'cli', action: 'batch.create', result: 'ok' }, later);
    expect(anchorAuditHead(store)).toBe('refused');
    expect(JSON.parse(readFileSync(anchorPath(dir), 'utf8'))).toMatchObject({ seq: 10 });
    // Row 10 is there again, but another one; the first row written after the anchoring is where the tail was cut.
    expect(verify().problem).toMatchObject({ seq: 9, kind: 'tail-removed' });
  });

  it('anchor-invalid: an anchor file edited by hand, or one of another store', () => {
    add(5);
    anchorAuditHead(store);
    const file = anchorPath(dir);
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('"seq":5', '"seq":3'));
    expect(verify().problem).toMatchObject({ seq: 3, kind: 'anchor-invalid' });
    writeFileSync(file, 'garbage');
    expect(verify().problem).toMatchObject({ seq: 0, kind: 'anchor-invalid' });
    add(1); // the next anchoring leaves a broken anchor as it is
    expect(anchorAuditHead(store)).toBe('refused');
    expect(readFileSync(file, 'utf8')).toBe('garbage');
    appendAudit(other.store.db, { actor: 'postkamer', origin: 'cli', action: 'batch.create', result: 'ok' });
    anchorAuditHead(other.store);
    writeFileSync(file, readFileSync(anchorPath(other.dir)));
    expect(verify().problem).toMatchObject({ kind: 'anchor-invalid' });
    expect(verify().problem!.message).toContain('andere opslag');
    writeFileSync(file, good);
    expect(verify()).toMatchObject({ valid: true, anchored: true, anchorSeq: 5, headSeq: 6 });
  });

  it('a copy of the anchor kept elsewhere (the OS keychain) catches a deleted anchor file', () => {
    add(5);
    anchorAuditHead(store);
    const kept = readFileSync(anchorPath(dir), 'utf8');
    unguard();
    store.db.prepare('DELETE FROM audit WHERE seq = 5').run();
    rmSync(anchorPath(dir));
    expect(verifyAuditTrail(store)).toMatchObject({ valid: true, anchored: false });
    expect(verifyAuditTrail(store, [kept]).problem).toMatchObject({ seq: 5, kind: 'tail-removed' });
  });
});

describe('anchoring', () => {
  it('is cheap when nothing changed and follows the head', () => {
    expect(anchorAuditHead(store)).toBe('unchanged'); // an empty trail has nothing to anchor
    add(1);
    expect(anchorAuditHead(store)).toBe('anchored');
    expect(anchorAuditHead(store)).toBe('unchanged');
    add(1);
    expect(anchorAuditHead(store)).toBe('anchored');
    expect(JSON.parse(readFileSync(anchorPath(dir), 'utf8'))).toMatchObject({ format: 1, seq: 2, storeId: store.keyFile.storeId });
  });
});

describe('entries', () => {
  it('record the person by login with name and roles at the time, and the workstation', () => {
    const at = new Date().toISOString();
    insertPerson(store.db, {
      id: 'p1',
      login: 'jan',
      name: 'Jan de Vries',
      roles: '["medewerker","archivaris"]',
      zgwUserId: null,
      pinHash: 'x',
      at,
    });
    add(1, 'jan');
    add(1, 'postkamer');
    const rows = store.db.prepare('SELECT actor, actor_name, actor_roles, workstation, format FROM audit ORDER BY seq').all();
    expect(rows).toEqual([
      { actor: 'jan', actor_name: 'Jan de Vries', actor_roles: '["medewerker","archivaris"]', workstation: workstationName(), format: 2 },
      { actor: 'postkamer', actor_name: null, actor_roles: '[]', workstation: workstationName(), format: 2 },
    ]);
    // The roles are covered by the hash: promoting someone afterwards shows.
    unguard();
    store.db.prepare(`UPDATE audit SET actor_roles = '["beheerder"]' WHERE seq = 1`).run();
    expect(verify().problem).toMatchObject({ seq: 1, kind: 'changed' });
  });

  it('rows from before people (format 1) keep verifying beside new ones, and a change to one still shows', () => {
    let prev = GENESIS;
    for (let i = 1; i <= 3; i++) {
      const e = {
        format: 1,
        at: new Date(2025, 0, i).toISOString(),
        actor: 'root',
        actor_name: null,
        actor_roles: '[]',
        origin: 'cli',
        workstation: '',
        action: 'batch.create',
        object_type: 'batch',
        object_id: `old${i}`,
        result: 'ok',
        details: '{}',
      };
      const hash = entryHash(prev, e);
      insertAuditEntry(store.db, {
        format: 1,
        at: e.at,
        actor: e.actor,
        actorName: null,
        actorRoles: '[]',
        origin: e.origin,
        workstation: '',
        action: e.action,
        objectType: e.object_type,
        objectId: e.object_id,
        result: e.result,
        details: e.details,
        prev,
        hash,
      });
      prev = hash;
    }
    add(2);
    expect(verify()).toMatchObject({ valid: true, entries: 5 });
    unguard();
    store.db.prepare(`UPDATE audit SET format = 2 WHERE seq = 2`).run();
    expect(verify().problem).toMatchObject({ seq: 2, kind: 'changed' });
  });
});
