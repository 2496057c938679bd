// The store's SQLCipher database: opened with the raw master key, checked for damage, and migrated.
import { chmodSync, statSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { PostkamerError } from '../contract/errors';
import { migrations, latestSchemaVersion } from './migrations';

export type Db = Database.Database;

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/** SQLCipher's raw-key form `x'<64 hex>'`, built in a Buffer (a JS string could not be zeroed). Caller zeroes it. */
function rawKeySpec(key: Buffer): Buffer {
  const spec = Buffer.alloc(3 + key.length * 2);
  spec[0] = 0x78; // x
  spec[1] = spec[spec.length - 1] = 0x27; // '
  for (let i = 0; i < key.length; i++) {
    spec[2 + 2 * i] = HEX[key[i] >> 4];
    spec[3 + 2 * i] = HEX[key[i] & 15];
  }
  return spec;
}

/** SQLite result codes that mean "the bytes on disk are not what was written": SQLITE_CORRUPT*, SQLITE_NOTADB. */
export function isCorruption(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** The store-corrupt error for a damaged database file: names the file and what to do. */
export function storeCorrupt(file: string, why = 'een databasepagina is beschadigd of gewijzigd'): PostkamerError {
  return new PostkamerError('store-corrupt', `(${file}: ${why}; zet een reservekopie van de opslag terug)`);
}

/**
 * SQLite's own open/read failures (English, e.g. "unable to open database file") as a Dutch store error naming the
 * file; anything else is returned unchanged.
 */
function openFailure(file: string, e: unknown): unknown {
  if (e instanceof PostkamerError) return e;
  if (isCorruption(e)) return storeCorrupt(file);
  const code = (e as { code?: unknown })?.code;
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
    return new PostkamerError(
      'file-unreadable',
      `(${file}: de database kan niet worden geopend; controleer of het bestand bestaat en leesbaar is voor deze gebruiker)`,
      { file },
    );
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_IOERR'))
    return storeCorrupt(file, 'de database kan niet worden gelezen (leesfout op de schijf)');
  return e;
}

/**
 * An existing store's database must be a non-empty regular file: a missing or emptied one would otherwise open
 * as a fresh, empty database and get a new schema, silently replacing the store. Throws store-corrupt.
 */
function checkExistingFile(file: string): void {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw storeCorrupt(file, 'het databasebestand ontbreekt');
    throw new PostkamerError('file-unreadable', `(${file}: ${(e as NodeJS.ErrnoException).code ?? 'onleesbaar'})`, { file });
  }
  if (!st.isFile()) throw storeCorrupt(file, 'dit is geen gewoon bestand');
  if (st.size === 0) throw storeCorrupt(file, 'het databasebestand is leeg (0 bytes)');
}

/**
 * Reads every page of the database and checks its structure (`PRAGMA quick_check`; each page read also checks
 * SQLCipher's per-page HMAC). Costs a pass over the whole file (≈5 ms per MB here), so it runs on the explicit
 * status check, not at every open. (SQLite3MultipleCiphers has no `cipher_integrity_check`: that pragma is
 * silently ignored and would report nothing.) Throws store-corrupt.
 */
export function checkDatabase(db: Db): void {
  let rows: { quick_check: string }[];
  try {
    rows = db.pragma('quick_check') as { quick_check: string }[];
  } catch (e) {
    if (isCorruption(e)) throw storeCorrupt(db.name);
    throw e;
  }
  if (rows.length !== 1 || rows[0].quick_check !== 'ok') throw storeCorrupt(db.name);
}

/**
 * Opens the SQLCipher database with a raw 32-byte key (no KDF at open). Verifies the key and the schema version
 * BEFORE anything is written, so a wrong key or a newer store leaves the files untouched.
 *
 * Takes ownership of `key`: it is zeroed once handed to SQLCipher, on every path. `keyVerified` says the key was
 * already proven right without the database (the key file's AEAD tag or key check value): then a page that fails
 * SQLCipher's check is damage (store-corrupt), never a wrong passphrase.
 */
export function openDatabase(file: string, key: Buffer, opts: { create: boolean; readonly?: boolean; keyVerified?: boolean }): Db {
  let db: Db;
  try {
    if (key.length !== 32) throw new Error('database key must be 32 bytes');
    if (!opts.create) checkExistingFile(file);
    db = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  } catch (e) {
    key.fill(0);
    throw openFailure(file, e);
  }
  if (opts.create && process.platform !== 'win32') chmodSync(file, 0o600); // WAL and SHM files inherit this mode
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    const spec = rawKeySpec(key);
    try {
      db.key(spec);
    } finally {
      spec.fill(0);
      key.fill(0);
    }
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (e) {
      if (opts.keyVerified && isCorruption(e)) throw storeCorrupt(file);
      if (opts.keyVerified || !isCorruption(e)) throw openFailure(file, e);
      throw new PostkamerError('wrong-passphrase', '(database)');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new PostkamerError('store-too-new', `(schema ${version} > ${latestSchemaVersion})`);
    }
    // Only a new store starts at schema 0; an existing one with version 0 is an empty database put in its place.
    if (!opts.create && version === 0) throw storeCorrupt(file, 'de database heeft geen schema (versie 0)');
    db.pragma('busy_timeout = 15000');
    if (!opts.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: the outbox and audit must survive a power cut, not only a crash.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    if (!opts.readonly) migrate(db);
    return db;
  } catch (e) {
    key.fill(0);
    db.close();
    throw openFailure(file, e);
  }
}

/** The schema version the store's database is at (its migrations applied). */
export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Runs pending migrations; safe when two processes open the store at once (BEGIN IMMEDIATE serialises them). */
export function migrate(db: Db): number {
  for (const m of migrations) {
    const step = db.transaction(() => {
      const current = db.pragma('user_version', { simple: true }) as number;
      if (current > latestSchemaVersion) throw new PostkamerError('store-too-new');
      if (current >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
    step.immediate();
  }
  return schemaVersion(db);
}
