// The `page_thumbs` table: display images of a page (a thumbnail, a display size) cached in the vault, per page and size.
import type { Db } from './db';
import { stmt } from './statements';

export type PageImageSize = 'thumb' | 'image';

/** What a page's display image is made from: the page image as stored (upright) and its rotation. */
export interface PageImageSource {
  imageBlobId: string;
  rotation: number;
}

/** The page's image, when the page may be shown: it exists, is not deleted by the clerk, and has an image. */
export function pageImageSource(db: Db, pageId: string): PageImageSource | null {
  const r = stmt(
    db,
    `SELECT p.image_blob_id AS imageBlobId, p.rotation AS rotation FROM pages p JOIN documents d ON d.id = p.document_id
     WHERE p.id = ? AND p.removed = 0 AND p.image_blob_id IS NOT NULL AND d.purged_at IS NULL`,
  ).get(pageId) as PageImageSource | undefined;
  return r ?? null;
}

export interface CachedPageImage {
  blobId: string;
  mime: string;
}

/** The cached image of this size, when it was made from exactly this source; null otherwise. */
export function cachedPageImage(db: Db, pageId: string, size: PageImageSize, source: PageImageSource): CachedPageImage | null {
  const r = stmt(
    db,
    `SELECT t.blob_id AS blobId, b.mime AS mime FROM page_thumbs t JOIN blobs b ON b.id = t.blob_id
     WHERE t.page_id = ? AND t.size = ? AND t.source_blob_id = ? AND t.rotation = ? AND b.state = 'stored'`,
  ).get(pageId, size, source.imageBlobId, source.rotation) as CachedPageImage | undefined;
  return r ?? null;
}

export interface NewPageImage {
  pageId: string;
  size: PageImageSize;
  source: PageImageSource;
  blobId: string;
  width: number;
  height: number;
  createdAt: string;
}

/**
 * Records a made image in the caller's transaction, replacing the one of this page and size (whose blob row goes
 * with it: trigger page_thumbs_shred). Only while the page still has this source; false when it changed meanwhile
 * (turned, deleted, purged) — then nothing is written and the caller drops its blob.
 */
export function savePageImage(db: Db, img: NewPageImage): boolean {
  if (
    !stmt(db, 'SELECT 1 FROM pages WHERE id = ? AND image_blob_id = ? AND rotation = ? AND removed = 0').get(
      img.pageId,
      img.source.imageBlobId,
      img.source.rotation,
    )
  )
    return false;
  stmt(db, 'DELETE FROM page_thumbs WHERE page_id = ? AND size = ?').run(img.pageId, img.size);
  stmt(
    db,
    `INSERT INTO page_thumbs (page_id, size, source_blob_id, rotation, blob_id, width, height, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(img.pageId, img.size, img.source.imageBlobId, img.source.rotation, img.blobId, img.width, img.height, img.createdAt);
  return true;
}
