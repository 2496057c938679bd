// How main gets the store's master key (DESIGN.md §3 "Key").
import { randomBytes } from 'node:crypto';
import { PostkamerError } from '../src/contract/errors';
import { KEY_BYTES } from '../src/store/crypto';
import { existsSync } from 'node:fs';
import { checkMasterKey, databasePath, keyFilePath, readKeyFile, unlockWithPassphrase, type KeyFile } from '../src/store/keyfile';

// The key is random and kept only wrapped in the key file's slots: the OS keychain (Electron safeStorage) where one
// is usable, a passphrase (scrypt) otherwise.
// Pure decisions over an injected keychain, so the rules are tested without Electron (test/unit/main/keys.test.ts).

/** safeStorage, seen through what main needs of it. Wrapped values are base64 strings (the key file is JSON). */
export interface Keychain {
  readonly usable: boolean;
  wrap(plain: string): string;
  unwrap(wrapped: string): string;
}

/**
 * On Linux safeStorage falls back to `basic_text` (a hard-coded key: obfuscation, not protection) when no secret
 * service is running; that, or a backend it cannot name, is refused and the app asks for a passphrase instead.
 */
export function keychainUsable(p: { platform: NodeJS.Platform; encryptionAvailable: boolean; backend?: string }): boolean {
  if (!p.encryptionAvailable) return false;
  if (p.platform === 'linux') return !!p.backend && p.backend !== 'basic_text' && p.backend !== 'unknown';
  return true;
}

export type LockReason = 'first-run' | 'no-keychain' | 'keychain-failed';

/** What the core needs to open (or, on first run, create) the store. `key` is zeroed by whoever sends it. */
export interface CoreKey {
  key: Buffer;
  create: null | { osWrapped?: string; passphrase?: string };
}

export type StartPlan = ({ kind: 'start' } & CoreKey) | { kind: 'locked'; reason: LockReason };

/** At start-up: unlock with the keychain if possible, else say why the renderer must ask for a passphrase. */
export function planStart(dataDir: string, keychain: Keychain): StartPlan {
  let keyFile: KeyFile | null;
  try {
    keyFile = readKeyFile(dataDir);
  } catch {
    // A damaged key file: the passphrase screen will report it (unlock reads it again and fails with its code).
    return { kind: 'locked', reason: 'no-keychain' };
  }
  // A database without its key file is a damaged store, never a first run: the passphrase screen reports it.
  if (!keyFile && existsSync(databasePath(dataDir))) return { kind: 'locked', reason: 'no-keychain' };
  if (!keyFile) {
    if (!keychain.usable) return { kind: 'locked', reason: 'first-run' };
    const key = randomBytes(KEY_BYTES);
    const b64 = key.toString('base64');
    try {
      return { kind: 'start', key, create: { osWrapped: keychain.wrap(b64) } };
    } catch {
      key.fill(0);
      return { kind: 'locked', reason: 'first-run' };
    }
  }
  const slot = keyFile.slots.find((s) => s.type === 'os-keychain');
  if (!slot || !keychain.usable) return { kind: 'locked', reason: 'no-keychain' };
  let key: Buffer | null = null;
  try {
    key = Buffer.from(keychain.unwrap(slot.wrapped), 'base64');
    if (key.length !== KEY_BYTES) throw new Error('unwrapped key has the wrong length');
    // The key check value tells a wrong key from a damaged database before the core is even started.
    if (checkMasterKey(keyFile, key) === 'wrong') throw new Error('unwrapped key does not match the store');
    return { kind: 'start', key, create: null };
  } catch {
    key?.fill(0);
    // The OS keyring was reset, or the store was copied from another account or machine.
    return { kind: 'locked', reason: 'keychain-failed' };
  }
}

/**
 * `shell.unlock`: open an existing store with its passphrase slot, or (create) make a new store protected by the
 * passphrase. Throws PostkamerError ('wrong-passphrase', 'store-exists', 'store-not-initialised', 'store-corrupt').
 */
export async function planUnlock(dataDir: string, input: { passphrase: string; create: boolean }): Promise<CoreKey> {
  const keyFile = readKeyFile(dataDir);
  const orphanDatabase = !keyFile && existsSync(databasePath(dataDir));
  if (input.create) {
    if (keyFile || orphanDatabase) throw new PostkamerError('store-exists');
    return { key: randomBytes(KEY_BYTES), create: { passphrase: input.passphrase } };
  }
  if (orphanDatabase)
    throw new PostkamerError(
      'store-corrupt',
      `(${keyFilePath(dataDir)} ontbreekt naast de database; zet een reservekopie van de opslag terug)`,
    );
  if (!keyFile) throw new PostkamerError('store-not-initialised');
  return { key: await unlockWithPassphrase(keyFile, input.passphrase), create: null };
}
