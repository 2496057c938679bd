// PDF pages → rasters with pdf.js (legacy build for Node, @napi-rs/canvas). No network, no worker fetch:
// fonts, cmaps and ICC profiles come from the pdfjs-dist package folder; the "worker" is pdf.js's in-process
// fake worker. A born-digital page keeps its text layer (words with boxes in image pixels) so OCR can be
// skipped; a page that is one scanned image is rendered at that image's own resolution.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDict, PDFName, PDFNumber, PDFBool, PDFArray, PDFRawStream, PDFStream, type PDFDocument, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { PAGE_PNG_COMPRESSION, setPngDensity } from './png-density';
import { TEXT_LAYER_LIMITS, textLayerOf, usableTextLayer, type RunStyle, type TextRun } from './pdf-text-layer';
import type { Colour, PdfTextPage, RasterPage } from './types';
import { isNeutral } from './neutral';
import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PDFPageProxy } from 'pdfjs-dist/types/src/display/api';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
const folder = (name: string) => path.join(pdfjsRoot, name) + path.sep;

type PdfJs = typeof PdfJsModule;
let pdfjsPromise: Promise<PdfJs> | null = null;
function loadPdfJs(): Promise<PdfJs> {
  pdfjsPromise ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((m) => {
    // Explicit, so the fake worker is loaded from node_modules and never looked up elsewhere.
    m.GlobalWorkerOptions.workerSrc = pathToFileURL(path.join(pdfjsRoot, 'legacy/build/pdf.worker.mjs')).href;
    return m;
  });
  return pdfjsPromise;
}

export const DEFAULT_PDF_DPI = 300;
const MIN_DPI = 100;
const MAX_NATIVE_DPI = 600;

interface ScanInfo {
  dpi: number;
  colour: Colour;
}

function imageColour(dict: PDFDict): Colour {
  const mask = dict.lookup(PDFName.of('ImageMask'));
  if (mask instanceof PDFBool && mask.asBoolean()) return 'bilevel';
  const bpc = dict.lookup(PDFName.of('BitsPerComponent'));
  if (bpc instanceof PDFNumber && bpc.asNumber() === 1) return 'bilevel';
  const filter = dict.lookup(PDFName.of('Filter'));
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : [];
  if (filters.some((f) => f instanceof PDFName && ['/CCITTFaxDecode', '/JBIG2Decode'].includes(f.asString()))) return 'bilevel';
  const cs = dict.lookup(PDFName.of('ColorSpace'));
  if (cs instanceof PDFName) return ['/DeviceGray', '/CalGray', '/G'].includes(cs.asString()) ? 'gray' : 'colour';
  if (cs instanceof PDFArray) {
    const kind = cs.lookup(0);
    if (kind instanceof PDFName && kind.asString() === '/CalGray') return 'gray';
    if (kind instanceof PDFName && kind.asString() === '/ICCBased') {
      const profile = cs.lookup(1);
      const n = profile instanceof PDFStream || profile instanceof PDFRawStream ? profile.dict.lookup(PDFName.of('N')) : undefined;
      if (n instanceof PDFNumber && n.asNumber() === 1) return 'gray';
    }
  }
  return 'colour';
}

/** A page whose only XObject is one image with the page's aspect ratio is a scan: render it at its own ppi. */
function scanInfo(page: PDFPage): ScanInfo | null {
  const resources = page.node.Resources();
  const xobjects = resources?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return null;
  const images: PDFDict[] = [];
  for (const [, ref] of xobjects.entries()) {
    const obj = xobjects.context.lookup(ref);
    const dict = obj instanceof PDFStream || obj instanceof PDFRawStream ? obj.dict : null;
    if (!dict) return null;
    const subtype = dict.lookup(PDFName.of('Subtype'));
    if (!(subtype instanceof PDFName) || subtype.asString() !== '/Image') return null; // forms: not a plain scan
    images.push(dict);
  }
  if (images.length !== 1) return null;
  const w = images[0]!.lookup(PDFName.of('Width'));
  const h = images[0]!.lookup(PDFName.of('Height'));
  if (!(w instanceof PDFNumber) || !(h instanceof PDFNumber)) return null;
  const { width: pw, height: ph } = page.getSize();
  const rotated = page.getRotation().angle % 180 !== 0;
  const [pageW, pageH] = rotated ? [ph, pw] : [pw, ph];
  // The image may be stored rotated relative to the page; compare orientation-free.
  const imgLong = Math.max(w.asNumber(), h.asNumber());
  const imgShort = Math.min(w.asNumber(), h.asNumber());
  const pgLong = Math.max(pageW, pageH);
  const pgShort = Math.min(pageW, pageH);
  if (Math.abs(imgLong / imgShort - pgLong / pgShort) > 0.05 * (pgLong / pgShort)) return null;
  const dpi = Math.round(imgLong / (pgLong / 72));
  return { dpi: Math.min(MAX_NATIVE_DPI, Math.max(MIN_DPI, dpi)), colour: imageColour(images[0]!) };
}

export class PdfPixelLimitError extends Error {}
export class PdfPasswordError extends Error {}

interface TextChunk {
  items: Array<TextRun | { type: string }>;
  styles: Record<string, RunStyle>;
}

/**
 * The page's text runs through pdf.js's stream, read only up to `maxItems` (a hostile page may hold millions); the
 * rest of the stream is cancelled.
 */
async function readTextRuns(page: PDFPageProxy, maxItems: number): Promise<{ runs: TextRun[]; styles: Record<string, RunStyle> }> {
  const runs: TextRun[] = [];
  const styles: Record<string, RunStyle> = Object.create(null) as Record<string, RunStyle>;
  const reader = (page.streamTextContent() as unknown as ReadableStream<TextChunk>).getReader();
  try {
    while (runs.length < maxItems) {
      const { done, value } = await reader.read();
      if (done) break;
      Object.assign(styles, value.styles);
      for (const item of value.items) if ('str' in item && runs.length < maxItems) runs.push(item);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return { runs, styles };
}

/** Open an already-inspected PDF with pdf.js. Throws PdfPasswordError for a password-protected file. */
export async function openPdfJs(bytes: Uint8Array, maxPixels: number) {
  const pdfjs = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it gets: give it a copy.
    data: new Uint8Array(bytes),
    standardFontDataUrl: folder('standard_fonts'),
    cMapUrl: folder('cmaps'),
    cMapPacked: true,
    iccUrl: folder('iccs'),
    wasmUrl: folder('wasm'),
    useWorkerFetch: false,
    isEvalSupported: false,
    enableXfa: false,
    useSystemFonts: false,
    disableFontFace: true,
    // Image XObjects are decompressed by pdf.js itself: bound them like any other raster.
    maxImageSize: maxPixels,
    stopAtErrors: false,
    verbosity: 0,
  });
  try {
    return { pdfjs, pdf: await task.promise };
  } catch (e) {
    if ((e as { name?: string }).name === 'PasswordException') throw new PdfPasswordError('password');
    throw e;
  }
}

/** Raster the pages of an already-inspected PDF one at a time. `maxPixels` bounds each page. */
export async function* rasterisePdf(bytes: Uint8Array, doc: PDFDocument, maxPixels: number): AsyncGenerator<RasterPage> {
  const { pdf } = await openPdfJs(bytes, maxPixels);
  try {
    const libPages = doc.getPages();
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const scan = libPages[n - 1] ? scanInfo(libPages[n - 1]!) : null;
      let dpi = scan?.dpi ?? DEFAULT_PDF_DPI;
      const base = page.getViewport({ scale: 1 });
      const pixelsAt = (d: number) => Math.round((base.width * d) / 72) * Math.round((base.height * d) / 72);
      if (pixelsAt(dpi) > maxPixels) {
        // An oversized page (a plan, a poster) is rendered at a lower resolution rather than refused…
        dpi = Math.floor(72 * Math.sqrt(maxPixels / (base.width * base.height)));
        // …unless even that would be unreadable.
        if (dpi < MIN_DPI) throw new PdfPixelLimitError(`page ${n}`);
      }
      const viewport = page.getViewport({ scale: dpi / 72 });
      const width = Math.round(viewport.width);
      const height = Math.round(viewport.height);
      const factory = (pdf as unknown as { canvasFactory: CanvasFactoryLike }).canvasFactory;
      const entry = factory.create(width, height);
      const context = entry.context;
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({ canvasContext: context as never, viewport, canvas: null as never }).promise;
      const rgba = context.getImageData(0, 0, width, height).data;
      factory.destroy(entry);
      let textLayer: PdfTextPage | undefined;
      if (!scan) {
        // Words with their boxes in this raster's pixels (the viewport carries scale, /Rotate and the CropBox);
        // a layer of junk (fonts without a Unicode map) is left out, and OCR reads the page instead.
        const { runs, styles } = await readTextRuns(page, TEXT_LAYER_LIMITS.maxItems);
        const layer = textLayerOf(runs, styles, viewport.transform);
        if (usableTextLayer(layer)) textLayer = layer;
      }
      const colour: Colour = scan?.colour ?? (isNeutral(rgba, 4) ? 'gray' : 'colour');
      const image = await encodeRaster(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength), width, height, 4, colour, dpi);
      page.cleanup();
      yield { index: n - 1, image, width, height, dpi, colour, ...(textLayer ? { textLayer } : {}) };
    }
  } finally {
    await pdf.destroy();
  }
}

interface Context2DLike {
  fillStyle: string;
  fillRect(x: number, y: number, w: number, h: number): void;
  getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
}
interface CanvasFactoryLike {
  create(w: number, h: number): { canvas: unknown; context: Context2DLike };
  destroy(entry: { canvas: unknown; context: Context2DLike }): void;
}

/** Raw pixels → the lossless PNG of a RasterPage in its colour mode, with the resolution recorded. */
export async function encodeRaster(
  raw: Buffer,
  width: number,
  height: number,
  channels: 1 | 2 | 3 | 4,
  colour: Colour,
  dpi: number,
): Promise<Buffer> {
  let img = sharp(raw, { raw: { width, height, channels } });
  if (channels === 4 || channels === 2) img = img.flatten({ background: '#ffffff' });
  if (colour === 'bilevel') img = img.toColourspace('b-w').threshold(128);
  else if (colour === 'gray') img = img.toColourspace('b-w');
  else img = img.toColourspace('srgb');
  return setPngDensity(await img.png({ compressionLevel: PAGE_PNG_COMPRESSION }).toBuffer(), dpi);
}
