// Queries over batches, documents and rejections.
import { PostkamerError } from '../contract/errors';
import type { Batch, DocumentSummary, Rejection } from '../contract/schemas';
import { STAGES, type Stage } from '../domain/stage';
import { FROM_DOC, SELECT_DOC, STAGE_SQL, toSummary, type DocRow } from './document-summary';
import type { Db } from './db';

type ListOptions = { batchId?: string; stage?: Stage; order?: 'newest' | 'oldest'; limit: number; offset: number };
/** A page of documents: a batch in stack order, otherwise newest (or oldest) first; optionally of one stage only. */
export function listDocuments(db: Db, opts: ListOptions): DocumentSummary[] {
  const where = ['1', ...(opts.batchId ? ['d.batch_id = ?'] : []), ...(opts.stage ? [`(${STAGE_SQL}) = ?`] : [])].join(' AND ');
  const order = opts.batchId ? 'd.seq' : `d.created_at ${opts.order === 'oldest' ? 'ASC' : 'DESC'}, d.batch_id, d.seq, d.id`;
  // The page's keys are sorted first, then only its rows are read whole and joined (500 lookups, not 50 000).
  const page = `SELECT d.rowid ${opts.stage ? FROM_DOC : 'FROM documents d'} WHERE ${where} ORDER BY ${order} LIMIT ? OFFSET ?`;
  const sql = `${SELECT_DOC} WHERE d.rowid IN (${page}) ORDER BY ${order}`;
  const args = [...(opts.batchId ? [opts.batchId] : []), ...(opts.stage ? [opts.stage] : []), opts.limit, opts.offset];
  return (db.prepare(sql).all(...args) as DocRow[]).map(toSummary);
}

/** How many documents are in each stage (every stage named, 0 where none). */
export function stageCounts(db: Db): Record<Stage, number> {
  const rows = db.prepare(`SELECT ${STAGE_SQL} AS stage, count(*) AS n ${FROM_DOC} GROUP BY 1`).all() as { stage: Stage; n: number }[];
  return Object.fromEntries(STAGES.map((s) => [s, rows.find((r) => r.stage === s)?.n ?? 0])) as Record<Stage, number>;
}

export function getDocument(db: Db, id: string): DocumentSummary | null {
  const r = db.prepare(`${SELECT_DOC} WHERE d.id = ?`).get(id) as DocRow | undefined;
  return r ? toSummary(r) : null;
}

export function getDocumentBlobIds(db: Db, id: string): { source: string | null; pdf: string | null } | null {
  const r = db.prepare('SELECT source_blob_id, pdf_blob_id FROM documents WHERE id = ?').get(id) as
    { source_blob_id: string | null; pdf_blob_id: string | null } | undefined;
  return r ? { source: r.source_blob_id, pdf: r.pdf_blob_id } : null;
}

const BATCH_SELECT = `SELECT b.*, (SELECT count(*) FROM documents d WHERE d.batch_id = b.id) AS document_count,
            (SELECT count(*) FROM rejections r WHERE r.batch_id = b.id) AS rejected_count
     FROM batches b`;

interface BatchRowCounts {
  id: string;
  created_at: string;
  source: Batch['source'];
  profile: string | null;
  label: string;
  status: Batch['status'];
  document_count: number;
  rejected_count: number;
}

const batchFrom = (r: BatchRowCounts): Batch => ({
  id: r.id,
  createdAt: r.created_at,
  source: r.source,
  profile: r.profile,
  label: r.label,
  status: r.status,
  documentCount: r.document_count,
  rejectedCount: r.rejected_count,
});

export function listBatches(db: Db, limit: number): Batch[] {
  return (db.prepare(`${BATCH_SELECT} ORDER BY b.created_at DESC LIMIT ?`).all(limit) as BatchRowCounts[]).map(batchFrom);
}

/** One batch as the list shows it, or null. */
export function batchSummary(db: Db, id: string): Batch | null {
  const r = db.prepare(`${BATCH_SELECT} WHERE b.id = ?`).get(id) as BatchRowCounts | undefined;
  return r ? batchFrom(r) : null;
}

export function listRejections(db: Db, batchId?: string): Rejection[] {
  const rows = (
    batchId
      ? db.prepare('SELECT * FROM rejections WHERE batch_id = ? ORDER BY created_at DESC').all(batchId)
      : db.prepare('SELECT * FROM rejections ORDER BY created_at DESC LIMIT 1000').all()
  ) as {
    id: string;
    batch_id: string | null;
    file_name: string;
    code: string;
    message: string;
    blob_id: string | null;
    created_at: string;
  }[];
  return rows.map((r) => ({
    id: r.id,
    batchId: r.batch_id,
    fileName: r.file_name,
    code: r.code,
    message: r.message,
    quarantined: r.blob_id !== null,
    createdAt: r.created_at,
  }));
}

/** A document's own row, as page edits read and rebuild it. */
export interface DocumentRow {
  rowid: number;
  id: string;
  batch_id: string;
  item_id: string | null;
  seq: number;
  title: string;
  file_name: string;
  status: string;
  source_blob_id: string | null;
  pdf_blob_id: string | null;
  extracted: string;
  created_at: string;
  updated_at: string;
}

const DOCUMENT_ROW =
  'rowid, id, batch_id, item_id, seq, title, file_name, status, source_blob_id, pdf_blob_id, extracted, created_at, updated_at';

export function documentRow(db: Db, id: string): DocumentRow | undefined {
  return db.prepare(`SELECT ${DOCUMENT_ROW} FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
}

export interface NewDocument {
  id: string;
  batchId: string;
  itemId: string | null;
  seq: number;
  title: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  sourceBlobId: string | null;
  pdfBlobId: string | null;
  status: 'ready' | 'stored';
  pageCount: number;
  qcFlags: readonly string[];
  containsBsn: boolean;
  extracted: unknown;
  zaaknummer: string | null;
  createdAt: string;
  updatedAt: string;
  /** The recognised text, for the search index. */
  text: string;
}

/** Adds a document and its entry in the search index (in the caller's transaction). */
export function insertDocument(db: Db, d: NewDocument): void {
  db.prepare(
    `INSERT INTO documents (id, batch_id, item_id, seq, title, file_name, mime, size, sha256, source_blob_id, pdf_blob_id, status,
       page_count, qc_flags, contains_bsn, extracted, zaaknummer, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.id,
    d.batchId,
    d.itemId,
    d.seq,
    d.title,
    d.fileName,
    d.mime,
    d.size,
    d.sha256,
    d.sourceBlobId,
    d.pdfBlobId,
    d.status,
    d.pageCount,
    JSON.stringify(d.qcFlags),
    d.containsBsn ? 1 : 0,
    JSON.stringify(d.extracted),
    d.zaaknummer,
    d.createdAt,
    d.updatedAt,
  );
  indexDocument(db, d.id, d.title, d.text);
}

/** Sets a document's entry in the search index (title and recognised text), replacing the one it had. */
export function indexDocument(db: Db, id: string, title: string, text: string): void {
  const r = db.prepare('SELECT rowid FROM documents WHERE id = ?').get(id) as { rowid: number } | undefined;
  if (!r) throw new Error(`document ${id} not found`);
  db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(r.rowid);
  db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(r.rowid, title, text);
}

/** Removes a document and its entry in the search index (its pages must have moved elsewhere). */
export function deleteDocument(db: Db, id: string): void {
  const r = db.prepare('SELECT rowid FROM documents WHERE id = ?').get(id) as { rowid: number } | undefined;
  if (!r) return;
  db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(r.rowid);
  db.prepare('DELETE FROM documents WHERE id = ?').run(id);
}

export interface RebuiltDocument {
  title: string;
  size: number;
  sha256: string;
  pdfBlobId: string;
  pageCount: number;
  qcFlags: readonly string[];
  containsBsn: boolean;
  extracted: unknown;
  zaaknummer: string | null;
  updatedAt: string;
  text: string;
}

/** Records a document's new PDF and what was extracted for it, and re-indexes it. */
export function updateRebuiltDocument(db: Db, id: string, d: RebuiltDocument): void {
  db.prepare(
    `UPDATE documents SET title = ?, mime = 'application/pdf', size = ?, sha256 = ?, pdf_blob_id = ?, status = 'ready', page_count = ?,
       qc_flags = ?, contains_bsn = ?, extracted = ?, zaaknummer = ?, updated_at = ?, version = version + 1 WHERE id = ?`,
  ).run(
    d.title,
    d.size,
    d.sha256,
    d.pdfBlobId,
    d.pageCount,
    JSON.stringify(d.qcFlags),
    d.containsBsn ? 1 : 0,
    JSON.stringify(d.extracted),
    d.zaaknummer,
    d.updatedAt,
    id,
  );
  indexDocument(db, id, d.title, d.text);
}

/**
 * Makes the place right after `seq` in a batch free and returns it: the documents in the way move up by one, up to
 * the first free place (ingest numbers documents item × 1000 + k, so there usually is one at once).
 */
export function freePlaceAfter(db: Db, batchId: string, seq: number): number {
  const later = db.prepare('SELECT seq FROM documents WHERE batch_id = ? AND seq > ? ORDER BY seq').all(batchId, seq) as { seq: number }[];
  let end = seq + 1;
  for (const r of later) if (r.seq === end) end++;
  db.prepare('UPDATE documents SET seq = seq + 1 WHERE batch_id = ? AND seq > ? AND seq < ?').run(batchId, seq, end);
  return seq + 1;
}

/** How far the delivery of a document to the zaaksysteem has come (its outbox row), or undefined when it has none. */
type DeliveryFacts = { state: string; sha256: string | null; claimed_by: string | null; claimed_until: number | null };
export function deliveryFacts(db: Db, documentId: string): DeliveryFacts | undefined {
  return db.prepare('SELECT state, sha256, claimed_by, claimed_until FROM zgw_outbox WHERE document_id = ?').get(documentId) as
    DeliveryFacts | undefined;
}

/** Hit marks the snippets come with (the masking looks through them; the host turns them into brackets). */
export const SNIPPET_OPEN = '\u0002';
export const SNIPPET_CLOSE = '\u0003';

/** A search hit as stored: title and snippet unmasked, hits marked with SNIPPET_OPEN/SNIPPET_CLOSE. */
export interface RawSearchHit {
  id: string;
  title: string;
  snippet: string;
  rank: number;
  containsBsn: boolean;
}

/**
 * FTS5 search. The MATCH runs first on its own (planner pitfall, notes §3.3); user text is quoted as phrases.
 * Whatever FTS5 still cannot read is the caller's query, so it comes back as invalid input, never internal.
 */
export function searchDocuments(db: Db, query: string, limit: number): RawSearchHit[] {
  const terms = query
    .normalize('NFC')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => `"${t.replace(/"/g, '""')}"`);
  if (terms.length === 0) return [];
  try {
    const rows = db
      .prepare(
        `WITH hits AS (SELECT rowid, rank, snippet(documents_fts, 1, char(2), char(3), '…', 12) AS snippet
                     FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?)
       SELECT d.id, d.title, hits.snippet, hits.rank, d.contains_bsn FROM hits JOIN documents d ON d.rowid = hits.rowid ORDER BY hits.rank`,
      )
      .all(terms.join(' '), limit) as { id: string; title: string; snippet: string | null; rank: number; contains_bsn: number }[];
    return rows.map((r) => ({ id: r.id, title: r.title, snippet: r.snippet ?? '', rank: r.rank, containsBsn: r.contains_bsn === 1 }));
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (/fts5|syntax error|unterminated|unknown special query|no such column/i.test(msg)) {
      throw new PostkamerError('invalid-input', '(de zoekterm kan niet gelezen worden; gebruik gewone woorden of cijfers)');
    }
    throw e;
  }
}

/** The recognised text of a document (unmasked: for the host to mask on its way out), or null. */
export function documentText(db: Db, id: string): string | null {
  const row = db.prepare('SELECT f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE d.id = ?').get(id) as
    { body: string | null } | undefined;
  return row ? (row.body ?? '') : null;
}

/**
 * What the BSNs a document confirms are read from: the OCR of its pages (with the layout) and its text. Only for
 * documents the extraction found a BSN in; the others have no confirmed BSN.
 */
export function bsnSourcesOf(db: Db, ids: readonly string[]): Map<string, { pages: string[]; body: string }> {
  const out = new Map<string, { pages: string[]; body: string }>();
  const doc = db.prepare(`SELECT f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE d.id = ? AND d.contains_bsn = 1`);
  const pages = db.prepare('SELECT ocr FROM pages WHERE document_id = ? AND ocr IS NOT NULL ORDER BY seq');
  for (const id of new Set(ids)) {
    const row = doc.get(id) as { body: string } | undefined;
    if (!row) continue;
    out.set(id, { body: row.body ?? '', pages: (pages.all(id) as { ocr: string }[]).map((p) => p.ocr) });
  }
  return out;
}

export function counts(db: Db) {
  const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
  return {
    batches: one('SELECT count(*) AS n FROM batches'),
    documents: one('SELECT count(*) AS n FROM documents'),
    pages: one('SELECT count(*) AS n FROM pages'),
    pendingItems: one(`SELECT count(*) AS n FROM items WHERE state IN ('received', 'processing')`),
    rejected: one('SELECT count(*) AS n FROM rejections'),
    blobs: one(`SELECT count(*) AS n FROM blobs WHERE state = 'stored'`),
    bytes: one(`SELECT coalesce(sum(size), 0) AS n FROM blobs WHERE state = 'stored'`),
  };
}

/**
 * Ids of the documents whose id lies in [low, high) — with `prefixRange` (src/base/id-prefix.ts): the ids that
 * start with a prefix — in id order, at most `limit`. An indexed range scan over the primary key, at any store size.
 */
export function documentIdsInRange(db: Db, range: { low: string; high: string }, limit: number): string[] {
  return (
    db.prepare('SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?').all(range.low, range.high, limit) as {
      id: string;
    }[]
  ).map((r) => r.id);
}
