// The reads of `documents` and `blobs` (and the one zaaknummer write) that the ZGW sync needs, kept apart from
// documents.ts, which serves the host.
import type { Db } from './db';
import { stmt } from './statements';

/** What a delivery fixes from the document before its first request (see src/sync/freeze.ts). */
export interface DocumentFacts {
  status: string;
  title: string;
  file_name: string;
  mime: string;
  created_at: string;
  extracted: string;
  source_blob_id: string | null;
  pdf_blob_id: string | null;
}

export function selectDocumentFacts(db: Db, id: string): DocumentFacts | null {
  return (
    (stmt(db, 'SELECT status, title, file_name, mime, created_at, extracted, source_blob_id, pdf_blob_id FROM documents WHERE id = ?').get(
      id,
    ) as DocumentFacts | undefined) ?? null
  );
}

/** Hash, size and type of a blob whose content is stored (not pending, not shredded); null otherwise. */
export function selectStoredBlob(db: Db, blobId: string): { sha256: string; size: number; mime: string } | null {
  return (
    (stmt(db, `SELECT sha256, size, mime FROM blobs WHERE id = ? AND state = 'stored'`).get(blobId) as
      { sha256: string; size: number; mime: string } | undefined) ?? null
  );
}

export function documentExists(db: Db, id: string): boolean {
  return db.prepare('SELECT id FROM documents WHERE id = ?').get(id) !== undefined;
}

export function documentTitle(db: Db, id: string): string | null {
  return (db.prepare('SELECT title FROM documents WHERE id = ?').get(id) as { title: string } | undefined)?.title ?? null;
}

/** Records the zaak a clerk linked the document to. */
export function setDocumentZaaknummer(db: Db, id: string, zaaknummer: string, updatedAt: string): void {
  db.prepare('UPDATE documents SET zaaknummer = ?, updated_at = ? WHERE id = ?').run(zaaknummer, updatedAt, id);
}
