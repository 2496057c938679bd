// Is a colour image really a gray one? Pure; used for decoded images and rendered PDF pages alike.

/** Largest difference between the channels of one pixel that still counts as neutral (anti-aliasing, rounding). */
export const NEUTRAL_TOLERANCE = 12;

/**
 * True when no pixel's R, G and B differ by more than `tolerance`. Every pixel is looked at (a colour stamp or
 * signature of a few millimetres must keep the page in colour); a colour page usually answers within a few rows.
 */
export function isNeutral(px: Uint8Array | Uint8ClampedArray, channels: 3 | 4, tolerance = NEUTRAL_TOLERANCE): boolean {
  for (let i = 0; i + 2 < px.length; i += channels) if (!neutralPixel(px[i]!, px[i + 1]!, px[i + 2]!, tolerance)) return false;
  return true;
}

/** |r − g|, |g − b| and |r − b| all ≤ t; `(x − y + t) >>> 0 > 2t` is |x − y| > t in one unsigned comparison. */
function neutralPixel(r: number, g: number, b: number, t: number): boolean {
  const span = 2 * t;
  return ((r - g + t) >>> 0) <= span && ((g - b + t) >>> 0) <= span && ((r - b + t) >>> 0) <= span;
}

/**
 * The gray image of a neutral colour image (one pass; the mean of the three channels, which differ by at most
 * `tolerance`), or null as soon as one pixel is not neutral.
 */
export function neutralToGray(px: Uint8Array, channels: 3 | 4, tolerance = NEUTRAL_TOLERANCE): Buffer | null {
  const n = Math.floor(px.length / channels);
  const out = Buffer.allocUnsafe(n);
  const t = tolerance | 0;
  for (let i = 0, j = 0; j < n; i += channels, j++) {
    const r = px[i]! | 0;
    const g = px[i + 1]! | 0;
    const b = px[i + 2]! | 0;
    if (!neutralPixel(r, g, b, t)) return null;
    out[j] = ((r + g + b) * 43691 + 65536) >>> 17; // round((r + g + b) / 3) in integers
  }
  return out;
}
