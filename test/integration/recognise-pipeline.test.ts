// processPage / processFile end to end: real sharp, real pdf.js, real tesseract.js.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeInput } from '../../src/recognise/decode';
import { OcrPool } from '../../src/recognise/ocr-pool';
import { processFile, processPage, type ProcessedPage } from '../../src/recognise/page-pipeline';
import type { RasterPage } from '../../src/recognise/types';
import { cer } from '../support/cer';
import { bornDigitalPdf, toG4Tiff, toMultiPageTiff } from '../unit/recognise/support/files';
import { renderBlankScan, renderTextPage, rotatePage, type TestPage } from '../unit/recognise/support/pages';

// A crop of the letter (12 text lines) keeps OCR near a second per page.
const LINES = [
  'Betreft: aanvraag omgevingsvergunning voor het plaatsen van een dakkapel',
  'Ons kenmerk: Z-2024-000183 Datum: 14 maart 2024',
  '',
  'Op 2 februari jl. ontvingen wij uw aanvraag voor een omgevingsvergunning',
  'voor het plaatsen van een dakkapel aan de achterzijde van de woning aan de',
  'Kerkstraat 17 te Zuidervaart. Wij hebben uw aanvraag getoetst aan het',
  'bestemmingsplan en aan de redelijke eisen van welstand. Daarbij is gebleken',
  'dat de dakkapel voldoet aan de voorwaarden die in het plan zijn opgenomen.',
  '',
  'Voor de behandeling van uw aanvraag zijn leges verschuldigd. Het bedrag van',
  'EUR 412,50 wordt u binnenkort in rekening gebracht.',
];

const pool = new OcrPool({ size: 2 });
let page: TestPage;
let uprightCer = 1;
const asRaster = (image: Buffer, t: { width: number; height: number }, colour: RasterPage['colour'] = 'gray', dpi = 300): RasterPage => ({
  index: 0,
  image,
  width: t.width,
  height: t.height,
  dpi,
  colour,
});

beforeAll(async () => {
  page = await renderTextPage({ lines: LINES, heightMm: 120, topMm: 20 });
  await pool.start();
});
afterAll(() => pool.close());

describe('processPage', () => {
  it('an upright page: recognised, no rotation, no flags', async () => {
    const r = await processPage(asRaster(page.png, page), pool);
    expect(r).toMatchObject({ rotation: 0, blank: false, textSource: 'ocr', qcFlags: [], width: page.width, height: page.height });
    expect(Math.abs(r.skewDegrees)).toBeLessThan(0.1);
    uprightCer = cer(page.text, r.ocr!.text);
    expect(uprightCer).toBeLessThan(0.01);
    expect(Object.keys(r.timings).sort()).toEqual(['analyse', 'ocr', 'straighten', 'total']);
  });

  for (const rot of [90, 180, 270] as const) {
    it(`a page turned ${rot}°: detected, turned back, CER close to the upright page`, async () => {
      const turned = await rotatePage(page.png, rot);
      const dims = rot === 180 ? page : { width: page.height, height: page.width };
      const r = await processPage(asRaster(turned, dims), pool);
      expect(r.rotation).toBe(rot);
      expect([r.width, r.height]).toEqual([page.width, page.height]);
      expect(cer(page.text, r.ocr!.text)).toBeLessThanOrEqual(uprightCer + 0.01);
      expect(r.qcFlags).not.toContain('orientation-uncertain');
    });
  }

  it('a page skewed by 3°: skew measured, corrected, flagged strong-skew, text intact', async () => {
    const r = await processPage(asRaster(await rotatePage(page.png, 3), page), pool);
    expect(Math.abs(r.skewDegrees - 3)).toBeLessThan(0.3);
    expect(r.qcFlags).toContain('strong-skew');
    expect(Math.abs(await (await import('../../src/recognise/imageops-skew')).measureSkew(r.image))).toBeLessThan(0.15);
    expect(cer(page.text, r.ocr!.text)).toBeLessThanOrEqual(uprightCer + 0.01);
  });

  it("a blank scan: blank, not OCR'd, flagged", async () => {
    const before = pool.stats().completed;
    const blank = await renderBlankScan(5);
    const r = await processPage(asRaster(blank, { width: 2480, height: 3508 }), pool);
    expect(r).toMatchObject({ blank: true, ocr: null, textSource: 'none', rotation: 0 });
    expect(r.qcFlags).toContain('blank');
    expect(pool.stats().completed).toBe(before);
  });

  it('a 200-ppi 1-bit fax page: flagged low-resolution, still recognised, stays bilevel', async () => {
    const [fax] = await decodeInput(await toG4Tiff(page.png, 200, Math.round((page.width * 2) / 3)), 'fax.tif');
    // Upscaling for OCR is off by default (it did not lower the CER); on here to check the box mapping.
    const r = await processPage(fax!, pool, { upscaleLowResBilevel: true });
    expect(r.qcFlags).toContain('low-resolution');
    expect(r.colour).toBe('bilevel');
    expect(r.textSource).toBe('ocr');
    expect(cer(page.text, r.ocr!.text)).toBeLessThan(0.05);
    // Boxes are in the fax page's own pixels, even though OCR ran on an upscaled copy.
    expect(r.ocr!.width).toBe(fax!.width);
    for (const w of r.ocr!.words) expect(w.bbox.x1).toBeLessThanOrEqual(fax!.width);
  });

  it('a dark, faded scan gets too-dark / too-light', async () => {
    const dark = await sharp(page.png).linear(0.35, 0).png().toBuffer();
    const faded = await sharp(page.png).linear(0.3, 178).png().toBuffer();
    const a = await processPage(asRaster(dark, page), pool, { skipBlankOcr: true });
    const b = await processPage(asRaster(faded, page), pool);
    expect(a.qcFlags).toContain('too-dark');
    expect(b.qcFlags).toContain('too-light');
  });

  it('a born-digital PDF page keeps its text layer and skips OCR', async () => {
    const before = pool.stats().completed;
    const [p] = await decodeInput(await bornDigitalPdf(['Geachte mevrouw De Vries,', 'Hierbij ontvangt u de beschikking.']), 'b.pdf');
    const r = await processPage(p!, pool);
    expect(r.textSource).toBe('pdf-text');
    expect(r.ocr!.text).toBe('Geachte mevrouw De Vries,\nHierbij ontvangt u de beschikking.');
    expect(pool.stats().completed).toBe(before);
  });
});

describe('processFile', () => {
  it('a two-page TIFF (upright + upside down): pages in order, progress reported, both readable', async () => {
    const tif = await toMultiPageTiff([page.png, await rotatePage(page.png, 180)]);
    const events: string[] = [];
    const pages: ProcessedPage[] = await processFile(tif, 'stapel.tif', pool, {
      onProgress: (e) => events.push(`${e.page}/${e.pages}:${e.stage}`),
    });
    expect(pages.map((p) => [p.index, p.rotation])).toEqual([
      [0, 0],
      [1, 180],
    ]);
    for (const p of pages) expect(cer(page.text, p.ocr!.text)).toBeLessThanOrEqual(uprightCer + 0.01);
    expect(events).toContain('1/2:done');
    expect(events).toContain('2/2:done');
    expect(events.indexOf('1/2:decoded')).toBeLessThan(events.indexOf('1/2:done'));
  });

  it('refuses bad input with the decode error code', async () => {
    await expect(processFile(Buffer.from('geen afbeelding'), 'x.png', pool)).rejects.toMatchObject({ code: 'input-unsupported' });
  });
});
