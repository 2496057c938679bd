// Small rotations by two shears (pure; no I/O). Deskewing a page by a few degrees does not need a full affine
// resampling: a horizontal shear (every row shifted by a constant amount) followed by a vertical shear (every
// column shifted) is the rotation up to a scale error of 1 − cos θ (0.14 % at 3°). Each pass moves whole rows or
// columns with one pair of interpolation weights per row or column, which is what makes it fast; Leptonica deskews
// the same way (pixRotate2Shear) below ~3.4°. Larger angles go to a full rotation (imageops.ts).

/** Largest angle (degrees) rotated by two shears. */
export const MAX_SHEAR_DEGREES = 3.5;

export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
  channels: number;
}

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
    if (xTo < xFrom) continue;
    if (ch === 1) {
      // One channel (gray and bilevel pages, nearly all of them): no inner channel loop; a whole-pixel shift is a copy.
      if (wb === 0) {
        out.set(input.subarray(row + xFrom + i0, row + xTo + i0 + 1), row + xFrom);
        continue;
      }
      let left = input[row + xFrom + i0]!;
      for (let o = row + xFrom, s = row + xFrom + i0 + 1, end = row + xTo; o <= end; o++, s++) {
        const right = input[s]!;
        out[o] = (left * wa + right * wb + 128) >> 8;
        left = right;
      }
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
  // Columns with the same whole-pixel shift form runs (≈ 1 / |b| columns each) that read the same two source rows.
  const runStart: number[] = [];
  for (let x = 0; x < w; x++) if (x === 0 || k[x] !== k[x - 1]) runStart.push(x);
  runStart.push(w);
  // Row by row, so both reads and writes stay within a few neighbouring rows (cache friendly).
  for (let y = 0; y < h; y++) {
    const o = y * rowLen;
    for (let r = 0; r + 1 < runStart.length; r++) {
      const x0 = runStart[r]!;
      const x1 = runStart[r + 1]!;
      const ys = y + k[x0]!;
      if (ys < 0 || ys >= h - 1) continue;
      const s0 = ys * rowLen;
      const s1 = s0 + rowLen;
      if (ch === 1) {
        for (let x = x0; x < x1; x++) {
          const b1 = wb[x]!;
          out[o + x] = (input[s0 + x]! * (256 - b1) + input[s1 + x]! * b1 + 128) >> 8;
        }
        continue;
      }
      for (let x = x0; x < x1; x++) {
        const b1 = wb[x]!;
        const a1 = 256 - b1;
        for (let c = 0, i = x * ch; c < ch; c++, i++) out[o + i] = (input[s0 + i]! * a1 + input[s1 + i]! * b1 + 128) >> 8;
      }
    }
  }
  return { data: out, width: w, height: h, channels: ch };
}
