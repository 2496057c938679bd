import { describe, expect, it } from 'vitest';
import { findPatchCodes, PATCH_PATTERNS, type GrayCopy, type PatchCode } from '../../../src/capture/patch-code';

// Synthetic pages at 100 ppi (the detector's working resolution): white A4 with bars drawn in.
const DPI = 100;
const W = 827;
const H = 1169;
const page = (): GrayCopy => ({ data: new Uint8Array(W * H).fill(250), width: W, height: H, dpi: DPI });
function rect(g: GrayCopy, x0: number, y0: number, w: number, h: number, v = 10) {
  for (let y = Math.max(0, y0); y < Math.min(g.height, y0 + h); y++)
    for (let x = Math.max(0, x0); x < Math.min(g.width, x0 + w); x++) g.data[y * g.width + x] = v;
}
/** Horizontal bars from `y` downward (or upward from the bottom edge when `fromBottom`), in reading order from that edge. */
function band(g: GrayCopy, bits: string, opts: { fromBottom?: boolean; y?: number; narrow?: number; wide?: number; length?: number } = {}) {
  const narrow = opts.narrow ?? 8;
  const wide = opts.wide ?? 20;
  const length = opts.length ?? 600;
  let off = opts.y ?? 50;
  for (const b of bits) {
    const h = b === '1' ? wide : narrow;
    rect(g, 100, opts.fromBottom ? g.height - off - h : off, length, h);
    off += h + narrow;
  }
}
const transpose = (g: GrayCopy): GrayCopy => {
  const out = new Uint8Array(g.width * g.height);
  for (let y = 0; y < g.height; y++) for (let x = 0; x < g.width; x++) out[x * g.height + y] = g.data[y * g.width + x]!;
  return { data: out, width: g.height, height: g.width, dpi: g.dpi };
};

describe('findPatchCodes', () => {
  it('reads all six patch codes from the top edge', () => {
    for (const [code, bits] of Object.entries(PATCH_PATTERNS) as [PatchCode, string][]) {
      const g = page();
      band(g, bits);
      expect(findPatchCodes(g)).toEqual([{ code, edge: 'top' }]);
    }
  });

  it('reads from the nearest edge inward, so a T at the bottom (the sheet upside down) is still a T and never a 3', () => {
    const g = page();
    band(g, PATCH_PATTERNS.T, { fromBottom: true });
    expect(findPatchCodes(g)).toEqual([{ code: 'T', edge: 'bottom' }]);
    const three = page();
    band(three, PATCH_PATTERNS['3'], { fromBottom: true });
    expect(findPatchCodes(three)).toEqual([{ code: '3', edge: 'bottom' }]);
  });

  it('reads bars parallel to a side edge (a sheet laid sideways)', () => {
    const g = page();
    band(g, PATCH_PATTERNS.T);
    expect(findPatchCodes(transpose(g))).toEqual([{ code: 'T', edge: 'left' }]);
  });

  it('follows a skewed sheet (3°), where the bars drift across many rows', () => {
    const g = page();
    const slope = Math.tan((3 * Math.PI) / 180);
    let off = 60;
    for (const b of PATCH_PATTERNS.T) {
      const h = b === '1' ? 20 : 8;
      for (let x = 100; x < 700; x++) rect(g, x, Math.round(off + (x - 100) * slope), 1, h);
      off += h + 8;
    }
    expect(findPatchCodes(g)).toEqual([{ code: 'T', edge: 'top' }]);
  });

  it('tolerates toner spread and a little noise', () => {
    const g = page();
    band(g, PATCH_PATTERNS.T, { narrow: 10, wide: 22 });
    for (let i = 0; i < 4000; i++) g.data[(i * 7919) % g.data.length] = 0;
    expect(findPatchCodes(g).map((p) => p.code)).toEqual(['T']);
  });

  it('does not read bars that are too short, wrong widths, or part of a longer stripe pattern', () => {
    const short = page();
    band(short, PATCH_PATTERNS.T, { length: 100 });
    expect(findPatchCodes(short)).toEqual([]);
    const thick = page();
    band(thick, PATCH_PATTERNS.T, { narrow: 20, wide: 50 });
    expect(findPatchCodes(thick)).toEqual([]);
    const stripes = page();
    band(stripes, '010101');
    expect(findPatchCodes(stripes)).toEqual([]);
    const rules = page();
    for (let i = 0; i < 30; i++) rect(rules, 80, 100 + i * 30, 650, 2); // table rules of a form
    expect(findPatchCodes(rules)).toEqual([]);
    expect(findPatchCodes(page())).toEqual([]);
  });
});
