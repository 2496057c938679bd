import { randomUUID } from 'node:crypto';
import { close as closeFd, fsync, open as openFd } from 'node:fs';
import { hostname } from 'node:os';
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import type { Db } from '../store/db';
import { documentIdentificatie } from './ids';
import { stmt } from '../store/statements';
import { OUTBOX_STATES, resumeState, type NewZaak, type OutboxRow, type OutboxState, type Part } from './outbox-machine';

// Persistence of the outbox. Every change is one short IMMEDIATE transaction (synchronous=FULL): when a function
// here returns, the change survives a crash or a power cut. A worker holds a lease on the rows it works on
// (`claimed_by`, `claimed_until`); every write is fenced on that lease, so a worker that lost its lease (it was
// paused too long, another took over) cannot overwrite what the new holder recorded.

export const LEASE_MS = 60_000;

/** This process as a lease holder: host/pid/random. */
export const WORKER_ID = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;

const COLUMNS: Record<keyof OutboxRow, string> = {
  documentId: 'document_id', env: 'env', state: 'state', actor: 'actor', target: 'target', zaaknummer: 'zaaknummer',
  zaakUrl: 'zaak_url', newZaak: 'new_zaak', zaakIdentificatie: 'zaak_identificatie', informatieobjecttype: 'informatieobjecttype',
  vertrouwelijkheidaanduiding: 'vertrouwelijkheidaanduiding', identificatie: 'identificatie', contentBlobId: 'content_blob_id',
  sha256: 'sha256', size: 'size', formaat: 'formaat', bestandsnaam: 'bestandsnaam', titel: 'titel', ontvangstdatum: 'ontvangstdatum',
  verzenddatum: 'verzenddatum', eioUrl: 'eio_url', lock: 'lock', parts: 'parts', zioUrl: 'zio_url', previousZioUrl: 'previous_zio_url',
  attempts: 'attempts', nextAttemptAt: 'next_attempt_at', lastErrorCode: 'last_error_code', lastError: 'last_error',
  claimedBy: 'claimed_by', claimedUntil: 'claimed_until', createdAt: 'created_at', updatedAt: 'updated_at', doneAt: 'done_at',
};
const JSON_FIELDS = new Set<keyof OutboxRow>(['newZaak', 'parts']);

type Raw = Record<string, unknown>;

export function rowFrom(r: Raw): OutboxRow {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS) as [keyof OutboxRow, string][]) {
    const v = r[col];
    out[k] = JSON_FIELDS.has(k) ? (v === null || v === undefined ? null : JSON.parse(v as string)) : (v ?? null);
  }
  return out as unknown as OutboxRow;
}

function toColumns(patch: Partial<OutboxRow>): { sets: string[]; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(patch) as [keyof OutboxRow, unknown][]) {
    if (v === undefined) continue;
    sets.push(`${COLUMNS[k]} = ?`);
    values.push(JSON_FIELDS.has(k) ? (v === null ? null : JSON.stringify(v)) : typeof v === 'boolean' ? Number(v) : v);
  }
  return { sets, values };
}

export function getRow(db: Db, documentId: string): OutboxRow | null {
  const r = db.prepare('SELECT * FROM zgw_outbox WHERE document_id = ?').get(documentId) as Raw | undefined;
  return r ? rowFrom(r) : null;
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

/**
 * Puts a document in the outbox for its zaak, or points a queued one at another zaak. A document already linked
 * (or done) keeps its EIO on the server; only the link moves (the old ZIO is removed after the new one exists).
 */
export function enqueue(db: Db, input: EnqueueInput, who: Who, now = new Date()): OutboxRow {
  const iso = now.toISOString();
  return db.transaction(() => {
    const doc = db.prepare('SELECT id FROM documents WHERE id = ?').get(input.documentId);
    if (!doc) throw new PostkamerError('not-found', '(document)');
    const existing = getRow(db, input.documentId);
    const targetCols = input.target.kind === 'zaaknummer'
      ? { target: 'zaaknummer' as const, zaaknummer: input.target.zaaknummer, newZaak: null, zaakIdentificatie: null }
      : { target: 'nieuwe-zaak' as const, zaaknummer: null, newZaak: input.target.newZaak, zaakIdentificatie: null };
    if (!existing) {
      const row: OutboxRow = {
        documentId: input.documentId, env: input.env, state: 'pending', actor: who.actor, ...targetCols, zaakUrl: null,
        informatieobjecttype: input.informatieobjecttype ?? null, vertrouwelijkheidaanduiding: input.vertrouwelijkheidaanduiding ?? null,
        identificatie: documentIdentificatie(input.documentId), contentBlobId: null, sha256: null, size: null, formaat: null,
        bestandsnaam: null, titel: null, ontvangstdatum: null, verzenddatum: null, eioUrl: null, lock: null, parts: null, zioUrl: null,
        previousZioUrl: null, attempts: 0, nextAttemptAt: 0, lastErrorCode: null, lastError: null, claimedBy: null, claimedUntil: null,
        createdAt: iso, updatedAt: iso, doneAt: null,
      };
      const { sets, values } = toColumns(row);
      db.prepare(`INSERT INTO zgw_outbox (${sets.map((s) => s.split(' = ')[0]).join(', ')}) VALUES (${sets.map(() => '?').join(', ')})`).run(...values);
      if (input.target.kind === 'zaaknummer') db.prepare('UPDATE documents SET zaaknummer = ?, updated_at = ? WHERE id = ?').run(input.target.zaaknummer, iso, input.documentId);
      appendAudit(db, { actor: who.actor, origin: who.origin, action: 'zgw.outbox.enqueue', objectType: 'document', objectId: input.documentId, result: 'ok', details: { target: row.target, env: input.env } });
      return row;
    }
    if (existing.env !== input.env) throw new PostkamerError('zgw-env-mismatch');
    const same = input.target.kind === 'zaaknummer' && existing.target === 'zaaknummer' && existing.zaaknummer === input.target.zaaknummer && existing.state !== 'attention';
    if (same) return existing;
    // A worker that is sending this document now would finish with the old target: let it finish first.
    if (existing.claimedBy && (existing.claimedUntil ?? 0) > now.getTime() && !holderIsDead(existing.claimedBy)) throw new PostkamerError('zgw-busy');
    // A new zaak that was already created on the server stays that zaak: re-marking it would create a second one.
    if (existing.target === 'nieuwe-zaak' && existing.zaakUrl && input.target.kind === 'nieuwe-zaak') throw new PostkamerError('zgw-zaak-already-created');
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
      attempts: 0, nextAttemptAt: 0, lastErrorCode: null, lastError: null, doneAt: null, updatedAt: iso, actor: who.actor,
    };
    const { sets, values } = toColumns(patch);
    db.prepare(`UPDATE zgw_outbox SET ${sets.join(', ')} WHERE document_id = ?`).run(...values, input.documentId);
    if (input.target.kind === 'zaaknummer') db.prepare('UPDATE documents SET zaaknummer = ?, updated_at = ? WHERE id = ?').run(input.target.zaaknummer, iso, input.documentId);
    appendAudit(db, { actor: who.actor, origin: who.origin, action: 'zgw.outbox.relink', objectType: 'document', objectId: input.documentId, result: 'ok', details: { target: patch.target ?? null, moving } });
    return getRow(db, input.documentId)!;
  }).immediate();
}

/** Sends a row in `attention` (or waiting on a backoff) again now. */
export function retryNow(db: Db, documentId: string, who: Who, now = new Date()): OutboxRow {
  return db.transaction(() => {
    const row = getRow(db, documentId);
    if (!row) throw new PostkamerError('not-found', '(outbox)');
    if (row.state === 'done') return row;
    const state = row.state === 'attention' ? resumeState(row) : row.state;
    db.prepare(`UPDATE zgw_outbox SET state = ?, attempts = 0, next_attempt_at = 0, last_error_code = NULL, last_error = NULL, updated_at = ? WHERE document_id = ?`)
      .run(state, now.toISOString(), documentId);
    appendAudit(db, { actor: who.actor, origin: who.origin, action: 'zgw.outbox.retry', objectType: 'document', objectId: documentId, result: 'ok' });
    return getRow(db, documentId)!;
  }).immediate();
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
 * in environments that are not known to be offline.
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
  return db.transaction(() => {
    // Open rows only, in claim order, through the partial index zgw_outbox_open (`+o.env` keeps the planner
    // off the env index, which would read finished rows too and sort). Rows held (by this worker or another) are
    // judged below: one this worker holds but is not delivering (a delivery that ended in an unexpected error)
    // is taken again at once rather than after its lease.
    // Rows this worker is already delivering or holds ready (`exclude`) are left out in the query itself: at high
    // concurrency they outnumber the rows wanted, and reading them (all columns) only to skip them cost more than
    // the claim. A row leased to another worker is judged here (its holder may be dead) and converted only if free.
    const candidates = stmt(
      db,
      `SELECT o.* FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
       WHERE o.state NOT IN ('done', 'attention') AND o.next_attempt_at <= ?
         AND +o.env IN (${opts.envs.map(() => '?').join(', ')})
         AND NOT (o.sha256 IS NULL AND d.status = 'processing')
         AND o.document_id NOT IN (SELECT value FROM json_each(?))
       ORDER BY o.next_attempt_at, o.created_at LIMIT ?`,
    ).all(nowMs, ...opts.envs, JSON.stringify(opts.exclude ? [...opts.exclude] : []), limit * 4) as Raw[];
    const claimed: OutboxRow[] = [];
    for (const raw of candidates) {
      if (claimed.length >= limit) break;
      const holder = raw.claimed_by as string | null;
      const free = holder === null || holder === owner || ((raw.claimed_until as number | null) ?? 0) < nowMs || holderIsDead(holder);
      if (!free) continue;
      const row = rowFrom(raw);
      // Work that needs no server (freezing the content) is recorded with the claim, in one statement.
      let prepared: Partial<OutboxRow> | null = null;
      try {
        prepared = opts.prepare?.(row) ?? null;
      } catch {
        prepared = null; // the delivery itself will meet the problem and report it
      }
      const { sets, values } = toColumns({ ...prepared, claimedBy: owner, claimedUntil: nowMs + leaseMs });
      stmt(db, `UPDATE zgw_outbox SET ${sets.join(', ')} WHERE document_id = ?`).run(...values, row.documentId);
      claimed.push({ ...row, ...prepared, claimedBy: owner, claimedUntil: nowMs + leaseMs });
    }
    return claimed;
  }).immediate();
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
export function saveProgress(db: Db, documentId: string, owner: string, patch: Partial<OutboxRow>, nowMs: number, audit?: AuditNote | AuditNote[], leaseMs = LEASE_MS): boolean {
  const change = () => {
    const lease = patch.claimedBy === null ? { claimedUntil: null } : { claimedUntil: nowMs + leaseMs };
    const { sets, values } = toColumns({ ...patch, updatedAt: new Date(nowMs).toISOString(), ...lease });
    // toColumns skips undefined but writes null: claimedBy null clears the lease in the same statement. The fenced
    // update hands back the row's actor for the audit entries (no row: the lease was lost).
    const r = stmt(db, `UPDATE zgw_outbox SET ${sets.join(', ')} WHERE document_id = ? AND claimed_by = ? RETURNING actor`).get(...values, documentId, owner) as
      | { actor: string }
      | undefined;
    if (!r) return false;
    const audits = audit === undefined ? [] : Array.isArray(audit) ? audit : [audit];
    for (const a of audits) appendAudit(db, { actor: r.actor, origin: 'sync', action: a.action, objectType: 'document', objectId: documentId, result: a.result, details: a.details });
    return true;
  };
  // Inside a transaction already (a group commit gives each change its own savepoint) no second savepoint is needed.
  return db.inTransaction ? change() : db.transaction(change).immediate();
}

/** Ends the lease, with whatever the row needs for its next try. */
export function release(db: Db, documentId: string, owner: string, patch: Partial<OutboxRow>, nowMs: number, audit?: AuditNote | AuditNote[]): boolean {
  return saveProgress(db, documentId, owner, { ...patch, claimedBy: null }, nowMs, audit, 0);
}

/**
 * Group commit with an asynchronous fsync. Changes queued in the same turn of the event loop are written in one
 * transaction; the promise of each resolves only once its change is on disk. The fsync (milliseconds each) runs in
 * libuv's thread pool instead of blocking the event loop the way a synchronous=FULL commit does, so the other
 * deliveries keep talking to the server meanwhile, and one fsync covers every change written before it started.
 *
 * Durability is the same as synchronous=FULL for these changes: nothing is acknowledged — so no request that
 * depends on it is sent — before the WAL holding it has been fsync'ed. (The transaction itself runs with
 * synchronous=NORMAL, under which SQLite still syncs around checkpoints; the pragma is restored at once, so other
 * writers in this process keep FULL.) Each change runs in its own savepoint and gets its own result or error.
 */
export class CommitQueue {
  private queue: { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private written: { resolve: (v: unknown) => void; reject: (e: unknown) => void; v: unknown }[] = [];
  private scheduled = false;
  private syncing = false;
  commits = 0;
  fsyncs = 0;

  constructor(
    private readonly db: Db,
    /** The database file; its `-wal` is fsync'ed. Without it, commits are plain synchronous=FULL ones. */
    private readonly file?: string,
  ) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    const results: ({ ok: true; v: unknown } | { ok: false; e: unknown })[] = [];
    const asyncSync = this.file !== undefined;
    try {
      if (asyncSync) stmt(this.db, 'PRAGMA synchronous = NORMAL').run();
      try {
        this.db.transaction(() => {
          for (const item of batch) {
            try {
              results.push({ ok: true, v: this.db.transaction(item.fn)() });
            } catch (e) {
              results.push({ ok: false, e });
            }
          }
        }).immediate();
      } finally {
        if (asyncSync) stmt(this.db, 'PRAGMA synchronous = FULL').run();
      }
      this.commits++;
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i];
      if (!r.ok) item.reject(r.e); // rolled back to its savepoint: nothing to wait for
      else if (asyncSync) this.written.push({ resolve: item.resolve, reject: item.reject, v: r.v });
      else item.resolve(r.v);
    });
    if (asyncSync) this.sync();
  }

  /** The WAL's file descriptor, kept open between fsyncs. */
  private wal: number | null = null;

  /**
   * fsync of the WAL through a descriptor kept open (reopened after an error, e.g. when the file was replaced).
   * Callback fs rather than fs/promises: FileHandle.sync() cost ~0.15 ms of main-thread time per call here.
   */
  private async fsyncWal(): Promise<void> {
    const openWal = () => new Promise<number>((res, rej) => openFd(`${this.file}-wal`, 'r+', (e, fd) => (e ? rej(e) : res(fd))));
    const syncFd = (fd: number) => new Promise<void>((res, rej) => fsync(fd, (e) => (e ? rej(e) : res())));
    try {
      this.wal ??= await openWal();
      await syncFd(this.wal);
    } catch {
      const old = this.wal;
      this.wal = null;
      if (old !== null) closeFd(old, () => undefined);
      this.wal = await openWal();
      await syncFd(this.wal);
    }
  }

  /** Closes the kept WAL descriptor (when the store closes). */
  async close(): Promise<void> {
    const w = this.wal;
    this.wal = null;
    if (w !== null) await new Promise<void>((res) => closeFd(w, () => res()));
  }

  /** One fsync at a time; whatever was written while it ran waits for the next one. */
  private sync(): void {
    if (this.syncing || this.written.length === 0) return;
    this.syncing = true;
    const batch = this.written.splice(0);
    this.fsyncWal()
      .then(
        () => {
          this.fsyncs++;
          for (const w of batch) w.resolve(w.v);
        },
        (e) => {
          for (const w of batch) w.reject(e);
        },
      )
      .finally(() => {
        this.syncing = false;
        this.sync();
      });
  }
}



export function outboxCounts(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of OUTBOX_STATES) out[s] = 0;
  for (const r of db.prepare('SELECT state, count(*) AS n FROM zgw_outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
  return out;
}

export function listOutbox(db: Db, opts: { state?: OutboxState; limit: number; offset?: number }): OutboxRow[] {
  const rows = opts.state
    ? db.prepare('SELECT * FROM zgw_outbox WHERE state = ? ORDER BY updated_at DESC LIMIT ? OFFSET ?').all(opts.state, opts.limit, opts.offset ?? 0)
    : db.prepare('SELECT * FROM zgw_outbox ORDER BY updated_at DESC LIMIT ? OFFSET ?').all(opts.limit, opts.offset ?? 0);
  return (rows as Raw[]).map(rowFrom);
}

/**
 * Earliest time (ms) at which this worker could claim an unfinished row: its retry time, or the end of another live
 * worker's lease. Rows whose document is still being processed are left out (they are not ours to wait for).
 */
export function nextDueAt(db: Db, envs: string[], owner: string = WORKER_ID): number | null {
  if (envs.length === 0) return null;
  const rows = stmt(
    db,
    `SELECT o.next_attempt_at AS t, o.claimed_by AS holder, o.claimed_until AS until FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
     WHERE o.state NOT IN ('done', 'attention') AND +o.env IN (${envs.map(() => '?').join(', ')})
       AND NOT (o.sha256 IS NULL AND d.status = 'processing')`,
  ).all(...envs) as { t: number; holder: string | null; until: number | null }[];
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
  return db.prepare(`UPDATE zgw_outbox SET next_attempt_at = 0 WHERE env = ? AND state NOT IN ('done', 'attention') AND last_error_code IN ('zgw-unreachable', 'zgw-dns')`).run(env).changes;
}

export type { Part };
