// The encrypted store on disk (key file, database, vault): created, opened with a passphrase or master key, closed.
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { PostkamerError } from '../contract/errors';
import { deriveKey } from './crypto';
import { isCorruption, openDatabase, storeCorrupt, type Db } from './db';
import {
  addKeyCheck,
  checkMasterKey,
  createKeyFile,
  databasePath,
  keyFilePath,
  readKeyFile,
  unlockWithPassphrase,
  type KeyFile,
} from './keyfile';
import { Vault } from './vault';

export type Unlock =
  | { kind: 'passphrase'; passphrase: string }
  /** A master key the caller holds (the app's keychain); the caller keeps ownership and zeroes it. */
  | { kind: 'master-key'; key: Buffer };

export interface Store {
  dataDir: string;
  db: Db;
  vault: Vault;
  keyFile: KeyFile;
  recovered: { removedRows: number; removedFiles: number };
  /** HMAC-SHA256 under a key derived from the master key for this purpose only (the audit head's anchor file). */
  auditAnchorMac(message: string): Buffer;
  close(): void;
}

export { databasePath };

/**
 * Whether a store is here: its key file OR its database. A database without its key file is a damaged store
 * (openStore says store-corrupt), never "no store here": init must not be invited to start over next to it.
 */
export function storeExists(dataDir: string): boolean {
  return existsSync(keyFilePath(dataDir)) || existsSync(databasePath(dataDir));
}

/** Creates a new, empty store (key file, database with the current schema, vault). */
export async function initStore(
  dataDir: string,
  opts: { passphrase?: string; osWrap?: (m: Buffer) => string; master?: Buffer },
): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (storeExists(dataDir) || existsSync(databasePath(dataDir))) throw new PostkamerError('store-exists');
  const { master, keyFile } = await createKeyFile(dataDir, opts);
  try {
    return openWithMaster(dataDir, keyFile, master, true, true);
  } finally {
    if (!opts.master) master.fill(0); // ours; a master passed in stays the caller's to zero
  }
}

/**
 * Opens an existing store. A wrong passphrase or a newer schema throws before anything on disk is changed.
 * The key is checked against the key file first (the passphrase slot's AEAD tag, or the key check value), so a
 * database that fails SQLCipher's page check with a right key is reported as store-corrupt, not wrong-passphrase.
 */
export async function openStore(dataDir: string, unlock: Unlock): Promise<Store> {
  const keyFile = readKeyFile(dataDir);
  if (!keyFile) {
    if (existsSync(databasePath(dataDir))) {
      throw new PostkamerError(
        'store-corrupt',
        `(${keyFilePath(dataDir)}: het sleutelbestand ontbreekt naast de database; zet een reservekopie van de opslag terug)`,
      );
    }
    throw new PostkamerError('store-not-initialised');
  }
  if (unlock.kind === 'passphrase') {
    const master = await unlockWithPassphrase(keyFile, unlock.passphrase); // the AEAD tag proved it
    try {
      if (checkMasterKey(keyFile, master) === 'wrong')
        throw new PostkamerError(
          'store-corrupt',
          '(keys.json: sleutelcontrole klopt niet met de sleutel; zet een reservekopie van de opslag terug)',
        );
      return openWithMaster(dataDir, keyFile, master, false, true);
    } finally {
      master.fill(0);
    }
  }
  const check = checkMasterKey(keyFile, unlock.key);
  if (check === 'wrong') throw new PostkamerError('wrong-passphrase');
  return openWithMaster(dataDir, keyFile, unlock.key, false, check === 'ok');
}

function openWithMaster(dataDir: string, keyFile: KeyFile, master: Buffer, create: boolean, keyVerified: boolean): Store {
  const file = databasePath(dataDir);
  const db = openDatabase(file, deriveKey(master, 'database'), { create, keyVerified }); // zeroes the derived key
  const wrapKey = deriveKey(master, 'vault-wrap');
  const anchorKey = deriveKey(master, 'audit-anchor');
  let vault: Vault;
  let recovered: Store['recovered'];
  try {
    vault = new Vault(dataDir, db, wrapKey);
    recovered = vault.recover();
    // The database opened, so the key is right: give a key file from before key check values one now.
    if (!keyFile.keyCheck && !create) {
      try {
        addKeyCheck(dataDir, master);
      } catch {
        /* best effort: a read-only key file keeps working as before */
      }
    }
  } catch (e) {
    wrapKey.fill(0);
    anchorKey.fill(0);
    db.close();
    throw isCorruption(e) ? storeCorrupt(file) : e;
  }
  return {
    dataDir,
    db,
    vault,
    keyFile,
    recovered,
    auditAnchorMac(message) {
      if (!db.open) throw new Error('the store is closed');
      return createHmac('sha256', anchorKey).update(message, 'utf8').digest();
    },
    close() {
      try {
        db.pragma('optimize');
      } catch {
        /* closing anyway */
      }
      db.close();
      vault.close(); // zeroes the wrap key
      anchorKey.fill(0);
    },
  };
}
