// The PDF page image made from decoded pixels (while the page is in OCR) must be the one made from the stored PNG.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePageImage, encodePageImageFromPixels } from '../../../src/pdf/page-image';

async function page(width: number, height: number): Promise<{ png: Buffer; gray: Buffer }> {
  // Text-like strokes on white, deterministic.
  const gray = Buffer.alloc(width * height, 255);
  for (let y = 20; y < height - 20; y += 14) for (let x = 30; x < width - 30; x++) if ((x * 7 + y) % 11 < 6) gray[y * width + x] = 0;
  const png = await sharp(gray, { raw: { width, height, channels: 1 } })
    .toColourspace('b-w')
    .png()
    .toBuffer();
  return { png, gray };
}

describe('encodePageImageFromPixels', () => {
  it('gives the same CCITT G4 bytes as encoding the bilevel PNG', async () => {
    const { png, gray } = await page(640, 480);
    const fromPng = await encodePageImage(png, 'bilevel', 'lossless', 75);
    const fromPixels = await encodePageImageFromPixels({ data: gray, width: 640, height: 480, channels: 1 }, 'bilevel', 'lossless', 75);
    expect(fromPixels).not.toBeNull();
    expect(fromPixels!.filter).toBe('CCITTFaxDecode');
    expect(Buffer.from(fromPixels!.data).equals(Buffer.from(fromPng.data))).toBe(true);
    expect(fromPixels!.decodeParms).toEqual(fromPng.decodeParms);
  });

  it('gives the same JPEG as encoding the gray PNG in standard mode, still one channel', async () => {
    const { png, gray } = await page(320, 240);
    const fromPng = await encodePageImage(png, 'gray', 'standard', 75);
    const fromPixels = await encodePageImageFromPixels({ data: gray, width: 320, height: 240, channels: 1 }, 'gray', 'standard', 75);
    expect(fromPixels).toMatchObject({ filter: 'DCTDecode', colorSpace: 'DeviceGray', width: 320, height: 240 });
    expect(Buffer.from(fromPixels!.data).equals(Buffer.from(fromPng.data))).toBe(true);
  });

  it('leaves lossless gray to the PNG (its IDAT goes into the PDF as it is)', async () => {
    const { gray } = await page(64, 64);
    expect(await encodePageImageFromPixels({ data: gray, width: 64, height: 64, channels: 1 }, 'gray', 'lossless', 75)).toBeNull();
  });
});
