// Rows of the `blobs` table outside the vault's own bookkeeping: a blob's type, and dropping a row nobody uses.
import type { Db } from './db';

/** The MIME type of a blob, or undefined when there is no such blob. */
export function blobMime(db: Db, id: string): string | undefined {
  return (db.prepare('SELECT mime FROM blobs WHERE id = ?').get(id) as { mime: string } | undefined)?.mime;
}

/** Drops a blob's row (in the caller's transaction) unless a document, page, item or outbox row still refers to it; true when dropped. */
export function dropBlobRowIfUnused(db: Db, id: string): boolean {
  const used = db
    .prepare(
      `SELECT 1 FROM documents WHERE pdf_blob_id = @id OR source_blob_id = @id
     UNION ALL SELECT 1 FROM pages WHERE image_blob_id = @id
     UNION ALL SELECT 1 FROM items WHERE blob_id = @id
     UNION ALL SELECT 1 FROM zgw_outbox WHERE content_blob_id = @id
     UNION ALL SELECT 1 FROM zgw_eio_corrections WHERE state <> 'done' AND json_extract(changes, '$.inhoud.blobId') = @id
     UNION ALL SELECT 1 FROM batch_verklaringen WHERE blob_id = @id LIMIT 1`,
    )
    .get({ id });
  if (used) return false;
  db.prepare('DELETE FROM blobs WHERE id = ?').run(id);
  return true;
}
