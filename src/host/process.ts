import { randomUUID } from 'node:crypto';
import { PostkamerError, type ErrorCode } from '../contract/errors';
import type { QcFlag, ExtractedSummary } from '../contract/schemas';
import { appendAudit } from '../audit/audit';
import type { StoredBlob } from '../store/vault';
import { WRITER, writerAlive } from '../store/writer';
import type { IngestContext } from './ingest';

// Stage 2 of ingest: a received item becomes documents. The processor (recognition, or "as it is") does the heavy
// work and writes page images and PDFs to the vault as it goes; one transaction then records the documents and
// marks the item done. A crash before that transaction leaves the item 'received' and its half-made blobs
// 'writing' — recovery removes the blobs and the next run processes the item again.

export interface ItemToProcess { id: string; batchId: string; fileName: string; mime: string; size: number; sha256: string; blobId: string; bytes: Buffer }

export interface ProcessedPageRecord {
  imageBlob: StoredBlob | null;
  width: number; height: number; dpi: number; colour: string; rotation: number; skew: number; blank: boolean;
  ocrConfidence: number | null; qcFlags: QcFlag[]; ocr: unknown;
}

export interface ProcessedDocument {
  /** Fixed by the processor (it is written into the PDF). */
  id: string;
  title: string;
  pages: ProcessedPageRecord[];
  pdfBlob: StoredBlob | null;
  text: string;
  qcFlags: QcFlag[];
  containsBsn: boolean;
  extracted: ExtractedSummary & Record<string, unknown>;
  zaaknummer: string | null;
  /** Metadata from a separator sheet or the profile (document type, …). */
  metadata?: Record<string, string>;
}

export interface ProcessProgress { page: number; pages: number; stage: 'decoding' | 'recognising' | 'storing' }
export type Processor = (item: ItemToProcess, ctx: IngestContext, progress: (p: ProcessProgress) => void) => Promise<ProcessedDocument[]>;

/** Keeps the file as it came: one document, no pages (used where recognition is switched off). */
export const storeAsIs: Processor = async (item) => [{
  id: randomUUID(),
  title: item.fileName.replace(/\.[^.]+$/, ''),
  pages: [],
  pdfBlob: null,
  text: '',
  qcFlags: [],
  containsBsn: false,
  extracted: { zaaknummer: null, letterDate: null, kenmerk: null, kvk: null, iban: null, postcode: null, sender: null },
  zaaknummer: null,
}];

export type ItemOutcome =
  | { itemId: string; fileName: string; ok: true; documents: { id: string; pageCount: number }[] }
  | { itemId: string; fileName: string; ok: false; error: { code: ErrorCode; message: string } };

/** Claims an item for this process unless a live process holds it. */
function claim(ctx: IngestContext, itemId: string): boolean {
  const { db } = ctx.store;
  return db.transaction(() => {
    const row = db.prepare(`SELECT state, claimed_by FROM items WHERE id = ?`).get(itemId) as { state: string; claimed_by: string | null } | undefined;
    if (!row || (row.state !== 'received' && row.state !== 'processing')) return false;
    if (row.claimed_by && row.claimed_by !== WRITER && writerAlive(row.claimed_by)) return false;
    db.prepare(`UPDATE items SET state = 'processing', claimed_by = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`).run(WRITER, new Date().toISOString(), itemId);
    return true;
  }).immediate();
}

/** Processes the pending items (of one batch, or all abandoned ones), a few at a time. */
export async function processPendingItems(ctx: IngestContext, opts: { batchId?: string; concurrency?: number } = {}): Promise<ItemOutcome[]> {
  const { db } = ctx.store;
  const ids = (opts.batchId
    ? db.prepare(`SELECT id FROM items WHERE batch_id = ? AND state IN ('received', 'processing') ORDER BY seq`).all(opts.batchId)
    : db.prepare(`SELECT id FROM items WHERE state IN ('received', 'processing') ORDER BY created_at, seq`).all()) as { id: string }[];
  const outcomes: ItemOutcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++].id;
      if (!claim(ctx, id)) continue;
      outcomes.push(await processItem(ctx, id));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, worker));
  const order = new Map(ids.map((r, i) => [r.id, i]));
  return outcomes.sort((a, b) => order.get(a.itemId)! - order.get(b.itemId)!);
}

async function processItem(ctx: IngestContext, itemId: string): Promise<ItemOutcome> {
  const { db, vault } = ctx.store;
  const row = db.prepare(`SELECT id, batch_id, seq, file_name, mime, size, sha256, blob_id FROM items WHERE id = ?`).get(itemId) as {
    id: string; batch_id: string; seq: number; file_name: string; mime: string; size: number; sha256: string; blob_id: string;
  };
  const item: ItemToProcess = { id: row.id, batchId: row.batch_id, fileName: row.file_name, mime: row.mime, size: row.size, sha256: row.sha256, blobId: row.blob_id, bytes: vault.read(row.blob_id) };
  const progress = (p: ProcessProgress) =>
    ctx.emit('ingest.progress', { batchId: item.batchId, file: item.fileName, index: row.seq, total: 0, stage: p.stage, page: p.page, pages: p.pages });
  let docs: ProcessedDocument[];
  try {
    docs = await ctx.processor(item, ctx, progress);
  } catch (e) {
    const code: ErrorCode = e instanceof PostkamerError ? e.code : 'internal';
    const message = e instanceof PostkamerError ? e.message : `${(e as Error).message}`;
    db.transaction(() => {
      db.prepare(`UPDATE items SET state = 'rejected', claimed_by = NULL, updated_at = ? WHERE id = ?`).run(new Date().toISOString(), itemId);
      // The bytes stay in the vault as the quarantined copy.
      db.prepare(`INSERT INTO rejections (id, batch_id, file_name, code, message, blob_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(randomUUID(), item.batchId, item.fileName, code, `${item.fileName}: ${message}`, item.blobId, new Date().toISOString());
      appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'item.reject', objectType: 'item', objectId: itemId, result: 'rejected', details: { code } });
    }).immediate();
    ctx.emit('ingest.progress', { batchId: item.batchId, file: item.fileName, index: row.seq, total: 0, stage: 'failed' });
    return { itemId, fileName: item.fileName, ok: false, error: { code, message } };
  }
  const now = new Date().toISOString();
  const created: { id: string; pageCount: number }[] = [];
  db.transaction(() => {
    let seq = (db.prepare('SELECT coalesce(max(seq), -1) AS m FROM documents WHERE batch_id = ?').get(item.batchId) as { m: number }).m + 1;
    for (const d of docs) {
      if (d.pdfBlob) vault.commit(d.pdfBlob);
      const id = d.id;
      const info = db.prepare(
        `INSERT INTO documents (id, batch_id, item_id, seq, title, file_name, mime, size, sha256, source_blob_id, pdf_blob_id, status,
           page_count, qc_flags, contains_bsn, extracted, zaaknummer, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        id, item.batchId, item.id, seq++, d.title, item.fileName,
        d.pdfBlob ? d.pdfBlob.mime : item.mime, d.pdfBlob ? d.pdfBlob.size : item.size, d.pdfBlob ? d.pdfBlob.sha256 : item.sha256,
        item.blobId, d.pdfBlob?.id ?? null, d.pdfBlob ? 'ready' : 'stored', d.pages.length, JSON.stringify(d.qcFlags),
        d.containsBsn ? 1 : 0, JSON.stringify({ ...d.extracted, ...(d.metadata ? { metadata: d.metadata } : {}) }), d.zaaknummer, now, now,
      );
      const insertPage = db.prepare(
        `INSERT INTO pages (id, document_id, seq, image_blob_id, width, height, dpi, colour, rotation, skew, blank, ocr_confidence, qc_flags, ocr)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      d.pages.forEach((p, i) => {
        if (p.imageBlob) vault.commit(p.imageBlob);
        insertPage.run(randomUUID(), id, i, p.imageBlob?.id ?? null, p.width, p.height, p.dpi, p.colour, p.rotation, p.skew, p.blank ? 1 : 0,
          p.ocrConfidence, JSON.stringify(p.qcFlags), p.ocr === null || p.ocr === undefined ? null : JSON.stringify(p.ocr));
      });
      db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(info.lastInsertRowid, d.title, d.text);
      appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'document.create', objectType: 'document', objectId: id, result: 'ok', details: { itemId: item.id, pages: d.pages.length } });
      created.push({ id, pageCount: d.pages.length });
    }
    db.prepare(`UPDATE items SET state = 'done', claimed_by = NULL, updated_at = ? WHERE id = ?`).run(now, itemId);
  }).immediate();
  for (const d of created) ctx.emit('document.changed', { documentId: d.id, batchId: item.batchId });
  ctx.emit('ingest.progress', { batchId: item.batchId, file: item.fileName, index: row.seq, total: 0, stage: 'done' });
  return { itemId, fileName: item.fileName, ok: true, documents: created };
}
