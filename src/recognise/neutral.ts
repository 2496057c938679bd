// Is a colour image really a gray one? Pure; used for decoded images and rendered PDF pages alike.

/** Largest difference between the channels of one pixel that still counts as neutral (anti-aliasing, rounding). */
export const NEUTRAL_TOLERANCE = 12;

/**
 * True when no pixel's R, G and B differ by more than `tolerance`. Every pixel is looked at (a colour stamp or
 * signature of a few millimetres must keep the page in colour); a colour page usually answers within a few rows.
 */
export function isNeutral(px: Uint8Array | Uint8ClampedArray, channels: 3 | 4, tolerance = NEUTRAL_TOLERANCE): boolean {
  return neutralRows(px, px.length / channels, 1, channels, 1, tolerance);
}

/**
 * `isNeutral` for a page of `width` × `height` pixels that looks at every pixel of every `rowStep`-th row: with
 * 2, a coloured mark is still found when it is 2 px tall (0.17 mm at 300 ppi — pen strokes and stamps are far
 * more), at half the cost. Decoding a letter scanned as RGB pays this on every page.
 */
export function neutralRows(
  px: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: 3 | 4,
  rowStep = 2,
  tolerance = NEUTRAL_TOLERANCE,
): boolean {
  const rowLen = width * channels;
  const t = tolerance | 0;
  for (let y = 0; y < height; y += rowStep) {
    for (let i = y * rowLen, end = i + rowLen; i < end; i += channels) {
      const r = px[i]! | 0;
      const g = px[i + 1]! | 0;
      const b = px[i + 2]! | 0;
      const rg = r - g;
      const gb = g - b;
      const rb = r - b;
      if (rg > t || rg < -t || gb > t || gb < -t || rb > t || rb < -t) return false;
    }
  }
  return true;
}
