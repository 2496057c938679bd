// Small AES-256-GCM helpers shared by the key file and the blob vault.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Seal `plain` → iv | tag | ciphertext. `aad` binds the ciphertext to its context (a blob id, a slot name). */
export function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), ct]);
}

/** Inverse of `seal`; throws when the key is wrong or the data was changed. */
export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed data too short');
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([d.update(sealed.subarray(IV_BYTES + TAG_BYTES)), d.final()]);
}

/** Separate keys for separate purposes, all derived from the one master key. The caller zeroes the result. */
export function deriveKey(master: Buffer, purpose: 'database' | 'vault-wrap' | 'settings' | 'audit-anchor'): Buffer {
  // Buffer.from(ArrayBuffer) shares the memory: zeroing the returned Buffer zeroes the only copy.
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `postkamer/${purpose}/v1`, KEY_BYTES));
}

/**
 * Key check value: proves that a master key belongs to this store without touching the database pages, so a
 * wrong key and a damaged database are told apart. One-way (HKDF), bound to the store id, useless as a key.
 */
export function keyCheckValue(master: Buffer, storeId: string): Buffer {
  const raw = hkdfSync('sha256', master, Buffer.from(storeId, 'utf8'), 'postkamer/key-check/v1', KEY_BYTES);
  return Buffer.from(raw);
}

/** True when `master` matches the stored check value (constant time). */
export function keyMatches(master: Buffer, storeId: string, check: Buffer): boolean {
  const mine = keyCheckValue(master, storeId);
  return mine.length === check.length && timingSafeEqual(mine, check);
}
