// Small rotations by two shears (pure; no I/O). Deskewing a page by a few degrees does not need a full affine
// resampling: a horizontal shear (every row shifted by a constant amount) followed by a vertical shear (every
// column shifted) is the rotation up to a scale error of 1 − cos θ (0.14 % at 3°). Each pass moves whole rows or
// columns with one pair of interpolation weights per row or column, which is what makes it fast; Leptonica deskews
// the same way (pixRotate2Shear) below ~3.4°. Larger angles go to a full rotation (imageops.ts).

/** Largest angle (degrees) rotated by two shears. */
export const MAX_SHEAR_DEGREES = 3.5;

export interface Raster { data: Uint8Array; width: number; height: number; channels: number }

/**
 * Rotates `src` clockwise (as seen on screen, y pointing down) by `degrees` about its centre, keeping its size;
 * what comes in at the edges is white (255). |degrees| ≤ MAX_SHEAR_DEGREES.
 */
export function rotateByShear(src: Raster, degrees: number): Raster {
  if (Math.abs(degrees) > MAX_SHEAR_DEGREES + 1e-9) throw new RangeError(`rotateByShear: ${degrees}° is more than ${MAX_SHEAR_DEGREES}°`);
  const rad = (degrees * Math.PI) / 180;
  // Forward map (clockwise, y down): x' = x − y·tan θ (first pass), y' = y + x'·sin θ (second pass).
  const h = shearRows(src, Math.tan(rad));
  return shearColumns(h, Math.sin(rad));
}

/** out(x, y) = in(x + a·(y − cy), y): each row moved left by a·(y − cy), linearly interpolated. */
function shearRows(src: Raster, a: number): Raster {
  const { width: w, height: h, channels: ch } = src;
  const input = src.data;
  const out = new Uint8Array(w * h * ch).fill(255);
  const cy = (h - 1) / 2;
  const rowLen = w * ch;
  for (let y = 0; y < h; y++) {
    const shift = a * (y - cy);
    const i0 = Math.floor(shift);
    const wb = Math.round((shift - i0) * 256); // weight of the right neighbour, 0..256
    const wa = 256 - wb;
    const row = y * rowLen;
    // Output x reads input x + i0 and x + i0 + 1; only where both exist (the rest stays white, edges blend).
    const xFrom = Math.max(0, -i0);
    const xTo = Math.min(w - 1, w - 2 - i0); // inclusive
    if (ch === 1) {
      // One channel (gray and bilevel pages, nearly all of them): no inner channel loop.
      for (let x = xFrom, s = row + xFrom + i0; x <= xTo; x++, s++) out[row + x] = (input[s]! * wa + input[s + 1]! * wb + 128) >> 8;
      continue;
    }
    for (let x = xFrom; x <= xTo; x++) {
      const o = row + x * ch;
      const s = row + (x + i0) * ch;
      for (let c = 0; c < ch; c++) out[o + c] = (input[s + c]! * wa + input[s + ch + c]! * wb + 128) >> 8;
    }
  }
  return { data: out, width: w, height: h, channels: ch };
}

/** out(x, y) = in(x, y − b·(x − cx)): each column moved down by b·(x − cx), linearly interpolated. */
function shearColumns(src: Raster, b: number): Raster {
  const { width: w, height: h, channels: ch } = src;
  const input = src.data;
  const out = new Uint8Array(w * h * ch).fill(255);
  const cx = (w - 1) / 2;
  const rowLen = w * ch;
  // Per column: the source row offset and the weights, computed once.
  const k = new Int32Array(w);
  const wb = new Int32Array(w);
  for (let x = 0; x < w; x++) {
    const shift = -b * (x - cx);
    const i0 = Math.floor(shift);
    k[x] = i0;
    wb[x] = Math.round((shift - i0) * 256);
  }
  // Row by row, so both reads and writes stay within a few neighbouring rows (cache friendly).
  for (let y = 0; y < h; y++) {
    const o = y * rowLen;
    if (ch === 1) {
      for (let x = 0; x < w; x++) {
        const ys = y + k[x]!;
        if (ys < 0 || ys >= h - 1) continue;
        const b1 = wb[x]!;
        const s = ys * rowLen + x;
        out[o + x] = (input[s]! * (256 - b1) + input[s + rowLen]! * b1 + 128) >> 8;
      }
      continue;
    }
    for (let x = 0; x < w; x++) {
      const ys = y + k[x]!;
      if (ys < 0 || ys >= h - 1) continue;
      const b1 = wb[x]!;
      const a1 = 256 - b1;
      const s = ys * rowLen + x * ch;
      for (let c = 0; c < ch; c++) out[o + x * ch + c] = (input[s + c]! * a1 + input[s + rowLen + c]! * b1 + 128) >> 8;
    }
  }
  return { data: out, width: w, height: h, channels: ch };
}
