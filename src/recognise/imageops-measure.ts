// Measurements on a page's gray analysis copy (imageops.ts makes it): luminance histogram and thresholds, the ink,
// the part of the page that holds anything, exposure, and whether the page is blank. Pure JS over the pixels but for
// the median in `smoothed`.
import { analysisCopy, rawPipeline, type GrayImage, type ImageInput, type Region } from './imageops';
import type { Rotation } from './types';

export function histogram(img: GrayImage): Uint32Array {
  const h = new Uint32Array(256);
  for (let i = 0; i < img.data.length; i++) h[img.data[i]!]++;
  return h;
}

/** Otsu's threshold over a 256-bin histogram. */
export function otsu(hist: Uint32Array): number {
  let total = 0;
  let sum = 0;
  for (let i = 0; i < 256; i++) {
    total += hist[i]!;
    sum += i * hist[i]!;
  }
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
    if (between > best) {
      best = between;
      threshold = t;
    }
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

export interface InkPoints {
  xs: Int32Array;
  ys: Int32Array;
  count: number;
  width: number;
  height: number;
}

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
      if (img.data[row + x]! < t) {
        xs[n] = x;
        ys[n] = y;
        n++;
      }
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
    if (rotation === 90) {
      xs[i] = H - 1 - y;
      ys[i] = x;
    } else if (rotation === 180) {
      xs[i] = W - 1 - x;
      ys[i] = H - 1 - y;
    } else {
      xs[i] = y;
      ys[i] = W - 1 - x;
    }
  }
  const swap = rotation === 90 || rotation === 270;
  return { xs, ys, count: p.count, width: swap ? H : W, height: swap ? W : H };
}

// --- content ----------------------------------------------------------------------------------------

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
    for (let x = e; x < W - e; x++)
      if (data[row + x]! < t) {
        first = x;
        break;
      }
    if (first < 0) continue;
    for (let x = W - e - 1; x >= first; x--)
      if (data[row + x]! < t) {
        last = x;
        break;
      }
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

// --- luminance ----------------------------------------------------------------------------------------

export interface Exposure {
  meanLuminance: number;
  /** luminance of the darkest 0.2 % (the cores of the strokes: the ink) */ inkLuminance: number;
}

export function exposure(img: GrayImage): Exposure {
  const hist = histogram(img);
  let sum = 0;
  for (let i = 0; i < 256; i++) sum += i * hist[i]!;
  return { meanLuminance: sum / img.data.length, inkLuminance: percentile(hist, 0.002) };
}

// --- blank pages ------------------------------------------------------------------------------------

export interface BlankMeasure {
  blank: boolean;
  marks: number;
}

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
    while (parent[a] !== a) {
      parent[a] = parent[parent[a]!]!;
      a = parent[a]!;
    }
    return a;
  };
  let next = 1;
  for (let y = m; y < H - m; y++) {
    for (let x = m; x < W - m; x++) {
      const i = y * W + x;
      if (img.data[i]! >= t) continue;
      const up = y > m ? labels[i - W]! : 0;
      const left = x > m ? labels[i - 1]! : 0;
      if (!up && !left) {
        labels[i] = next;
        parent.push(next);
        next++;
      } else if (up && left) {
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
      else {
        b.x0 = Math.min(b.x0, x);
        b.x1 = Math.max(b.x1, x);
        b.y0 = Math.min(b.y0, y);
        b.y1 = Math.max(b.y1, y);
        b.n++;
      }
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
  const data = await rawPipeline({ ...img, channels: 1 })
    .median(3)
    .raw()
    .toBuffer();
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
