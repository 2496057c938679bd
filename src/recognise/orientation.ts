// Page orientation (0/90/180/270) without OCR.
//
// Choice (measured, see README.md): an own two-step method on the ink of the ~150 ppi analysis copy.
// 1. Sideways or not: text lines give a far stronger projection profile along the lines than across them
//    (score ratio ≈ 4 on letters), so comparing the best horizontal and vertical profile scores settles
//    0/180 against 90/270.
// 2. Upright or upside down: in Latin script ascenders (b d f h k l t, capitals, digits) are much more
//    common than descenders (g j p q y). Per text line, the ink above the x-height band outweighs the ink
//    below it; on an upside-down page it is the other way round.
// It costs ~0.1 s per page and needs no legacy engine. Tesseract's OSD (tesseract.js detect() with the
// legacy core and osd data) was measured as the alternative: slower, and it needs a second kind of worker.
import { analysisCopy, type GrayImage } from './imageops';
import { inkPoints, rotatePoints, type InkPoints } from './imageops-measure';
import { coarseSkew, refineSkew, skewSample, subsample, type SkewEstimate } from './imageops-skew';
import type { RasterPage, Rotation } from './types';

export interface OrientationResult {
  /** Clockwise rotation that makes the page upright. */
  rotation: Rotation;
  /** Skew of the page once upright (degrees, positive = lines rise to the right). */
  skewDegrees: number;
  /** 0–1; below ORIENTATION_MIN_CONFIDENCE the page is flagged 'orientation-uncertain'. */
  confidence: number;
  /** Profile strength ratio along / across the lines (≥ 1). */
  lineRatio: number;
  /** (ascender ink − descender ink) / (sum), in the upright frame. */
  ascenderBias: number;
  /** Median x-height of the text lines in pixels of the analysed image; null when no line was measured. */
  xHeight: number | null;
}

export { QC_THRESHOLDS } from './qc';
export const ORIENTATION_MIN_CONFIDENCE = 0.15;

/** Ascender/descender balance of the text lines of points already rotated to a candidate frame. */
export function ascenderBias(p: InkPoints, skewDegrees: number): { bias: number; lines: number; xHeight: number | null } {
  const tan = Math.tan((skewDegrees * Math.PI) / 180);
  const offset = Math.ceil(Math.abs(tan) * p.width) + 1;
  const rows = new Float64Array(p.height + 2 * offset + 2);
  for (let i = 0; i < p.count; i++) rows[Math.round(p.ys[i]! + p.xs[i]! * tan + offset)]++;
  let max = 0;
  for (const v of rows) if (v > max) max = v;
  if (max === 0) return { bias: 0, lines: 0, xHeight: null };
  const floor = max * 0.02;
  let asc = 0;
  let desc = 0;
  let lines = 0;
  const bands: number[] = [];
  let y = 0;
  while (y < rows.length) {
    if (rows[y]! <= floor) {
      y++;
      continue;
    }
    const start = y;
    while (y < rows.length && rows[y]! > floor) y++;
    const end = y; // exclusive
    if (end - start < 5) continue;
    let segMax = 0;
    for (let r = start; r < end; r++) segMax = Math.max(segMax, rows[r]!);
    let top = start;
    while (rows[top]! < segMax * 0.4) top++;
    let bottom = end - 1;
    while (rows[bottom]! < segMax * 0.4) bottom--;
    let a = 0;
    let d = 0;
    for (let r = start; r < top; r++) a += rows[r]!;
    for (let r = bottom + 1; r < end; r++) d += rows[r]!;
    asc += a;
    desc += d;
    lines++;
    // The dense band of a text line is its x-height (the core of the lower-case letters).
    bands.push(bottom - top + 1);
  }
  bands.sort((x, z) => x - z);
  const xHeight = bands.length >= 3 ? bands[Math.floor(bands.length / 2)]! : null;
  return { bias: asc + desc > 0 ? (asc - desc) / (asc + desc) : 0, lines, xHeight };
}

/**
 * Coarse line-strength ratio (along / across the lines) from which the weaker direction is not searched finely:
 * upright or sideways is then decided on the coarse strengths, the weaker direction's angle is never used, and its
 * strength only enters the confidence, which is saturated from a ratio of 2.5. Letters give ≈ 4; below the ratio
 * both directions are searched finely, as before. Saves about a third of the skew search on most pages.
 */
export const CLEAR_LINE_RATIO = 3;

/**
 * Ink points the skew search looks at, at most. A letter has 40 000–60 000 on the analysis copy and keeps every one
 * (with room to spare); a dense full-text page has 160 000–220 000, which made the search 70–110 ms of main-thread time
 * a page. Every k-th point of such a page still draws its 45 lines as sharply (the same angle to 0.05° on the dense
 * bench pages). The ascender/descender balance and the x-height still use every point.
 */
export const MAX_SKEW_POINTS = 80_000;

export function orientationFromInk(all: InkPoints, maxPoints = MAX_SKEW_POINTS): OrientationResult {
  const none: SkewEstimate = { degrees: 0, strength: 0 };
  const ink = all.count > maxPoints ? subsample(all, Math.ceil(all.count / maxPoints)) : all;
  // The coarse stage in both directions first (the rotated points of the quarter sample are the quarter sample of
  // the rotated points), then the fine stages where they are needed.
  const hc = ink.count < 50 ? null : coarseSkew(skewSample(ink));
  const vc = hc ? coarseSkew(rotatePoints(hc.points, 90)) : null;
  const clear = hc && vc ? Math.max(hc.strength, vc.strength) >= CLEAR_LINE_RATIO * Math.min(hc.strength, vc.strength) : false;
  const coarseSideways = !!hc && !!vc && vc.strength > hc.strength;
  const rotated = coarseSideways || !clear ? rotatePoints(ink, 90) : null;
  const h = !hc ? none : clear && coarseSideways ? { degrees: hc.best, strength: hc.strength } : refineSkew(ink, hc);
  const v = !vc ? none : clear && !coarseSideways ? { degrees: vc.best, strength: vc.strength } : refineSkew(rotated!, vc);
  const sideways = clear ? coarseSideways : v.strength > h.strength;
  const lineRatio = sideways ? v.strength / Math.max(h.strength, 1e-9) : h.strength / Math.max(v.strength, 1e-9);
  const base: Rotation = sideways ? 90 : 0;
  // Sideways needs rotated: it is either coarse-sideways or not clear.
  const frame = ink === all ? (sideways ? rotated! : ink) : sideways ? rotatePoints(all, 90) : all;
  const skew = sideways ? v.degrees : h.degrees;
  const { bias, xHeight } = ascenderBias(frame, skew);
  const upsideDown = bias < 0;
  const rotation = ((base + (upsideDown ? 180 : 0)) % 360) as Rotation;
  // A half turn keeps a line that rises to the right rising to the right: the skew carries over unchanged.
  const confidence = Math.min(1, Math.abs(bias) / 0.3) * Math.min(1, (lineRatio - 1) / 1.5);
  return { rotation, skewDegrees: skew, confidence, lineRatio, ascenderBias: upsideDown ? -bias : bias, xHeight };
}

/** Orientation and skew of a page (or a PNG) as scanned. */
export async function detectOrientation(page: RasterPage | Buffer, gray?: GrayImage): Promise<OrientationResult> {
  const img = gray ?? (await analysisCopy(page, Buffer.isBuffer(page) ? undefined : page.dpi));
  return orientationFromInk(inkPoints(img));
}
