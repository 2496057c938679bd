// The skew of the text on a page: a projection-profile search over the ink points of the analysis copy (coarse 1°
// steps on a sample, then 0.2° and 0.05° on all points). orientation.ts reuses the stages to try the four quarter turns.
import { analysisCopy, type ImageInput } from './imageops';
import { inkPoints, type InkPoints } from './imageops-measure';

export const MAX_SKEW_DEGREES = 15;

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

export interface SkewEstimate {
  degrees: number;
  /** best score relative to a uniform spread over the page height */ strength: number;
}

/** Subsample of the points (every `step`-th), for the coarse search and for dense pages. */
export function subsample(p: InkPoints, step: number): InkPoints {
  if (step <= 1) return p;
  const n = Math.floor(p.count / step);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = p.xs[i * step]!;
    ys[i] = p.ys[i * step]!;
  }
  return { xs, ys, count: n, width: p.width, height: p.height };
}

/** Result of the coarse stage of the skew search, on a quarter of the points. */
export interface CoarseSkew {
  points: InkPoints;
  best: number;
  /** relative to a uniform spread, as SkewEstimate.strength */ strength: number;
}

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
    if (s > bestScore || (s === bestScore && Math.abs(dd) < Math.abs(best))) {
      bestScore = s;
      best = dd;
    }
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
