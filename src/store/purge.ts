// The purge's SQL: what decides whether a document may leave the workstation, turning a document into a stub (its
// content, pages, search entry and blob keys deleted with secure_delete on), and an archivist's hold.
import { blankIndexRows } from './classification-index';
import type { Db } from './db';
import { stmt } from './statements';

/** What the purge rules (src/core/purge.ts) judge a document by. */
export interface PurgeFacts {
  id: string;
  batchId: string;
  heldAt: string | null;
  /** The outbox row's state, or null when the document was never linked. */
  outboxState: string | null;
  /** When the delivery finished (only for state `done`). */
  deliveredAt: string | null;
  batchStatus: string;
  batchJobState: string | null;
  /** Its batch's quality control (batch_qc.state), null when not started. */
  qcState: string | null;
  /** 1 when its batch has a dossier (was captured since vervangende digitalisering existed), else 0. */
  hasDossier: number;
  /** Corrections of its EIO not yet applied on the server (the zaaksysteem's copy still differs). */
  openCorrections: number;
}

const FACTS = `SELECT d.id, d.batch_id AS batchId, d.held_at AS heldAt, o.state AS outboxState,
    CASE WHEN o.state = 'done' THEN coalesce(o.done_at, o.updated_at) END AS deliveredAt,
    b.status AS batchStatus, b.job_state AS batchJobState,
    (SELECT q.state FROM batch_qc q WHERE q.batch_id = d.batch_id) AS qcState,
    EXISTS (SELECT 1 FROM batch_dossiers bd WHERE bd.batch_id = d.batch_id) AS hasDossier,
    (SELECT count(*) FROM zgw_eio_corrections c WHERE c.document_id = d.id AND c.state <> 'done') AS openCorrections
  FROM documents d JOIN batches b ON b.id = d.batch_id LEFT JOIN zgw_outbox o ON o.document_id = d.id
  WHERE d.purged_at IS NULL`;

/** The facts of every document whose content is still here (`ids`: of those documents only). */
export function purgeFacts(db: Db, ids?: readonly string[]): PurgeFacts[] {
  if (ids === undefined) return stmt(db, `${FACTS} ORDER BY d.created_at, d.id`).all() as PurgeFacts[];
  return stmt(db, `${FACTS} AND d.id IN (SELECT value FROM json_each(?)) ORDER BY d.created_at, d.id`).all(
    JSON.stringify(ids),
  ) as PurgeFacts[];
}

/** When a document's content was purged: the time, null when it is still here, undefined when there is no such document. */
export function purgedAtOf(db: Db, id: string): string | null | undefined {
  const r = stmt(db, 'SELECT purged_at FROM documents WHERE id = ?').get(id) as { purged_at: string | null } | undefined;
  return r ? r.purged_at : undefined;
}

/** Puts an archivist's hold on a document (`at`) or lifts it (null); false when there is no such document. */
export function setHold(db: Db, id: string, at: string | null): boolean {
  return stmt(db, 'UPDATE documents SET held_at = ? WHERE id = ?').run(at, id).changes === 1;
}

/**
 * Runs `fn` with SQLite's secure_delete on for this connection (deleted content is overwritten with zeros, not only
 * unlinked), restoring the previous setting afterwards.
 */
export function withSecureDelete<T>(db: Db, fn: () => T): T {
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    return fn();
  } finally {
    db.pragma(`secure_delete = ${before === 1 ? 'ON' : before === 2 ? 'FAST' : 'OFF'}`);
  }
}

/**
 * Moves what the purge deleted out of the write-ahead log into the database file (where secure_delete zeroed it) and
 * empties the log. Best effort: a reader in another process may keep part of the log; the next checkpoint takes it.
 */
export function checkpointAfterPurge(db: Db): void {
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    /* best effort */
  }
}

const ids = (list: readonly string[]) => JSON.stringify(list);
const IN_IDS = '(SELECT value FROM json_each(?))';

/** True when anything still refers to the blob (FOREIGN KEY would refuse to drop its row anyway). */
function blobInUse(db: Db, id: string): boolean {
  return (
    stmt(
      db,
      `SELECT 1 FROM documents WHERE source_blob_id = @id OR pdf_blob_id = @id
       UNION ALL SELECT 1 FROM pages WHERE image_blob_id = @id
       UNION ALL SELECT 1 FROM items WHERE blob_id = @id
       UNION ALL SELECT 1 FROM zgw_outbox WHERE content_blob_id = @id
       UNION ALL SELECT 1 FROM rejections WHERE blob_id = @id
       UNION ALL SELECT 1 FROM zgw_connections WHERE credentials_blob_id = @id LIMIT 1`,
    ).get({ id }) !== undefined
  );
}

/**
 * Turns the documents `docIds` into stubs, in the caller's transaction (run it inside withSecureDelete): their
 * recognised text and search entry (FTS5 secure-delete, so no term of theirs stays in the index), pages with their OCR,
 * extracted fields, title and file name are deleted; id, batch, zaaknummer, checksum, size, dates and the outbox's
 * zaak and EIO URLs stay, with `purged_at`. The received files of a unit go once no document made from it keeps its
 * content. Returns the blobs whose rows (and so keys) were deleted: their files are the caller's to remove after commit.
 */
export function purgeDocuments(db: Db, docIds: readonly string[], purgedAt: string): { blobIds: string[] } {
  const docs = stmt(
    db,
    `SELECT rowid, id, item_id, source_blob_id, pdf_blob_id FROM documents WHERE purged_at IS NULL AND id IN ${IN_IDS}`,
  ).all(ids(docIds)) as { rowid: number; id: string; item_id: string | null; source_blob_id: string | null; pdf_blob_id: string | null }[];
  if (docs.length === 0) return { blobIds: [] };
  const list = ids(docs.map((d) => d.id));
  const candidates = new Set<string>();
  for (const d of docs) for (const b of [d.source_blob_id, d.pdf_blob_id]) if (b) candidates.add(b);
  const more = stmt(
    db,
    `SELECT image_blob_id AS b FROM pages WHERE document_id IN ${IN_IDS} AND image_blob_id IS NOT NULL
     UNION SELECT content_blob_id FROM zgw_outbox WHERE document_id IN ${IN_IDS} AND content_blob_id IS NOT NULL`,
  ).all(list, list) as { b: string }[];
  for (const r of more) candidates.add(r.b);
  const units = (
    stmt(db, `SELECT DISTINCT unit FROM items WHERE id IN ${IN_IDS}`).all(ids(docs.flatMap((d) => (d.item_id ? [d.item_id] : [])))) as {
      unit: string;
    }[]
  ).map((r) => r.unit);

  // The search entry: with FTS5's secure-delete the terms leave the index itself, not only the row its content.
  stmt(db, `INSERT INTO documents_fts (documents_fts, rank) VALUES ('secure-delete', 1)`).run();
  const dropIndex = stmt(db, 'DELETE FROM documents_fts WHERE rowid = ?');
  for (const d of docs) dropIndex.run(d.rowid);
  stmt(db, `INSERT INTO documents_fts (documents_fts, rank) VALUES ('secure-delete', 0)`).run();

  stmt(db, `DELETE FROM pages WHERE document_id IN ${IN_IDS}`).run(list);
  stmt(
    db,
    `UPDATE documents SET title = '', file_name = '', extracted = '{}', contains_bsn = 0, source_blob_id = NULL, pdf_blob_id = NULL,
       item_id = NULL, purged_at = ?, updated_at = ? WHERE id IN ${IN_IDS}`,
  ).run(purgedAt, purgedAt, list);
  stmt(
    db,
    `UPDATE zgw_outbox SET content_blob_id = NULL, titel = NULL, bestandsnaam = NULL, last_error = NULL WHERE document_id IN ${IN_IDS}`,
  ).run(list);
  // The corrections' values (a sender's name) go too; that they were applied stays (the audit trail has the fields).
  stmt(db, `UPDATE zgw_eio_corrections SET changes = '{}', last_error = NULL WHERE document_id IN ${IN_IDS}`).run(list);
  stmt(db, `UPDATE documents SET fields = '{}' WHERE id IN ${IN_IDS}`).run(list);
  // The review queue's index holds the title and the sender: blanked now, under this transaction's secure delete.
  blankIndexRows(
    db,
    docs.map((d) => d.id),
  );

  // A unit (a file, or a scanner job's pages) may have made several documents: its items go with the last of them.
  for (const unit of units) {
    const kept = stmt(db, 'SELECT 1 FROM documents d JOIN items i ON i.id = d.item_id WHERE i.unit = ? LIMIT 1').get(unit);
    if (kept) continue;
    for (const r of stmt(db, 'SELECT blob_id FROM items WHERE unit = ?').all(unit) as { blob_id: string }[]) candidates.add(r.blob_id);
    stmt(db, 'DELETE FROM items WHERE unit = ?').run(unit);
  }

  const blobIds: string[] = [];
  const dropBlob = stmt(db, 'DELETE FROM blobs WHERE id = ?');
  for (const b of candidates) {
    if (blobInUse(db, b)) continue;
    dropBlob.run(b);
    blobIds.push(b);
  }
  return { blobIds };
}
