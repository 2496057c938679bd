import { chmodSync } from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import { PostkamerError } from '../contract/errors';
import { migrations, latestSchemaVersion } from './migrations';

export type Db = Database.Database;

/**
 * Opens the SQLCipher database with a raw 32-byte key (no KDF at open). Verifies the key and the schema version
 * BEFORE anything is written, so a wrong key or a newer store leaves the files untouched.
 */
export function openDatabase(file: string, key: Buffer, opts: { create: boolean; readonly?: boolean }): Db {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  const db = new Database(file, { fileMustExist: !opts.create, readonly: opts.readonly ?? false });
  if (opts.create && process.platform !== 'win32') chmodSync(file, 0o600); // WAL and SHM files inherit this mode
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      throw new PostkamerError('wrong-passphrase', '(database)');
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > latestSchemaVersion) {
      throw new PostkamerError('store-too-new', `(schema ${version} > ${latestSchemaVersion})`);
    }
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
    db.close();
    throw e;
  }
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
  return db.pragma('user_version', { simple: true }) as number;
}
