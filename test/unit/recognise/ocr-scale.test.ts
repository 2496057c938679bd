// The OCR copy's scale: measured x-height of the text lines → how far a page can be reduced before Tesseract
// reads it (pure rule + the measurement on rendered pages), and the neutral-colour rule.
import { describe, expect, it } from 'vitest';
import { analysePage, FAX_OCR_BLUR, MIN_OCR_DPI, OCR_TARGET_XHEIGHT, ocrScale } from '../../../src/recognise/page-pipeline';
import { ocrCopyOf } from '../../../src/recognise/imageops';
import { isNeutral, neutralRows } from '../../../src/recognise/neutral';
import { renderTextPage } from './support/pages';

describe('x-height of the text lines', () => {
  // DejaVu Serif: x-height ≈ 0.52 em, so 11 pt at 300 ppi ≈ 24 px and 16 pt ≈ 35 px.
  for (const [pt, dpi] of [[11, 300], [16, 300], [11, 200]] as const) {
    it(`is measured within 15 % for ${pt} pt at ${dpi} ppi`, async () => {
      const page = await renderTextPage({ fontSizePt: pt, dpi });
      const a = await analysePage({ index: 0, image: page.png, width: page.width, height: page.height, dpi, colour: 'gray' });
      const expected = ((pt * 0.52) / 72) * dpi;
      expect(a.xHeightPx).not.toBeNull();
      expect(Math.abs(a.xHeightPx! - expected) / expected).toBeLessThan(0.15);
    });
  }
});

describe('ocrScale', () => {
  it('reduces a page so its x-height comes down to the target', () => {
    expect(ocrScale(32, 300)).toBeCloseTo(OCR_TARGET_XHEIGHT / 32, 5);
  });
  it('never enlarges, and leaves pages that are nearly at the target alone', () => {
    expect(ocrScale(12, 300)).toBe(1);
    expect(ocrScale(OCR_TARGET_XHEIGHT * 1.05, 300)).toBe(1);
  });
  it(`never goes below ${MIN_OCR_DPI} ppi (large print)`, () => {
    expect(ocrScale(80, 300)).toBeCloseTo(MIN_OCR_DPI / 300, 5);
  });
  it('keeps the page as it is when nothing was measured', () => {
    expect(ocrScale(null, 300)).toBe(1);
    expect(ocrScale(25, 0)).toBe(1);
  });
});

describe('neutral colour', () => {
  const rgb = (...px: number[]) => Uint8Array.from(px);
  it('takes anti-aliased black on white as neutral', () => {
    expect(isNeutral(rgb(255, 255, 255, 0, 0, 0, 120, 126, 118), 3)).toBe(true);
    expect(isNeutral(rgb(120, 132, 126), 3)).toBe(true);
    expect(isNeutral(rgb(120, 133, 126), 3)).toBe(false);
  });
  it('one coloured pixel keeps the image in colour', () => {
    expect(isNeutral(rgb(255, 255, 255, 200, 30, 40, 0, 0, 0), 3)).toBe(false);
  });
  it('on a page, looks at every pixel of every other row: a 2-px-tall mark is found, wherever it is', () => {
    const w = 50;
    const h = 40;
    for (const [x, y] of [[0, 0], [49, 38], [17, 20], [33, 7]] as const) {
      const px = new Uint8Array(w * h * 3).fill(250);
      for (const yy of [y, y + 1]) px.set([200, 30, 40], (yy * w + x) * 3);
      expect(neutralRows(px, w, h, 3)).toBe(false);
    }
    expect(neutralRows(new Uint8Array(w * h * 3).fill(250), w, h, 3)).toBe(true);
  });
  it('skips the alpha channel of RGBA', () => {
    expect(isNeutral(rgb(10, 12, 11, 0, 250, 251, 250, 255), 4)).toBe(true);
  });
});

describe('the OCR copy', () => {
  // A 1-bit stroke pattern: black bars 3 px wide on white.
  const w = 60;
  const h = 40;
  const bilevel = Buffer.from(new Uint8Array(w * h).map((_, i) => ((i % w) % 10 < 3 ? 0 : 255)));
  const pgmPixels = (img: Buffer) => img.subarray(img.indexOf('\n255\n') + 5);

  it('is the page itself, as a PGM, when nothing is to be done', async () => {
    const c = await ocrCopyOf({ data: bilevel, width: w, height: h, channels: 1 }, 1);
    expect(c).toMatchObject({ width: w, height: h });
    expect(c.image.subarray(0, 2).toString('latin1')).toBe('P5');
    expect(Buffer.compare(pgmPixels(c.image), Buffer.from(bilevel))).toBe(0);
  });

  it('smooths a fax page for Tesseract (gray edges, same size); the page itself is left as it was', async () => {
    const before = Buffer.from(bilevel);
    const c = await ocrCopyOf({ data: bilevel, width: w, height: h, channels: 1 }, 1, FAX_OCR_BLUR);
    expect(c).toMatchObject({ width: w, height: h });
    const px = pgmPixels(c.image);
    expect(px.length).toBe(w * h);
    expect(px.some((v) => v > 20 && v < 235)).toBe(true);
    expect(px[w * 20 + 1]).toBeLessThan(128); // the middle of a bar stays dark
    expect(px[w * 20 + 7]).toBeGreaterThan(128); // the gap stays light
    expect(Buffer.compare(Buffer.from(bilevel), before)).toBe(0);
  });
});
