// The archivist's review queue in SQL over the classification index (the rule of src/domain/classification.ts as a
// CASE, filters and sorts), one document's classification facts, the review mark, the undo record of a bulk
// classification, and a zaak's result as read.
import type { QueueFilter } from '../contract/classification';
import type { ClassificationReason, ClassificationState } from '../domain/classification';
import { CONFIDENTIALITY, refreshClassificationIndex, TYPE_URL, ZAAKNUMMER, ZAAKTYPE } from './classification-index';
import type { Db } from './db';
import { FROM_DOC } from './document-summary';
import { stmt } from './statements';

/** The type is one its zaaktype rarely uses (over the index row `c`), as 0/1. */
const R_ZELDEN = `(c.type_key IS NOT NULL AND c.zaaktype IS NOT NULL AND EXISTS (SELECT 1 FROM classification_rare r
  WHERE r.zaaktype = c.zaaktype AND r.type_key = c.type_key))`;
/** The classification state over the index row `c` (classification.test.ts checks it agrees with the domain's rule). */
export const CLASSIFICATION_SQL = `CASE WHEN c.reviewed THEN 'geclassificeerd' WHEN NOT c.classed THEN 'niet-geclassificeerd'
  WHEN c.r_standaard OR c.r_afwijkend OR c.r_laag OR ${R_ZELDEN} THEN 'te-controleren' ELSE 'geclassificeerd' END`;

const SORTS = {
  oldest: 'c.created_at ASC, c.document_id',
  newest: 'c.created_at DESC, c.document_id DESC',
  title: 'c.title COLLATE NOCASE, c.created_at, c.document_id',
  documenttype: `c.type_name IS NULL, c.type_name COLLATE NOCASE, c.created_at, c.document_id`,
  afzender: `c.afzender IS NULL, c.afzender COLLATE NOCASE, c.created_at, c.document_id`,
} as const;

/** The filter as SQL over the index `c`; the period as UTC bounds the caller worked out. */
export interface QueueQuery {
  filter: Omit<QueueFilter, 'from' | 'to' | 'zaaktype'> & { fromAt?: string; toAt?: string; zaaktypeUrls?: string[] };
  sort: keyof typeof SORTS;
  limit: number;
  offset: number;
}

export interface QueueRow {
  id: string;
  title: string;
  created_at: string;
  version: number;
  stage: string;
  delivered: number;
  zaaknummer: string | null;
  zaaktype: string | null;
  afzender: string | null;
  state: ClassificationState;
  r_standaard: number;
  r_afwijkend: number;
  r_laag: number;
  r_zelden: number;
  documenttype: string | null;
  vertrouwelijkheid: string | null;
}

/** The index with the document and its link, for the columns of a page's rows. */
const FROM_INDEX = `FROM classification_index c JOIN documents d ON d.id = c.document_id
  LEFT JOIN zgw_outbox o ON o.document_id = c.document_id`;

function where(f: QueueQuery['filter']): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...a: unknown[]) => {
    parts.push(sql);
    args.push(...a);
  };
  if (f.state) add(`(${CLASSIFICATION_SQL}) = ?`, f.state);
  if (f.zaaktypeUrls) add(`c.zaaktype IN (${f.zaaktypeUrls.map(() => '?').join(',') || 'NULL'})`, ...f.zaaktypeUrls);
  if (f.documenttype) add(`c.type_key = lower(trim(?))`, f.documenttype);
  if (f.vertrouwelijkheid) add(`c.vertrouwelijkheid = ?`, f.vertrouwelijkheid);
  if (f.fromAt) add('c.created_at >= ?', f.fromAt);
  if (f.toAt) add('c.created_at < ?', f.toAt);
  if (f.afzender) add(`instr(lower(c.afzender), lower(?)) > 0`, f.afzender);
  if (f.stage) add('c.stage = ?', f.stage);
  if (f.delivered !== undefined) add('c.delivered = ?', f.delivered ? 1 : 0);
  return { sql: parts.length > 0 ? parts.join(' AND ') : '1', args };
}

/**
 * A stamp that changes with every write to the store, by this connection (total_changes) or another (data_version):
 * what was counted under the same stamp still holds.
 */
export function writeStamp(db: Db): string {
  const t = (stmt(db, 'SELECT total_changes() AS t').get() as { t: number }).t;
  return `${t}:${db.pragma('data_version', { simple: true }) as number}`;
}

/** Counts kept per connection while nothing was written: scrolling the queue asks for page after page. */
const remembered = new WeakMap<Db, { stamp: string; counts?: Record<ClassificationState, number>; totals: Map<string, number> }>();

function memo(db: Db) {
  refreshClassificationIndex(db);
  const stamp = writeStamp(db);
  let m = remembered.get(db);
  if (!m || m.stamp !== stamp) remembered.set(db, (m = { stamp, totals: new Map() }));
  return m;
}

/** One page of the queue, the number after the filter, and the count per state over every document. */
export function classificationQueue(
  db: Db,
  q: QueueQuery,
): { total: number; rows: QueueRow[]; counts: Record<ClassificationState, number> } {
  const m = memo(db);
  const w = where(q.filter);
  const key = JSON.stringify([w.sql, w.args]);
  let total = m.totals.get(key);
  if (total === undefined) {
    total = (db.prepare(`SELECT count(*) AS n FROM classification_index c WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
    m.totals.set(key, total);
  }
  // The page's keys are sorted in the index first; only its rows get the other columns worked out.
  const page = `SELECT c.rowid FROM classification_index c WHERE ${w.sql} ORDER BY ${SORTS[q.sort]} LIMIT ? OFFSET ?`;
  const rows = db
    .prepare(
      `SELECT c.document_id AS id, c.title, c.created_at, d.version, c.stage, c.delivered, ${ZAAKNUMMER} AS zaaknummer,
        c.zaaktype, c.afzender,
        ${CLASSIFICATION_SQL} AS state, NOT c.reviewed AND c.r_standaard AS r_standaard,
        NOT c.reviewed AND c.r_afwijkend AS r_afwijkend, NOT c.reviewed AND c.classed AND c.r_laag AS r_laag,
        NOT c.reviewed AND c.classed AND ${R_ZELDEN} AS r_zelden, c.type_name AS documenttype, c.vertrouwelijkheid
       ${FROM_INDEX} WHERE c.rowid IN (${page}) ORDER BY ${SORTS[q.sort]}`,
    )
    .all(...w.args, q.limit, q.offset) as QueueRow[];
  m.counts ??= countStates(db); // the index was brought up to date by memo()
  return { total, rows, counts: m.counts };
}

/** The count per state over every document (the index brought up to date first). */
export function classificationCounts(db: Db): Record<ClassificationState, number> {
  refreshClassificationIndex(db);
  return countStates(db);
}

function countStates(db: Db): Record<ClassificationState, number> {
  const counts: Record<ClassificationState, number> = { 'niet-geclassificeerd': 0, 'te-controleren': 0, geclassificeerd: 0 };
  for (const r of stmt(db, `SELECT ${CLASSIFICATION_SQL} AS s, count(*) AS n FROM classification_index c GROUP BY 1`).all() as {
    s: ClassificationState;
    n: number;
  }[])
    counts[r.s] = r.n;
  return counts;
}

/** The reasons a queue row carries, in the domain's order. */
export function rowReasons(r: QueueRow): ClassificationReason[] {
  const out: ClassificationReason[] = [];
  if (r.r_standaard) out.push('standaardtype');
  if (r.r_afwijkend) out.push('afwijkend-van-voorstel');
  if (r.r_laag) out.push('lage-zekerheid');
  if (r.r_zelden) out.push('zelden-gebruikt');
  return out;
}

/** What the classification of one document rests on, beyond its summary. */
export interface ClassificationRow {
  reviewed_by: string | null;
  reviewed_at: string | null;
  env: string | null;
  linked: number;
  linked_type: string | null;
  type_url: string | null;
  vertrouwelijkheid: string | null;
  zaaknummer: string | null;
  zaak_url: string | null;
  zaaktype: string | null;
}

export function classificationRow(db: Db, id: string): ClassificationRow | null {
  return (
    (stmt(
      db,
      `SELECT d.reviewed_by, d.reviewed_at, o.env, o.document_id IS NOT NULL AS linked, o.informatieobjecttype AS linked_type,
        ${TYPE_URL} AS type_url, ${CONFIDENTIALITY} AS vertrouwelijkheid, ${ZAAKNUMMER} AS zaaknummer, o.zaak_url,
        ${ZAAKTYPE} AS zaaktype ${FROM_DOC} WHERE d.id = ?`,
    ).get(id) as ClassificationRow | undefined) ?? null
  );
}

/** Marks (or unmarks, with null) a document as reviewed by an archivist. */
export function setReviewed(db: Db, id: string, by: string | null, at: string | null): void {
  stmt(db, 'UPDATE documents SET reviewed_by = ?, reviewed_at = ? WHERE id = ?').run(by, at, id);
}

export interface UndoEntry {
  document_id: string;
  fields_before: string;
  reviewed_by_before: string | null;
  reviewed_at_before: string | null;
  version_after: number;
  /** JSON { informatieobjecttype, vertrouwelijkheidaanduiding } of the queued delivery before, or null. */
  outbox_before: string | null;
}

export function insertUndo(db: Db, token: string, e: UndoEntry, actor: string, at: string): void {
  stmt(
    db,
    `INSERT INTO classification_undo (token, document_id, fields_before, reviewed_by_before, reviewed_at_before, version_after,
      outbox_before, actor, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(token, e.document_id, e.fields_before, e.reviewed_by_before, e.reviewed_at_before, e.version_after, e.outbox_before, actor, at);
}

/** The records of a bulk action made by `actor` since `since` (an undo is the maker's, and for a while only). */
export function selectUndo(db: Db, token: string, actor: string, since: string): (UndoEntry & { actor: string; created_at: string })[] {
  return stmt(db, 'SELECT * FROM classification_undo WHERE token = ? AND actor = ? AND created_at >= ? ORDER BY document_id').all(
    token,
    actor,
    since,
  ) as (UndoEntry & { actor: string; created_at: string })[];
}

/** Forgets an undo record, and every one older than `before` (an undo is for the moment after, not for ever). */
export function deleteUndo(db: Db, token: string, before: string): void {
  stmt(db, 'DELETE FROM classification_undo WHERE token = ? OR created_at < ?').run(token, before);
}

/** The zaak's result as last read: its resultaattype's URL, or null while it has none. */
export function zaakOutcomeRow(db: Db, env: string, zaakUrl: string): { resultaattype_url: string | null; fetched_at: string } | null {
  return (
    (stmt(db, 'SELECT resultaattype_url, fetched_at FROM zaak_outcomes WHERE env = ? AND zaak_url = ?').get(env, zaakUrl) as
      { resultaattype_url: string | null; fetched_at: string } | undefined) ?? null
  );
}

export function saveZaakOutcome(
  db: Db,
  env: string,
  zaakUrl: string,
  resultaat: string | null,
  resultaattype: string | null,
  at: string,
): void {
  stmt(
    db,
    `INSERT INTO zaak_outcomes (env, zaak_url, resultaat_url, resultaattype_url, fetched_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (env, zaak_url) DO UPDATE SET resultaat_url = excluded.resultaat_url,
       resultaattype_url = excluded.resultaattype_url, fetched_at = excluded.fetched_at`,
  ).run(env, zaakUrl, resultaat, resultaattype, at);
}
