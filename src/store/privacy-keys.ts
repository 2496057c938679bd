// The `privacy_keys` table: per purpose one random key that never leaves the encrypted database (pseudonymous references).
import { randomBytes } from 'node:crypto';
import type { Db } from './db';
import { stmt } from './statements';

/**
 * The key for `purpose`, made (32 random bytes) the first time it is asked for. Call inside the caller's write
 * transaction: two processes asking at once then agree on one key (the second insert is ignored).
 */
export function privacyKey(db: Db, purpose: string): Buffer {
  const read = () => (stmt(db, 'SELECT key FROM privacy_keys WHERE purpose = ?').get(purpose) as { key: Buffer } | undefined)?.key;
  const found = read();
  if (found) return found;
  stmt(db, 'INSERT OR IGNORE INTO privacy_keys (purpose, key, created_at) VALUES (?, ?, ?)').run(
    purpose,
    randomBytes(32),
    new Date().toISOString(),
  );
  const made = read();
  if (!made) throw new Error(`privacy key ${purpose} could not be stored`);
  return made;
}
