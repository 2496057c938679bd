// A person's PIN or passphrase, stored only as a salted scrypt hash whose parameters are bounded both ways: strong
// enough to slow a guesser with a copy of the database, never so costly that a forged row can exhaust the machine.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** What a new hash is made with: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s here). */
export const PIN_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
/** What a stored hash may ask for; a row outside these bounds is refused, not tried. */
const BOUNDS = { minLogN: 14, maxLogN: 17, r: 8, maxP: 4 } as const;
const SALT = 16;
const HASH = 32;

/** Hashes a PIN into `scrypt$<logN>$<r>$<p>$<salt b64>$<hash b64>`. */
export async function hashPin(pin: string, params: { N: number; r: number; p: number } = PIN_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT);
  const hash = await derive(pin, salt, params);
  return ['scrypt', Math.log2(params.N), params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

/** True when `pin` matches `stored`; false for a wrong PIN and for a stored value that is malformed or out of bounds. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const hash = await derive(pin, parsed.salt, parsed.params);
  return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
}

/** A hash to verify against when the login is unknown, so that an unknown login costs as long as a wrong PIN. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPin(randomBytes(16).toString('hex'));
  return decoy;
}

function parse(stored: string): { params: { N: number; r: number; p: number }; salt: Buffer; hash: Buffer } | null {
  const m = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/=]{1,64})\$([A-Za-z0-9+/=]{1,128})$/.exec(stored);
  if (!m) return null;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < BOUNDS.minLogN || logN > BOUNDS.maxLogN || r !== BOUNDS.r || p < 1 || p > BOUNDS.maxP) return null;
  const salt = Buffer.from(m[4], 'base64');
  const hash = Buffer.from(m[5], 'base64');
  if (salt.length !== SALT || hash.length !== HASH) return null;
  return { params: { N: 2 ** logN, r, p }, salt, hash };
}

function derive(pin: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((ok, ko) =>
    scrypt(pin.normalize('NFC'), salt, HASH, { ...params, maxmem: 256 * params.N * params.r * params.p }, (e, key) =>
      e ? ko(e) : ok(key),
    ),
  );
}
