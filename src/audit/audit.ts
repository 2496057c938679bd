// Hash-chained audit trail: each entry carries the hash of the one before, so removing or changing an entry breaks
// the chain; an entry records who (login, name and roles at the time), what, which object, the result, where from, when.
import { hostname } from 'node:os';
import type { Db } from '../store/db';
import { insertAuditEntry, lastAuditHash } from '../store/audit-log';
import { personByLogin } from '../store/people';
import { CURRENT_FORMAT, entryHash, GENESIS, type HashedFields } from './hash';

// Entries say who, what, which object, the result, where from and when — never a BSN,
// a key or a document's content (callers pass ids and codes, not values).

export interface AuditInput {
  /** The person's login, `postkamer` for the workstation's own work, `onbekend` for an unknown login. */
  actor: string;
  origin: string;
  /** A code of src/contract/audit-actions.ts. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  result: 'ok' | 'rejected' | 'failed' | string;
  details?: Record<string, string | number | boolean | null>;
}

export { CURRENT_FORMAT, entryHash, GENESIS, type HashedFields } from './hash';
/** The chain's check (kept here too: callers have imported it from this module since the start). */
export { verifyAuditChain } from './verify';

let host: string | null = null;
/** The workstation's host name (read once per process; cut to 200 characters). */
export function workstationName(): string {
  if (host === null) {
    try {
      host = hostname().slice(0, 200);
    } catch {
      host = '';
    }
  }
  return host;
}

/** Who the actor was at this moment: the person's display name and roles, or none for the workstation itself. */
function whoIs(db: Db, actor: string): { name: string | null; roles: string } {
  const p = personByLogin(db, actor);
  if (!p) return { name: null, roles: '[]' };
  let roles: unknown;
  try {
    roles = JSON.parse(p.roles);
  } catch {
    roles = [];
  }
  return { name: p.name, roles: JSON.stringify(Array.isArray(roles) ? roles.filter((r) => typeof r === 'string') : []) };
}

/**
 * Appends an entry. Call inside the transaction that makes the change it records (BEGIN IMMEDIATE serialises writers);
 * called outside one, it takes its own, so that two processes never chain two entries onto the same head.
 */
export function appendAudit(db: Db, input: AuditInput, at = new Date()): void {
  if (db.inTransaction) append(db, input, at);
  else db.transaction(() => append(db, input, at)).immediate();
}

function append(db: Db, input: AuditInput, at: Date): void {
  const prev = lastAuditHash(db) ?? GENESIS;
  const who = whoIs(db, input.actor);
  const e: HashedFields = {
    format: CURRENT_FORMAT,
    at: at.toISOString(),
    actor: input.actor,
    actor_name: who.name,
    actor_roles: who.roles,
    origin: input.origin,
    workstation: workstationName(),
    action: input.action,
    object_type: input.objectType ?? null,
    object_id: input.objectId ?? null,
    result: input.result,
    details: JSON.stringify(input.details ?? {}),
  };
  insertAuditEntry(db, {
    format: e.format,
    at: e.at,
    actor: e.actor,
    actorName: e.actor_name,
    actorRoles: e.actor_roles,
    origin: e.origin,
    workstation: e.workstation,
    action: e.action,
    objectType: e.object_type,
    objectId: e.object_id,
    result: e.result,
    details: e.details,
    prev,
    hash: entryHash(prev, e),
  });
}
