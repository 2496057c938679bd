// The `zgw_health` table (one row per request to the zaaksysteem: environment, time, ok or the failure's class and
// code) and the outbox aggregates the sync health shows beside it (documents in attention or waiting, by reason).
import type { Db } from './db';
import { stmt } from './statements';

/** How long outcomes are kept: the status shows the last hour and the last day. */
export const HEALTH_KEEP_MS = 2 * 24 * 60 * 60_000;
/** At most this many old rows are deleted per write, so a write never stalls on a large backlog. */
const PRUNE_BATCH = 1000;

export interface HealthRow {
  env: string;
  /** Milliseconds since the epoch. */
  at: number;
  ok: boolean;
  class: string | null;
  code: string | null;
}

/** Writes the outcomes (in the caller's transaction, if any) and prunes up to PRUNE_BATCH rows older than two days. */
export function insertHealthRows(db: Db, rows: readonly HealthRow[], nowMs: number): void {
  const insert = stmt(db, 'INSERT INTO zgw_health (env, at, ok, class, code) VALUES (?, ?, ?, ?, ?)');
  for (const r of rows) insert.run(r.env, r.at, r.ok ? 1 : 0, r.ok ? null : r.class, r.ok ? null : r.code);
  stmt(db, 'DELETE FROM zgw_health WHERE id IN (SELECT id FROM zgw_health WHERE at < ? ORDER BY at LIMIT ?)').run(
    nowMs - HEALTH_KEEP_MS,
    PRUNE_BATCH,
  );
}

export interface HealthCounts {
  last: { ok: boolean; class: string | null; code: string | null } | null;
  lastSuccessAt: number | null;
  lastFailure: { at: number; class: string; code: string } | null;
  errorsLastHour: number;
  errorsLastDay: number;
  requestsLastHour: number;
}

/** One environment's outcomes, by index range reads (zgw_health_env). */
export function selectHealth(db: Db, env: string, nowMs: number): HealthCounts {
  const success = stmt(db, 'SELECT id, at FROM zgw_health WHERE env = ? AND ok = 1 ORDER BY at DESC, id DESC LIMIT 1').get(env) as
    { id: number; at: number } | undefined;
  const failure = stmt(db, 'SELECT id, at, class, code FROM zgw_health WHERE env = ? AND ok = 0 ORDER BY at DESC, id DESC LIMIT 1').get(
    env,
  ) as { id: number; at: number; class: string; code: string } | undefined;
  const count = (ok: 0 | 1, since: number) =>
    (stmt(db, 'SELECT count(*) AS n FROM zgw_health WHERE env = ? AND ok = ? AND at >= ?').get(env, ok, since) as { n: number }).n;
  const hour = nowMs - 60 * 60_000;
  const errorsLastHour = count(0, hour);
  const failedLast =
    failure !== undefined && (success === undefined || failure.at > success.at || (failure.at === success.at && failure.id > success.id));
  return {
    last: failedLast ? { ok: false, class: failure.class, code: failure.code } : success ? { ok: true, class: null, code: null } : null,
    lastSuccessAt: success?.at ?? null,
    lastFailure: failure ? { at: failure.at, class: failure.class, code: failure.code } : null,
    errorsLastHour,
    errorsLastDay: count(0, nowMs - 24 * 60 * 60_000),
    requestsLastHour: errorsLastHour + count(1, hour),
  };
}

/**
 * Outbox rows of one environment by their last error code: those in attention, and those waiting for an automatic
 * retry after an error (open rows with an error code).
 */
export function selectOutboxReasons(db: Db, env: string): { attention: Record<string, number>; waiting: Record<string, number> } {
  const rows = stmt(
    db,
    `SELECT state = 'attention' AS attention, coalesce(last_error_code, 'onbekend') AS code, count(*) AS n FROM zgw_outbox
      WHERE env = ? AND (state = 'attention' OR (state NOT IN ('done', 'attention') AND last_error_code IS NOT NULL))
      GROUP BY 1, 2`,
  ).all(env) as { attention: 0 | 1; code: string; n: number }[];
  const out = { attention: {} as Record<string, number>, waiting: {} as Record<string, number> };
  for (const r of rows) (r.attention ? out.attention : out.waiting)[r.code] = r.n;
  return out;
}

/**
 * The documents a group retry takes up: in attention, or waiting for a retry after an error; with `reason`, only
 * those whose last error code is that; with `documentIds`, only those. Ordered by document id.
 */
export function selectRetryable(db: Db, q: { reason?: string; documentIds?: readonly string[] }): string[] {
  const where = [`(state = 'attention' OR (state NOT IN ('done', 'attention') AND last_error_code IS NOT NULL))`];
  const args: unknown[] = [];
  if (q.reason !== undefined) {
    where.push('last_error_code = ?');
    args.push(q.reason);
  }
  if (q.documentIds !== undefined) {
    where.push(`document_id IN (SELECT value FROM json_each(?))`);
    args.push(JSON.stringify(q.documentIds));
  }
  return (
    db.prepare(`SELECT document_id FROM zgw_outbox WHERE ${where.join(' AND ')} ORDER BY document_id`).all(...args) as {
      document_id: string;
    }[]
  ).map((r) => r.document_id);
}
