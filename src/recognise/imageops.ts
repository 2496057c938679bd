// Pure image work with sharp: measure skew, detect blank pages, straighten. Every measurement runs on a
// downscaled gray copy (~150 ppi), which keeps a full A4 page to a few tens of milliseconds in JS.
import sharp from 'sharp';
import { setPngDensity } from './png-density';
import type { Colour, QcFlag, RasterPage, Rotation } from './types';

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
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = m; y < img.height - m; y++) {
    const row = y * img.width;
    for (let x = m; x < img.width - m; x++) {
      if (img.data[row + x]! < t) { xs.push(x); ys.push(y); }
    }
  }
  return { xs: Int32Array.from(xs), ys: Int32Array.from(ys), count: xs.length, width: img.width, height: img.height };
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

/**
 * Best tilt in [-range, range] for horizontal lines: 1° steps on a quarter of the points, then 0.2° and
 * 0.05° steps on all of them, then a parabola through the best three.
 */
export function estimateSkew(p: InkPoints, range = MAX_SKEW_DEGREES): SkewEstimate {
  if (p.count < 50) return { degrees: 0, strength: 0 };
  const maxOffset = Math.ceil(Math.tan((range * Math.PI) / 180) * p.width) + 2;
  const bins = new Float64Array(p.height + 2 * maxOffset + 4);
  const search = (pts: InkPoints, from: number, to: number, step: number) => {
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
  };
  const coarse = search(subsample(p, 4), -range, range, 1);
  const mid = search(p, coarse.best - 1, coarse.best + 1, 0.2);
  const step = 0.05;
  const fine = search(p, mid.best - 0.2, mid.best + 0.2, step);
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
  const data = await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength),
    { raw: { width: img.width, height: img.height, channels: 1 } }).median(3).extractChannel(0).raw().toBuffer();
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
  const quarter = rotation === 90 || rotation === 270;
  const width = quarter ? page.height : page.width;
  const height = quarter ? page.width : page.height;
  const fine = Math.abs(skew) >= 0.05 ? skew : 0;
  if (rotation === 0 && fine === 0) return page;
  let img = sharp(page.image);
  if (page.colour !== 'colour') img = img.toColourspace('b-w');
  let raw: { data: Buffer; info: sharp.OutputInfo };
  if (fine === 0) {
    raw = await img.rotate(rotation).raw().toBuffer({ resolveWithObject: true });
  } else {
    // sharp's rotate() turns clockwise; a page tilted counter-clockwise by `skew` needs +skew.
    const turned = await img.rotate(rotation + fine, { background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
    const left = Math.max(0, Math.round((turned.info.width - width) / 2));
    const top = Math.max(0, Math.round((turned.info.height - height) / 2));
    raw = await sharp(turned.data, { raw: { width: turned.info.width, height: turned.info.height, channels: turned.info.channels } })
      .extract({ left, top, width: Math.min(width, turned.info.width), height: Math.min(height, turned.info.height) })
      .raw().toBuffer({ resolveWithObject: true });
  }
  const image = await encodePng(raw.data, raw.info.width, raw.info.height, raw.info.channels, page.colour, page.dpi);
  return { ...page, image, width: raw.info.width, height: raw.info.height };
}

async function encodePng(data: Buffer, width: number, height: number, channels: number, colour: Colour, dpi: number): Promise<Buffer> {
  let img = sharp(data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } });
  if (colour === 'bilevel') img = img.toColourspace('b-w').threshold(128);
  else if (colour === 'gray') img = img.toColourspace('b-w');
  return setPngDensity(await img.png({ compressionLevel: 6 }).toBuffer(), dpi);
}

// --- luminance ----------------------------------------------------------------------------------------

export interface Exposure { meanLuminance: number; /** luminance of the darkest 0.2 % (the cores of the strokes: the ink) */ inkLuminance: number }

export function exposure(img: GrayImage): Exposure {
  const hist = histogram(img);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  return { meanLuminance: sum / img.data.length, inkLuminance: percentile(hist, 0.002) };
}
