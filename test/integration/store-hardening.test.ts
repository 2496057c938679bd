// Store hardening (review finding 11): a damaged store is told apart from a wrong passphrase, key files cannot
// ask for unbounded scrypt work, keys are zeroed once used. Real SQLCipher files on disk, the real CLI.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PostkamerError } from '../../src/contract/errors';
import { deriveKey } from '../../src/store/crypto';
import { checkDatabase, openDatabase } from '../../src/store/db';
import { keyFilePath, readKeyFile } from '../../src/store/keyfile';
import { databasePath, initStore, openStore, type Store } from '../../src/store/store';
import { Vault } from '../../src/store/vault';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { Core } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { signInAsAdmin } from '../support/people';

const PAGE = 4096; // SQLCipher 4 page size
const opened: Store[] = [];
afterEach(() => {
  for (const s of opened.splice(0)) s.close();
});

async function codeOf(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
    return 'no error';
  } catch (e) {
    return e instanceof PostkamerError ? e.code : `other: ${(e as Error).message}`;
  }
}

/** A store with a few hundred KB of rows (many pages), closed (WAL checkpointed into the main file). */
async function filledStore(master?: Buffer, opts: { admin?: boolean } = {}): Promise<{ dir: string; file: string; pages: number }> {
  const dir = tempDir();
  const s = await initStore(dir, { passphrase: PASSPHRASE, master });
  const put = s.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  s.db.transaction(() => {
    for (let i = 0; i < 2000; i++) put.run(`k${i}`, JSON.stringify(`waarde ${i} `.repeat(20)));
  })();
  if (opts.admin) {
    // The person the CLI runs as (test/support/cli.ts CLI_PERSON), made through the contract.
    const core = new Core(s, { processor: storeAsIs, close: async () => undefined });
    await signInAsAdmin(core, { origin: 'cli', connection: 'setup' });
    await core.close();
  } else s.close();
  const file = databasePath(dir);
  expect(() => statSync(`${file}-wal`)).toThrow(); // everything is in the main file
  return { dir, file, pages: statSync(file).size / PAGE };
}

function flipBytes(file: string, offset: number, n = 16): void {
  const b = readFileSync(file);
  for (let i = 0; i < n; i++) b[offset + i] ^= 0x5a;
  writeFileSync(file, b);
}

describe('a damaged database is not a wrong passphrase', () => {
  it('a changed page in the middle: store-corrupt (naming the file) with the right passphrase, wrong-passphrase with a wrong one', async () => {
    const { dir, file, pages } = await filledStore();
    expect(pages).toBeGreaterThan(50);
    flipBytes(file, Math.floor(pages / 2) * PAGE + 200);

    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: 'niet het wachtwoord' }))).toBe('wrong-passphrase');

    // Opening reads only what it needs; the damage is found by the status check (every page) and by any read.
    let err: unknown = null;
    try {
      const s = await openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE });
      opened.push(s);
      checkDatabase(s.db);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PostkamerError);
    expect((err as PostkamerError).code).toBe('store-corrupt');
    expect((err as PostkamerError).message).toMatch(/^De opslag is beschadigd/);
    expect((err as PostkamerError).message).toContain(file);
    expect((err as PostkamerError).message).toMatch(/reservekopie/);
  });

  it('a changed first page (after the salt): store-corrupt with the right passphrase or master key, wrong-passphrase otherwise', async () => {
    const master = Buffer.alloc(32, 3);
    const { dir, file } = await filledStore(Buffer.from(master));
    flipBytes(file, 1000);
    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }))).toBe('store-corrupt');
    expect(await codeOf(openStore(dir, { kind: 'master-key', key: master }))).toBe('store-corrupt');
    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: 'niet het wachtwoord' }))).toBe('wrong-passphrase');
    expect(await codeOf(openStore(dir, { kind: 'master-key', key: Buffer.alloc(32, 4) }))).toBe('wrong-passphrase');
  });

  it('postkamer status exits 1 with the Dutch line for a damaged store, and with the wrong-passphrase line for a wrong passphrase', async () => {
    const { dir, file, pages } = await filledStore(undefined, { admin: true });
    const ok = await runCli(['status', '--data', dir]);
    expect(ok.code, ok.stderr).toBe(0);
    flipBytes(file, Math.floor(pages / 2) * PAGE + 200);
    const damaged = await runCli(['status', '--data', dir]);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/^postkamer status: De opslag is beschadigd/);
    expect(damaged.stderr).toContain(file);
    const wrong = await runCli(['status', '--data', dir], { env: { POSTKAMER_PASSPHRASE: 'niet het wachtwoord' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^postkamer status: Onjuist wachtwoord/);
  });

  it('a key file from before key check values gets one on the first successful open', async () => {
    const master = Buffer.alloc(32, 9);
    const { dir, file } = await filledStore(Buffer.from(master));
    const kf = JSON.parse(readFileSync(keyFilePath(dir), 'utf8'));
    delete kf.keyCheck;
    writeFileSync(keyFilePath(dir), JSON.stringify(kf));
    const s = await openStore(dir, { kind: 'master-key', key: master });
    s.close();
    expect(readKeyFile(dir)!.keyCheck).toBeTruthy();
    flipBytes(file, 1000);
    expect(await codeOf(openStore(dir, { kind: 'master-key', key: master }))).toBe('store-corrupt');
  });
});

describe('scrypt parameters from the key file are bounded before any derivation', () => {
  const cases: [string, Record<string, number | string>][] = [
    ['N = 2^30', { N: 2 ** 30 }],
    ['r = 1e9', { r: 1e9 }],
    ['p = 1000', { p: 1000 }],
    ['N not a power of two', { N: 100_000 }],
    ['N below 2^14', { N: 2 ** 10 }],
    ['memory above the limit (N = 2^20, r = 16)', { N: 2 ** 20, r: 16 }],
    ['a 1 MB salt', { salt: Buffer.alloc(1 << 20).toString('base64') }],
  ];
  for (const [name, change] of cases) {
    it(`refuses ${name} at once with store-corrupt`, async () => {
      const dir = tempDir();
      (await initStore(dir, { passphrase: PASSPHRASE })).close();
      const kf = JSON.parse(readFileSync(keyFilePath(dir), 'utf8'));
      Object.assign(kf.slots[0], change);
      writeFileSync(keyFilePath(dir), JSON.stringify(kf));
      const t0 = performance.now();
      expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }))).toBe('store-corrupt');
      expect(performance.now() - t0).toBeLessThan(1000);
    });
  }

  it('a key file that is not JSON, or is huge, is store-corrupt naming keys.json', async () => {
    const dir = tempDir();
    (await initStore(dir, { passphrase: PASSPHRASE })).close();
    writeFileSync(keyFilePath(dir), '{ "format": "postkamer-keys", ');
    let e: unknown;
    try {
      readKeyFile(dir);
    } catch (x) {
      e = x;
    }
    expect((e as PostkamerError).code).toBe('store-corrupt');
    expect((e as PostkamerError).message).toContain(keyFilePath(dir));
    writeFileSync(keyFilePath(dir), ' '.repeat(1 << 20));
    expect(await codeOf(() => readKeyFile(dir))).toBe('store-corrupt');
  });
});

describe('keys are zeroed once used', () => {
  it('openDatabase zeroes the key it was handed, when it opens and when the key is wrong', async () => {
    const dir = tempDir();
    const master = Buffer.alloc(32, 5);
    (await initStore(dir, { passphrase: PASSPHRASE, master })).close();
    const good = deriveKey(master, 'database');
    const db = openDatabase(databasePath(dir), good, { create: false });
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toBeTruthy();
    db.close();
    expect(good.equals(Buffer.alloc(32))).toBe(true);
    const bad = Buffer.alloc(32, 1);
    expect(await codeOf(() => openDatabase(databasePath(dir), bad, { create: false }))).toBe('wrong-passphrase');
    expect(bad.equals(Buffer.alloc(32))).toBe(true);
  });

  it('the vault wrap key is zeroed when the store closes, and a closed vault refuses to work', async () => {
    const dir = tempDir();
    const s = await initStore(dir, { passphrase: PASSPHRASE });
    const blob = await s.vault.write(Buffer.from('geheim'), 'text/plain');
    s.db.transaction(() => s.vault.commit(blob))();
    const wrapKey = (s.vault as unknown as { wrapKey: Buffer }).wrapKey;
    expect(wrapKey.equals(Buffer.alloc(32))).toBe(false);
    s.close();
    expect(wrapKey.equals(Buffer.alloc(32))).toBe(true);
    // A master key the caller passed in stays the caller's (the app zeroes its own copy).
    const master = Buffer.alloc(32, 6);
    const t = await initStore(tempDir(), { passphrase: PASSPHRASE, master });
    t.close();
    expect(master.equals(Buffer.alloc(32, 6))).toBe(true);
  });

  it('Vault.close zeroes the key it was given', async () => {
    const dir = tempDir();
    const s = await initStore(dir, { passphrase: PASSPHRASE });
    opened.push(s);
    const key = Buffer.alloc(32, 7);
    const v = new Vault(join(dir, 'second'), s.db, key);
    v.close();
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    await expect(v.write(Buffer.from('x'), 'text/plain')).rejects.toThrow(/closed/);
  });
});

describe('blob lengths read from disk', () => {
  it('a blob file longer than recorded is refused before it is read', async () => {
    const dir = tempDir();
    const s = await initStore(dir, { passphrase: PASSPHRASE });
    opened.push(s);
    const blob = await s.vault.write(Buffer.from('een brief'), 'text/plain');
    s.db.transaction(() => s.vault.commit(blob))();
    const path = join(dir, 'vault', blob.id.slice(0, 2), blob.id);
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(1 << 20)]));
    let e: unknown;
    try {
      s.vault.read(blob.id);
    } catch (x) {
      e = x;
    }
    expect((e as PostkamerError).code).toBe('blob-integrity');
    expect((e as PostkamerError).message).toContain('verwacht');
  });
});

/** The error an open throws (or null), for checking code AND message. */
async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<PostkamerError | null> {
  try {
    await (typeof p === 'function' ? p() : p);
    return null;
  } catch (e) {
    if (e instanceof PostkamerError) return e;
    throw e;
  }
}

describe('an existing store whose database is gone or emptied is damaged, never a fresh store (finding F8)', () => {
  it('a 0-byte database (WAL and SHM removed): store-corrupt naming the file, and the file is left as it was', async () => {
    const { dir, file } = await filledStore();
    writeFileSync(file, '');
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
    const e = await errorOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
    expect(e?.code).toBe('store-corrupt');
    expect(e?.message).toMatch(/^De opslag is beschadigd/);
    expect(e?.message).toContain(file);
    expect(statSync(file).size).toBe(0); // no schema silently recreated
    const cli = await runCli(['status', '--data', dir]);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/^postkamer status: De opslag is beschadigd/);
    expect(cli.stderr).toContain(file);
  });

  it('a missing database next to the key file: store-corrupt naming the file, nothing created', async () => {
    const { dir, file } = await filledStore();
    rmSync(file);
    const e = await errorOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
    expect(e?.code).toBe('store-corrupt');
    expect(e?.message).toContain(file);
    expect(existsSync(file)).toBe(false);
  });

  it('a database with the right key but schema version 0 (an empty database put in its place): store-corrupt', async () => {
    const master = Buffer.alloc(32, 5);
    const { dir, file } = await filledStore(Buffer.from(master));
    rmSync(file);
    const key = deriveKey(master, 'database');
    const raw = new Database(file);
    raw.pragma(`cipher='sqlcipher'`);
    raw.pragma('legacy=4');
    raw.key(Buffer.from(`x'${key.toString('hex')}'`));
    raw.exec('CREATE TABLE leeg (x)');
    raw.close();
    const e = await errorOf(openStore(dir, { kind: 'master-key', key: master }));
    expect(e?.code).toBe('store-corrupt');
    expect(e?.message).toContain(file);
    expect(e?.message).toMatch(/schema/);
  });

  it('a missing key file next to an existing database: status and open say store-corrupt naming keys.json, init refuses', async () => {
    const { dir } = await filledStore();
    rmSync(keyFilePath(dir));
    const e = await errorOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
    expect(e?.code).toBe('store-corrupt');
    expect(e?.message).toContain(keyFilePath(dir));
    const status = await runCli(['status', '--data', dir]);
    expect(status.code).toBe(1);
    expect(status.stderr).toMatch(/^postkamer status: De opslag is beschadigd/);
    expect(status.stderr).toContain('keys.json');
    const init = await runCli(['init', '--data', dir]);
    expect(init.code).toBe(1);
    expect(init.stderr).not.toMatch(/nog geen opslag/);
  });

  it("SQLite's own open error (a directory where the database should be) becomes a Dutch store error naming the file", async () => {
    const { dir, file } = await filledStore();
    rmSync(file);
    mkdirSync(file);
    const e = await errorOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
    expect(e).toBeInstanceOf(PostkamerError);
    expect(e?.code).toBe('store-corrupt');
    expect(e?.message).toContain(file);
    expect(e?.message).not.toMatch(/unable to open/);
  });
});

describe('a damaged key slot is damage, not a wrong passphrase (finding F9)', () => {
  for (const [name, wrapped] of [
    ['"AAAA"', 'AAAA'],
    ['one byte short', Buffer.alloc(59).toString('base64')],
    ['not base64', '!!!!'.repeat(20)],
  ] as const) {
    it(`a passphrase slot whose wrapped key is ${name}: store-corrupt naming keys.json`, async () => {
      const dir = tempDir();
      (await initStore(dir, { passphrase: PASSPHRASE })).close();
      const kf = JSON.parse(readFileSync(keyFilePath(dir), 'utf8'));
      kf.slots[0].wrapped = wrapped;
      writeFileSync(keyFilePath(dir), JSON.stringify(kf));
      const e = await errorOf(openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
      expect(e?.code).toBe('store-corrupt');
      expect(e?.message).toContain(keyFilePath(dir));
    });
  }
  it('an intact slot still opens, and a wrong passphrase is still wrong-passphrase', async () => {
    const dir = tempDir();
    (await initStore(dir, { passphrase: PASSPHRASE })).close();
    expect(await codeOf(openStore(dir, { kind: 'passphrase', passphrase: 'niet het wachtwoord' }))).toBe('wrong-passphrase');
    opened.push(await openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE }));
  });
});
