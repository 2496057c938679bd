// Skew, blank detection, straightening and orientation on generated pages (sharp only, no OCR).
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { analysisCopy, straighten } from '../../../src/recognise/imageops';
import { exposure, isBlank } from '../../../src/recognise/imageops-measure';
import { measureSkew } from '../../../src/recognise/imageops-skew';
import { detectOrientation } from '../../../src/recognise/orientation';
import type { RasterPage } from '../../../src/recognise/types';
import { toG4Tiff } from './support/files';
import { addNoise, renderBlankScan, renderTextPage, rotatePage, type TestPage } from './support/pages';

let letter: TestPage;
beforeAll(async () => {
  letter = await renderTextPage();
});

const raster = (image: Buffer, t: TestPage, colour: RasterPage['colour'] = 'gray'): RasterPage => ({
  index: 0,
  image,
  width: t.width,
  height: t.height,
  dpi: t.dpi,
  colour,
});

describe('measureSkew', () => {
  for (const deg of [3, -3, 0.7, -11]) {
    it(`measures ${deg}° within 0.3°`, async () => {
      expect(Math.abs((await measureSkew(await rotatePage(letter.png, deg))) - deg)).toBeLessThan(0.3);
    });
  }

  it('measures an upright page as 0', async () => {
    expect(Math.abs(await measureSkew(letter.png))).toBeLessThan(0.1);
  });

  it('measures a noisy 200-ppi bilevel page', async () => {
    const png = await sharp(await toG4Tiff(await addNoise(await rotatePage(letter.png, -3), 5, 60), 200, 1654))
      .png()
      .toBuffer();
    expect(Math.abs((await measureSkew(png, 200)) + 3)).toBeLessThan(0.3);
  });
});

describe('straighten', () => {
  it('removes a 3° skew; the page keeps its size and stays gray', async () => {
    const skewed = raster(await rotatePage(letter.png, 3), letter);
    const out = await straighten(skewed, 0, 3);
    expect([out.width, out.height]).toEqual([letter.width, letter.height]);
    expect((await sharp(out.image).metadata()).channels).toBe(1);
    expect(Math.abs(await measureSkew(out.image))).toBeLessThan(0.15);
    // White fill: the corners that rotated in are paper, not black.
    // (stats() ignores the pipeline in sharp, so the crop is materialised first)
    const corner = await sharp(await sharp(out.image).extract({ left: 0, top: 0, width: 40, height: 40 }).png().toBuffer()).stats();
    expect(corner.channels[0]!.min).toBeGreaterThan(200);
  });

  it('keeps a bilevel page bilevel after rotate + deskew (thresholded again)', async () => {
    const g4 = await sharp(await toG4Tiff(await rotatePage(await rotatePage(letter.png, 90), -2), 300))
      .png()
      .toBuffer();
    const page: RasterPage = { index: 0, image: g4, width: letter.height, height: letter.width, dpi: 300, colour: 'bilevel' };
    const out = await straighten(page, 90, -2);
    expect([out.width, out.height]).toEqual([letter.width, letter.height]);
    const { data } = await sharp(out.image).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
    expect(data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(Math.abs(await measureSkew(out.image))).toBeLessThan(0.2);
  });

  it('turns a page by quarter turns without resampling loss', async () => {
    const turned = raster(await rotatePage(letter.png, 180), letter);
    const out = await straighten(turned, 180, 0);
    const a = await sharp(out.image).toColourspace('b-w').raw().toBuffer();
    const b = await sharp(letter.png).toColourspace('b-w').raw().toBuffer();
    expect(Buffer.compare(a, b)).toBe(0);
  });
});

describe('isBlank', () => {
  it('a blank scan with noise, dust, punch holes, an edge shadow and show-through is blank', async () => {
    const scan = await renderBlankScan(11);
    expect(await isBlank(scan)).toBe(true);
  });

  it('a page with one short line is not blank', async () => {
    const one = await renderTextPage({ lines: ['Zie ommezijde.'], topMm: 140 });
    expect(await isBlank(await addNoise(one.png, 3, 30))).toBe(false);
  });

  it('a letter is not blank, and the exposure of clean paper is light with dark ink', async () => {
    expect(await isBlank(letter.png)).toBe(false);
    const e = exposure(await analysisCopy(letter.png));
    expect(e.meanLuminance).toBeGreaterThan(220);
    expect(e.inkLuminance).toBeLessThan(100);
  });
});

describe('detectOrientation (ink profile + ascender/descender balance)', () => {
  for (const rot of [0, 90, 180, 270] as const) {
    it(`finds a page turned ${rot}° counter-clockwise, skewed 1.5° on top`, async () => {
      const png = await rotatePage(await rotatePage(letter.png, rot), 1.5);
      const r = await detectOrientation(png);
      expect(r.rotation).toBe(rot);
      expect(Math.abs(r.skewDegrees - 1.5)).toBeLessThan(0.3);
      expect(r.confidence).toBeGreaterThan(0.5);
    });
  }

  it('finds an upside-down 200-ppi fax page', async () => {
    const png = await sharp(await toG4Tiff(await rotatePage(letter.png, 180), 200, 1654))
      .png()
      .toBuffer();
    expect((await detectOrientation(png)).rotation).toBe(180);
  });
});
