// Kodak patch codes: four black bars, two wide (0.20 in) and two narrow (0.08 in), separated by three narrow
// spaces, parallel to the edge the sheet is fed by and at least 2 in long. The order of wide (1) and narrow
// (0) bars, read from the edge inward, names the patch (Accusoft Barcode Xpress "Patch Code"; Kodak A-61599):
//   1 = 1100, 2 = 1001, 3 = 1010, 4 (toggle) = 0110, 6 = 0011, T (transfer) = 0101.
// Patch T is the common document separator. Reading from the nearest edge inward makes a sheet that carries the
// code at both ends (the second band mirrored) read the same whichever way round it was fed, while 0101 read
// backwards (Patch 3) is never taken for T.
// Pure: works on a gray copy in memory; no I/O.

export type PatchCode = '1' | '2' | '3' | '4' | '6' | 'T';

export const PATCH_PATTERNS: Record<PatchCode, string> = { '1': '1100', '2': '1001', '3': '1010', '4': '0110', '6': '0011', T: '0101' };
const BY_PATTERN = new Map(Object.entries(PATCH_PATTERNS).map(([k, v]) => [v, k as PatchCode]));

/** Nominal sizes in inches. */
export const PATCH_NARROW_IN = 0.08;
export const PATCH_WIDE_IN = 0.2;
export const PATCH_MIN_BAR_LENGTH_IN = 2.0;

/** Tolerances (inches): generous for toner spread, scanner blur and a downscaled copy, still well apart. */
const NARROW = [0.045, 0.14] as const;
const WIDE = [0.14, 0.3] as const;
const SPACE = [0.04, 0.15] as const;
/** The pattern must hold along at least this much of the bars (shorter than the 2 in minimum: margins, skew). */
const MIN_LENGTH_IN = 1.2;
/** Nothing dark this close before or after the four bars (a striped pattern is not a patch). */
const QUIET_IN = 0.15;
/** Distance between scan lines across the bars. */
const STEP_IN = 0.1;
/** Largest skew followed from one scan line to the next. */
const MAX_SKEW_DEG = 8;

export interface GrayCopy {
  data: Uint8Array;
  width: number;
  height: number;
  dpi: number;
}
export type Edge = 'top' | 'bottom' | 'left' | 'right';
export interface PatchFound {
  code: PatchCode;
  edge: Edge;
}

interface Hit {
  x: number;
  y: number;
  bits: string;
}

const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;

/**
 * Four-bar groups along one scan line across the bars (like a barcode scanner's beam): runs of dark and light,
 * specks shorter than `speck` pixels merged into their surroundings.
 */
function hitsOnLine(px: (i: number) => number, n: number, dpi: number, x: number): Hit[] {
  const speck = Math.max(1, Math.round(dpi * 0.015));
  const runs: { dark: boolean; a: number; len: number }[] = [];
  for (let i = 0; i < n; i++) {
    const dark = px(i) < 128;
    const last = runs[runs.length - 1];
    if (last && last.dark === dark) last.len++;
    else runs.push({ dark, a: i, len: 1 });
  }
  // Merge specks: a short run between two runs of the other kind joins them.
  for (let k = 1; k < runs.length - 1;) {
    if (runs[k]!.len <= speck && runs[k - 1]!.dark === runs[k + 1]!.dark) {
      runs[k - 1]!.len += runs[k]!.len + runs[k + 1]!.len;
      runs.splice(k, 2);
    } else k++;
  }
  const inch = (v: number) => v / dpi;
  const hits: Hit[] = [];
  for (let k = 0; k + 7 <= runs.length; k++) {
    if (!runs[k]!.dark) continue;
    const g = runs.slice(k, k + 7); // bar space bar space bar space bar
    if (!g.every((r, j) => r.dark === (j % 2 === 0))) continue;
    const before = runs[k - 1];
    const after = runs[k + 7];
    if (before && inch(before.len) < QUIET_IN) continue;
    if (after && inch(after.len) < QUIET_IN) continue;
    let bits = '';
    let ok = true;
    for (let j = 0; j < 7 && ok; j++) {
      const t = inch(g[j]!.len);
      if (j % 2 === 1) ok = within(t, SPACE);
      else if (within(t, NARROW)) bits += '0';
      else if (within(t, WIDE)) bits += '1';
      else ok = false;
    }
    if (ok && BY_PATTERN.has(bits)) hits.push({ x, y: g[0]!.a + (g[6]!.a + g[6]!.len - g[0]!.a) / 2, bits });
  }
  return hits;
}

/** Patterns that hold along ≥ MIN_LENGTH_IN of neighbouring scan lines, following a skew of up to MAX_SKEW_DEG. */
function patchesIn(px: (x: number, y: number) => number, W: number, H: number, dpi: number): { code: PatchCode; nearStart: boolean }[] {
  const step = Math.max(1, Math.round(STEP_IN * dpi));
  const drift = 2 * step * Math.tan((MAX_SKEW_DEG * Math.PI) / 180) + 3;
  const clusters: { bits: string; x0: number; x1: number; y: number; ys: number }[] = [];
  for (let x = Math.floor(step / 2); x < W; x += step) {
    for (const h of hitsOnLine((i) => px(x, i), H, dpi, x)) {
      const c = clusters.find((k) => k.bits === h.bits && x - k.x1 <= 2 * step && Math.abs(h.y - k.y) <= drift);
      if (c) {
        c.x1 = x;
        c.y = h.y;
        c.ys += h.y;
      } else clusters.push({ bits: h.bits, x0: x, x1: x, y: h.y, ys: h.y });
    }
  }
  const out: { code: PatchCode; nearStart: boolean }[] = [];
  for (const c of clusters) {
    if ((c.x1 - c.x0 + step) / dpi < MIN_LENGTH_IN) continue;
    const lines = (c.x1 - c.x0) / step + 1;
    const nearStart = c.ys / lines < H / 2;
    const read = nearStart ? c.bits : [...c.bits].reverse().join('');
    const code = BY_PATTERN.get(read);
    if (code) out.push({ code, nearStart });
  }
  return out;
}

/** Every patch code on the page, with the edge it was read from. */
export function findPatchCodes(img: GrayCopy): PatchFound[] {
  const { data, width: W, height: H, dpi } = img;
  const found: PatchFound[] = [];
  // Bars parallel to the top edge (the usual case: the sheet fed top first), scanned along columns.
  for (const p of patchesIn((x, y) => data[y * W + x]!, W, H, dpi)) found.push({ code: p.code, edge: p.nearStart ? 'top' : 'bottom' });
  // Bars parallel to a side edge (a sheet laid sideways on the glass), scanned along rows.
  for (const p of patchesIn((y, x) => data[y * W + x]!, H, W, dpi)) found.push({ code: p.code, edge: p.nearStart ? 'left' : 'right' });
  return found;
}
