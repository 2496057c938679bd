// Pure image work with sharp: measure skew, detect blank pages, straighten. Every measurement runs on a
// downscaled gray copy (~150 ppi), which keeps a full A4 page to a few tens of milliseconds in JS.
import sharp from 'sharp';
import { setPngDensity } from './png-density';
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
export const MAX_SKEW_DEGREES = 15;

export interface GrayImage { data: Uint8Array; width: number; height: number; /** px per mm */ pxPerMm: number }

type ImageInput = Buffer | RasterPage;
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

export function histogram(img: GrayImage): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) h[img.data[i]!]++;
  return h;
}

/** Otsu's threshold over a 256-bin histogram. */
export function otsu(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) { total += hist[i]!; sum += i * hist[i]!; }
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    wB += hist[t]!;
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t]!;
    const mB = sumB / wB;
    const mF = (sum - sumB) / wF;
    const between = wB * wF * (mB - mF) ** 2;
    if (between > best) { best = between; threshold = t; }
  }
  return threshold;
}

/** Luminance below which a given fraction of the pixels lie. */
export function percentile(hist: Uint32Array, fraction: number): number {
  let total = 0;
  for (let i = 0; i < 256; i++) total += hist[i]!;
  const target = total * fraction;
  let acc = 0;
  for (let i = 0; i < 256; i++) {
    acc += hist[i]!;
    if (acc >= target) return i;
  }
  return 255;
}

export interface InkPoints { xs: Int32Array; ys: Int32Array; count: number; width: number; height: number }

/**
 * Dark pixels of the analysis copy, margins (scanner edges, punch holes) left out. Ink is what is clearly
 * darker than the paper: below Otsu's threshold and at least 60 levels under the paper's median, so faint
 * show-through and sensor noise do not count.
 */
export function inkPoints(img: GrayImage, marginMm = 8): InkPoints {
  const hist = histogram(img);
  const paper = percentile(hist, 0.5);
  const t = Math.min(otsu(hist), paper - 60);
  const m = Math.round(marginMm * img.pxPerMm);
  // Two passes (count, then fill) into typed arrays: a letter has a few hundred thousand ink points.
  let count = 0;
  for (let y = m; y < img.height - m; y++) {
    const row = y * img.width;
    for (let x = m; x < img.width - m; x++) if (img.data[row + x]! < t) count++;
  }
  const xs = new Int32Array(count);
  const ys = new Int32Array(count);
  let n = 0;
  for (let y = m; y < img.height - m; y++) {
    const row = y * img.width;
    for (let x = m; x < img.width - m; x++) {
      if (img.data[row + x]! < t) { xs[n] = x; ys[n] = y; n++; }
    }
  }
  return { xs, ys, count, width: img.width, height: img.height };
}

/** Rotate ink coordinates clockwise by a multiple of 90° (the frame the page would have after rotation). */
export function rotatePoints(p: InkPoints, rotation: Rotation): InkPoints {
  if (rotation === 0) return p;
  const xs = new Int32Array(p.count);
  const ys = new Int32Array(p.count);
  const { width: W, height: H } = p;
  for (let i = 0; i < p.count; i++) {
    const x = p.xs[i]!;
    const y = p.ys[i]!;
    if (rotation === 90) { xs[i] = H - 1 - y; ys[i] = x; }
    else if (rotation === 180) { xs[i] = W - 1 - x; ys[i] = H - 1 - y; }
    else { xs[i] = y; ys[i] = W - 1 - x; }
  }
  const swap = rotation === 90 || rotation === 270;
  return { xs, ys, count: p.count, width: swap ? H : W, height: swap ? W : H };
}

/**
 * Projection-profile score of horizontal text lines at a tilt: project every ink point along lines that
 * rise by `deg` (counter-clockwise) and sum the squared bin counts. Aligned text lines pile into few bins.
 */
function profileScore(p: InkPoints, deg: number, bins: Float64Array): number {
  const tan = Math.tan((deg * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(tan) * p.width) + 1;
  bins.fill(0);
  for (let i = 0; i < p.count; i++) {
    // Content rotated CCW by deg: a line is y = y0 - x·tan, so y + x·tan is constant along it.
    const v = p.ys[i]! + p.xs[i]! * tan + offset;
    const b = v | 0;
    const f = v - b;
    // Linear split between neighbouring bins keeps the score smooth for sub-pixel refinement.
    bins[b] += 1 - f;
    bins[b + 1] += f;
  }
  let s = 0;
  for (let i = 0; i < bins.length; i++) s += bins[i]! * bins[i]!;
  return s;
}

export interface SkewEstimate { degrees: number; /** best score relative to a uniform spread over the page height */ strength: number }

/** Subsample of the points (every `step`-th), for the coarse search. */
function subsample(p: InkPoints, step: number): InkPoints {
  if (step <= 1) return p;
  const n = Math.floor(p.count / step);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) { xs[i] = p.xs[i * step]!; ys[i] = p.ys[i * step]!; }
  return { xs, ys, count: n, width: p.width, height: p.height };
}

/** Result of the coarse stage of the skew search, on a quarter of the points. */
export interface CoarseSkew { points: InkPoints; best: number; /** relative to a uniform spread, as SkewEstimate.strength */ strength: number }

const COARSE_STEP = 4;

function searchTilt(pts: InkPoints, from: number, to: number, step: number, range: number, bins: Float64Array) {
  let best = 0;
  let bestScore = -1;
  const scores = new Map<number, number>();
  for (let d = from; d <= to + 1e-9; d += step) {
    const dd = Math.round(d * 100) / 100;
    if (Math.abs(dd) > range + 1e-9) continue;
    const s = profileScore(pts, dd, bins);
    scores.set(dd, s);
    if (s > bestScore || (s === bestScore && Math.abs(dd) < Math.abs(best))) { bestScore = s; best = dd; }
  }
  return { best, bestScore, scores };
}

function binsFor(p: InkPoints, range: number): Float64Array {
  const maxOffset = Math.ceil(Math.tan((range * Math.PI) / 180) * p.width) + 2;
  return new Float64Array(p.height + 2 * maxOffset + 4);
}

/** The points the coarse stage looks at: every `COARSE_STEP`-th (in the same frame, so rotating it commutes with taking it). */
export function skewSample(p: InkPoints): InkPoints {
  return subsample(p, COARSE_STEP);
}

/** The coarse stage: 1° steps over [-range, range] on a `skewSample`. */
export function coarseSkew(sample: InkPoints, range = MAX_SKEW_DEGREES): CoarseSkew {
  const c = searchTilt(sample, -range, range, 1, range, binsFor(sample, range));
  return { points: sample, best: c.best, strength: sample.count > 0 ? c.bestScore / ((sample.count * sample.count) / sample.height) : 0 };
}

/** The fine stages after `coarse`: 0.2° and 0.05° steps on all points, then a parabola through the best three. */
export function refineSkew(p: InkPoints, coarse: CoarseSkew, range = MAX_SKEW_DEGREES): SkewEstimate {
  const bins = binsFor(p, range);
  const mid = searchTilt(p, coarse.best - 1, coarse.best + 1, 0.2, range, bins);
  const step = 0.05;
  const fine = searchTilt(p, mid.best - 0.2, mid.best + 0.2, step, range, bins);
  const l = fine.scores.get(Math.round((fine.best - step) * 100) / 100);
  const r = fine.scores.get(Math.round((fine.best + step) * 100) / 100);
  let degrees = fine.best;
  if (l !== undefined && r !== undefined) {
    const denom = l - 2 * fine.bestScore + r;
    if (denom < 0) degrees = fine.best + (step * (l - r)) / (2 * denom);
  }
  const uniform = (p.count * p.count) / p.height;
  return { degrees: Math.round(degrees * 100) / 100 || 0 /* no -0 */, strength: fine.bestScore / uniform };
}

/**
 * Best tilt in [-range, range] for horizontal lines: 1° steps on a quarter of the points, then 0.2° and
 * 0.05° steps on all of them, then a parabola through the best three.
 */
export function estimateSkew(p: InkPoints, range = MAX_SKEW_DEGREES): SkewEstimate {
  if (p.count < 50) return { degrees: 0, strength: 0 };
  return refineSkew(p, coarseSkew(skewSample(p), range), range);
}

/** Skew of the text on a page as it lies (degrees, positive = lines rise to the right), within ±15°. */
export async function measureSkew(img: ImageInput, dpi?: number): Promise<number> {
  return estimateSkew(inkPoints(await analysisCopy(img, dpi))).degrees;
}

// --- blank pages ------------------------------------------------------------------------------------

export interface BlankMeasure { blank: boolean; marks: number }

/**
 * A page is blank when, after a 3×3 median (sensor noise, dust), fewer than 3 text-sized marks remain
 * away from the edges. Ink must be ≥ 50 levels darker than the paper, so show-through (typically 10–30
 * levels) does not count while faded toner (60–80 levels on the faded-page test) still does;
 * a 10 mm margin drops scanner edges; solid round blobs of 4–9 mm are punch holes, wherever they are.
 */
export function measureBlank(img: GrayImage): BlankMeasure {
  const { width: W, height: H, pxPerMm } = img;
  const hist = histogram(img);
  const paper = percentile(hist, 0.5);
  const t = paper - 50;
  const m = Math.round(10 * pxPerMm);
  const labels = new Int32Array(W * H);
  const parent: number[] = [0];
  const find = (a: number): number => {
    while (parent[a] !== a) { parent[a] = parent[parent[a]!]!; a = parent[a]!; }
    return a;
  };
  let next = 1;
  for (let y = m; y < H - m; y++) {
    for (let x = m; x < W - m; x++) {
      const i = y * W + x;
      if (img.data[i]! >= t) continue;
      const up = y > m ? labels[i - W]! : 0;
      const left = x > m ? labels[i - 1]! : 0;
      if (!up && !left) { labels[i] = next; parent.push(next); next++; }
      else if (up && left) {
        const a = find(up);
        const b = find(left);
        labels[i] = Math.min(a, b);
        if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
      } else labels[i] = up || left;
    }
  }
  const boxes = new Map<number, { x0: number; y0: number; x1: number; y1: number; n: number }>();
  for (let y = m; y < H - m; y++) {
    for (let x = m; x < W - m; x++) {
      const l = labels[y * W + x]!;
      if (!l) continue;
      const r = find(l);
      const b = boxes.get(r);
      if (!b) boxes.set(r, { x0: x, y0: y, x1: x, y1: y, n: 1 });
      else { b.x0 = Math.min(b.x0, x); b.x1 = Math.max(b.x1, x); b.y0 = Math.min(b.y0, y); b.y1 = Math.max(b.y1, y); b.n++; }
    }
  }
  let marks = 0;
  for (const b of boxes.values()) {
    const hMm = (b.y1 - b.y0 + 1) / pxPerMm;
    const wMm = (b.x1 - b.x0 + 1) / pxPerMm;
    if (hMm < 0.8 || hMm > 15 || wMm > 80) continue; // specks, edges, rules
    const fill = b.n / ((b.x1 - b.x0 + 1) * (b.y1 - b.y0 + 1));
    const round = hMm >= 4 && hMm <= 9 && wMm / hMm > 0.8 && wMm / hMm < 1.25 && fill > 0.65;
    if (round) continue; // punch hole
    marks++;
  }
  return { blank: marks < 3, marks };
}

/** The analysis copy after a 3×3 median (cheap: it runs on the small copy). */
export async function smoothed(img: GrayImage): Promise<GrayImage> {
  const data = await rawPipeline({ ...img, channels: 1 }).median(3).raw().toBuffer();
  return { ...img, data };
}

/**
 * Blank test on the analysis copy. Fast path: a page whose clear ink covers more than 1 % of the area away
 * from the edges is not blank (a letter has 3–5 %), so the component analysis only runs on near-empty pages.
 */
export async function blankOf(gray: GrayImage, ink?: InkPoints): Promise<BlankMeasure> {
  const points = ink ?? inkPoints(gray, 10);
  if (points.count > 0.01 * gray.width * gray.height) return { blank: false, marks: -1 };
  return measureBlank(await smoothed(gray));
}

export async function isBlank(page: ImageInput): Promise<boolean> {
  return (await blankOf(await analysisCopy(page, Buffer.isBuffer(page) ? undefined : page.dpi))).blank;
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
export async function straightenPixels(page: RasterPage, px: Pixels, rotation: Rotation, skew: number): Promise<{ page: RasterPage; pixels: Pixels }> {
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
    const turned = rotation === 0
      ? { data: px.data, info: { width: px.width, height: px.height, channels: px.channels } }
      : await keep(img().rotate(rotation)).raw().toBuffer({ resolveWithObject: true });
    const r = rotateByShear({ data: turned.data, width: turned.info.width, height: turned.info.height, channels: turned.info.channels }, fine);
    raw = { data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength), info: { ...(turned.info as sharp.OutputInfo), width: r.width, height: r.height, channels: r.channels as 1 | 3 } };
  } else {
    // sharp's rotate() turns clockwise; a page tilted counter-clockwise by `skew` needs +skew.
    const turned = await keep(img().rotate(rotation + fine, { background: '#ffffff' })).raw().toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((turned.info.width - width) / 2));
    const top = Math.max(0, Math.round((turned.info.height - height) / 2));
    raw = await keep(rawPipeline({ data: turned.data, width: turned.info.width, height: turned.info.height, channels: turned.info.channels })
      .extract({ left, top, width: Math.min(width, turned.info.width), height: Math.min(height, turned.info.height) }))
      .raw().toBuffer({ resolveWithObject: true });
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
  return setPngDensity(await rawPipeline(px).png({ compressionLevel: 6 }).toBuffer(), dpi);
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

export interface Region { left: number; top: number; width: number; height: number }

/** Border band (mm) left out when looking for the content: scanner edges and shadows live there, text does not. */
export const CONTENT_EDGE_MM = 3;
/** Room (mm) kept around the content, so Tesseract sees every line with paper around it. */
export const CONTENT_PAD_MM = 5;

/**
 * The part of a page that holds anything darker than the paper (≥ 30 levels under its median, so a faint footer
 * counts as much as the body; a speck only makes the part larger), padded by CONTENT_PAD_MM, in the pixels of an
 * image `scale` times the size of `img` (the page as `img` is a copy of it). Null when nothing is found or the part is
 * nearly the whole page.
 */
export function contentRegion(img: GrayImage, scale: number, full: { width: number; height: number }): Region | null {
  const { width: W, height: H, data } = img;
  const paper = percentile(histogram(img), 0.5);
  const t = paper - 30;
  const e = Math.round(CONTENT_EDGE_MM * img.pxPerMm);
  let x0 = W;
  let x1 = -1;
  let y0 = H;
  let y1 = -1;
  for (let y = e; y < H - e; y++) {
    const row = y * W;
    let first = -1;
    let last = -1;
    for (let x = e; x < W - e; x++) if (data[row + x]! < t) { first = x; break; }
    if (first < 0) continue;
    for (let x = W - e - 1; x >= first; x--) if (data[row + x]! < t) { last = x; break; }
    if (y < y0) y0 = y;
    y1 = y;
    if (first < x0) x0 = first;
    if (last > x1) x1 = last;
  }
  if (x1 < 0) return null;
  const pad = CONTENT_PAD_MM * img.pxPerMm;
  const left = Math.max(0, Math.floor((x0 - pad) * scale));
  const top = Math.max(0, Math.floor((y0 - pad) * scale));
  const right = Math.min(full.width, Math.ceil((x1 + 1 + pad) * scale));
  const bottom = Math.min(full.height, Math.ceil((y1 + 1 + pad) * scale));
  const r = { left, top, width: right - left, height: bottom - top };
  return r.width * r.height > 0.9 * full.width * full.height ? null : r;
}

/**
 * The copy Tesseract reads: one channel, `region` of the page only (when given), scaled by `scale` (≤ 1), optionally
 * smoothed with a Gaussian of `blurSigma` px, as a binary PGM — Tesseract's image library reads it without
 * decompressing anything (a PNG costs the WASM engine ~70 ms more per page).
 */
export async function ocrCopyOf(px: Pixels, scale: number, blurSigma = 0, region?: Region): Promise<{ image: Buffer; width: number; height: number }> {
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

// --- luminance ----------------------------------------------------------------------------------------

export interface Exposure { meanLuminance: number; /** luminance of the darkest 0.2 % (the cores of the strokes: the ink) */ inkLuminance: number }

export function exposure(img: GrayImage): Exposure {
  const hist = histogram(img);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  return { meanLuminance: sum / img.data.length, inkLuminance: percentile(hist, 0.002) };
}
