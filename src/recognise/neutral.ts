// Is a colour image really a gray one? Pure; used for decoded images and rendered PDF pages alike.

/** Largest difference between the channels of one pixel that still counts as neutral (anti-aliasing, rounding). */
export const NEUTRAL_TOLERANCE = 12;

/**
 * True when no pixel's R, G and B differ by more than `tolerance`. Every pixel is looked at (a colour stamp or
 * signature of a few millimetres must keep the page in colour); a colour page usually answers within a few rows.
 */
export function isNeutral(px: Uint8Array | Uint8ClampedArray, channels: 3 | 4, tolerance = NEUTRAL_TOLERANCE): boolean {
  for (let i = 0; i + 2 < px.length; i += channels) {
    const r = px[i]!;
    const g = px[i + 1]!;
    const b = px[i + 2]!;
    if (r - g > tolerance || g - r > tolerance || g - b > tolerance || b - g > tolerance || r - b > tolerance || b - r > tolerance) return false;
  }
  return true;
}

/**
 * The gray image of a neutral colour image (one pass; the mean of the three channels, which differ by at most
 * `tolerance`), or null as soon as one pixel is not neutral.
 */
export function neutralToGray(px: Uint8Array, channels: 3 | 4, tolerance = NEUTRAL_TOLERANCE): Buffer | null {
  const n = Math.floor(px.length / channels);
  const out = Buffer.allocUnsafe(n);
  const t = tolerance | 0;
  const span = 2 * t;
  for (let i = 0, j = 0; j < n; i += channels, j++) {
    const r = px[i]! | 0;
    const g = px[i + 1]! | 0;
    const b = px[i + 2]! | 0;
    // |x − y| > t  ⇔  (x − y + t) as unsigned > 2t: one comparison per pair, no branches on the sign.
    if (((r - g + t) >>> 0) > span || ((g - b + t) >>> 0) > span || ((r - b + t) >>> 0) > span) return null;
    out[j] = ((r + g + b) * 43691 + 65536) >>> 17; // round((r + g + b) / 3) in integers
  }
  return out;
}
