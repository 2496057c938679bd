// The outbox's transactions and lease rules (the statements are src/store/outbox.ts).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import type { Db } from '../store/db';
import { documentExists, setDocumentZaaknummer } from '../store/document-facts';
import {
  countOutboxByState,
  insertOutboxRow,
  listOutboxRows,
  makeOfflineRowsDue,
  resetOutboxAttempts,
  rowFrom,
  selectClaimCandidates,
  selectOpenDueTimes,
  selectOutboxRow,
  updateLeasedOutboxRow,
  updateOutboxRow,
} from '../store/outbox';
import { documentIdentificatie } from './ids';
import { claimEioAttempt, OUTBOX_STATES, resumeState, type NewZaak, type OutboxRow, type OutboxState, type Part } from './outbox-machine';

// Every change is one short IMMEDIATE transaction (synchronous=FULL): when a function here returns, the change
// survives a crash or a power cut.
// A worker holds a lease on the rows it works on (`claimed_by`, `claimed_until`); every write is fenced on that lease,
// so a worker that lost its lease (it was paused too long, another took over) cannot overwrite what the new holder
// recorded.

export const LEASE_MS = 60_000;

/** This process as a lease holder: host/pid/random. */
export const WORKER_ID = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

export function getRow(db: Db, documentId: string): OutboxRow | null {
  return selectOutboxRow(db, documentId);
}

export interface Who {
  actor: string;
  origin: string;
}

export type LinkTarget = { kind: 'zaaknummer'; zaaknummer: string } | { kind: 'nieuwe-zaak'; newZaak: NewZaak };

export interface EnqueueInput {
  documentId: string;
  env: string;
  target: LinkTarget;
  informatieobjecttype?: string | null;
  vertrouwelijkheidaanduiding?: string | null;
}

/** The outbox row of a document that was just linked: pending, nothing sent, no lease; the given columns on top. */
export function newOutboxRow(
  o: Pick<OutboxRow, 'documentId' | 'env' | 'actor' | 'target' | 'zaaknummer' | 'newZaak' | 'identificatie' | 'createdAt'> &
    Partial<OutboxRow>,
): OutboxRow {
  return {
    state: 'pending',
    zaakUrl: null,
    zaakIdentificatie: null,
    informatieobjecttype: null,
    vertrouwelijkheidaanduiding: null,
    contentBlobId: null,
    sha256: null,
    size: null,
    formaat: null,
    bestandsnaam: null,
    titel: null,
    ontvangstdatum: null,
    verzenddatum: null,
    eioUrl: null,
    lock: null,
    parts: null,
    zioUrl: null,
    previousZioUrl: null,
    attempts: 0,
    nextAttemptAt: 0,
    lastErrorCode: null,
    lastError: null,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: o.createdAt,
    doneAt: null,
    eioAttempts: 0,
    ...o,
  };
}

/**
 * Puts a document in the outbox for its zaak, or points a queued one at another zaak. A document already linked
 * (or done) keeps its EIO on the server; only the link moves (the old ZIO is removed after the new one exists).
 */
export function enqueue(db: Db, input: EnqueueInput, who: Who, now = new Date()): OutboxRow {
  const iso = now.toISOString();
  return db
    .transaction(() => {
      if (!documentExists(db, input.documentId)) throw new PostkamerError('not-found', '(document)');
      const existing = getRow(db, input.documentId);
      const targetCols =
        input.target.kind === 'zaaknummer'
          ? { target: 'zaaknummer' as const, zaaknummer: input.target.zaaknummer, newZaak: null, zaakIdentificatie: null }
          : { target: 'nieuwe-zaak' as const, zaaknummer: null, newZaak: input.target.newZaak, zaakIdentificatie: null };
      if (!existing) {
        const row = newOutboxRow({
          documentId: input.documentId,
          env: input.env,
          actor: who.actor,
          ...targetCols,
          informatieobjecttype: input.informatieobjecttype ?? null,
          vertrouwelijkheidaanduiding: input.vertrouwelijkheidaanduiding ?? null,
          identificatie: documentIdentificatie(input.documentId),
          createdAt: iso,
        });
        insertOutboxRow(db, row);
        if (input.target.kind === 'zaaknummer') setDocumentZaaknummer(db, input.documentId, input.target.zaaknummer, iso);
        appendAudit(db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.outbox.enqueue',
          objectType: 'document',
          objectId: input.documentId,
          result: 'ok',
          details: { target: row.target, env: input.env },
        });
        return row;
      }
      if (existing.env !== input.env) throw new PostkamerError('zgw-env-mismatch');
      const same =
        input.target.kind === 'zaaknummer' &&
        existing.target === 'zaaknummer' &&
        existing.zaaknummer === input.target.zaaknummer &&
        existing.state !== 'attention';
      if (same) return existing;
      // A worker that is sending this document now would finish with the old target: let it finish first.
      if (existing.claimedBy && (existing.claimedUntil ?? 0) > now.getTime() && !holderIsDead(existing.claimedBy))
        throw new PostkamerError('zgw-busy');
      // A new zaak that was already created on the server stays that zaak: re-marking it would create a second one.
      if (existing.target === 'nieuwe-zaak' && existing.zaakUrl && input.target.kind === 'nieuwe-zaak')
        throw new PostkamerError('zgw-zaak-already-created');
      const moving = existing.zioUrl !== null;
      // (claimed_by is left as is: a dead or expired holder's lease is free anyway.)
      const patch: Partial<OutboxRow> = {
        ...targetCols,
        zaakUrl: null,
        zioUrl: null,
        previousZioUrl: moving ? existing.zioUrl : existing.previousZioUrl,
        informatieobjecttype: input.informatieobjecttype ?? existing.informatieobjecttype,
        vertrouwelijkheidaanduiding: input.vertrouwelijkheidaanduiding ?? existing.vertrouwelijkheidaanduiding,
        state: resumeState({ eioUrl: existing.eioUrl, lock: existing.lock, zioUrl: null }),
        attempts: 0,
        nextAttemptAt: 0,
        lastErrorCode: null,
        lastError: null,
        doneAt: null,
        updatedAt: iso,
        actor: who.actor,
      };
      updateOutboxRow(db, input.documentId, patch);
      if (input.target.kind === 'zaaknummer') setDocumentZaaknummer(db, input.documentId, input.target.zaaknummer, iso);
      appendAudit(db, {
        actor: who.actor,
        origin: who.origin,
        action: 'zgw.outbox.relink',
        objectType: 'document',
        objectId: input.documentId,
        result: 'ok',
        details: { target: patch.target ?? null, moving },
      });
      return getRow(db, input.documentId)!;
    })
    .immediate();
}

/** Sends a row in `attention` (or waiting on a backoff) again now. */
export function retryNow(db: Db, documentId: string, who: Who, now = new Date()): OutboxRow {
  return db
    .transaction(() => {
      const row = getRow(db, documentId);
      if (!row) throw new PostkamerError('not-found', '(outbox)');
      if (row.state === 'done') return row;
      const state = row.state === 'attention' ? resumeState(row) : row.state;
      resetOutboxAttempts(db, documentId, state, now.toISOString());
      appendAudit(db, {
        actor: who.actor,
        origin: who.origin,
        action: 'zgw.outbox.retry',
        objectType: 'document',
        objectId: documentId,
        result: 'ok',
      });
      return getRow(db, documentId)!;
    })
    .immediate();
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A lease holder on this machine whose process is gone (a crash, a kill) holds nothing any more. */
export function holderIsDead(holder: string): boolean {
  const [host, pid] = holder.split('/');
  if (host !== hostname() || holder === WORKER_ID) return false;
  const n = Number(pid);
  if (n === process.pid) return true; // same pid, other random part: a previous life of this pid
  return Number.isInteger(n) && !pidAlive(n);
}

/**
 * Takes up to `limit` rows that are due, not leased by a live worker, whose document is not still being processed,
 * in environments that are not known to be offline. A row that may need its EIO created gets that attempt counted
 * (`eioAttempts`) in the claim: `deliver` relies on it, so rows are delivered only as claimed here.
 */
export function claimDue(
  db: Db,
  owner: string,
  limit: number,
  nowMs: number,
  opts: { envs: string[]; leaseMs?: number; exclude?: Set<string>; prepare?: (row: OutboxRow) => Partial<OutboxRow> | null },
): OutboxRow[] {
  if (limit <= 0 || opts.envs.length === 0) return [];
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  return db
    .transaction(() => {
      // Rows held (by this worker or another) are judged here: one this worker holds but is not delivering (a delivery
      // that ended in an unexpected error) is taken again at once rather than after its lease; a row leased to another
      // worker is taken only if that lease is free (its holder may be dead), and converted only then.
      const candidates = selectClaimCandidates(db, { nowMs, envs: opts.envs, exclude: opts.exclude ?? [], limit: limit * 4 });
      const claimed: OutboxRow[] = [];
      for (const raw of candidates) {
        if (claimed.length >= limit) break;
        const holder = raw.claimed_by;
        const free = holder === null || holder === owner || (raw.claimed_until ?? 0) < nowMs || holderIsDead(holder);
        if (!free) continue;
        const row = rowFrom(raw);
        // Work that needs no server (freezing the content) is recorded with the claim, in one statement.
        let prepared: Partial<OutboxRow> | null = null;
        try {
          prepared = opts.prepare?.(row) ?? null;
        } catch {
          prepared = null; // the delivery itself will meet the problem and report it
        }
        // So is the EIO create the delivery may send: recorded before it can go out, in the same commit.
        const patch = { ...prepared, ...claimEioAttempt(row), claimedBy: owner, claimedUntil: nowMs + leaseMs };
        updateOutboxRow(db, row.documentId, patch);
        claimed.push({ ...row, ...patch });
      }
      return claimed;
    })
    .immediate();
}

export interface AuditNote {
  action: string;
  result: 'ok' | 'failed' | 'rejected';
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Records progress of a claimed row and renews the lease. Returns false, changing nothing, when `owner` no longer
 * holds the lease.
 */
export function saveProgress(
  db: Db,
  documentId: string,
  owner: string,
  patch: Partial<OutboxRow>,
  nowMs: number,
  audit?: AuditNote | AuditNote[],
  leaseMs = LEASE_MS,
): boolean {
  const change = () => {
    const lease = patch.claimedBy === null ? { claimedUntil: null } : { claimedUntil: nowMs + leaseMs };
    // Undefined fields are skipped but null is written: claimedBy null clears the lease in the same statement. The
    // fenced update hands back the row's actor for the audit entries (null: the lease was lost).
    const r = updateLeasedOutboxRow(db, documentId, owner, { ...patch, updatedAt: new Date(nowMs).toISOString(), ...lease });
    if (!r) return false;
    const audits = audit === undefined ? [] : Array.isArray(audit) ? audit : [audit];
    for (const a of audits)
      appendAudit(db, {
        actor: r.actor,
        origin: 'sync',
        action: a.action,
        objectType: 'document',
        objectId: documentId,
        result: a.result,
        details: a.details,
      });
    return true;
  };
  // Inside a transaction already (a group commit gives each change its own savepoint) no second savepoint is needed.
  return db.inTransaction ? change() : db.transaction(change).immediate();
}

/**
 * Gives back a row claimed by `owner` whose delivery never started: the EIO attempt its claim counted was not sent,
 * so it is taken off again (the next delivery then needs no look-up either).
 */
export function releaseUnstarted(db: Db, claimed: OutboxRow, owner: string, nowMs: number): boolean {
  const counted = claimEioAttempt(claimed) !== null;
  return release(db, claimed.documentId, owner, counted ? { eioAttempts: claimed.eioAttempts - 1 } : {}, nowMs);
}

/** Ends the lease, with whatever the row needs for its next try. */
export function release(
  db: Db,
  documentId: string,
  owner: string,
  patch: Partial<OutboxRow>,
  nowMs: number,
  audit?: AuditNote | AuditNote[],
): boolean {
  return saveProgress(db, documentId, owner, { ...patch, claimedBy: null }, nowMs, audit, 0);
}

export function outboxCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of OUTBOX_STATES) out[s] = 0;
  for (const r of countOutboxByState(db)) out[r.state] = r.n;
  return out;
}

export function listOutbox(db: Db, opts: { state?: OutboxState; limit: number; offset?: number }): OutboxRow[] {
  return listOutboxRows(db, opts);
}

/**
 * Earliest time (ms) at which this worker could claim an unfinished row: its retry time, or the end of another live
 * worker's lease. Rows whose document is still being processed are left out (they are not ours to wait for).
 */
export function nextDueAt(db: Db, envs: string[], owner: string = WORKER_ID): number | null {
  if (envs.length === 0) return null;
  const rows = selectOpenDueTimes(db, envs);
  let min: number | null = null;
  for (const r of rows) {
    let t = r.t;
    if (r.holder && r.holder !== owner && r.until !== null && !holderIsDead(r.holder)) t = Math.max(t, r.until);
    if (min === null || t < min) min = t;
  }
  return min;
}

/** Rows waiting because the server was unreachable: due now once it is back. */
export function wakeOffline(db: Db, env: string): number {
  return makeOfflineRowsDue(db, env);
}

export { CommitQueue } from '../store/commit-queue';
export { rowFrom };
export type { Part };
