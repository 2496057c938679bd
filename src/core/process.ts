// Stage 2 of ingest: received items become documents, one unit at a time (a file, or all pages of a scanner job).
import { availableParallelism } from 'node:os';
import { randomUUID } from 'node:crypto';
import { PostkamerError, type ErrorCode } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import { WRITER, writerAlive } from '../store/writer';
import { insertDocument } from '../store/documents';
import { claimUnitItems, finishUnitItems, itemRow, pendingItemsOfUnit, pendingUnits, rejectItem } from '../store/items';
import { insertPage } from '../store/pages';
import { insertRejection } from '../store/rejections';
import { recordAutoSplit } from './auto-split';
import type { IngestContext, ItemToProcess, ProcessedDocument, Processor, ProcessProgress, UnitTally } from './types';
import { insertUnitTally } from '../store/batch-dossier';

// The processor (recognition, or "as it is") does the heavy work and writes page images and PDFs to the
// vault as it goes; one transaction then records the documents and marks the unit's items done. A crash before
// that transaction leaves the items pending and the half-made blobs 'writing' — recovery removes the blobs and
// the next run processes the unit again.

export type { ItemToProcess, ProcessedDocument, ProcessedPageRecord, Processor, ProcessProgress } from './types';

/** Keeps each file as it came: one document per item, no pages (used where recognition is switched off). */
export const storeAsIs: Processor = async (unit) =>
  unit.map((item) => ({
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

/**
 * The name of part `k` of `n` made from one file (`brief.pdf` → `brief (1 van 3).pdf`): split parts get distinct
 * names that say which part they are, and the extension stays last (the name delivered is based on it).
 */
export function partName(fileName: string, k: number, n: number): string {
  if (n <= 1) return fileName;
  const m = /^(.*?)(\.[^.\s]{1,10})?$/.exec(fileName)!;
  return `${m[1]} (${k} van ${n})${m[2] ?? ''}`;
}

export type UnitOutcome =
  | { unit: string; itemIds: string[]; fileName: string; ok: true; documents: { id: string; pageCount: number }[] }
  | { unit: string; itemIds: string[]; fileName: string; ok: false; error: { code: ErrorCode; message: string } };

/** Claims a unit for this process unless a live process holds it or its scanner job is still running. */
function claim(ctx: IngestContext, unit: string): string[] | null {
  const { db } = ctx.store;
  return db
    .transaction(() => {
      const rows = pendingItemsOfUnit(db, unit);
      if (rows.length === 0) return null;
      if (rows.some((r) => r.claimed_by && r.claimed_by !== WRITER && writerAlive(r.claimed_by))) return null;
      if (rows.some((r) => r.job_state === 'scanning')) return null;
      claimUnitItems(db, unit, WRITER, new Date().toISOString());
      return rows.map((r) => r.id);
    })
    .immediate();
}

/**
 * Units in progress at once. More than there are OCR workers: while one unit decodes, measures or writes its
 * PDF, the pages of the others keep every OCR worker busy (with 2 at a time a worker waited ~20 % of a batch).
 */
const UNIT_CONCURRENCY = availableParallelism() + 2;

/** Processes pending units (of one batch, or all abandoned ones), a few at a time. */
export async function processPendingItems(
  ctx: IngestContext,
  opts: { batchId?: string; concurrency?: number } = {},
): Promise<UnitOutcome[]> {
  const { db } = ctx.store;
  const units = pendingUnits(db, opts.batchId);
  const feed = new UnitFeed(ctx, opts.concurrency ?? UNIT_CONCURRENCY);
  for (const unit of units) feed.push(unit);
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
  const items: ItemToProcess[] = itemIds.map((id) => {
    const r = itemRow(db, id);
    return {
      id: r.id,
      batchId: r.batch_id,
      seq: r.seq,
      fileName: r.file_name,
      mime: r.mime,
      size: r.size,
      sha256: r.sha256,
      blobId: r.blob_id,
      bytes: vault.read(r.blob_id),
    };
  });
  const first = items[0];
  const fileName = items.length === 1 ? first.fileName : `${items.length} pagina's`;
  const progress = (p: ProcessProgress) =>
    ctx.emit('ingest.progress', {
      batchId: first.batchId,
      file: fileName,
      index: first.seq,
      total: 0,
      stage: p.stage,
      page: p.page,
      pages: p.pages,
    });
  let docs: ProcessedDocument[];
  let tally: UnitTally | null = null;
  try {
    docs = await ctx.processor(items, ctx, progress, (t) => (tally = t));
  } catch (e) {
    const code: ErrorCode = e instanceof PostkamerError ? e.code : 'internal';
    const message = e instanceof PostkamerError ? e.message : `${(e as Error).message}`;
    db.transaction(() => {
      const now = new Date().toISOString();
      // The dossier counts what came in, also when nothing of it could be kept.
      insertUnitTally(
        db,
        first.batchId,
        unit,
        first.seq,
        (tally as UnitTally | null) ?? { pagesIn: items.length, pagesOut: 0, blankRemoved: 0, blankFlagged: 0, separatorSheets: 0 },
      );
      for (const item of items) {
        rejectItem(db, item.id, now);
        // The bytes stay in the vault as the quarantined copy.
        insertRejection(db, {
          id: randomUUID(),
          batchId: item.batchId,
          fileName: item.fileName,
          code,
          message: `${item.fileName}: ${message}`,
          blobId: item.blobId,
          at: now,
        });
        appendAudit(db, {
          actor: ctx.actor,
          origin: ctx.origin,
          action: 'item.reject',
          objectType: 'item',
          objectId: item.id,
          result: 'rejected',
          details: { code },
        });
      }
    }).immediate();
    ctx.emit('ingest.progress', { batchId: first.batchId, file: fileName, index: first.seq, total: 0, stage: 'failed' });
    return { unit, itemIds, fileName, ok: false, error: { code, message } };
  }
  const now = new Date().toISOString();
  const created: { id: string; pageCount: number }[] = [];
  const byId = new Map(items.map((i) => [i.id, i]));
  // One file that became several documents: each part's file name (and a title that is the file's name) says which.
  const parts = new Map<string, number>();
  for (const d of docs) parts.set(d.itemId, (parts.get(d.itemId) ?? 0) + 1);
  const partOf = new Map<string, number>();
  db.transaction(() => {
    for (const [k, d] of docs.entries()) {
      const item = byId.get(d.itemId) ?? first;
      const n = parts.get(d.itemId) ?? 1;
      const part = (partOf.get(d.itemId) ?? 0) + 1;
      partOf.set(d.itemId, part);
      const baseName = item.fileName.replace(/\.[^.]+$/, '');
      // Order in the batch follows the stack: the item (file or scanned page) the document starts on, then its place.
      const seq = item.seq * 1000 + k;
      if (d.pdfBlob) vault.commit(d.pdfBlob);
      insertDocument(db, {
        id: d.id,
        batchId: item.batchId,
        itemId: item.id,
        seq,
        title: n > 1 && d.title === baseName ? `${baseName} (${part} van ${n})` : d.title,
        fileName: partName(item.fileName, part, n),
        mime: d.pdfBlob ? d.pdfBlob.mime : item.mime,
        size: d.pdfBlob ? d.pdfBlob.size : item.size,
        sha256: d.pdfBlob ? d.pdfBlob.sha256 : item.sha256,
        sourceBlobId: item.blobId,
        pdfBlobId: d.pdfBlob?.id ?? null,
        status: d.pdfBlob ? 'ready' : 'stored',
        pageCount: d.pages.length,
        qcFlags: d.qcFlags,
        containsBsn: d.containsBsn,
        extracted: { ...d.extracted, ...(d.metadata ? { metadata: d.metadata } : {}) },
        zaaknummer: d.zaaknummer,
        createdAt: now,
        updatedAt: now,
        text: d.text,
      });
      d.pages.forEach((p, i) => {
        if (p.imageBlob) vault.commit(p.imageBlob);
        insertPage(db, {
          id: randomUUID(),
          documentId: d.id,
          seq: i,
          imageBlobId: p.imageBlob?.id ?? null,
          width: p.width,
          height: p.height,
          dpi: p.dpi,
          colour: p.colour,
          rotation: p.rotation,
          skew: p.skew,
          blank: p.blank,
          ocrConfidence: p.ocrConfidence,
          qcFlags: p.qcFlags,
          ocr: p.ocr === null || p.ocr === undefined ? null : JSON.stringify(p.ocr),
          sourceIndex: p.sourceIndex ?? null,
        });
      });
      appendAudit(db, {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'document.create',
        objectType: 'document',
        objectId: d.id,
        result: 'ok',
        details: { itemId: item.id, pages: d.pages.length },
      });
      created.push({ id: d.id, pageCount: d.pages.length });
    }
    recordAutoSplit(db, ctx, docs, now);
    const kept = docs.reduce((n, d) => n + d.pages.length, 0);
    insertUnitTally(
      db,
      first.batchId,
      unit,
      first.seq,
      (tally as UnitTally | null) ?? { pagesIn: kept, pagesOut: kept, blankRemoved: 0, blankFlagged: 0, separatorSheets: 0 },
    );
    finishUnitItems(db, unit, WRITER, now);
  }).immediate();
  for (const d of created) ctx.emit('document.changed', { documentId: d.id, batchId: first.batchId });
  ctx.emit('ingest.progress', { batchId: first.batchId, file: fileName, index: first.seq, total: 0, stage: 'done' });
  return { unit, itemIds, fileName, ok: true, documents: created };
}
