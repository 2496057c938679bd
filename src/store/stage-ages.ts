// How many documents each stage holds and when its oldest arrived, in one GROUP BY over documents and their outbox rows.
import { STAGES, type Stage } from '../domain/stage';
import type { Db } from './db';
import { FROM_DOC, STAGE_SQL } from './document-summary';
import { stmt } from './statements';

export interface StageAgeRow {
  count: number;
  /** ISO-8601 (UTC): the oldest document's created_at; for `afgeleverd` the oldest delivery since `deliveredSince`. */
  oldestAt: string | null;
}

/**
 * Every stage with its count and oldest item. `afgeleverd` counts only deliveries at or after `deliveredSince` (ISO,
 * UTC; the caller passes local midnight), dated by the outbox's done_at. One pass: the stage rule per document,
 * the outbox row found by its primary key.
 */
export function stageAges(db: Db, deliveredSince: string): Record<Stage, StageAgeRow> {
  const rows = stmt(
    db,
    `SELECT stage, count(*) AS n, min(at) AS oldest FROM (
       SELECT ${STAGE_SQL} AS stage,
              CASE WHEN o.state = 'done' THEN coalesce(o.done_at, o.updated_at) ELSE d.created_at END AS at
       ${FROM_DOC})
     WHERE stage <> 'afgeleverd' OR at >= ?
     GROUP BY stage`,
  ).all(deliveredSince) as { stage: Stage; n: number; oldest: string | null }[];
  const by = new Map(rows.map((r) => [r.stage, r]));
  return Object.fromEntries(STAGES.map((s) => [s, { count: by.get(s)?.n ?? 0, oldestAt: by.get(s)?.oldest ?? null }])) as Record<
    Stage,
    StageAgeRow
  >;
}
