import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodeG4, encodeG4Packed } from '../../../src/pdf/ccitt-g4';
import { g4Tiff } from './tiff';

/** Decode with libtiff (via sharp): an independent G4 decoder. */
async function decode(g4: Uint8Array, width: number, height: number): Promise<Buffer> {
  return sharp(g4Tiff(g4, width, height))
    .toColourspace('b-w')
    .raw()
    .toBuffer();
}

function countDiff(a: Uint8Array, b: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i]! < 128 !== b[i]! < 128) n++;
  return n;
}

function lcg(seed: number) {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

describe('encodeG4', () => {
  const cases: [string, number, number, (x: number, y: number, r: () => number) => boolean][] = [
    ['single white pixel', 1, 1, () => false],
    ['single black pixel', 1, 1, () => true],
    ['all white A4 at 300 ppi', 2480, 3508, () => false],
    ['all black', 300, 20, () => true],
    ['alternating pixels (worst case)', 257, 9, (x, y) => (x + y) % 2 === 0],
    ['random noise 50 %', 1000, 30, (_x, _y, r) => r() < 0.5],
    ['sparse specks', 2480, 40, (_x, _y, r) => r() < 0.001],
    ['dense with white specks', 5000, 3, (_x, _y, r) => r() < 0.999],
    ['runs longer than 2623 (extended make-up codes)', 6000, 4, (x, y) => (y % 2 === 0 ? x < 5300 : x > 30)],
    ['one column', 1, 64, (_x, y) => y % 3 === 0],
    ['vertical stripes shifting by 1–4 px (V and pass modes)', 400, 50, (x, y) => Math.floor((x + (y % 5)) / 7) % 2 === 0],
  ];
  for (const [name, width, height, black] of cases) {
    it(`round-trips through libtiff: ${name}`, async () => {
      const r = lcg(width * 31 + height);
      const px = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) px[y * width + x] = black(x, y, r) ? 0 : 255;
      const g4 = encodeG4(px, width, height);
      const back = await decode(g4, width, height);
      expect(back.length).toBe(width * height);
      expect(countDiff(back, px)).toBe(0);
    });
  }

  it('gives the same stream from packed 1-bit rows as from a byte per pixel', () => {
    for (const [width, height] of [
      [1, 1],
      [13, 7],
      [64, 9],
      [1001, 20],
    ] as const) {
      const r = lcg(width + height);
      const px = new Uint8Array(width * height);
      for (let i = 0; i < px.length; i++) px[i] = r() < 0.3 ? 0 : 255;
      const stride = Math.ceil(width / 8) + 1; // with row padding, as some writers add
      const rows = new Uint8Array(stride * height).fill(0xa5);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const bit = px[y * width + x] === 0 ? 0 : 1;
          const at = y * stride + (x >> 3);
          rows[at] = (rows[at]! & ~(0x80 >> (x & 7))) | (bit << (7 - (x & 7)));
        }
      }
      expect(
        Buffer.from(encodeG4Packed(rows, width, height, stride)).equals(Buffer.from(encodeG4(px, width, height))),
        `${width}×${height}`,
      ).toBe(true);
    }
  });

  it('compresses a blank page to almost nothing and ends with EOFB', () => {
    const g4 = encodeG4(new Uint8Array(2480 * 3508).fill(255), 2480, 3508);
    // One V0 code (1 bit) per row plus EOFB.
    expect(g4.length).toBeLessThan(3508 / 8 + 5);
    const tail = Buffer.from(g4.subarray(-4)).readUInt32BE(0);
    // The 24-bit EOFB (two 12-bit EOLs: 0…01 0…01) sits right before the final padding.
    const bits = tail.toString(2).padStart(32, '0');
    expect(bits).toMatch(/000000000001000000000001(0*)$/);
  });

  it('rejects a buffer smaller than the image', () => {
    expect(() => encodeG4(new Uint8Array(10), 4, 4)).toThrow(RangeError);
    expect(() => encodeG4(new Uint8Array(10), 0, 4)).toThrow(RangeError);
  });
});
