// The `audit` table: appending an entry, its head, reading the chain back in order, and the audit screen's queries.
import type { Db } from './db';
import { getSetting, putSetting } from './settings';
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
  /** 1: written before people (who = login only); 2: with the person's name, roles and the workstation. */
  format: number;
  actor_name: string | null;
  /** JSON array of role names. */
  actor_roles: string;
  workstation: string;
}

export interface NewAuditEntry {
  format: number;
  at: string;
  actor: string;
  actorName: string | null;
  actorRoles: string;
  origin: string;
  workstation: string;
  action: string;
  objectType: string | null;
  objectId: string | null;
  result: string;
  details: string;
  prev: string;
  hash: string;
}

/** Which entries the audit screen and the export ask for; `fromAt` inclusive, `toAt` exclusive (ISO, UTC, `Z`). */
export interface AuditQuery {
  actor?: string;
  action?: string;
  objectId?: string;
  fromAt?: string;
  toAt?: string;
  beforeSeq?: number;
}

/** Hash of the newest entry, or null when the log is empty. */
export function lastAuditHash(db: Db): string | null {
  return auditHead(db)?.hash ?? null;
}

/** The newest entry's sequence number and hash, or null when the log is empty. */
export function auditHead(db: Db): { seq: number; hash: string } | null {
  return (stmt(db, 'SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}

/** The hash of entry `seq`, or null when there is no such entry. */
export function auditHashAt(db: Db, seq: number): string | null {
  return (stmt(db, 'SELECT hash FROM audit WHERE seq = ?').get(seq) as { hash: string } | undefined)?.hash ?? null;
}

/** The sequence number of the entry with this hash, or null (a scan: only asked once, where the chain breaks). */
export function auditSeqWithHash(db: Db, hash: string): number | null {
  return (stmt(db, 'SELECT seq FROM audit WHERE hash = ? LIMIT 1').get(hash) as { seq: number } | undefined)?.seq ?? null;
}

/** The first entry numbered `maxSeq` or lower that was written after `at`, or null. */
export function auditFirstSeqWrittenAfter(db: Db, at: string, maxSeq: number): number | null {
  return (stmt(db, 'SELECT min(seq) AS seq FROM audit WHERE at > ? AND seq <= ?').get(at, maxSeq) as { seq: number | null }).seq;
}

export function insertAuditEntry(db: Db, e: NewAuditEntry): void {
  stmt(
    db,
    `INSERT INTO audit (format, at, actor, actor_name, actor_roles, origin, workstation, action, object_type, object_id, result,
                        details, prev_hash, hash)
     VALUES (@format, @at, @actor, @actorName, @actorRoles, @origin, @workstation, @action, @objectType, @objectId, @result,
             @details, @prev, @hash)`,
  ).run(e);
}

/** Every entry in sequence order, or only those after `afterSeq`, read lazily (the log can be long). */
export function auditEntries(db: Db, afterSeq = 0): Iterable<AuditEntryRow> {
  return db.prepare('SELECT * FROM audit WHERE seq > ? ORDER BY seq').iterate(afterSeq) as Iterable<AuditEntryRow>;
}

/** The settings row that keeps the last entry the status check verified (inside the encrypted store). */
const VERIFIED_KEY = 'audit.verifiedHead';

/** The last entry verified by the incremental check, or null when none was (or the row is unreadable). */
export function auditVerifiedMark(db: Db): { seq: number; hash: string } | null {
  const text = getSetting(db, VERIFIED_KEY);
  if (text === undefined) return null;
  try {
    const m = JSON.parse(text) as { seq?: unknown; hash?: unknown };
    return Number.isSafeInteger(m.seq) && (m.seq as number) > 0 && typeof m.hash === 'string'
      ? { seq: m.seq as number, hash: m.hash }
      : null;
  } catch {
    return null;
  }
}

/** Records `mark` as verified, unless a newer entry is recorded already (two processes may check at once). */
export function setAuditVerifiedMark(db: Db, mark: { seq: number; hash: string }): void {
  db.transaction(() => {
    const now = auditVerifiedMark(db);
    if (now === null || now.seq < mark.seq) putSetting(db, VERIFIED_KEY, JSON.stringify({ seq: mark.seq, hash: mark.hash }));
  }).immediate();
}

function where(q: AuditQuery): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => (parts.push(sql), params.push(v));
  if (q.actor !== undefined) add('actor = ?', q.actor);
  if (q.action !== undefined) add('action = ?', q.action);
  if (q.objectId !== undefined) add('object_id = ?', q.objectId);
  if (q.fromAt !== undefined) add('at >= ?', q.fromAt);
  if (q.toAt !== undefined) add('at < ?', q.toAt);
  if (q.beforeSeq !== undefined) add('seq < ?', q.beforeSeq);
  return { sql: parts.length > 0 ? `WHERE ${parts.join(' AND ')}` : '', params };
}

/** The newest `limit` entries that match, newest first. */
export function findAuditEntries(db: Db, q: AuditQuery, limit: number): AuditEntryRow[] {
  const w = where(q);
  return stmt(db, `SELECT * FROM audit ${w.sql} ORDER BY seq DESC LIMIT ?`).all(...w.params, limit) as AuditEntryRow[];
}

/** How many entries match. */
export function countAuditEntries(db: Db, q: AuditQuery): number {
  const w = where(q);
  return (stmt(db, `SELECT count(*) AS n FROM audit ${w.sql}`).get(...w.params) as { n: number }).n;
}

/** The entries that match, oldest first, read lazily (the export). */
export function iterateAuditEntries(db: Db, q: AuditQuery): Iterable<AuditEntryRow> {
  const w = where(q);
  return db.prepare(`SELECT * FROM audit ${w.sql} ORDER BY seq`).iterate(...w.params) as Iterable<AuditEntryRow>;
}
