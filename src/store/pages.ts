// The `pages` table: each page of a document in order (visible and deleted ones), its image, geometry, flags and OCR.
import type { Db } from './db';

export interface PageRow {
  id: string;
  document_id: string;
  seq: number;
  image_blob_id: string | null;
  width: number;
  height: number;
  dpi: number;
  colour: string;
  rotation: number;
  blank: number;
  qc_flags: string;
  removed: number;
}

const PAGE_COLUMNS = 'id, document_id, seq, image_blob_id, width, height, dpi, colour, rotation, blank, qc_flags, removed';

/** A document's pages (visible and deleted) in order, without their OCR. */
export function pagesOf(db: Db, documentId: string): PageRow[] {
  return db.prepare(`SELECT ${PAGE_COLUMNS} FROM pages WHERE document_id = ? ORDER BY seq`).all(documentId) as PageRow[];
}

/** A page's stored OCR (JSON text), or null. */
export function pageOcr(db: Db, pageId: string): string | null {
  return (db.prepare('SELECT ocr FROM pages WHERE id = ?').get(pageId) as { ocr: string | null } | undefined)?.ocr ?? null;
}

export interface NewPage {
  id: string;
  documentId: string;
  seq: number;
  imageBlobId: string | null;
  width: number;
  height: number;
  dpi: number;
  colour: string;
  rotation: number;
  skew: number;
  blank: boolean;
  ocrConfidence: number | null;
  qcFlags: string[];
  ocr: string | null;
  sourceIndex?: number | null;
}

export function insertPage(db: Db, p: NewPage): void {
  db.prepare(
    `INSERT INTO pages (id, document_id, seq, image_blob_id, width, height, dpi, colour, rotation, skew, blank, ocr_confidence, qc_flags, ocr, source_index)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    p.id,
    p.documentId,
    p.seq,
    p.imageBlobId,
    p.width,
    p.height,
    p.dpi,
    p.colour,
    p.rotation,
    p.skew,
    p.blank ? 1 : 0,
    p.ocrConfidence,
    JSON.stringify(p.qcFlags),
    p.ocr,
    p.sourceIndex ?? null,
  );
}

export interface PlacedPage {
  id: string;
  documentId: string;
  seq: number;
  removed: boolean;
  rotation: number;
  width: number;
  height: number;
  imageBlobId: string | null;
  qcFlags: string[];
  /** New OCR (JSON text) when the page's image changed; undefined keeps the stored one. */
  ocr?: string;
  /** A rescanned page's resolution and colour; undefined keeps the stored ones. */
  dpi?: number;
  colour?: string;
}

/**
 * Puts pages in their (new) documents and places. Two passes, because (document_id, seq) is unique at every
 * step: first each page out of the way, then home. Runs in the caller's transaction.
 */
export function placePages(db: Db, pages: readonly PlacedPage[]): void {
  const park = db.prepare('UPDATE pages SET document_id = ?, seq = ? WHERE id = ?');
  pages.forEach((p, i) => park.run(p.documentId, -1 - i, p.id));
  const place = db.prepare(
    'UPDATE pages SET seq = ?, removed = ?, rotation = ?, width = ?, height = ?, image_blob_id = ?, qc_flags = ? WHERE id = ?',
  );
  const setOcr = db.prepare('UPDATE pages SET ocr = ? WHERE id = ?');
  const setScan = db.prepare('UPDATE pages SET dpi = ?, colour = ? WHERE id = ?');
  for (const p of pages) {
    place.run(p.seq, p.removed ? 1 : 0, p.rotation, p.width, p.height, p.imageBlobId, JSON.stringify(p.qcFlags), p.id);
    if (p.ocr !== undefined) setOcr.run(p.ocr, p.id);
    if (p.dpi !== undefined && p.colour !== undefined) setScan.run(p.dpi, p.colour, p.id);
  }
}
