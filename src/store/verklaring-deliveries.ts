// The `zgw_verklaring_deliveries` table: an approved batch's verklaring van vervanging, one delivery per zaak of the
// batch's documents — made, claimed, stepped through and shown per batch.
import { createHash } from 'node:crypto';
import type { Db } from './db';
import { stmt } from './statements';

// What a step means (EIO, zaakinformatieobject, leases, look-ups) is src/sync/deliver-verklaring.ts's business.

export const VERKLARING_DELIVERY_STATES = ['pending', 'eio-created', 'done', 'attention'] as const;
export type VerklaringDeliveryState = (typeof VERKLARING_DELIVERY_STATES)[number];

export interface VerklaringDelivery {
  batchId: string;
  zaakUrl: string;
  env: string;
  zaaknummer: string | null;
  identificatie: string;
  actor: string;
  state: VerklaringDeliveryState;
  eioAttempts: number;
  eioUrl: string | null;
  zioUrl: string | null;
  documenttype: string | null;
  attempts: number;
  nextAttemptAt: number;
  lastErrorCode: string | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedUntil: number | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
}

/** A delivery with its verklaring (blob, checksum, size, when made) and its batch's label. */
export interface VerklaringTarget extends VerklaringDelivery {
  blobId: string;
  sha256: string;
  size: number;
  madeAt: string;
  label: string;
}

/** Where the verklaring of a batch stands for one zaak (the dossier screen). */
export interface VerklaringDeliveryView {
  zaakUrl: string;
  zaaknummer: string | null;
  env: string;
  state: VerklaringDeliveryState;
  eioUrl: string | null;
  zioUrl: string | null;
  attempts: number;
  lastErrorCode: string | null;
  lastError: string | null;
  doneAt: string | null;
}

const COLUMNS: Record<keyof VerklaringDelivery, string> = {
  batchId: 'batch_id',
  zaakUrl: 'zaak_url',
  env: 'env',
  zaaknummer: 'zaaknummer',
  identificatie: 'identificatie',
  actor: 'actor',
  state: 'state',
  eioAttempts: 'eio_attempts',
  eioUrl: 'eio_url',
  zioUrl: 'zio_url',
  documenttype: 'documenttype',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastErrorCode: 'last_error_code',
  lastError: 'last_error',
  claimedBy: 'claimed_by',
  claimedUntil: 'claimed_until',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  doneAt: 'done_at',
};

type Raw = Readonly<Record<string, unknown>>;

function deliveryFrom(r: Raw): VerklaringDelivery {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) out[k] = r[col] ?? null;
  return out as unknown as VerklaringDelivery;
}

function targetFrom(r: Raw): VerklaringTarget {
  return {
    ...deliveryFrom(r),
    blobId: r.blob_id as string,
    sha256: r.sha256 as string,
    size: r.size as number,
    madeAt: r.made_at as string,
    label: r.label as string,
  };
}

/**
 * The identificatie of the verklaring's EIO in one zaak: a pure function of batch and zaak (so every attempt, restart
 * or other process asks the server for the same object), unique per pair, 28 characters (ZGW allows 40).
 */
export function verklaringIdentificatie(batchId: string, zaakUrl: string): string {
  const h = createHash('sha256').update(`postkamer/verklaring/${batchId}\u0000${zaakUrl}`).digest('hex');
  return `PKV-${h.slice(0, 24).toUpperCase()}`;
}

type Missing = { batch_id: string; env: string; zaak_url: string; zaaknummer: string | null; actor: string };

const MISSING_COLUMNS = `v.batch_id, o.env, o.zaak_url, max(o.zaaknummer) AS zaaknummer, coalesce(q.closed_by, 'postkamer') AS actor`;
// CROSS JOIN keeps the order written (SQLite does not reorder it): from the few rows the WHERE picks, by index.
const NO_DELIVERY = `o.zaak_url IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM zgw_verklaring_deliveries x WHERE x.batch_id = v.batch_id AND x.zaak_url = o.zaak_url)`;

/**
 * Makes a delivery for every batch with a verklaring × every distinct zaak its documents are linked to (their outbox
 * rows with a known zaak URL) that has none yet — also for a document linked after the approval. The requests are
 * made for the person who approved the batch. With `since` (an ISO time), only verklaringen made and outbox rows done
 * from then on are looked at (index look-ups; the sync worker's frequent check), else all. Runs its own transaction
 * unless the caller's is open; returns how many were made.
 */
export function ensureVerklaringDeliveries(db: Db, now: string, since?: string): number {
  const missing = (
    since === undefined
      ? stmt(
          db,
          `SELECT ${MISSING_COLUMNS} FROM batch_verklaringen v
           CROSS JOIN documents d ON d.batch_id = v.batch_id CROSS JOIN zgw_outbox o ON o.document_id = d.id
           LEFT JOIN batch_qc q ON q.batch_id = v.batch_id
           WHERE ${NO_DELIVERY} GROUP BY v.batch_id, o.zaak_url`,
        ).all()
      : stmt(
          db,
          `SELECT ${MISSING_COLUMNS} FROM batch_verklaringen v
           CROSS JOIN documents d ON d.batch_id = v.batch_id CROSS JOIN zgw_outbox o ON o.document_id = d.id
           LEFT JOIN batch_qc q ON q.batch_id = v.batch_id
           WHERE v.made_at >= ? AND ${NO_DELIVERY} GROUP BY v.batch_id, o.zaak_url
           UNION
           SELECT ${MISSING_COLUMNS} FROM zgw_outbox o INDEXED BY zgw_outbox_done
           CROSS JOIN documents d ON d.id = o.document_id CROSS JOIN batch_verklaringen v ON v.batch_id = d.batch_id
           LEFT JOIN batch_qc q ON q.batch_id = v.batch_id
           WHERE o.state = 'done' AND o.done_at >= ? AND ${NO_DELIVERY} GROUP BY v.batch_id, o.zaak_url`,
        ).all(since, since)
  ) as Missing[];
  if (missing.length === 0) return 0;
  const insert = stmt(
    db,
    `INSERT OR IGNORE INTO zgw_verklaring_deliveries
       (batch_id, zaak_url, env, zaaknummer, identificatie, actor, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
  );
  const add = () =>
    missing.reduce(
      (n, m) =>
        n +
        insert.run(m.batch_id, m.zaak_url, m.env, m.zaaknummer, verklaringIdentificatie(m.batch_id, m.zaak_url), m.actor, now, now).changes,
      0,
    );
  return db.inTransaction ? add() : db.transaction(add).immediate();
}

/**
 * What the deliveries to make depend on, cheaply (two index look-ups): the verklaringen made, and when an outbox row
 * was last done (a link reached its zaak). Null while there is no verklaring at all.
 */
export function verklaringWatch(db: Db): string | null {
  const r = stmt(
    db,
    `SELECT (SELECT count(*) FROM batch_verklaringen) AS n, (SELECT max(done_at) FROM zgw_outbox WHERE state = 'done') AS done`,
  ).get() as { n: number; done: string | null };
  return r.n === 0 ? null : `${r.n}\u0000${r.done ?? ''}`;
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');
const OPEN = `x.state NOT IN ('done', 'attention')`;

/** Deliveries in `envs` due at `nowMs`, with their verklaring. Leased ones are included: the caller judges the lease. */
export function selectVerklaringCandidates(db: Db, q: { nowMs: number; envs: string[]; limit: number }): VerklaringTarget[] {
  if (q.envs.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT x.*, v.blob_id, v.sha256, v.size, v.made_at, b.label
     FROM zgw_verklaring_deliveries x JOIN batch_verklaringen v ON v.batch_id = x.batch_id JOIN batches b ON b.id = x.batch_id
     WHERE ${OPEN} AND x.next_attempt_at <= ? AND x.env IN (${placeholders(q.envs.length)})
     ORDER BY x.next_attempt_at, x.created_at LIMIT ?`,
  ).all(q.nowMs, ...q.envs, q.limit) as Raw[];
  return rows.map(targetFrom);
}

/** Retry time and lease of every open delivery in `envs`. */
export function selectVerklaringDueTimes(db: Db, envs: string[]): { t: number; holder: string | null; until: number | null }[] {
  if (envs.length === 0) return [];
  return stmt(
    db,
    `SELECT x.next_attempt_at AS t, x.claimed_by AS holder, x.claimed_until AS until FROM zgw_verklaring_deliveries x
     WHERE ${OPEN} AND x.env IN (${placeholders(envs.length)})`,
  ).all(...envs) as { t: number; holder: string | null; until: number | null }[];
}

/** Deliveries in `envs` still to send. */
export function countOpenVerklaringDeliveries(db: Db, envs: string[]): number {
  if (envs.length === 0) return 0;
  const r = stmt(db, `SELECT count(*) AS n FROM zgw_verklaring_deliveries x WHERE ${OPEN} AND x.env IN (${placeholders(envs.length)})`).get(
    ...envs,
  ) as { n: number };
  return r.n;
}

/** Where the verklaring of `batchId` stands per zaak, by zaaknummer. */
export function verklaringDeliveriesOf(db: Db, batchId: string): VerklaringDeliveryView[] {
  const rows = stmt(db, 'SELECT * FROM zgw_verklaring_deliveries WHERE batch_id = ? ORDER BY zaaknummer, zaak_url').all(batchId) as Raw[];
  return rows.map((r) => {
    const d = deliveryFrom(r);
    return {
      zaakUrl: d.zaakUrl,
      zaaknummer: d.zaaknummer,
      env: d.env,
      state: d.state,
      eioUrl: d.eioUrl,
      zioUrl: d.zioUrl,
      attempts: d.attempts,
      lastErrorCode: d.lastErrorCode,
      lastError: d.lastError,
      doneAt: d.doneAt,
    };
  });
}

type Patch = Partial<Omit<VerklaringDelivery, 'batchId' | 'zaakUrl' | 'env' | 'identificatie' | 'actor' | 'createdAt'>>;

function toColumns(patch: Patch): { sets: string; values: unknown[] } {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  return { sets: entries.map(([k]) => `${COLUMNS[k as keyof VerklaringDelivery]} = ?`).join(', '), values: entries.map(([, v]) => v) };
}

/** Writes the defined fields of `patch` (null clears a column); unfenced — for a claim judged by the caller. */
export function updateVerklaringDelivery(db: Db, key: { batchId: string; zaakUrl: string }, patch: Patch): void {
  const { sets, values } = toColumns(patch);
  if (sets)
    stmt(db, `UPDATE zgw_verklaring_deliveries SET ${sets} WHERE batch_id = ? AND zaak_url = ?`).run(...values, key.batchId, key.zaakUrl);
}

/** Writes `patch` only while `owner` holds the delivery's lease; false (nothing changed) when it was lost. */
export function updateLeasedVerklaringDelivery(db: Db, key: { batchId: string; zaakUrl: string }, owner: string, patch: Patch): boolean {
  const { sets, values } = toColumns(patch);
  return (
    stmt(db, `UPDATE zgw_verklaring_deliveries SET ${sets} WHERE batch_id = ? AND zaak_url = ? AND claimed_by = ?`).run(
      ...values,
      key.batchId,
      key.zaakUrl,
      owner,
    ).changes === 1
  );
}

const REARM = `state = CASE WHEN eio_url IS NULL THEN 'pending' ELSE 'eio-created' END, attempts = 0, next_attempt_at = 0,
  last_error_code = NULL, last_error = NULL, updated_at = ?`;

/** Makes the deliveries in attention (of `batchId`, or all) due again, each resuming where it stood; returns how many. */
export function rearmVerklaringDeliveries(db: Db, at: string, batchId?: string): number {
  if (batchId === undefined) return stmt(db, `UPDATE zgw_verklaring_deliveries SET ${REARM} WHERE state = 'attention'`).run(at).changes;
  return stmt(db, `UPDATE zgw_verklaring_deliveries SET ${REARM} WHERE state = 'attention' AND batch_id = ?`).run(at, batchId).changes;
}

/**
 * Makes due again the deliveries in attention for want of a usable setting (a code starting with `codePrefix`) that
 * was `documenttype` then and is another value now; returns how many.
 */
export function rearmForSetting(db: Db, codePrefix: string, documenttype: string | null, at: string): number {
  return stmt(
    db,
    `UPDATE zgw_verklaring_deliveries SET ${REARM}
     WHERE state = 'attention' AND last_error_code LIKE ? || '%' AND documenttype IS NOT ?`,
  ).run(at, codePrefix, documenttype).changes;
}
