// Hash-chained audit trail: each entry carries the hash of the one before, so removing or changing an entry breaks
// the chain.
import { createHash } from 'node:crypto';
import type { Db } from '../store/db';
import { auditEntries, insertAuditEntry, lastAuditHash } from '../store/audit-log';

// Entries say who, what, which object, the result, where from and when — never a BSN,
// a key or a document's content (callers pass ids and codes, not values).

export interface AuditInput {
  actor: string;
  origin: string;
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: 'ok' | 'rejected' | 'failed' | string;
  details?: Record<string, string | number | boolean | null>;
}

const GENESIS = '0'.repeat(64);

function entryHash(
  prev: string,
  e: {
    at: string;
    actor: string;
    origin: string;
    action: string;
    objectType: string | null;
    objectId: string | null;
    result: string;
    details: string;
  },
): string {
  const canonical = JSON.stringify([prev, e.at, e.actor, e.origin, e.action, e.objectType, e.objectId, e.result, e.details]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Appends an entry. Call inside the transaction that makes the change it records (BEGIN IMMEDIATE serialises writers). */
export function appendAudit(db: Db, input: AuditInput, at = new Date()): void {
  const prev = lastAuditHash(db) ?? GENESIS;
  const e = {
    at: at.toISOString(),
    actor: input.actor,
    origin: input.origin,
    action: input.action,
    objectType: input.objectType ?? null,
    objectId: input.objectId ?? null,
    result: input.result,
    details: JSON.stringify(input.details ?? {}),
  };
  insertAuditEntry(db, { ...e, prev, hash: entryHash(prev, e) });
}

/** Walks the whole chain; returns the first broken sequence number, or null when intact. */
export function verifyAuditChain(db: Db): { valid: boolean; entries: number; brokenAt: number | null } {
  let prev = GENESIS;
  let n = 0;
  for (const row of auditEntries(db)) {
    const h = entryHash(prev, {
      at: row.at,
      actor: row.actor,
      origin: row.origin,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      result: row.result,
      details: row.details,
    });
    if (row.prev_hash !== prev || row.hash !== h) return { valid: false, entries: n, brokenAt: row.seq };
    prev = row.hash;
    n++;
  }
  return { valid: true, entries: n, brokenAt: null };
}
