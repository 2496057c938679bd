import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { PostkamerError, type ErrorCode } from '../contract/errors';
import type { QcFlag, ExtractedSummary } from '../contract/schemas';
import { appendAudit } from '../audit/audit';
import type { StoredBlob } from '../store/vault';
import { WRITER, writerAlive } from '../store/writer';
import type { IngestContext } from './receive';

// Stage 2 of ingest: received items become documents, one unit at a time (a file, or all pages of a scanner
// job). The processor (recognition, or "as it is") does the heavy work and writes page images and PDFs to the
// vault as it goes; one transaction then records the documents and marks the unit's items done. A crash before
// that transaction leaves the items pending and the half-made blobs 'writing' — recovery removes the blobs and
// the next run processes the unit again.

export interface ItemToProcess { id: string; batchId: string; seq: number; fileName: string; mime: string; size: number; sha256: string; blobId: string; bytes: Buffer }

export interface ProcessedPageRecord {
  imageBlob: StoredBlob | null;
  width: number; height: number; dpi: number; colour: string; rotation: number; skew: number; blank: boolean;
  ocrConfidence: number | null; qcFlags: QcFlag[]; ocr: unknown;
}

export interface ProcessedDocument {
  /** Fixed by the processor (it is written into the PDF). */
  id: string;
  title: string;
  /** The item the document's pages came from (the first one, for a document spanning scanned pages). */
  itemId: string;
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
/** Turns one unit (items in order) into documents; throws a PostkamerError to reject the whole unit. */
export type Processor = (unit: ItemToProcess[], ctx: IngestContext, progress: (p: ProcessProgress) => void) => Promise<ProcessedDocument[]>;

/** Keeps each file as it came: one document per item, no pages (used where recognition is switched off). */
export const storeAsIs: Processor = async (unit) => unit.map((item) => ({
  id: randomUUID(),
  title: item.fileName.replace(/\.[^.]+$/, ''),
  itemId: item.id,
  pages: [],
  pdfBlob: null,
  text: '',
  qcFlags: [],
  containsBsn: false,
  extracted: { zaaknummer: null, letterDate: null, kenmerk: null, kvk: null, iban: null, postcode: null, sender: null },
  zaaknummer: null,
}));

export type UnitOutcome =
  | { unit: string; itemIds: string[]; fileName: string; ok: true; documents: { id: string; pageCount: number }[] }
  | { unit: string; itemIds: string[]; fileName: string; ok: false; error: { code: ErrorCode; message: string } };

const PENDING = `state IN ('received', 'processing')`;

/** Claims a unit for this process unless a live process holds it or its scanner job is still running. */
function claim(ctx: IngestContext, unit: string): string[] | null {
  const { db } = ctx.store;
  return db.transaction(() => {
    const rows = db.prepare(`SELECT i.id, i.claimed_by, b.job_state FROM items i JOIN batches b ON b.id = i.batch_id WHERE i.unit = ? AND i.${PENDING} ORDER BY i.seq`).all(unit) as
      { id: string; claimed_by: string | null; job_state: string | null }[];
    if (rows.length === 0) return null;
    if (rows.some((r) => r.claimed_by && r.claimed_by !== WRITER && writerAlive(r.claimed_by))) return null;
    if (rows.some((r) => r.job_state === 'scanning')) return null;
    db.prepare(`UPDATE items SET state = 'processing', claimed_by = ?, attempts = attempts + 1, updated_at = ? WHERE unit = ? AND ${PENDING}`).run(WRITER, new Date().toISOString(), unit);
    return rows.map((r) => r.id);
  }).immediate();
}

/**
 * Units in progress at once. More than there are OCR workers: while one unit decodes, measures or writes its
 * PDF, the pages of the others keep every OCR worker busy (with 2 at a time a worker waited ~20 % of a batch).
 */
const UNIT_CONCURRENCY = availableParallelism() + 2;

/** Processes pending units (of one batch, or all abandoned ones), a few at a time. */
export async function processPendingItems(ctx: IngestContext, opts: { batchId?: string; concurrency?: number } = {}): Promise<UnitOutcome[]> {
  const { db } = ctx.store;
  const units = (opts.batchId
    ? db.prepare(`SELECT unit, min(seq) AS s FROM items WHERE batch_id = ? AND ${PENDING} GROUP BY unit ORDER BY s`).all(opts.batchId)
    : db.prepare(`SELECT unit, min(created_at) AS c FROM items WHERE ${PENDING} GROUP BY unit ORDER BY c`).all()) as { unit: string }[];
  const feed = new UnitFeed(ctx, opts.concurrency ?? UNIT_CONCURRENCY);
  for (const r of units) feed.push(r.unit);
  feed.end();
  return feed.done;
}

/**
 * Units processed while the rest of the batch is still being received: `push` each unit as soon as it is durably
 * received, `end` when there are no more, then await `done` (outcomes in the order pushed). Processing the first
 * file need not wait for the last one to be read, encrypted and fsync'ed.
 */
export class UnitFeed {
  private readonly queue: string[] = [];
  private readonly order: string[] = [];
  private ended = false;
  private waiting: (() => void)[] = [];
  readonly done: Promise<UnitOutcome[]>;

  constructor(ctx: IngestContext, concurrency = UNIT_CONCURRENCY) {
    const outcomes: UnitOutcome[] = [];
    const worker = async () => {
      for (;;) {
        const unit = this.queue.shift();
        if (unit === undefined) {
          if (this.ended) return;
          await new Promise<void>((resolve) => this.waiting.push(resolve));
          continue;
        }
        const ids = claim(ctx, unit);
        if (ids) outcomes.push(await processUnit(ctx, unit, ids));
      }
    };
    this.done = Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker)).then(() => {
      const at = new Map(this.order.map((u, i) => [u, i]));
      return outcomes.sort((a, b) => at.get(a.unit)! - at.get(b.unit)!);
    });
  }

  push(unit: string): void {
    if (this.ended) throw new Error('UnitFeed: push after end');
    this.queue.push(unit);
    this.order.push(unit);
    this.waiting.shift()?.();
  }

  end(): void {
    this.ended = true;
    for (const w of this.waiting.splice(0)) w();
  }
}

async function processUnit(ctx: IngestContext, unit: string, itemIds: string[]): Promise<UnitOutcome> {
  const { db, vault } = ctx.store;
  const get = db.prepare(`SELECT id, batch_id, seq, file_name, mime, size, sha256, blob_id FROM items WHERE id = ?`);
  const items: ItemToProcess[] = itemIds.map((id) => {
    const r = get.get(id) as { id: string; batch_id: string; seq: number; file_name: string; mime: string; size: number; sha256: string; blob_id: string };
    return { id: r.id, batchId: r.batch_id, seq: r.seq, fileName: r.file_name, mime: r.mime, size: r.size, sha256: r.sha256, blobId: r.blob_id, bytes: vault.read(r.blob_id) };
  });
  const first = items[0];
  const fileName = items.length === 1 ? first.fileName : `${items.length} pagina's`;
  const progress = (p: ProcessProgress) =>
    ctx.emit('ingest.progress', { batchId: first.batchId, file: fileName, index: first.seq, total: 0, stage: p.stage, page: p.page, pages: p.pages });
  let docs: ProcessedDocument[];
  try {
    docs = await ctx.processor(items, ctx, progress);
  } catch (e) {
    const code: ErrorCode = e instanceof PostkamerError ? e.code : 'internal';
    const message = e instanceof PostkamerError ? e.message : `${(e as Error).message}`;
    db.transaction(() => {
      const now = new Date().toISOString();
      for (const item of items) {
        db.prepare(`UPDATE items SET state = 'rejected', claimed_by = NULL, updated_at = ? WHERE id = ?`).run(now, item.id);
        // The bytes stay in the vault as the quarantined copy.
        db.prepare(`INSERT INTO rejections (id, batch_id, file_name, code, message, blob_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
          .run(randomUUID(), item.batchId, item.fileName, code, `${item.fileName}: ${message}`, item.blobId, now);
        appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'item.reject', objectType: 'item', objectId: item.id, result: 'rejected', details: { code } });
      }
    }).immediate();
    ctx.emit('ingest.progress', { batchId: first.batchId, file: fileName, index: first.seq, total: 0, stage: 'failed' });
    return { unit, itemIds, fileName, ok: false, error: { code, message } };
  }
  const now = new Date().toISOString();
  const created: { id: string; pageCount: number }[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  db.transaction(() => {
    for (const [k, d] of docs.entries()) {
      const item = byId.get(d.itemId) ?? first;
      // Order in the batch follows the stack: the item (file or scanned page) the document starts on, then its place.
      const seq = item.seq * 1000 + k;
      if (d.pdfBlob) vault.commit(d.pdfBlob);
      const info = db.prepare(
        `INSERT INTO documents (id, batch_id, item_id, seq, title, file_name, mime, size, sha256, source_blob_id, pdf_blob_id, status,
           page_count, qc_flags, contains_bsn, extracted, zaaknummer, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        d.id, item.batchId, item.id, seq, d.title, item.fileName,
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
        insertPage.run(randomUUID(), d.id, i, p.imageBlob?.id ?? null, p.width, p.height, p.dpi, p.colour, p.rotation, p.skew, p.blank ? 1 : 0,
          p.ocrConfidence, JSON.stringify(p.qcFlags), p.ocr === null || p.ocr === undefined ? null : JSON.stringify(p.ocr));
      });
      db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(info.lastInsertRowid, d.title, d.text);
      appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'document.create', objectType: 'document', objectId: d.id, result: 'ok', details: { itemId: item.id, pages: d.pages.length } });
      created.push({ id: d.id, pageCount: d.pages.length });
    }
    db.prepare(`UPDATE items SET state = 'done', claimed_by = NULL, updated_at = ? WHERE unit = ? AND state = 'processing' AND claimed_by = ?`).run(now, unit, WRITER);
  }).immediate();
  for (const d of created) ctx.emit('document.changed', { documentId: d.id, batchId: first.batchId });
  ctx.emit('ingest.progress', { batchId: first.batchId, file: fileName, index: first.seq, total: 0, stage: 'done' });
  return { unit, itemIds, fileName, ok: true, documents: created };
}
