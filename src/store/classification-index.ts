// The review queue's index (migration 0200): each document's classification facts and stage worked out from its
// fields, its link and the cached catalogue, brought up to date for the documents the triggers marked stale, and the
// (zaaktype, type) pairs the zaaktype rarely uses counted again when anything changed.
import { createHash } from 'node:crypto';
import { RARE_MIN_DOCUMENTS, RARE_SHARE, TYPE_SPACE } from '../domain/classification';
import type { Db } from './db';
import { FROM_DOC, STAGE_SQL } from './document-summary';
import { stmt } from './statements';

/** The characters the domain's typeKey trims (TYPE_SPACE), as SQLite's trim(X, Y) takes them. */
const SPACE = `char(${[...TYPE_SPACE].map((c) => c.codePointAt(0)).join(', ')})`;
/** A type's name as compared (the domain's typeKey): outer spaces off, ASCII lower case. */
const key = (sql: string) => `lower(trim(${sql}, ${SPACE}))`;
/** A separator sheet's value as the domain's documentFields takes it: text, trimmed, a blank one none. */
const sheet = (field: string) => `CASE WHEN json_type(d.extracted, '$.metadata.${field}') = 'text'
  THEN nullif(trim(json_extract(d.extracted, '$.metadata.${field}'), ${SPACE}), '') END`;
// The type a person or a separator sheet gave (the document's fields), and the separator sheet's alone.
const SHEET_TYPE = sheet('documenttype');
const MANUAL_TYPE = `json_extract(d.fields, '$.documenttype.value')`;
const OWN_TYPE = `coalesce(${MANUAL_TYPE}, ${SHEET_TYPE})`;
/** The reasons of src/domain/classification.ts that rest on the document alone, as 0/1. */
const R_STANDAARD = `(${OWN_TYPE} IS NULL AND o.document_id IS NOT NULL AND o.informatieobjecttype IS NULL)`;
const R_AFWIJKEND = `(${MANUAL_TYPE} IS NOT NULL AND ${SHEET_TYPE} IS NOT NULL AND ${key(MANUAL_TYPE)} <> ${key(SHEET_TYPE)})`;
const R_LAAG = `(instr(d.qc_flags, '"low-ocr-confidence"') > 0)`;
/** The type's URL as it stands: set on the document, carried by the link, else the connection's default. */
export const TYPE_URL = `coalesce(json_extract(d.fields, '$.documenttype.url'), o.informatieobjecttype,
  CASE WHEN o.document_id IS NOT NULL THEN (SELECT c.informatieobjecttype FROM zgw_connections c WHERE c.env = o.env) END)`;
/** As set, as the link carries it, from a separator sheet, else the type's own (what the delivery takes). */
const OWN_CONFIDENTIALITY = `coalesce(json_extract(d.fields, '$.vertrouwelijkheid.value'), o.vertrouwelijkheidaanduiding,
  ${sheet('vertrouwelijkheid')})`;
export const CONFIDENTIALITY = `coalesce(${OWN_CONFIDENTIALITY}, (SELECT json_extract(z.data, '$.vertrouwelijkheidaanduiding')
  FROM zgw_objects z WHERE z.env = o.env AND z.kind = 'informatieobjecttype' AND z.url = ${TYPE_URL}))`;
export const ZAAKNUMMER = `coalesce(o.zaak_identificatie, o.zaaknummer)`;
/** The zaaktype's URL (a new zaak's own, or the cached zaak's). */
export const ZAAKTYPE = `coalesce(json_extract(o.new_zaak, '$.zaaktype'), (SELECT json_extract(z.data, '$.zaaktype') FROM zgw_objects z
  WHERE z.env = o.env AND z.kind = 'zaak' AND z.identificatie = ${ZAAKNUMMER}))`;
const AFZENDER = `coalesce(json_extract(d.fields, '$.afzender.value'), json_extract(d.extracted, '$.detail.senderName.value'))`;

/**
 * One row of the index per document, worked out from the document, its link and the cache. The inner query works out
 * each URL once (materialised, so SQLite does not copy the expressions into every place the outer one uses them).
 */
const indexRows = (where: string) => `WITH x AS MATERIALIZED (SELECT d.id, d.created_at, d.title, d.reviewed_at IS NOT NULL AS reviewed,
      NOT (${OWN_TYPE} IS NULL AND o.document_id IS NULL) AS classed, ${R_STANDAARD} AS r_standaard,
      ${R_AFWIJKEND} AS r_afwijkend, ${R_LAAG} AS r_laag, o.env, ${OWN_TYPE} AS own_type, ${TYPE_URL} AS type_url,
      ${OWN_CONFIDENTIALITY} AS own_vh,
      ${ZAAKTYPE} AS zaaktype, ${AFZENDER} AS afzender, ${STAGE_SQL} AS stage, coalesce(o.state = 'done', 0) AS delivered
      ${FROM_DOC} WHERE ${where})
  INSERT INTO classification_index (document_id, created_at, title, reviewed, classed, r_standaard, r_afwijkend,
    r_laag, type_url, type_name, type_key, vertrouwelijkheid, zaaktype, afzender, stage, delivered)
  SELECT id, created_at, title, reviewed, classed, r_standaard, r_afwijkend, r_laag, type_url, type_name,
    ${key('type_name')}, coalesce(own_vh, json_extract(data, '$.vertrouwelijkheidaanduiding')), zaaktype, afzender,
    stage, delivered
  FROM (SELECT x.*, coalesce(own_type, json_extract(t.data, '$.omschrijving')) AS type_name, t.data
    FROM x LEFT JOIN zgw_objects t ON t.env = x.env AND t.kind = 'informatieobjecttype' AND t.url = x.type_url) AS y`;

/**
 * The pairs whose share of the zaaktype's typed documents is under RARE_SHARE, with at least RARE_MIN_DOCUMENTS; for
 * the zaaktypen `only` names (a JSON array), or all.
 */
const rarePairs = (only: boolean) => `INSERT INTO classification_rare (zaaktype, type_key)
  SELECT zaaktype, type_key FROM (SELECT zaaktype, type_key, count(*) AS n, sum(count(*)) OVER (PARTITION BY zaaktype) AS total
    FROM classification_index WHERE type_key IS NOT NULL
      AND ${only ? 'zaaktype IN (SELECT value FROM json_each(?))' : 'zaaktype IS NOT NULL'} GROUP BY zaaktype, type_key)
  WHERE total >= ${RARE_MIN_DOCUMENTS} AND n < ${RARE_SHARE} * total`;

/** The rule the rows were made by: rows made by another version's rule (a changed expression) are all stale. */
const RULE = createHash('sha256')
  .update(`${indexRows('')}\n${rarePairs(true)}`)
  .digest('hex')
  .slice(0, 16);

/**
 * Above a quarter of the index (and at least this many) stale documents, the index is rebuilt whole: sorting once
 * beats inserting into six indexes one row at a time (bench archive-queue: 50 000 whole 1.7 s; 9 000 stale 1.0 s).
 */
const REBUILD_MIN = 2000;

/** What is stale: every row (the migration, another rule, asked) or the marked documents, how many. */
function staleness(db: Db, all: boolean): number {
  const state = stmt(db, 'SELECT all_stale, rule FROM classification_index_state WHERE id = 1').get() as {
    all_stale: number;
    rule: string;
  };
  if (all || state.all_stale === 1 || state.rule !== RULE) return Infinity;
  return (stmt(db, 'SELECT count(*) AS n FROM classification_stale').get() as { n: number }).n;
}

/**
 * Brings the index up to date: every document after the migration, under a changed rule, when asked, or when many
 * are stale (the table's indexes dropped and made again from their own definitions in the schema); otherwise only the
 * documents marked stale, and the rare pairs of the zaaktypen they were or are in. Nothing is written when nothing is
 * stale. An immediate transaction: another process's write between the look and the work cannot fail it. Returns how
 * many documents were redone.
 */
export function refreshClassificationIndex(db: Db, opts: { all?: boolean } = {}): number {
  if (staleness(db, opts.all === true) === 0) return 0;
  const work = db.transaction(() => {
    const stale = staleness(db, opts.all === true); // again, under the write lock
    if (stale === 0) return 0;
    let n: number;
    const rows = stale === Infinity ? 0 : (stmt(db, 'SELECT count(*) AS n FROM classification_index').get() as { n: number }).n;
    if (stale > Math.max(REBUILD_MIN, rows / 4)) {
      const indexes = stmt(
        db,
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'classification_index' AND sql IS NOT NULL`,
      ).all() as { name: string; sql: string }[];
      for (const i of indexes) db.exec(`DROP INDEX "${i.name.replace(/"/g, '""')}"`);
      db.exec('DELETE FROM classification_index');
      n = db.prepare(indexRows('1')).run().changes;
      for (const i of indexes) db.exec(i.sql);
      stmt(db, 'UPDATE classification_index_state SET all_stale = 0, rule = ? WHERE id = 1').run(RULE);
      stmt(db, 'DELETE FROM classification_rare').run();
      stmt(db, rarePairs(false)).run();
    } else {
      const touched = `SELECT DISTINCT zaaktype FROM classification_index
        WHERE zaaktype IS NOT NULL AND document_id IN (SELECT document_id FROM classification_stale)`;
      const zaaktypen = new Set((stmt(db, touched).all() as { zaaktype: string }[]).map((r) => r.zaaktype));
      stmt(db, 'DELETE FROM classification_index WHERE document_id IN (SELECT document_id FROM classification_stale)').run();
      n = stmt(db, indexRows('d.id IN (SELECT document_id FROM classification_stale)')).run().changes;
      for (const r of stmt(db, touched).all() as { zaaktype: string }[]) zaaktypen.add(r.zaaktype);
      if (zaaktypen.size > 0) {
        const list = JSON.stringify([...zaaktypen]);
        stmt(db, 'DELETE FROM classification_rare WHERE zaaktype IN (SELECT value FROM json_each(?))').run(list);
        stmt(db, rarePairs(true)).run(list);
      }
    }
    stmt(db, 'DELETE FROM classification_stale').run();
    return n;
  });
  return db.inTransaction ? work() : work.immediate();
}

/**
 * Blanks the personal data of documents in the index at once (the purge: their title and sender must not wait in it
 * for the next look); they stay marked stale, so the next refresh works out the rest from what is left of them.
 */
export function blankIndexRows(db: Db, documentIds: readonly string[]): void {
  stmt(db, `UPDATE classification_index SET title = '', afzender = NULL WHERE document_id IN (SELECT value FROM json_each(?))`).run(
    JSON.stringify(documentIds),
  );
}

/** How many typed documents of the zaaktype carry the type, and how many typed documents the zaaktype has. */
export function typeUsage(db: Db, zaaktype: string, typeKey: string): { pair: number; total: number } {
  refreshClassificationIndex(db);
  return stmt(
    db,
    `SELECT count(*) FILTER (WHERE type_key = ?) AS pair, count(*) AS total FROM classification_index
     WHERE zaaktype = ? AND type_key IS NOT NULL`,
  ).get(typeKey, zaaktype) as { pair: number; total: number };
}
