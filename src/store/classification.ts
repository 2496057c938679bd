// The archivist's review queue in SQL (the classification rule of src/domain/classification.ts as a CASE, filters and
// sorts over every document), the review mark, the undo record of a bulk classification, and a zaak's result as read.
import type { QueueFilter } from '../contract/classification';
import type { ClassificationReason, ClassificationState } from '../domain/classification';
import type { Db } from './db';
import { FROM_DOC, STAGE_SQL } from './document-summary';
import { stmt } from './statements';

// The type a person or a separator sheet gave (the document's fields), and the separator sheet's alone.
const OWN_TYPE = `coalesce(json_extract(d.fields, '$.documenttype.value'), json_extract(d.extracted, '$.metadata.documenttype'))`;
const SHEET_TYPE = `json_extract(d.extracted, '$.metadata.documenttype')`;
const MANUAL_TYPE = `json_extract(d.fields, '$.documenttype.value')`;
/** The reasons of src/domain/classification.ts, as 0/1. */
const R_STANDAARD = `(${OWN_TYPE} IS NULL AND o.document_id IS NOT NULL AND o.informatieobjecttype IS NULL)`;
const R_AFWIJKEND = `(${MANUAL_TYPE} IS NOT NULL AND ${SHEET_TYPE} IS NOT NULL AND lower(trim(${MANUAL_TYPE})) <> lower(trim(${SHEET_TYPE})))`;
/** The classification state (classification.test.ts checks it agrees with the domain's rule). */
export const CLASSIFICATION_SQL = `CASE WHEN d.reviewed_at IS NOT NULL THEN 'geclassificeerd'
  WHEN ${OWN_TYPE} IS NULL AND o.document_id IS NULL THEN 'niet-geclassificeerd'
  WHEN ${R_STANDAARD} OR ${R_AFWIJKEND} THEN 'te-controleren' ELSE 'geclassificeerd' END`;
/** The type's URL as it stands: set on the document, carried by the link, else the connection's default. */
const TYPE_URL = `coalesce(json_extract(d.fields, '$.documenttype.url'), o.informatieobjecttype,
  CASE WHEN o.document_id IS NOT NULL THEN (SELECT c.informatieobjecttype FROM zgw_connections c WHERE c.env = o.env) END)`;
/** The type's name as the list shows it: the document's own, else the name of the type the delivery takes. */
const TYPE_NAME = `coalesce(${OWN_TYPE}, (SELECT json_extract(z.data, '$.omschrijving') FROM zgw_objects z
  WHERE z.env = o.env AND z.url = ${TYPE_URL}))`;
/** As set, as the link carries it, from a separator sheet, else the type's own (what the delivery takes). */
const CONFIDENTIALITY = `coalesce(json_extract(d.fields, '$.vertrouwelijkheid.value'), o.vertrouwelijkheidaanduiding,
  json_extract(d.extracted, '$.metadata.vertrouwelijkheid'), (SELECT json_extract(z.data, '$.vertrouwelijkheidaanduiding')
  FROM zgw_objects z WHERE z.env = o.env AND z.url = ${TYPE_URL}))`;
const ZAAKNUMMER = `coalesce(o.zaak_identificatie, o.zaaknummer)`;
/** The zaaktype's URL (a new zaak's own, or the cached zaak's). */
const ZAAKTYPE = `coalesce(json_extract(o.new_zaak, '$.zaaktype'), (SELECT json_extract(z.data, '$.zaaktype') FROM zgw_objects z
  WHERE z.env = o.env AND z.kind = 'zaak' AND z.identificatie = ${ZAAKNUMMER}))`;
const AFZENDER = `coalesce(json_extract(d.fields, '$.afzender.value'), json_extract(d.extracted, '$.detail.senderName.value'))`;

const SORTS = {
  oldest: 'd.created_at ASC, d.id',
  newest: 'd.created_at DESC, d.id',
  title: 'd.title COLLATE NOCASE, d.created_at, d.id',
  documenttype: `${TYPE_NAME} IS NULL, ${TYPE_NAME} COLLATE NOCASE, d.created_at, d.id`,
  afzender: `${AFZENDER} IS NULL, ${AFZENDER} COLLATE NOCASE, d.created_at, d.id`,
} as const;

/** The filter as SQL over `d` and `o`; the period as UTC bounds the caller worked out. */
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
  documenttype: string | null;
  vertrouwelijkheid: string | null;
}

function where(f: QueueQuery['filter']): { sql: string; args: unknown[] } {
  const parts: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...a: unknown[]) => {
    parts.push(sql);
    args.push(...a);
  };
  if (f.state) add(`(${CLASSIFICATION_SQL}) = ?`, f.state);
  if (f.zaaktypeUrls) add(`(${ZAAKTYPE}) IN (${f.zaaktypeUrls.map(() => '?').join(',') || 'NULL'})`, ...f.zaaktypeUrls);
  if (f.documenttype) add(`lower(trim(${TYPE_NAME})) = lower(trim(?))`, f.documenttype);
  if (f.vertrouwelijkheid) add(`(${CONFIDENTIALITY}) = ?`, f.vertrouwelijkheid);
  if (f.fromAt) add('d.created_at >= ?', f.fromAt);
  if (f.toAt) add('d.created_at < ?', f.toAt);
  if (f.afzender) add(`instr(lower(${AFZENDER}), lower(?)) > 0`, f.afzender);
  if (f.stage) add(`(${STAGE_SQL}) = ?`, f.stage);
  if (f.delivered !== undefined) add(f.delivered ? `o.state = 'done'` : `(o.state IS NULL OR o.state <> 'done')`);
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
  const w = where(q.filter);
  const m = memo(db);
  const key = JSON.stringify([w.sql, w.args]);
  let total = m.totals.get(key);
  if (total === undefined) {
    total = (db.prepare(`SELECT count(*) AS n ${FROM_DOC} WHERE ${w.sql}`).get(...w.args) as { n: number }).n;
    m.totals.set(key, total);
  }
  // The page's keys are sorted first; only its rows get the other columns worked out.
  const page = `SELECT d.rowid ${FROM_DOC} WHERE ${w.sql} ORDER BY ${SORTS[q.sort]} LIMIT ? OFFSET ?`;
  const rows = db
    .prepare(
      `SELECT d.id, d.title, d.created_at, d.version, ${STAGE_SQL} AS stage, coalesce(o.state = 'done', 0) AS delivered,
        ${ZAAKNUMMER} AS zaaknummer, ${ZAAKTYPE} AS zaaktype, ${AFZENDER} AS afzender, ${CLASSIFICATION_SQL} AS state,
        d.reviewed_at IS NULL AND ${R_STANDAARD} AS r_standaard, d.reviewed_at IS NULL AND ${R_AFWIJKEND} AS r_afwijkend,
        ${TYPE_NAME} AS documenttype, ${CONFIDENTIALITY} AS vertrouwelijkheid
       ${FROM_DOC} WHERE d.rowid IN (${page}) ORDER BY ${SORTS[q.sort]}`,
    )
    .all(...w.args, q.limit, q.offset) as QueueRow[];
  m.counts ??= classificationCounts(db);
  return { total, rows, counts: m.counts };
}

export function classificationCounts(db: Db): Record<ClassificationState, number> {
  const counts: Record<ClassificationState, number> = { 'niet-geclassificeerd': 0, 'te-controleren': 0, geclassificeerd: 0 };
  for (const r of db.prepare(`SELECT ${CLASSIFICATION_SQL} AS s, count(*) AS n ${FROM_DOC} GROUP BY 1`).all() as {
    s: ClassificationState;
    n: number;
  }[])
    counts[r.s] = r.n;
  return counts;
}

/** The reasons a queue row carries, in the domain's order. */
export function rowReasons(r: QueueRow): ClassificationReason[] {
  return [...(r.r_standaard ? (['standaardtype'] as const) : []), ...(r.r_afwijkend ? (['afwijkend-van-voorstel'] as const) : [])];
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
