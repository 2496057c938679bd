// The period report's queries: documents received per UTC hour, deliveries done in a period with their zaak and
// person, and the items in attention — now from the outbox, or at a past moment replayed from the audit trail.
import type { Db } from './db';
import { stmt } from './statements';

/** Documents created in one UTC hour (`YYYY-MM-DDTHH`): how many, how many recognised (ready), and their pages. */
export interface ReceivedHour {
  hour: string;
  received: number;
  digitised: number;
  pages: number;
}

/**
 * Per UTC hour rather than per document: a month is at most 744 rows however busy, and every Amsterdam day is a whole
 * number of UTC hours (the offset is +1 or +2), so the caller can add the hours up into Amsterdam days exactly.
 */
export function receivedByHour(db: Db, fromAt: string, toAt: string): ReceivedHour[] {
  return stmt(
    db,
    `SELECT substr(created_at, 1, 13) AS hour, count(*) AS received,
            coalesce(sum(status = 'ready'), 0) AS digitised, coalesce(sum(page_count), 0) AS pages
       FROM documents WHERE created_at >= ? AND created_at < ? GROUP BY hour ORDER BY hour`,
  ).all(fromAt, toAt) as ReceivedHour[];
}

/** One delivery done in the period, with what says which zaak (and so which zaaktype) it went to and who linked it. */
export interface DeliveredRow {
  env: string;
  actor: string;
  target: 'zaaknummer' | 'nieuwe-zaak';
  zaaknummer: string | null;
  zaakUrl: string | null;
  /** The zaaktype a new zaak was made of (from the outbox row's new_zaak). */
  newZaaktype: string | null;
  receivedAt: string;
  deliveredAt: string;
  pages: number;
}

export function deliveredIn(db: Db, fromAt: string, toAt: string): DeliveredRow[] {
  return stmt(
    db,
    `SELECT o.env AS env, o.actor AS actor, o.target AS target, o.zaaknummer AS zaaknummer, o.zaak_url AS zaakUrl,
            CASE WHEN json_valid(o.new_zaak) THEN json_extract(o.new_zaak, '$.zaaktype') END AS newZaaktype,
            d.created_at AS receivedAt, o.done_at AS deliveredAt, d.page_count AS pages
       FROM zgw_outbox o JOIN documents d ON d.id = o.document_id
      WHERE o.state = 'done' AND o.done_at >= ? AND o.done_at < ?`,
  ).all(fromAt, toAt) as DeliveredRow[];
}

/** Outbox rows in attention now. */
export function attentionNow(db: Db): number {
  return (stmt(db, `SELECT count(*) AS n FROM zgw_outbox WHERE state = 'attention'`).get() as { n: number }).n;
}

/** The audit actions that move an outbox row into or out of attention. */
const OUTBOX_MOVES = [
  'zgw.outbox.enqueue',
  'zgw.outbox.attention',
  'zgw.outbox.retry',
  'zgw.outbox.relink',
  'zgw.outbox.done',
  'document.handed-back',
];

/**
 * Documents in attention just before `at`, from the audit trail (the outbox keeps only each row's current state):
 * those whose last outbox move before `at` was `zgw.outbox.attention`. SQLite takes the bare column `action` from
 * the row holding max(seq).
 */
export function attentionAt(db: Db, at: string): number {
  const marks = OUTBOX_MOVES.map(() => '?').join(', ');
  return (
    stmt(
      db,
      `SELECT count(*) AS n FROM (
         SELECT action, max(seq) FROM audit WHERE action IN (${marks}) AND at < ? AND object_id IS NOT NULL GROUP BY object_id
       ) WHERE action = 'zgw.outbox.attention'`,
    ).get(...OUTBOX_MOVES, at) as { n: number }
  ).n;
}
