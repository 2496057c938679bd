// The `zgw_outbox` table: reading rows as OutboxRow, inserting and patching them (fenced on the lease where the sync
// asks for it), and the claim and due-time queries.
import type { OutboxRow, OutboxState } from '../sync/outbox-machine';
import type { Db } from './db';
import { stmt } from './statements';

// What a change means (states, leases, claim rules) is src/sync/outbox.ts's business; the statements are cached per
// database (statements.ts).

const COLUMNS: Record<keyof OutboxRow, string> = {
  documentId: 'document_id',
  env: 'env',
  state: 'state',
  actor: 'actor',
  target: 'target',
  zaaknummer: 'zaaknummer',
  zaakUrl: 'zaak_url',
  newZaak: 'new_zaak',
  zaakIdentificatie: 'zaak_identificatie',
  informatieobjecttype: 'informatieobjecttype',
  vertrouwelijkheidaanduiding: 'vertrouwelijkheidaanduiding',
  identificatie: 'identificatie',
  contentBlobId: 'content_blob_id',
  sha256: 'sha256',
  size: 'size',
  formaat: 'formaat',
  bestandsnaam: 'bestandsnaam',
  titel: 'titel',
  ontvangstdatum: 'ontvangstdatum',
  verzenddatum: 'verzenddatum',
  eioUrl: 'eio_url',
  lock: 'lock',
  parts: 'parts',
  zioUrl: 'zio_url',
  previousZioUrl: 'previous_zio_url',
  attempts: 'attempts',
  nextAttemptAt: 'next_attempt_at',
  lastErrorCode: 'last_error_code',
  lastError: 'last_error',
  claimedBy: 'claimed_by',
  claimedUntil: 'claimed_until',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  doneAt: 'done_at',
  eioAttempts: 'eio_attempts',
};
const JSON_FIELDS = new Set<keyof OutboxRow>(['newZaak', 'parts']);

/** A row as SQLite returns it; the lease columns are typed so a claim can be judged before the row is converted. */
export type OutboxRecord = Readonly<Record<string, unknown>> & {
  readonly claimed_by: string | null;
  readonly claimed_until: number | null;
};

export function rowFrom(r: Readonly<Record<string, unknown>>): OutboxRow {
  const out: Record<string, unknown> = {};
  for (const [k, col] of Object.entries(COLUMNS) as [keyof OutboxRow, string][]) {
    const v = r[col];
    out[k] = JSON_FIELDS.has(k) ? (v === null || v === undefined ? null : JSON.parse(v as string)) : (v ?? null);
  }
  return out as unknown as OutboxRow;
}

function toColumns(patch: Partial<OutboxRow>): { cols: string[]; values: unknown[] } {
  const cols: string[] = [];
  const values: unknown[] = [];
  for (const [k, v] of Object.entries(patch) as [keyof OutboxRow, unknown][]) {
    if (v === undefined) continue;
    cols.push(COLUMNS[k]);
    values.push(JSON_FIELDS.has(k) ? (v === null ? null : JSON.stringify(v)) : typeof v === 'boolean' ? Number(v) : v);
  }
  return { cols, values };
}

const placeholders = (n: number): string => Array.from({ length: n }, () => '?').join(', ');

export function selectOutboxRow(db: Db, documentId: string): OutboxRow | null {
  const r = stmt(db, 'SELECT * FROM zgw_outbox WHERE document_id = ?').get(documentId) as OutboxRecord | undefined;
  return r ? rowFrom(r) : null;
}

export function insertOutboxRow(db: Db, row: OutboxRow): void {
  const { cols, values } = toColumns(row);
  stmt(db, `INSERT INTO zgw_outbox (${cols.join(', ')}) VALUES (${placeholders(cols.length)})`).run(...values);
}

/** Writes the defined fields of `patch` (null clears a column); unfenced — for changes made by a clerk. */
export function updateOutboxRow(db: Db, documentId: string, patch: Partial<OutboxRow>): void {
  const { cols, values } = toColumns(patch);
  stmt(db, `UPDATE zgw_outbox SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE document_id = ?`).run(...values, documentId);
}

/**
 * Writes `patch` only while `owner` holds the row's lease. Returns the row's actor, or null when the lease was
 * lost (nothing changed).
 */
export function updateLeasedOutboxRow(db: Db, documentId: string, owner: string, patch: Partial<OutboxRow>): { actor: string } | null {
  const { cols, values } = toColumns(patch);
  const r = stmt(
    db,
    `UPDATE zgw_outbox SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE document_id = ? AND claimed_by = ? RETURNING actor`,
  ).get(...values, documentId, owner) as { actor: string } | undefined;
  return r ?? null;
}

/** Clears the attempts and the last error so the row is due now, in `state`. */
export function resetOutboxAttempts(db: Db, documentId: string, state: OutboxState, updatedAt: string): void {
  stmt(
    db,
    `UPDATE zgw_outbox SET state = ?, attempts = 0, next_attempt_at = 0, last_error_code = NULL, last_error = NULL, updated_at = ? WHERE document_id = ?`,
  ).run(state, updatedAt, documentId);
}

/**
 * Open rows due at `nowMs` in `envs`, in claim order, whose document is not still being processed, leaving out
 * `exclude`; at most `limit`. Leased rows are included: whether a lease still binds is for the caller to judge.
 */
export function selectClaimCandidates(
  db: Db,
  q: { nowMs: number; envs: string[]; exclude: Iterable<string>; limit: number },
): OutboxRecord[] {
  // Open rows only, through the partial index zgw_outbox_open (`+o.env` keeps the planner off the env index, which
  // would read finished rows too and sort). Rows the caller is already delivering or holds ready (`exclude`) are left
  // out in the query itself: at high concurrency they outnumber the rows wanted, and reading them (all columns) only
  // to skip them cost more than the claim.
  return stmt(
    db,
    `SELECT o.* FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
     WHERE o.state NOT IN ('done', 'attention') AND o.next_attempt_at <= ?
       AND +o.env IN (${placeholders(q.envs.length)})
       AND NOT (o.sha256 IS NULL AND d.status = 'processing')
       AND o.document_id NOT IN (SELECT value FROM json_each(?))
     ORDER BY o.next_attempt_at, o.created_at LIMIT ?`,
  ).all(q.nowMs, ...q.envs, JSON.stringify([...q.exclude]), q.limit) as OutboxRecord[];
}

/** Retry time and lease of every open row in `envs` whose document is not still being processed. */
export function selectOpenDueTimes(db: Db, envs: string[]): { t: number; holder: string | null; until: number | null }[] {
  return stmt(
    db,
    `SELECT o.next_attempt_at AS t, o.claimed_by AS holder, o.claimed_until AS until FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
     WHERE o.state NOT IN ('done', 'attention') AND +o.env IN (${placeholders(envs.length)})
       AND NOT (o.sha256 IS NULL AND d.status = 'processing')`,
  ).all(...envs) as { t: number; holder: string | null; until: number | null }[];
}

/** Rows per state (states without rows are absent). */
export function countOutboxByState(db: Db): { state: OutboxState; n: number }[] {
  return db.prepare('SELECT state, count(*) AS n FROM zgw_outbox GROUP BY state').all() as { state: OutboxState; n: number }[];
}

/** Unfinished rows (neither done nor in attention) in `envs`. */
export function countUnfinished(db: Db, envs: string[]): number {
  if (envs.length === 0) return 0;
  return (
    db
      .prepare(`SELECT count(*) AS n FROM zgw_outbox WHERE state NOT IN ('done', 'attention') AND env IN (${placeholders(envs.length)})`)
      .get(...envs) as { n: number }
  ).n;
}

export function listOutboxRows(db: Db, opts: { state?: OutboxState; limit: number; offset?: number }): OutboxRow[] {
  const rows = opts.state
    ? db
        .prepare('SELECT * FROM zgw_outbox WHERE state = ? ORDER BY updated_at DESC LIMIT ? OFFSET ?')
        .all(opts.state, opts.limit, opts.offset ?? 0)
    : db.prepare('SELECT * FROM zgw_outbox ORDER BY updated_at DESC LIMIT ? OFFSET ?').all(opts.limit, opts.offset ?? 0);
  return (rows as OutboxRecord[]).map(rowFrom);
}

/** Makes the unfinished rows of `env` that waited on an unreachable server due now; returns how many. */
export function makeOfflineRowsDue(db: Db, env: string): number {
  return db
    .prepare(
      `UPDATE zgw_outbox SET next_attempt_at = 0 WHERE env = ? AND state NOT IN ('done', 'attention') AND last_error_code IN ('zgw-unreachable', 'zgw-dns')`,
    )
    .run(env).changes;
}
