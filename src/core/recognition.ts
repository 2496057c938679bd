// The full pipeline for one received item: decode → straighten → OCR → QC → split into documents (separator sheets,
// Patch-T, blank pages, per profile) → extract metadata → PDF/A → vault.
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { analysePage } from '../capture/analyse';
import { splitBatch, splitTally } from '../capture/split';
import type { QcFlag } from '../contract/schemas';
import { PostkamerError } from '../contract/errors';
import { DEFAULT_JPEG_QUALITY } from '../pdf/pdfa';
import { encodePageImageFromPixels, type EncodedImage } from '../pdf/page-image';
import { OcrPool } from '../recognise/ocr-pool';
import { processFile, type ProcessedPage } from '../recognise/page-pipeline';
import type { ItemToProcess, Processor } from './process';
import { batchFacts } from '../store/batches';
import { buildContextFor, buildDocument, type BuildSettings } from './build-document';
import type { ReplacementPage } from './pages/change';
import { autoSplitPlans, stackPagesOf, type MaybeAutoSplit } from './auto-split';

// Page images and PDFs go to the vault as they are made; process.ts records them in one transaction.

export interface RecognitionOptions {
  ocrWorkers?: number;
  zaaknummerPattern?: string;
}

export class Recognition {
  private pool: OcrPool | null = null;
  constructor(private readonly opts: RecognitionOptions = {}) {}

  get poolSize(): number {
    return this.opts.ocrWorkers ?? Math.max(1, availableParallelism());
  }

  private async ocr(dataDir: string): Promise<OcrPool> {
    if (!this.pool) {
      // The pool keeps a copy of the language models (not page content) under the data folder.
      this.pool = new OcrPool({ size: this.poolSize, dataDir });
      await this.pool.start();
    }
    return this.pool;
  }

  warmUp(dataDir: string): void {
    // A failure to start is reported where the pool is first used (processor); here it is only swallowed.
    this.ocr(dataDir).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.pool?.close();
    this.pool = null;
  }

  /**
   * One page scanned again (quality control): the first page of the file, straightened and recognised as at ingest.
   * A file without a page, or a blank one, is refused with the reason.
   */
  async recognisePage(bytes: Uint8Array, fileName: string, dataDir: string): Promise<ReplacementPage> {
    const pool = await this.ocr(dataDir);
    const [p] = await processFile(bytes, fileName, pool, {});
    if (!p) throw new PostkamerError('input-blank', `(${fileName})`);
    if (p.blank) throw new PostkamerError('input-blank', `(${fileName}: de nieuwe scan is leeg)`);
    return {
      image: p.image,
      width: p.width,
      height: p.height,
      dpi: p.dpi,
      colour: p.colour,
      rotation: p.rotation,
      ocr: p.ocr ? { textSource: p.textSource, text: p.ocr.text, words: p.ocr.words } : null,
      qcFlags: p.qcFlags,
    };
  }

  /** What documents are built with besides the batch's profile (shared with page edits, see build-document.ts). */
  get buildSettings(): BuildSettings {
    return { zaaknummerPattern: this.opts.zaaknummerPattern };
  }

  readonly processor: Processor = async (unit, ctx, progress, tally) => {
    const first = unit[0];
    const { db, vault } = ctx.store;
    const build = buildContextFor(db, first.batchId, this.buildSettings);
    const { profile } = build;
    const pool = await this.ocr(ctx.store.dataDir);
    // All pages of the unit in order, each remembering the item it came from.
    const pages: ProcessedPage[] = [];
    const origin: ItemToProcess[] = [];
    for (const item of unit) {
      const done = pages.length;
      const got = await processFile(item.bytes, item.fileName, pool, {
        skipBlankOcr: true,
        // The PDF's page image is encoded from the pixels at hand while the page is in OCR.
        derive: (px, page) => encodePageImageFromPixels(px, page.colour, profile.imageMode, DEFAULT_JPEG_QUALITY),
        onProgress: (e) => progress({ page: done + e.page, pages: done + e.pages, stage: e.stage === 'done' ? 'storing' : 'recognising' }),
      });
      for (const p of got) {
        pages.push({ ...p, index: pages.length });
        origin.push(item);
      }
    }
    const label = unit.length === 1 ? first.fileName : batchFacts(db, first.batchId).label;
    const captured = [];
    for (const p of pages)
      captured.push(await analysePage(p.index, { png: p.image, width: p.width, height: p.height, dpi: p.dpi, gray: p.small }, p.blank));
    // A stack without separator sheets is divided where the letters start (auto-split.ts).
    const { plans, parts } = autoSplitPlans(splitBatch(captured, profile), captured, stackPagesOf(pages, captured), profile);
    tally?.(splitTally(captured, plans, profile));
    if (plans.length === 0) throw new PostkamerError('input-blank', `(${label})`);
    const docs: MaybeAutoSplit[] = [];
    for (const [k, plan] of plans.entries()) {
      const docPages = plan.pages.map((i) => pages[i]);
      const id = randomUUID();
      const metadata = Object.fromEntries(Object.entries(plan.metadata).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const built = await buildDocument(vault, build, {
        id,
        pages: docPages.map((p) => ({
          image: p.image,
          width: p.width,
          height: p.height,
          dpi: p.dpi,
          colour: p.colour,
          text: p.ocr?.text ?? '',
          lines: p.ocr?.lines ?? [],
          words: p.ocr?.words ?? [],
          encoded: p.derived as EncodedImage | null | undefined,
        })),
        metadata,
        fallbackTitle: label.replace(/\.[^.]+$/, ''),
      });
      const pageRecords = [];
      for (const [i, p] of docPages.entries()) {
        const imageBlob = await vault.write(p.image, 'image/png');
        const flags: QcFlag[] = [...p.qcFlags];
        if (plan.flaggedBlank.includes(plan.pages[i]) && !flags.includes('blank')) flags.push('blank');
        pageRecords.push({
          imageBlob,
          width: p.width,
          height: p.height,
          dpi: p.dpi,
          colour: p.colour,
          rotation: p.rotation,
          skew: p.skewDegrees,
          blank: p.blank,
          ocrConfidence: p.ocr?.confidence ?? null,
          qcFlags: flags,
          ocr: p.ocr ? { textSource: p.textSource, text: p.ocr.text, words: p.ocr.words } : null,
          sourceIndex: plan.pages[i],
        });
      }
      const qcFlags = [...new Set(pageRecords.flatMap((p) => p.qcFlags))];
      docs.push({
        id,
        title: built.title,
        itemId: origin[plan.pages[0]].id,
        pages: pageRecords,
        pdfBlob: built.pdf,
        text: built.text,
        qcFlags,
        containsBsn: built.containsBsn,
        extracted: built.extracted,
        zaaknummer: built.zaaknummer,
        ...(parts ? { autoSplit: parts[k] } : {}),
      });
    }
    return docs;
  };
}
