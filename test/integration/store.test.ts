import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../src/audit/audit';
import { PostkamerError } from '../../src/contract/errors';
import { deriveKey } from '../../src/store/crypto';
import { latestSchemaVersion } from '../../src/store/migrations';
import { databasePath, initStore, openStore, type Store } from '../../src/store/store';
import { PASSPHRASE, listFiles, snapshotTree, tempDir } from '../support/cli';

const open: Store[] = [];
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

async function fresh(): Promise<{ dir: string; store: Store }> {
  const dir = tempDir();
  const store = await initStore(dir, { passphrase: PASSPHRASE });
  open.push(store);
  return { dir, store };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof PostkamerError ? e.code : `other: ${(e as Error).message}`;
  }
}

describe('encrypted store', () => {
  it('creates a SQLCipher database that cannot be read without the key', async () => {
    const { dir, store } = await fresh();
    expect(store.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    store.close();
    open.pop();
    const header = readFileSync(databasePath(dir)).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\u0000');
    const plain = new Database(databasePath(dir));
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
  });

  it('refuses a wrong passphrase and changes nothing on disk', async () => {
    const { dir, store } = await fresh();
    store.close();
    open.pop();
    const before = snapshotTree(dir);
    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: 'wrong wrong wrong' }))).toBe('wrong-passphrase');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('refuses a database newer than the app and leaves it untouched', async () => {
    const { dir, store } = await fresh();
    store.db.pragma(`user_version = ${latestSchemaVersion + 10}`);
    store.close();
    open.pop();
    const before = snapshotTree(dir);
    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }))).toBe('store-too-new');
    expect(snapshotTree(dir)).toEqual(before);
  });

  it('refuses to initialise over an existing store', async () => {
    const { dir } = await fresh();
    expect(await codeOf(initStore(dir, { passphrase: PASSPHRASE }))).toBe('store-exists');
  });

  it('opens with the raw master key as well as with the passphrase slot', async () => {
    const dir = tempDir();
    const master = Buffer.alloc(32, 7);
    const s = await initStore(dir, { passphrase: PASSPHRASE, master });
    s.db.prepare(`INSERT INTO settings (key, value) VALUES ('locale', '"en"')`).run();
    s.close();
    const byKey = await openStore(dir, { kind: 'master-key', key: master });
    expect((byKey.db.prepare('SELECT value FROM settings').get() as { value: string }).value).toBe('"en"');
    byKey.close();
    expect(await codeOf(openStore(dir, { kind: 'master-key', key: Buffer.alloc(32, 8) }))).toBe('wrong-passphrase');
    expect(deriveKey(master, 'database').equals(deriveKey(master, 'vault-wrap'))).toBe(false);
  });
});

describe('blob vault', () => {
  it('round-trips, detects tampering, and keeps no plaintext', async () => {
    const { dir, store } = await fresh();
    const data = Buffer.from('Geachte heer, dit is een geheime brief. MARKER-4711 '.repeat(100));
    const blob = await store.vault.write(data, 'text/plain');
    store.db.transaction(() => store.vault.commit(blob))();
    expect(store.vault.read(blob.id).equals(data)).toBe(true);
    const files = listFiles(join(dir, 'vault')).filter((f) => !f.includes('/vault/tmp/'));
    expect(files).toHaveLength(1);
    expect(readFileSync(files[0]).includes('MARKER-4711')).toBe(false);
    const bytes = readFileSync(files[0]);
    bytes[bytes.length - 40] ^= 1;
    writeFileSync(files[0], bytes);
    expect(() => store.vault.read(blob.id)).toThrow(PostkamerError);
  });

  it('recovery removes blobs of dead writers and files without a row, and keeps committed ones', async () => {
    const { dir, store } = await fresh();
    const kept = await store.vault.write(Buffer.from('kept'), 'text/plain');
    store.db.transaction(() => store.vault.commit(kept))();
    const dangling = await store.vault.write(Buffer.from('never committed'), 'text/plain');
    // Pretend the writer was another process that died: a pid that does not exist.
    store.db.prepare('UPDATE blobs SET writer = ? WHERE id = ?').run(`${(await import('node:os')).hostname()}/999999/dead`, dangling.id);
    const strayPath = join(dir, 'vault', 'ab', 'abcdef00-0000-4000-8000-000000000000');
    (await import('node:fs')).mkdirSync(join(dir, 'vault', 'ab'), { recursive: true });
    writeFileSync(strayPath, 'stray');
    const r = store.vault.recover();
    expect(r.removedRows).toBe(1);
    expect(existsSync(strayPath)).toBe(false);
    expect(store.db.prepare('SELECT count(*) AS n FROM blobs').get()).toEqual({ n: 1 });
    expect(store.vault.read(kept.id).toString()).toBe('kept');
    expect(store.vault.check()).toEqual({ missing: [], sizeMismatch: [] });
  });
});

describe('audit trail', () => {
  it('chains entries and detects a changed entry', async () => {
    const { store } = await fresh();
    for (let i = 0; i < 5; i++) appendAudit(store.db, { actor: 'tester', origin: 'test', action: 'x', result: 'ok', details: { i } });
    expect(verifyAuditChain(store.db)).toMatchObject({ valid: true, entries: 5, headSeq: 5, problem: null });
    expect(() => store.db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 3`).run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM audit WHERE seq = 2').run()).toThrow(/append-only/);
    // Someone with the key who drops the guard still cannot change history unnoticed.
    store.db.exec('DROP TRIGGER audit_no_update');
    store.db.prepare(`UPDATE audit SET actor = 'mallory' WHERE seq = 3`).run();
    expect(verifyAuditChain(store.db)).toMatchObject({ valid: false, problem: { seq: 3, kind: 'changed' } });
  });
});
