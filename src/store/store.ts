import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PostkamerError } from '../contract/errors';
import { deriveKey } from './crypto';
import { openDatabase, type Db } from './db';
import { createKeyFile, readKeyFile, unlockWithPassphrase, type KeyFile } from './keyfile';
import { Vault } from './vault';

export type Unlock =
  | { kind: 'passphrase'; passphrase: string }
  | { kind: 'master-key'; key: Buffer };

export interface Store {
  dataDir: string;
  db: Db;
  vault: Vault;
  keyFile: KeyFile;
  recovered: { removedRows: number; removedFiles: number };
  close(): void;
}

export const databasePath = (dataDir: string) => join(dataDir, 'postkamer.db');

export function storeExists(dataDir: string): boolean {
  return existsSync(join(dataDir, 'keys.json'));
}

/** Creates a new, empty store (key file, database with the current schema, vault). */
export async function initStore(dataDir: string, opts: { passphrase?: string; osWrap?: (m: Buffer) => string; master?: Buffer }): Promise<Store> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (storeExists(dataDir) || existsSync(databasePath(dataDir))) throw new PostkamerError('store-exists');
  const { master, keyFile } = await createKeyFile(dataDir, opts);
  return openWithMaster(dataDir, keyFile, master, true);
}

/** Opens an existing store. A wrong passphrase or a newer schema throws before anything on disk is changed. */
export async function openStore(dataDir: string, unlock: Unlock): Promise<Store> {
  const keyFile = readKeyFile(dataDir);
  if (!keyFile) throw new PostkamerError('store-not-initialised');
  const master = unlock.kind === 'passphrase' ? await unlockWithPassphrase(keyFile, unlock.passphrase) : unlock.key;
  return openWithMaster(dataDir, keyFile, master, false);
}

function openWithMaster(dataDir: string, keyFile: KeyFile, master: Buffer, create: boolean): Store {
  const db = openDatabase(databasePath(dataDir), deriveKey(master, 'database'), { create });
  const vault = new Vault(dataDir, db, deriveKey(master, 'vault-wrap'));
  const recovered = vault.recover();
  return {
    dataDir,
    db,
    vault,
    keyFile,
    recovered,
    close() {
      try {
        db.pragma('optimize');
      } catch {
        /* closing anyway */
      }
      db.close();
    },
  };
}
