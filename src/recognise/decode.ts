// Input file → page rasters. Never writes to disk. The format is sniffed from the bytes; every decoder is
// bounded (pixels per page read from the header before decoding, page count) and truncation is an error,
// not a half-grey page.
import sharp from 'sharp';
import { RecogniseError } from './errors';
import { inspectPdf } from './pdf-safety';
import { encodeRaster, PdfPasswordError, PdfPixelLimitError, rasterisePdf } from './pdf-raster';
import { neutralRows } from './neutral';
import { encodePagePng, rawPipeline } from './imageops';
import { sniffFormat, type InputFormat } from './sniff';
import type { Colour, Pixels, RasterPage } from './types';

export type { RasterPage, PdfTextPage, Colour } from './types';

export interface DecodeLimits {
  /** Pixels per page; checked against the header before any pixel is decoded. */
  maxPixels: number;
  maxPages: number;
  /**
   * Not a limit: image pages come with their pixels and an empty `image`; the caller makes the PNG when it keeps
   * the page as it is (imageops.pageImage). processFile uses it, since a straightened page gets a new PNG anyway.
   */
  pngLater?: boolean;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxPixels: 100e6, maxPages: 2000 };

/** Assumed page height when an image says nothing useful about its resolution (A4 long side, inches). */
const A4_LONG_INCHES = 297 / 25.4;

export interface OpenedInput {
  format: InputFormat;
  pageCount: number;
  /** Decodes one page at a time, so a long document never holds more than one raw page in memory. */
  pages: AsyncGenerator<RasterPage>;
}

/** Validate the file and count its pages; decoding happens as `pages` is iterated. */
export async function openInput(bytes: Uint8Array, fileName: string, limits?: Partial<DecodeLimits>): Promise<OpenedInput> {
  const lim: DecodeLimits = { ...DEFAULT_LIMITS, ...limits };
  if (!bytes || bytes.length === 0) throw new RecogniseError('input-empty', fileName);
  const format = sniffFormat(bytes);
  if (!format) throw new RecogniseError('input-unsupported', fileName);
  if (format === 'pdf') return openPdf(bytes, fileName, lim);
  return openImage(bytes, format, fileName, lim);
}

export async function decodeInput(bytes: Uint8Array, fileName: string, limits?: Partial<DecodeLimits>): Promise<RasterPage[]> {
  const opened = await openInput(bytes, fileName, limits);
  const out: RasterPage[] = [];
  for await (const page of opened.pages) out.push(page);
  return out;
}

async function openPdf(bytes: Uint8Array, fileName: string, lim: DecodeLimits): Promise<OpenedInput> {
  const verdict = await inspectPdf(bytes);
  if (!verdict.ok) {
    if (verdict.reason === 'encrypted') throw new RecogniseError('input-encrypted', fileName);
    if (verdict.reason === 'javascript') throw new RecogniseError('input-javascript', fileName, undefined, { found: verdict.detail });
    throw new RecogniseError('input-truncated', fileName);
  }
  const doc = verdict.doc;
  const pageCount = doc.getPageCount();
  if (pageCount === 0) throw new RecogniseError('input-truncated', fileName, "Geen pagina's.");
  if (pageCount > lim.maxPages)
    throw new RecogniseError('input-too-many-pages', fileName, undefined, { pages: pageCount, max: lim.maxPages });
  async function* pages(): AsyncGenerator<RasterPage> {
    try {
      yield* rasterisePdf(bytes, doc, lim.maxPixels);
    } catch (e) {
      if (e instanceof RecogniseError) throw e;
      if (e instanceof PdfPasswordError) throw new RecogniseError('input-encrypted', fileName);
      if (e instanceof PdfPixelLimitError) throw new RecogniseError('input-too-large', fileName);
      throw new RecogniseError('input-truncated', fileName);
    }
  }
  return { format: 'pdf', pageCount, pages: pages() };
}

const sharpInput = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

async function openImage(bytes: Uint8Array, format: InputFormat, fileName: string, lim: DecodeLimits): Promise<OpenedInput> {
  const buf = sharpInput(bytes);
  let pageCount = 1;
  try {
    // metadata() reads the header only; no pixels are decoded here.
    const meta = await sharp(buf, { limitInputPixels: false }).metadata();
    if (format === 'tiff') pageCount = meta.pages ?? 1;
  } catch {
    throw new RecogniseError('input-truncated', fileName);
  }
  if (pageCount > lim.maxPages)
    throw new RecogniseError('input-too-many-pages', fileName, undefined, { pages: pageCount, max: lim.maxPages });
  async function* pages(): AsyncGenerator<RasterPage> {
    for (let i = 0; i < pageCount; i++) yield decodeImagePage(buf, format, i, fileName, lim);
  }
  return { format, pageCount, pages: pages() };
}

/** Resolution from the header, or an estimate when the header has none (or the meaningless 72 ppi default). */
export function effectiveDpi(density: number | undefined, width: number, height: number): number {
  if (density && density > 72 && density <= 2400) return Math.round(density);
  return Math.max(50, Math.round(Math.max(width, height) / A4_LONG_INCHES));
}

function colourOf(meta: sharp.Metadata): Colour {
  if (meta.bitsPerSample === 1 && !meta.isPalette) return 'bilevel';
  if (meta.isPalette && meta.bitsPerSample === 1) return 'bilevel';
  if (meta.channels === 1 || meta.channels === 2) return 'gray';
  return 'colour';
}

async function decodeImagePage(buf: Buffer, format: InputFormat, page: number, fileName: string, lim: DecodeLimits): Promise<RasterPage> {
  const pageOpt = format === 'tiff' ? { page } : {};
  let meta: sharp.Metadata;
  try {
    meta = await sharp(buf, { ...pageOpt, limitInputPixels: false }).metadata();
  } catch {
    throw new RecogniseError('input-truncated', fileName, undefined, { page: page + 1 });
  }
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  if (w <= 0 || h <= 0) throw new RecogniseError('input-truncated', fileName, undefined, { page: page + 1 });
  if (w * h > lim.maxPixels) {
    throw new RecogniseError('input-too-large', fileName, undefined, { page: page + 1, width: w, height: h });
  }
  let colour = colourOf(meta);
  try {
    // failOn 'truncated' makes libvips stop at a short file instead of filling the rest with grey;
    // limitInputPixels is a second guard in case a header lies about the size.
    let img = sharp(buf, { ...pageOpt, failOn: 'truncated', limitInputPixels: lim.maxPixels }).rotate(); // EXIF orientation
    if (colour === 'bilevel') img = img.toColourspace('b-w').threshold(128);
    else if (colour === 'gray') img = img.flatten({ background: '#ffffff' }).toColourspace('b-w');
    else img = img.flatten({ background: '#ffffff' }).toColourspace('srgb').removeAlpha();
    if (colour !== 'colour') img = img.extractChannel(0);
    // Decoded once: the pixels travel with the page (processPage measures, straightens and reads them) and
    // the stored PNG is encoded from them.
    let raw = await img.raw().toBuffer({ resolveWithObject: true });
    // A colour image whose every pixel is neutral (black text on white, saved as RGB) is a gray page: a third
    // of the pixels to straighten, read and store; the same rule as for rendered PDF pages. Its channels differ by
    // at most the tolerance, so one of them is the gray value: green, the one luminance weighs most (taken by
    // libvips, off the event loop).
    if (colour === 'colour' && raw.info.channels === 3 && neutralRows(raw.data, raw.info.width, raw.info.height, 3)) {
      colour = 'gray';
      raw = await rawPipeline({ data: raw.data, width: raw.info.width, height: raw.info.height, channels: 3 })
        .extractChannel(1)
        .raw()
        .toBuffer({ resolveWithObject: true });
    }
    const pixels: Pixels = { data: raw.data, width: raw.info.width, height: raw.info.height, channels: raw.info.channels === 1 ? 1 : 3 };
    const dpi = effectiveDpi(meta.density, pixels.width, pixels.height);
    // With pngLater the PNG is made only if the page is kept as it is (a straightened page gets a new one).
    const image = lim.pngLater ? Buffer.alloc(0) : await encodePagePng(pixels, dpi);
    return { index: page, image, width: pixels.width, height: pixels.height, dpi, colour, pixels };
  } catch (e) {
    if (/pixel limit/i.test((e as Error).message)) throw new RecogniseError('input-too-large', fileName, undefined, { page: page + 1 });
    throw new RecogniseError('input-truncated', fileName, undefined, { page: page + 1 });
  }
}

export { encodeRaster };
