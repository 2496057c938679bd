// The `audit` table: the last hash of the chain, appending an entry, and reading the chain back in order.
import type { Db } from './db';
import { stmt } from './statements';

/** One entry as stored (the hash chaining is src/audit's business). */
export interface AuditEntryRow {
  seq: number;
  at: string;
  actor: string;
  origin: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface NewAuditEntry {
  at: string;
  actor: string;
  origin: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  details: string;
  prev: string;
  hash: string;
}

/** Hash of the newest entry, or null when the log is empty. */
export function lastAuditHash(db: Db): string | null {
  return (stmt(db, 'SELECT hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { hash: string } | undefined)?.hash ?? null;
}

export function insertAuditEntry(db: Db, e: NewAuditEntry): void {
  stmt(
    db,
    `INSERT INTO audit (at, actor, origin, action, object_type, object_id, result, details, prev_hash, hash)
     VALUES (@at, @actor, @origin, @action, @objectType, @objectId, @result, @details, @prev, @hash)`,
  ).run(e);
}

/** Every entry in sequence order, read lazily (the log can be long). */
export function auditEntries(db: Db): Iterable<AuditEntryRow> {
  return db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as Iterable<AuditEntryRow>;
}

/** The newest `limit` entries, newest first, without their details and hashes (the audit list). */
export function recentAuditEntries(
  db: Db,
  limit: number,
): Pick<AuditEntryRow, 'seq' | 'at' | 'actor' | 'origin' | 'action' | 'object_type' | 'object_id' | 'result'>[] {
  return db
    .prepare('SELECT seq, at, actor, origin, action, object_type, object_id, result FROM audit ORDER BY seq DESC LIMIT ?')
    .all(limit) as Pick<AuditEntryRow, 'seq' | 'at' | 'actor' | 'origin' | 'action' | 'object_type' | 'object_id' | 'result'>[];
}
