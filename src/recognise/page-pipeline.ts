// One page in, one finished page out: measure (exposure, blank, orientation, skew) on a small copy,
// straighten once, recognise, check. A born-digital PDF page keeps its own text and geometry.
import sharp from 'sharp';
import { openInput, type DecodeLimits } from './decode';
import {
  analysisCopy,
  analysisCopyOf,
  pageImage,
  smallCopyOf,
  decodePixels,
  ocrCopyOf,
  straightenPixels,
  type PageAnalysis,
  type Pixels,
} from './imageops';
import { blankOf, contentRegion, exposure, inkPoints } from './imageops-measure';
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
  /** One-channel copy of the straightened page at SMALL_COPY_DPI, for detectors that run later (separator sheets). */
  small: { data: Uint8Array; width: number; height: number; dpi: number };
  /** What ProcessPageOptions.derive made of the final pixels (undefined without it). */
  derived?: unknown;
  /** Milliseconds per stage: analyse, straighten, ocr, total. */
  timings: Record<string, number>;
}

export interface ProcessPageOptions {
  /** Do not OCR pages found blank (default true). */
  skipBlankOcr?: boolean;
  /**
   * Upscale bilevel pages below 300 ppi by 1.5 for OCR only (boxes are mapped back). Default false: on 10 generated
   * 200-ppi G4 fax pages it raised the CER from 1.1 % to 3.1 % (README.md, "Measured"), and it costs time.
   */
  upscaleLowResBilevel?: boolean;
  signal?: AbortSignal;
  onStage?: (stage: string) => void;
  /** The caller's own work on the final pixels before they are dropped (e.g. the PDF's page image); kept as `derived`. */
  derive?: (pixels: Pixels, page: RasterPage) => Promise<unknown>;
}

/**
 * Scale for the copy Tesseract reads. Its LSTM sees every text line scaled to a fixed height of 36 px (the
 * x-height then ≈ 16 px), so pixels beyond that only feed the layout analysis, whose cost grows with the pixel
 * count: a 300-ppi letter in 11 pt (x-height ≈ 22–28 px) is read at ~170–220 ppi in ~30 % less time with the
 * same text. Never upscales, never below MIN_OCR_DPI, and only when the x-height was measured.
 */
export function ocrScale(xHeightPx: number | null, dpi: number, targetXHeight = OCR_TARGET_XHEIGHT): number {
  if (xHeightPx === null || !(xHeightPx > 0) || !(dpi > 0)) return 1;
  const s = Math.max(targetXHeight / xHeightPx, MIN_OCR_DPI / dpi);
  return s >= 0.9 ? 1 : s;
}
export const OCR_TARGET_XHEIGHT = 18;
export const MIN_OCR_DPI = 150;

/**
 * Gaussian (px) applied to the OCR copy of a bilevel page below 300 ppi (fax): Tesseract scales each text line up to
 * its fixed height, and smoothed edges read better than a 1-bit staircase. Measured on 20 generated 200-ppi G4
 * pages: CER 1.09 % → 0.98 % (native tesseract: 1.01 %); σ 0.5 changed nothing, 1.0 did about as well as 0.8.
 * The stored page stays bilevel; only the copy Tesseract reads is smoothed.
 */
export const FAX_OCR_BLUR = 0.8;

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
  /** Median x-height of the text lines in pixels of the page as given (null: not measured). */
  xHeightPx: number | null;
}

/**
 * Everything measured before OCR, on one ~150-ppi copy: exposure, blank, orientation, skew, and the QC
 * flags that do not need OCR. A born-digital page is drawn as its author meant it: no tilt to remove, and
 * its text boxes must keep matching the pixels, so its orientation is not measured.
 */
export async function analysePage(page: RasterPage, px?: Pixels): Promise<PageMeasurements> {
  const gray = px ? await analysisCopyOf(px, page.dpi) : await analysisCopy(page, page.dpi);
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
    xHeightPx: orient?.xHeight != null ? (orient.xHeight * page.dpi) / 25.4 / gray.pxPerMm : null,
  } satisfies Omit<PageMeasurements, 'qcFlags'>;
  return { ...m, qcFlags: qcFlags({ ...m, ocrConfidence: null }) };
}

export async function processPage(page: RasterPage, pool: OcrPool, opts: ProcessPageOptions = {}): Promise<ProcessedPage> {
  const skipBlankOcr = opts.skipBlankOcr ?? true;
  const upscale = opts.upscaleLowResBilevel ?? false;
  const timings: Record<string, number> = {};
  const t0 = performance.now();
  const lap = (name: string, since: number) => {
    timings[name] = Math.round(performance.now() - since);
  };

  opts.onStage?.('analyse');
  let t = performance.now();
  const born = !!page.textLayer;
  // Decoded once: the analysis copy, the straightening and the OCR copy all start from these pixels.
  const px = await decodePixels(page);
  const a = await analysePage(page, px);
  const { rotation, skewDegrees: skew, blank } = a;
  lap('analyse', t);

  opts.onStage?.('straighten');
  t = performance.now();
  const fine = Math.abs(skew) >= MIN_CORRECTED_SKEW ? skew : 0;
  const { page: turned, pixels } = await straightenPixels(page, px, rotation, fine);
  // A page kept as it came may still lack its PNG (decoded with pngLater); straightened pages have a new one.
  const straight = { ...turned, image: await pageImage(turned), pixels: undefined };
  lap('straighten', t);
  const small = await smallCopyOf(pixels, straight.dpi);
  // Started now, runs on libuv threads while the page is in OCR.
  const derived = opts.derive?.(pixels, straight);
  derived?.catch(() => undefined);

  let ocr: OcrResult | null = null;
  let textSource: ProcessedPage['textSource'] = 'none';
  t = performance.now();
  if (born) {
    ocr = textLayerResult(page.textLayer!, page.width, page.height);
    textSource = 'pdf-text';
  } else if (!(blank && skipBlankOcr)) {
    opts.onStage?.('ocr');
    let image: Buffer;
    let dpi = straight.dpi;
    let boxScale = 1;
    let boxOffset = { x: 0, y: 0 };
    if (upscale && straight.colour === 'bilevel' && straight.dpi < 300) {
      const w = Math.round(straight.width * UPSCALE);
      image = setPngDensity(
        await sharp(straight.image).resize({ width: w, kernel: 'cubic' }).toColourspace('b-w').png({ compressionLevel: 1 }).toBuffer(),
        straight.dpi * UPSCALE,
      );
      dpi = straight.dpi * UPSCALE;
      boxScale = straight.width / w;
    } else {
      const scale = ocrScale(a.xHeightPx, dpi);
      // Tesseract reads only the part of the page that holds something: margins cost it thresholding and layout
      // work (about half of a letter's pixels; 1.36–1.42 → 1.24–1.27 CPU s per page on the bench letters). The
      // small copy is of the same straightened pixels.
      const region =
        contentRegion(
          { data: small.data, width: small.width, height: small.height, pxPerMm: small.dpi / 25.4 },
          straight.width / small.width,
          straight,
        ) ?? undefined;
      const copy = await ocrCopyOf(pixels, scale, straight.colour === 'bilevel' && dpi < 300 ? FAX_OCR_BLUR : 0, region);
      image = copy.image;
      boxScale = (region?.width ?? straight.width) / copy.width;
      boxOffset = { x: region?.left ?? 0, y: region?.top ?? 0 };
      dpi = dpi / boxScale;
    }
    ocr = await pool.recognize(image, {
      dpi,
      boxScale,
      boxOffset,
      reportSize: { width: straight.width, height: straight.height },
      signal: opts.signal,
    });
    textSource = 'ocr';
  }
  lap('ocr', t);

  const flags = qcFlags({
    ...a,
    ocrConfidence: textSource === 'ocr' && ocr && ocr.words.length > 0 ? ocr.confidence : null,
  });
  lap('total', t0);
  return {
    index: page.index,
    image: straight.image,
    width: straight.width,
    height: straight.height,
    dpi: straight.dpi,
    colour: straight.colour,
    rotation,
    skewDegrees: skew,
    blank,
    ocr,
    textSource,
    qcFlags: flags,
    small,
    derived: await derived,
    timings,
  };
}

export interface ProcessFileOptions {
  onProgress?: (e: { page: number; pages: number; stage: string }) => void;
  limits?: Partial<DecodeLimits>;
  skipBlankOcr?: boolean;
  signal?: AbortSignal;
  derive?: ProcessPageOptions['derive'];
}

/**
 * All pages of a file, in order. Pages overlap (decode and analysis of one while another is in OCR) up to
 * the pool's size, so every worker stays busy while memory holds at most that many pages.
 */
export async function processFile(
  bytes: Uint8Array,
  fileName: string,
  pool: OcrPool,
  opts: ProcessFileOptions = {},
): Promise<ProcessedPage[]> {
  const opened = await openInput(bytes, fileName, { ...opts.limits, pngLater: true });
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
      const job = processPage(raster, pool, {
        skipBlankOcr: opts.skipBlankOcr,
        signal: opts.signal,
        derive: opts.derive,
        onStage: (s) => progress(n, s),
      })
        .then((r) => {
          results[raster.index] = r;
          progress(n, 'done');
        })
        .catch((e) => {
          failure ??= e;
        });
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
