// One page in, one finished page out: measure (exposure, blank, orientation, skew) on a small copy,
// straighten once, recognise, check. A born-digital PDF page keeps its own text and geometry.
import sharp from 'sharp';
import { openInput, type DecodeLimits } from './decode';
import { analysisCopy, blankOf, exposure, inkPoints, straighten, type PageAnalysis } from './imageops';
import { meanWordConfidence } from './ocr-blocks';
import type { OcrPool } from './ocr-pool';
import { orientationFromInk } from './orientation';
import { setPngDensity } from './png-density';
import { qcFlags } from './qc';
import type { Colour, OcrResult, PdfTextPage, QcFlag, RasterPage, Rotation } from './types';

export interface ProcessedPage {
  index: number;
  /** PNG of the straightened page. */
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  colour: Colour;
  rotation: Rotation;
  skewDegrees: number;
  blank: boolean;
  /** null for blank pages when OCR of blanks is skipped. */
  ocr: OcrResult | null;
  textSource: 'ocr' | 'pdf-text' | 'none';
  qcFlags: QcFlag[];
  /** Milliseconds per stage: analyse, straighten, ocr, total. */
  timings: Record<string, number>;
}

export interface ProcessPageOptions {
  /** Do not OCR pages found blank (default true). */
  skipBlankOcr?: boolean;
  /**
   * Upscale bilevel pages below 300 ppi by 1.5 for OCR only (boxes are mapped back). Default false: on the
   * generated 200-ppi G4 fax pages it did not lower the CER at all (README.md, "Measured"), and it costs time.
   */
  upscaleLowResBilevel?: boolean;
  signal?: AbortSignal;
  onStage?: (stage: string) => void;
}

/** Below this |skew| (degrees) the page is not resampled: a 0.1° tilt is 6 px over an A4 width at 300 ppi. */
export const MIN_CORRECTED_SKEW = 0.1;
const UPSCALE = 1.5;

function textLayerResult(layer: PdfTextPage, width: number, height: number): OcrResult {
  return { text: layer.text, confidence: meanWordConfidence(layer.words), lines: layer.lines, words: layer.words, width, height, ms: 0 };
}

export interface PageMeasurements extends PageAnalysis {
  /** Orientation confidence 0–1, null when not measured (blank or born-digital page). */
  orientationConfidence: number | null;
  /** Luminance of the darkest 0.2 % (the ink). */
  inkLuminance: number;
}

/**
 * Everything measured before OCR, on one ~150-ppi copy: exposure, blank, orientation, skew, and the QC
 * flags that do not need OCR. A born-digital page is drawn as its author meant it: no tilt to remove, and
 * its text boxes must keep matching the pixels, so its orientation is not measured.
 */
export async function analysePage(page: RasterPage): Promise<PageMeasurements> {
  const gray = await analysisCopy(page, page.dpi);
  const exp = exposure(gray);
  const ink = inkPoints(gray);
  const blank = (await blankOf(gray, ink)).blank;
  const orient = blank || page.textLayer ? null : orientationFromInk(ink);
  const m = {
    rotation: orient?.rotation ?? 0,
    skewDegrees: orient?.skewDegrees ?? 0,
    blank,
    dpi: page.dpi,
    meanLuminance: exp.meanLuminance,
    inkLuminance: exp.inkLuminance,
    orientationConfidence: orient ? orient.confidence : null,
  } satisfies Omit<PageMeasurements, 'qcFlags'>;
  return { ...m, qcFlags: qcFlags({ ...m, ocrConfidence: null }) };
}

export async function processPage(page: RasterPage, pool: OcrPool, opts: ProcessPageOptions = {}): Promise<ProcessedPage> {
  const skipBlankOcr = opts.skipBlankOcr ?? true;
  const upscale = opts.upscaleLowResBilevel ?? false;
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const lap = (name: string, since: number) => { timings[name] = Math.round(performance.now() - since); };

  opts.onStage?.('analyse');
  let t = performance.now();
  const a = await analysePage(page);
  const { rotation, skewDegrees: skew, blank } = a;
  const born = !!page.textLayer;
  lap('analyse', t);

  opts.onStage?.('straighten');
  t = performance.now();
  const fine = Math.abs(skew) >= MIN_CORRECTED_SKEW ? skew : 0;
  const straight = rotation !== 0 || fine !== 0 ? await straighten(page, rotation, fine) : page;
  lap('straighten', t);

  let ocr: OcrResult | null = null;
  let textSource: ProcessedPage['textSource'] = 'none';
  t = performance.now();
  if (born) {
    ocr = textLayerResult(page.textLayer!, page.width, page.height);
    textSource = 'pdf-text';
  } else if (!(blank && skipBlankOcr)) {
    opts.onStage?.('ocr');
    let png = straight.image;
    let dpi = straight.dpi;
    let boxScale = 1;
    if (upscale && straight.colour === 'bilevel' && straight.dpi < 300) {
      const w = Math.round(straight.width * UPSCALE);
      png = setPngDensity(await sharp(straight.image).resize({ width: w, kernel: 'cubic' }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer(), straight.dpi * UPSCALE);
      dpi = straight.dpi * UPSCALE;
      boxScale = straight.width / w;
    }
    ocr = await pool.recognize(png, { dpi, boxScale, reportSize: { width: straight.width, height: straight.height }, signal: opts.signal });
    textSource = 'ocr';
  }
  lap('ocr', t);

  const flags = qcFlags({
    ...a,
    ocrConfidence: textSource === 'ocr' && ocr && ocr.words.length > 0 ? ocr.confidence : null,
  });
  lap('total', t0);
  return {
    index: page.index, image: straight.image, width: straight.width, height: straight.height, dpi: straight.dpi,
    colour: straight.colour, rotation, skewDegrees: skew, blank, ocr, textSource, qcFlags: flags, timings,
  };
}

export interface ProcessFileOptions {
  onProgress?: (e: { page: number; pages: number; stage: string }) => void;
  limits?: Partial<DecodeLimits>;
  skipBlankOcr?: boolean;
  signal?: AbortSignal;
}

/**
 * All pages of a file, in order. Pages overlap (decode and analysis of one while another is in OCR) up to
 * the pool's size, so every worker stays busy while memory holds at most that many pages.
 */
export async function processFile(bytes: Uint8Array, fileName: string, pool: OcrPool, opts: ProcessFileOptions = {}): Promise<ProcessedPage[]> {
  const opened = await openInput(bytes, fileName, opts.limits);
  const pages = opened.pageCount;
  const results: ProcessedPage[] = new Array(pages);
  const inFlight = new Set<Promise<void>>();
  const limit = Math.max(1, pool.size);
  let failure: unknown = null;
  const progress = (page: number, stage: string) => opts.onProgress?.({ page, pages, stage });
  try {
    for await (const raster of opened.pages) {
      if (failure) break;
      opts.signal?.throwIfAborted();
      const n = raster.index + 1;
      progress(n, 'decoded');
      const job = processPage(raster, pool, { skipBlankOcr: opts.skipBlankOcr, signal: opts.signal, onStage: (s) => progress(n, s) })
        .then((r) => { results[raster.index] = r; progress(n, 'done'); })
        .catch((e) => { failure ??= e; });
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
  } catch (e) {
    failure ??= e;
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return results;
}
