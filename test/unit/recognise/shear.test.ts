// Two-shear rotation against geometry and against libvips' full rotation.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_SHEAR_DEGREES, rotateByShear } from '../../../src/recognise/shear';

function blank(width: number, height: number, channels = 1): Uint8Array {
  return new Uint8Array(width * height * channels).fill(255);
}

/** Rows (y) where column x is darkest. */
function darkestRow(img: { data: Uint8Array; width: number; height: number }, x: number): number {
  let best = 0;
  for (let y = 1; y < img.height; y++) if (img.data[y * img.width + x]! < img.data[best * img.width + x]!) best = y;
  return best;
}

describe('rotateByShear', () => {
  it('leaves the image as it is at 0°', () => {
    const data = blank(50, 40);
    data[20 * 50 + 25] = 0;
    const r = rotateByShear({ data, width: 50, height: 40, channels: 1 }, 0);
    expect(Buffer.from(r.data).equals(Buffer.from(data))).toBe(true);
  });

  it('turns a horizontal line clockwise: its right end goes down by width · tan θ', () => {
    const [w, h] = [800, 400];
    const data = blank(w, h);
    for (let x = 100; x < 700; x++) for (let t = 0; t < 3; t++) data[(199 + t) * w + x] = 0;
    const r = rotateByShear({ data, width: w, height: h, channels: 1 }, 2);
    const drop = darkestRow(r, 650) - darkestRow(r, 150);
    expect(drop).toBeGreaterThanOrEqual(Math.floor(500 * Math.tan((2 * Math.PI) / 180)) - 1);
    expect(drop).toBeLessThanOrEqual(Math.ceil(500 * Math.tan((2 * Math.PI) / 180)) + 1);
    // Counter-clockwise the other way round.
    const back = rotateByShear({ data, width: w, height: h, channels: 1 }, -2);
    expect(darkestRow(back, 650) - darkestRow(back, 150)).toBe(-drop);
  });

  it('puts the ink where libvips does when it rotates a text page by 3° (compared in 4 × 4 blocks), gray and colour', async () => {
    const [w, h] = [600, 400];
    const gray = blank(w, h);
    for (let y = 40; y < h - 40; y += 18)
      for (let x = 40; x < w - 40; x++) if ((x * 13 + y) % 17 < 8) for (let t = 0; t < 6; t++) gray[(y + t) * w + x] = 20;
    for (const channels of [1, 3] as const) {
      const data = channels === 1 ? gray : Uint8Array.from(Array.from(gray).flatMap((v) => [v, v, v]));
      const mine = rotateByShear({ data, width: w, height: h, channels }, 3);
      const turned = await sharp(Buffer.from(data), { raw: { width: w, height: h, channels } })
        .rotate(3, { background: '#ffffff' })
        .raw()
        .toBuffer({ resolveWithObject: true });
      const left = Math.round((turned.info.width - w) / 2);
      const top = Math.round((turned.info.height - h) / 2);
      // Two resamplers differ by fractions of a pixel at every stroke edge; what must agree is where the ink is.
      const block = (get: (x: number, y: number) => number, bx: number, by: number) => {
        let s = 0;
        for (let y = by; y < by + 4; y++) for (let x = bx; x < bx + 4; x++) s += get(x, y);
        return s / 16;
      };
      let diff = 0;
      let n = 0;
      for (let by = 60; by < h - 64; by += 4)
        for (let bx = 60; bx < w - 64; bx += 4) {
          const a = block((x, y) => mine.data[(y * w + x) * channels]!, bx, by);
          const b = block((x, y) => turned.data[((y + top) * turned.info.width + x + left) * turned.info.channels]!, bx, by);
          diff += Math.abs(a - b);
          n++;
        }
      expect(diff / n).toBeLessThan(10);
      // And it is a rotation at all: against the unrotated page the difference is far larger.
      let still = 0;
      for (let by = 60; by < h - 64; by += 4)
        for (let bx = 60; bx < w - 64; bx += 4) {
          still += Math.abs(
            block((x, y) => data[(y * w + x) * channels]!, bx, by) -
              block((x, y) => turned.data[((y + top) * turned.info.width + x + left) * turned.info.channels]!, bx, by),
          );
        }
      expect(still / n).toBeGreaterThan(3 * (diff / n));
    }
  });

  it(`refuses angles above ${MAX_SHEAR_DEGREES}° (those get a full rotation)`, () => {
    expect(() => rotateByShear({ data: blank(10, 10), width: 10, height: 10, channels: 1 }, MAX_SHEAR_DEGREES + 1)).toThrow(RangeError);
  });
});
