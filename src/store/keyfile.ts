import { randomBytes, randomUUID, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PostkamerError } from '../contract/errors';
import { KEY_BYTES, open, seal } from './crypto';
import { writeFileAtomic } from './fsutil';

// The store's master key is random. It is kept only wrapped, in "slots" (as LUKS does): one slot per way to
// unlock — a passphrase (CLI, tests, Linux without a real keychain) and/or the OS keychain (Electron safeStorage).
// App and CLI therefore share one store, each unlocking it its own way.

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const; // OWASP minimum for scrypt; ≈128 MiB, ≈0.4 s here

const PassphraseSlot = z.object({
  type: z.literal('passphrase'),
  salt: z.string(), N: z.number().int(), r: z.number().int(), p: z.number().int(),
  wrapped: z.string(),
});
const OsKeychainSlot = z.object({ type: z.literal('os-keychain'), wrapped: z.string() });
const KeyFileSchema = z.object({
  format: z.literal('postkamer-keys'),
  version: z.literal(1),
  storeId: z.uuid(),
  slots: z.array(z.discriminatedUnion('type', [PassphraseSlot, OsKeychainSlot])),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export const keyFilePath = (dataDir: string) => join(dataDir, 'keys.json');

export function readKeyFile(dataDir: string): KeyFile | null {
  const p = keyFilePath(dataDir);
  if (!existsSync(p)) return null;
  const parsed = KeyFileSchema.safeParse(JSON.parse(readFileSync(p, 'utf8')));
  if (!parsed.success) throw new PostkamerError('store-corrupt', '(keys.json)');
  return parsed.data;
}

async function kek(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r + 16 * 1024 * 1024 });
}

export async function makePassphraseSlot(storeId: string, master: Buffer, passphrase: string) {
  const salt = randomBytes(16);
  const key = await kek(passphrase, salt, SCRYPT);
  return { type: 'passphrase' as const, salt: salt.toString('base64'), ...SCRYPT, wrapped: seal(key, master, `${storeId}/passphrase`).toString('base64') };
}

/** Creates a new key file with a fresh master key. Returns the master key. */
export async function createKeyFile(
  dataDir: string,
  opts: { passphrase?: string; osWrap?: (master: Buffer) => string; master?: Buffer },
): Promise<{ master: Buffer; keyFile: KeyFile }> {
  if (existsSync(keyFilePath(dataDir))) throw new PostkamerError('store-exists');
  const master = opts.master ?? randomBytes(KEY_BYTES);
  const storeId = randomUUID();
  const slots: KeyFile['slots'] = [];
  if (opts.passphrase) slots.push(await makePassphraseSlot(storeId, master, opts.passphrase));
  if (opts.osWrap) slots.push({ type: 'os-keychain', wrapped: opts.osWrap(master) });
  if (slots.length === 0) throw new PostkamerError('no-passphrase');
  const keyFile: KeyFile = { format: 'postkamer-keys', version: 1, storeId, slots };
  writeFileAtomic(keyFilePath(dataDir), JSON.stringify(keyFile, null, 2) + '\n', 0o600);
  return { master, keyFile };
}

export async function unlockWithPassphrase(keyFile: KeyFile, passphrase: string): Promise<Buffer> {
  const slots = keyFile.slots.filter((s) => s.type === 'passphrase');
  if (slots.length === 0) throw new PostkamerError('wrong-passphrase', 'Deze opslag heeft geen wachtwoord-sleutel; stel er een in via de app.');
  for (const s of slots) {
    const key = await kek(passphrase, Buffer.from(s.salt, 'base64'), s);
    try {
      return open(key, Buffer.from(s.wrapped, 'base64'), `${keyFile.storeId}/passphrase`);
    } catch {
      // try the next slot
    }
  }
  throw new PostkamerError('wrong-passphrase');
}

/** Adds (or replaces) the passphrase slot, for giving the CLI access to a store the app created. */
export async function setPassphraseSlot(dataDir: string, keyFile: KeyFile, master: Buffer, passphrase: string): Promise<KeyFile> {
  const next: KeyFile = { ...keyFile, slots: [...keyFile.slots.filter((s) => s.type !== 'passphrase'), await makePassphraseSlot(keyFile.storeId, master, passphrase)] };
  writeFileAtomic(keyFilePath(dataDir), JSON.stringify(next, null, 2) + '\n', 0o600);
  return next;
}
