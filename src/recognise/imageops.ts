// Image work with sharp: the copies of a page (the ~150 ppi gray analysis copy, the OCR copy, the small copy for later
// detectors), its PNG, and straightening. What is measured on the analysis copy lives in imageops-measure.ts (ink,
// exposure, content, blank pages) and imageops-skew.ts (skew); every measurement runs on that downscaled copy, which
// keeps a full A4 page to a few tens of milliseconds in JS.
import sharp from 'sharp';
import { PAGE_PNG_COMPRESSION, setPngDensity } from './png-density';
import { MAX_SHEAR_DEGREES, rotateByShear } from './shear';
import type { Pixels, QcFlag, RasterPage, Rotation } from './types';

export type { QcFlag, Rotation } from './types';

export interface PageAnalysis {
  /** Clockwise rotation (degrees) that makes the page upright. */
  rotation: Rotation;
  /** Skew of the upright page in degrees, positive = text lines rise to the right (counter-clockwise). */
  skewDegrees: number;
  blank: boolean;
  dpi: number;
  meanLuminance: number;
  qcFlags: QcFlag[];
}

/** Resolution of the analysis copy: enough for 0.1° of skew and for 1 mm marks. */
export const ANALYSIS_DPI = 150;

export interface GrayImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** px per mm */ pxPerMm: number;
}

/** A page as encoded bytes (PNG, JPEG, …) or as a raster page. */
export type ImageInput = Buffer | RasterPage;
const bytesOf = (img: ImageInput): Buffer => (Buffer.isBuffer(img) ? img : img.image);

/** Downscaled single-channel copy for analysis. `dpi` is the source resolution. */
export async function analysisCopy(img: ImageInput, dpi?: number, median = false): Promise<GrayImage> {
  const src = bytesOf(img);
  const meta = await sharp(src).metadata();
  const srcDpi = dpi ?? (Buffer.isBuffer(img) ? (meta.density && meta.density > 72 ? meta.density : 300) : img.dpi);
  const factor = Math.min(1, ANALYSIS_DPI / srcDpi);
  let pipe = sharp(src).flatten({ background: '#ffffff' }).toColourspace('b-w');
  if (factor < 1) pipe = pipe.resize({ width: Math.max(1, Math.round(meta.width! * factor)), kernel: 'linear' });
  if (median) pipe = pipe.median(3);
  const { data, info } = await pipe.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, pxPerMm: (srcDpi * factor) / 25.4 };
}

// --- straightening ----------------------------------------------------------------------------------

/**
 * Rotate by `rotation` (clockwise, multiple of 90) and remove `skew` (degrees, positive = lines rising to
 * the right) in one resampling, fill with white, crop back to the page size, and keep the colour mode:
 * a bilevel page is thresholded again after the interpolation, a gray page stays single-channel.
 */
export async function straighten(page: RasterPage, rotation: Rotation, skew: number): Promise<RasterPage> {
  if (rotation === 0 && !(Math.abs(skew) >= 0.05)) return page;
  return (await straightenPixels(page, await decodePixels(page), rotation, skew)).page;
}

/**
 * `straighten` from pixels already decoded; also returns the pixels of the result, so the caller can make its
 * OCR copy without decoding the new PNG again.
 */
export async function straightenPixels(
  page: RasterPage,
  px: Pixels,
  rotation: Rotation,
  skew: number,
): Promise<{ page: RasterPage; pixels: Pixels }> {
  const quarter = rotation === 90 || rotation === 270;
  const width = quarter ? page.height : page.width;
  const height = quarter ? page.width : page.height;
  const fine = Math.abs(skew) >= 0.05 ? skew : 0;
  if (rotation === 0 && fine === 0) return { page, pixels: px };
  const img = () => rawPipeline(px);
  // A rotation with a background colour may still come out as sRGB; the page keeps its channels.
  const keep = (x: sharp.Sharp) => (px.channels === 1 ? x.extractChannel(0) : x);
  let raw: { data: Buffer; info: sharp.OutputInfo };
  if (fine === 0) {
    raw = await keep(img().rotate(rotation)).raw().toBuffer({ resolveWithObject: true });
  } else if (Math.abs(fine) <= MAX_SHEAR_DEGREES) {
    // The usual case, a few degrees: quarter turn (if any) by libvips, the tilt by two shears (shear.ts), about
    // half the time of a full affine resampling.
    const turned =
      rotation === 0
        ? { data: px.data, info: { width: px.width, height: px.height, channels: px.channels } }
        : await keep(img().rotate(rotation)).raw().toBuffer({ resolveWithObject: true });
    const r = rotateByShear(
      { data: turned.data, width: turned.info.width, height: turned.info.height, channels: turned.info.channels },
      fine,
    );
    raw = {
      data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength),
      info: { ...(turned.info as sharp.OutputInfo), width: r.width, height: r.height, channels: r.channels as 1 | 3 },
    };
  } else {
    // sharp's rotate() turns clockwise; a page tilted counter-clockwise by `skew` needs +skew.
    const turned = await keep(img().rotate(rotation + fine, { background: '#ffffff' }))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((turned.info.width - width) / 2));
    const top = Math.max(0, Math.round((turned.info.height - height) / 2));
    raw = await keep(
      rawPipeline({ data: turned.data, width: turned.info.width, height: turned.info.height, channels: turned.info.channels }).extract({
        left,
        top,
        width: Math.min(width, turned.info.width),
        height: Math.min(height, turned.info.height),
      }),
    )
      .raw()
      .toBuffer({ resolveWithObject: true });
  }
  const out: Pixels = { data: raw.data, width: raw.info.width, height: raw.info.height, channels: raw.info.channels as 1 | 3 };
  // A bilevel page stays bilevel: threshold the interpolated edges again (as sharp's threshold(128) would).
  if (page.colour === 'bilevel') for (let i = 0; i < out.data.length; i++) out.data[i] = out.data[i]! >= 128 ? 255 : 0;
  const image = await encodePagePng(out, page.dpi);
  return { page: { ...page, image, width: out.width, height: out.height, pixels: undefined }, pixels: out };
}

export type { Pixels } from './types';

/**
 * A sharp pipeline over raw pixels. One channel is declared gray ('b-w'): left undeclared, libvips turns it into
 * three sRGB channels on output (three times the work of every later step; ~15 ms a page per pipeline) and the
 * caller has to extract one again.
 */
export function rawPipeline(px: { data: Uint8Array; width: number; height: number; channels: number }): sharp.Sharp {
  const data = Buffer.isBuffer(px.data) ? px.data : Buffer.from(px.data.buffer, px.data.byteOffset, px.data.byteLength);
  const img = sharp(data, { raw: { width: px.width, height: px.height, channels: px.channels as 1 | 3 } });
  return px.channels === 1 ? img.toColourspace('b-w') : img;
}

/** The lossless PNG of a page's pixels (one channel stays gray), with its resolution recorded. */
export async function encodePagePng(px: Pixels, dpi: number): Promise<Buffer> {
  return setPngDensity(await rawPipeline(px).png({ compressionLevel: PAGE_PNG_COMPRESSION }).toBuffer(), dpi);
}

/** The page's PNG; a page decoded with `pngLater` gets it only here, once it is known to be needed. */
export async function pageImage(page: RasterPage): Promise<Buffer> {
  if (page.image.length > 0) return page.image;
  if (!page.pixels) throw new Error('page without an image or pixels');
  return encodePagePng(page.pixels, page.dpi);
}

export async function decodePixels(page: RasterPage): Promise<Pixels> {
  if (page.pixels) return page.pixels;
  const gray = page.colour !== 'colour';
  let img = sharp(page.image, { limitInputPixels: false }).flatten({ background: '#ffffff' });
  img = gray ? img.toColourspace('b-w').extractChannel(0) : img.toColourspace('srgb').removeAlpha();
  const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as 1 | 3 };
}

/** The analysis copy (~ANALYSIS_DPI, one channel) from decoded pixels. */
export async function analysisCopyOf(px: Pixels, dpi: number, target = ANALYSIS_DPI): Promise<GrayImage> {
  const factor = Math.min(1, target / dpi);
  let pipe = rawPipeline(px).toColourspace('b-w');
  if (factor < 1) pipe = pipe.resize({ width: Math.max(1, Math.round(px.width * factor)), kernel: 'linear' });
  const { data, info } = await pipe.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, pxPerMm: (dpi * factor) / 25.4 };
}

/** Resolution of the small copy handed to later detectors (separator sheets, Patch-T). */
export const SMALL_COPY_DPI = 100;

export async function smallCopyOf(px: Pixels, dpi: number): Promise<{ data: Uint8Array; width: number; height: number; dpi: number }> {
  const g = await analysisCopyOf(px, dpi, SMALL_COPY_DPI);
  return { data: g.data, width: g.width, height: g.height, dpi: g.pxPerMm * 25.4 };
}

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/**
 * The copy Tesseract reads: one channel, `region` of the page only (when given), scaled by `scale` (≤ 1), optionally
 * smoothed with a Gaussian of `blurSigma` px, as a binary PGM — Tesseract's image library reads it without
 * decompressing anything (a PNG costs the WASM engine ~70 ms more per page).
 */
export async function ocrCopyOf(
  px: Pixels,
  scale: number,
  blurSigma = 0,
  region?: Region,
): Promise<{ image: Buffer; width: number; height: number }> {
  let data = px.data;
  let width = px.width;
  let height = px.height;
  if (px.channels !== 1 || scale < 1 || blurSigma > 0 || region) {
    let pipe = rawPipeline(px);
    if (region) pipe = pipe.extract(region);
    pipe = pipe.toColourspace('b-w');
    if (scale < 1) pipe = pipe.resize({ width: Math.max(1, Math.round((region?.width ?? px.width) * scale)), kernel: 'lanczos3' });
    if (blurSigma > 0) pipe = pipe.blur(blurSigma);
    const r = await pipe.raw().toBuffer({ resolveWithObject: true });
    data = r.data;
    width = r.info.width;
    height = r.info.height;
  }
  return { image: Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), data]), width, height };
}
