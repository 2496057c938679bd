// The store's key file: the master key is random and kept only wrapped, in "slots" (as LUKS does).
import { randomBytes, randomUUID, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PostkamerError } from '../contract/errors';
import { KEY_BYTES, keyCheckValue, keyMatches, open, seal } from './crypto';
import { writeFileAtomic } from './fsutil';

// One slot per way to unlock — a passphrase (CLI, tests, Linux without a real keychain) and/or the OS keychain
// (Electron safeStorage).
// App and CLI therefore share one store, each unlocking it its own way.

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
export const SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const; // OWASP minimum for scrypt; ≈128 MiB, ≈0.4 s here

/**
 * What a key file may ask of scrypt. The parameters are read from disk, so a damaged or planted keys.json must
 * not make us spend minutes of CPU or gigabytes of memory before the passphrase is even checked.
 */
export const SCRYPT_LIMITS = { minLogN: 14, maxLogN: 20, maxR: 16, maxP: 4, maxMemBytes: 512 * 1024 * 1024 } as const;
const MAX_KEYFILE_BYTES = 64 * 1024;
const MAX_SLOTS = 8;

/** Canonical base64 of exactly n bytes (what Buffer.toString('base64') writes). */
const base64Of = (n: number) =>
  new RegExp(`^[A-Za-z0-9+/]{${Math.floor(n / 3) * 4}}${n % 3 === 1 ? '[A-Za-z0-9+/]{2}==' : n % 3 === 2 ? '[A-Za-z0-9+/]{3}=' : ''}$`);
/**
 * A wrapped master key is crypto.seal's output for a 32-byte key: IV (12) | tag (16) | ciphertext (32). A slot of
 * any other length is damage; checked here, so it is store-corrupt and never mistaken for a wrong passphrase.
 */
const WRAPPED_BYTES = 12 + 16 + KEY_BYTES;

const PassphraseSlot = z.object({
  type: z.literal('passphrase'),
  salt: z.string().max(128),
  N: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  wrapped: z.string().regex(base64Of(WRAPPED_BYTES)),
});
const OsKeychainSlot = z.object({ type: z.literal('os-keychain'), wrapped: z.string().max(4096) });
const KeyFileSchema = z.object({
  format: z.literal('postkamer-keys'),
  version: z.literal(1),
  storeId: z.uuid(),
  /** Key check value (base64 of 32 bytes, see crypto.keyCheckValue); absent in key files written before it existed. */
  keyCheck: z.string().regex(base64Of(KEY_BYTES)).optional(),
  slots: z.array(z.discriminatedUnion('type', [PassphraseSlot, OsKeychainSlot])).max(MAX_SLOTS),
});
export type KeyFile = z.infer<typeof KeyFileSchema>;

export const keyFilePath = (dataDir: string) => join(dataDir, 'keys.json');
/** The store's database file (named here beside the key file, so the shell can check both before the core runs). */
export const databasePath = (dataDir: string) => join(dataDir, 'postkamer.db');

const corrupt = (dataDir: string, why: string) =>
  new PostkamerError('store-corrupt', `(${keyFilePath(dataDir)}: ${why}; zet een reservekopie van de opslag terug)`);

/** Reads and checks the key file (size, shape, scrypt parameters) before anything is derived from it. */
export function readKeyFile(dataDir: string): KeyFile | null {
  const p = keyFilePath(dataDir);
  if (!existsSync(p)) return null;
  const fd = openSync(p, 'r');
  let text: string;
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_KEYFILE_BYTES) throw corrupt(dataDir, `sleutelbestand is ${size} bytes, te groot`);
    const buf = Buffer.alloc(size);
    let off = 0;
    while (off < size) {
      const n = readSync(fd, buf, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    text = buf.subarray(0, off).toString('utf8');
  } finally {
    closeSync(fd);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw corrupt(dataDir, 'geen geldige JSON');
  }
  const parsed = KeyFileSchema.safeParse(json);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.join('.');
    throw corrupt(dataDir, at?.endsWith('wrapped') ? `sleutelvak ${at} is beschadigd` : `onverwachte inhoud${at ? ` (${at})` : ''}`);
  }
  for (const s of parsed.data.slots) {
    if (s.type !== 'passphrase') continue;
    const why = scryptParamsProblem(s) ?? saltProblem(s.salt);
    if (why) throw corrupt(dataDir, why);
  }
  return parsed.data;
}

/** Why these scrypt parameters are refused, or null when they are within SCRYPT_LIMITS. */
export function scryptParamsProblem(params: { N: number; r: number; p: number }): string | null {
  const { N, r, p } = params;
  const L = SCRYPT_LIMITS;
  if (!Number.isSafeInteger(N) || N < 2 ** L.minLogN || N > 2 ** L.maxLogN || (N & (N - 1)) !== 0) {
    return `scrypt-parameter N=${N} is geen macht van 2 tussen 2^${L.minLogN} en 2^${L.maxLogN}`;
  }
  if (!Number.isSafeInteger(r) || r < 1 || r > L.maxR) return `scrypt-parameter r=${r} ligt niet tussen 1 en ${L.maxR}`;
  if (!Number.isSafeInteger(p) || p < 1 || p > L.maxP) return `scrypt-parameter p=${p} ligt niet tussen 1 en ${L.maxP}`;
  if (scryptMem(params) > L.maxMemBytes) return `scrypt-parameters vragen meer dan ${L.maxMemBytes / 2 ** 20} MiB geheugen`;
  return null;
}

function saltProblem(salt: string): string | null {
  const n = Buffer.from(salt, 'base64').length;
  return n >= 16 && n <= 64 ? null : `zout van ${n} bytes (verwacht 16 tot 64)`;
}

// What Node's scrypt allocates (128·N·r for V, 128·r·p for B), the figure its `maxmem` is compared with.
const scryptMem = ({ N, r, p }: { N: number; r: number; p: number }) => 128 * N * r + 128 * r * p;

/** Derives the key-encryption key; refuses out-of-bounds parameters before any work is done. Caller zeroes it. */
async function kek(passphrase: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const why = scryptParamsProblem(params) ?? (salt.length < 16 || salt.length > 64 ? `zout van ${salt.length} bytes` : null);
  if (why) throw new PostkamerError('store-corrupt', `(keys.json: ${why}; zet een reservekopie van de opslag terug)`);
  const { N, r, p } = params;
  return scrypt(passphrase.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: scryptMem(params) + 1024 * 1024 });
}

export async function makePassphraseSlot(storeId: string, master: Buffer, passphrase: string) {
  const salt = randomBytes(16);
  const key = await kek(passphrase, salt, SCRYPT);
  try {
    return {
      type: 'passphrase' as const,
      salt: salt.toString('base64'),
      ...SCRYPT,
      wrapped: seal(key, master, `${storeId}/passphrase`).toString('base64'),
    };
  } finally {
    key.fill(0);
  }
}

/**
 * Checks a master key against the key file without touching the database: 'ok', 'wrong', or 'unknown' for a key
 * file written before key check values existed.
 */
export function checkMasterKey(keyFile: KeyFile, master: Buffer): 'ok' | 'wrong' | 'unknown' {
  if (!keyFile.keyCheck) return 'unknown';
  return keyMatches(master, keyFile.storeId, Buffer.from(keyFile.keyCheck, 'base64')) ? 'ok' : 'wrong';
}

/**
 * Adds the key check value to a key file that has none (stores made before it existed), once the key has been
 * proven by opening the database. Re-reads the file just before writing so a slot another process just added
 * is kept.
 */
export function addKeyCheck(dataDir: string, master: Buffer): void {
  const current = readKeyFile(dataDir);
  if (!current || current.keyCheck) return;
  const next: KeyFile = { ...current, keyCheck: keyCheckValue(master, current.storeId).toString('base64') };
  writeFileAtomic(keyFilePath(dataDir), JSON.stringify(next, null, 2) + '\n', 0o600);
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
  if (slots.length === 0) {
    if (!opts.master) master.fill(0);
    throw new PostkamerError('no-passphrase');
  }
  const keyFile: KeyFile = {
    format: 'postkamer-keys',
    version: 1,
    storeId,
    keyCheck: keyCheckValue(master, storeId).toString('base64'),
    slots,
  };
  writeFileAtomic(keyFilePath(dataDir), JSON.stringify(keyFile, null, 2) + '\n', 0o600);
  return { master, keyFile };
}

export async function unlockWithPassphrase(keyFile: KeyFile, passphrase: string): Promise<Buffer> {
  const slots = keyFile.slots.filter((s) => s.type === 'passphrase');
  if (slots.length === 0)
    throw new PostkamerError('wrong-passphrase', 'Deze opslag heeft geen wachtwoord-sleutel; stel er een in via de app.');
  for (const s of slots) {
    const key = await kek(passphrase, Buffer.from(s.salt, 'base64'), s);
    try {
      return open(key, Buffer.from(s.wrapped, 'base64'), `${keyFile.storeId}/passphrase`);
    } catch {
      // try the next slot
    } finally {
      key.fill(0);
    }
  }
  throw new PostkamerError('wrong-passphrase');
}

/** Adds (or replaces) the passphrase slot, for giving the CLI access to a store the app created. */
export async function setPassphraseSlot(dataDir: string, keyFile: KeyFile, master: Buffer, passphrase: string): Promise<KeyFile> {
  const next: KeyFile = {
    ...keyFile,
    slots: [...keyFile.slots.filter((s) => s.type !== 'passphrase'), await makePassphraseSlot(keyFile.storeId, master, passphrase)],
  };
  writeFileAtomic(keyFilePath(dataDir), JSON.stringify(next, null, 2) + '\n', 0o600);
  return next;
}
