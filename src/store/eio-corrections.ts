// The `zgw_eio_corrections` table: corrections of a delivered document's EIO, queued, claimed and stepped through.
import type { z } from 'zod';
import type { Vertrouwelijkheid } from '../contract/sync';
import type { Db } from './db';
import { stmt } from './statements';

// What a step means (lock, PATCH, unlock, leases) is src/sync/eio-correction.ts's business; here are the statements.

/** The descriptive fields of an EIO a clerk may still correct after delivery (values final, clipped to ZGW lengths). */
export interface EioChanges {
  titel?: string;
  auteur?: string;
  creatiedatum?: string;
  ontvangstdatum?: string | null;
  verzenddatum?: string | null;
  beschrijving?: string;
  /** The archivist's reclassification (documents.classify). */
  informatieobjecttype?: string;
  vertrouwelijkheidaanduiding?: z.infer<typeof Vertrouwelijkheid>;
  /**
   * New content (a rescanned page rebuilt the PDF/A): the vault blob with its SHA-256 and size as the document has
   * them now, and its file name. Sent as the PATCH's base64 `inhoud` with bestandsomvang, bestandsnaam, integriteit.
   */
  inhoud?: EioContent;
}

/** The content a correction sends (EioChanges.inhoud). */
export interface EioContent {
  blobId: string;
  sha256: string;
  size: number;
  bestandsnaam: string;
}

export const CORRECTION_STATES = ['pending', 'locking', 'locked', 'patched', 'releasing', 'done', 'attention'] as const;
export type CorrectionState = (typeof CORRECTION_STATES)[number];

export interface EioCorrection {
  id: number;
  documentId: string;
  changes: EioChanges;
  requestedBy: string;
  state: CorrectionState;
  lock: string | null;
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

/** A correction with what its document's outbox row says about where its EIO is. */
export interface CorrectionTarget extends EioCorrection {
  env: string;
  eioUrl: string;
}

const COLUMNS: Record<keyof EioCorrection, string> = {
  id: 'id',
  documentId: 'document_id',
  changes: 'changes',
  requestedBy: 'requested_by',
  state: 'state',
  lock: 'lock',
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

function correctionFrom(r: Raw): EioCorrection {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS)) out[k] = k === 'changes' ? JSON.parse(r[col] as string) : (r[col] ?? null);
  return out as unknown as EioCorrection;
}

function targetFrom(r: Raw): CorrectionTarget {
  return { ...correctionFrom(r), env: r.env as string, eioUrl: r.eio_url as string };
}

/**
 * Queues a correction of a document's EIO, in the caller's transaction. It is sent once the document's delivery is
 * done, after every earlier correction of the same document. `changes.inhoud` makes it a new version of the content
 * (a rescan); the blob named there must stay in the vault until the correction is done.
 */
export function queueEioCorrection(db: Db, c: { documentId: string; changes: EioChanges; requestedBy: string; at: string }): void {
  const changes = Object.fromEntries(Object.entries(c.changes).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length === 0) return;
  stmt(
    db,
    `INSERT INTO zgw_eio_corrections (document_id, changes, requested_by, state, created_at, updated_at)
     VALUES (?, ?, ?, 'pending', ?, ?)`,
  ).run(c.documentId, JSON.stringify(changes), c.requestedBy, c.at, c.at);
}

// The first correction of each document that is not done: the only one of that document that may be sent now.
const FIRST_OPEN = `c.id = (SELECT min(c2.id) FROM zgw_eio_corrections c2 WHERE c2.document_id = c.document_id AND c2.state <> 'done')`;
const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

/**
 * Corrections that may be sent at `nowMs` in `envs`: the first open one of its document, not in attention, due, and
 * its document delivered (outbox `done`, so its EIO exists and is complete). Leased ones are included: whether a
 * lease still binds is for the caller to judge.
 */
export function selectCorrectionCandidates(db: Db, q: { nowMs: number; envs: string[]; limit: number }): CorrectionTarget[] {
  if (q.envs.length === 0) return [];
  const rows = stmt(
    db,
    `SELECT c.*, o.env, o.eio_url FROM zgw_eio_corrections c JOIN zgw_outbox o ON o.document_id = c.document_id
     WHERE c.state NOT IN ('done', 'attention') AND c.next_attempt_at <= ? AND o.state = 'done' AND o.eio_url IS NOT NULL
       AND o.env IN (${placeholders(q.envs.length)}) AND ${FIRST_OPEN}
     ORDER BY c.next_attempt_at, c.id LIMIT ?`,
  ).all(q.nowMs, ...q.envs, q.limit) as Raw[];
  return rows.map(targetFrom);
}

/** Retry time and lease of every correction in `envs` that could be sent once due (see selectCorrectionCandidates). */
export function selectCorrectionDueTimes(db: Db, envs: string[]): { t: number; holder: string | null; until: number | null }[] {
  if (envs.length === 0) return [];
  return stmt(
    db,
    `SELECT c.next_attempt_at AS t, c.claimed_by AS holder, c.claimed_until AS until
     FROM zgw_eio_corrections c JOIN zgw_outbox o ON o.document_id = c.document_id
     WHERE c.state NOT IN ('done', 'attention') AND o.state = 'done' AND o.eio_url IS NOT NULL
       AND o.env IN (${placeholders(envs.length)}) AND ${FIRST_OPEN}`,
  ).all(...envs) as { t: number; holder: string | null; until: number | null }[];
}

/** Corrections in `envs` still to send (waiting for their delivery or a retry), not counting those held back by one in attention. */
export function countOpenCorrections(db: Db, envs: string[]): number {
  if (envs.length === 0) return 0;
  const r = stmt(
    db,
    `SELECT count(*) AS n FROM zgw_eio_corrections c JOIN zgw_outbox o ON o.document_id = c.document_id
     WHERE c.state NOT IN ('done', 'attention') AND o.env IN (${placeholders(envs.length)}) AND ${FIRST_OPEN}`,
  ).get(...envs) as { n: number };
  return r.n;
}

/** Corrections per state (states without rows are absent). */
export function countCorrectionsByState(db: Db): { state: CorrectionState; n: number }[] {
  return stmt(db, 'SELECT state, count(*) AS n FROM zgw_eio_corrections GROUP BY state').all() as { state: CorrectionState; n: number }[];
}

/** A document's corrections, oldest first. */
export function listCorrections(db: Db, documentId: string): EioCorrection[] {
  return (stmt(db, 'SELECT * FROM zgw_eio_corrections WHERE document_id = ? ORDER BY id').all(documentId) as Raw[]).map(correctionFrom);
}

export function selectCorrection(db: Db, id: number): EioCorrection | null {
  const r = stmt(db, 'SELECT * FROM zgw_eio_corrections WHERE id = ?').get(id) as Raw | undefined;
  return r ? correctionFrom(r) : null;
}

type Patch = Partial<Omit<EioCorrection, 'id' | 'documentId' | 'changes' | 'requestedBy' | 'createdAt'>>;

function toColumns(patch: Patch): { sets: string; values: unknown[] } {
  const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
  return { sets: entries.map(([k]) => `${COLUMNS[k as keyof EioCorrection]} = ?`).join(', '), values: entries.map(([, v]) => v) };
}

/** Writes the defined fields of `patch` (null clears a column); unfenced — for a claim judged by the caller. */
export function updateCorrection(db: Db, id: number, patch: Patch): void {
  const { sets, values } = toColumns(patch);
  if (sets) stmt(db, `UPDATE zgw_eio_corrections SET ${sets} WHERE id = ?`).run(...values, id);
}

/** Writes `patch` only while `owner` holds the correction's lease; false (nothing changed) when it was lost. */
export function updateLeasedCorrection(db: Db, id: number, owner: string, patch: Patch): boolean {
  const { sets, values } = toColumns(patch);
  return stmt(db, `UPDATE zgw_eio_corrections SET ${sets} WHERE id = ? AND claimed_by = ?`).run(...values, id, owner).changes === 1;
}

/** Makes a document's corrections in attention due again now, each resuming where its record says; returns how many. */
export function rearmCorrections(db: Db, documentId: string, at: string): number {
  return stmt(
    db,
    `UPDATE zgw_eio_corrections SET state = CASE WHEN lock IS NULL THEN 'pending' ELSE 'locked' END, attempts = 0,
       next_attempt_at = 0, last_error_code = NULL, last_error = NULL, updated_at = ?
     WHERE document_id = ? AND state = 'attention'`,
  ).run(at, documentId).changes;
}
