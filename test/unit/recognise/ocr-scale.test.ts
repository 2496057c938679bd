// The OCR copy's scale: measured x-height of the text lines → how far a page can be reduced before Tesseract
// reads it (pure rule + the measurement on rendered pages), and the neutral-colour rule.
import { describe, expect, it } from 'vitest';
import { analysePage, FAX_OCR_BLUR, MIN_OCR_DPI, OCR_TARGET_XHEIGHT, ocrScale } from '../../../src/recognise/page-pipeline';
import { ocrCopyOf } from '../../../src/recognise/imageops';
import { CONTENT_EDGE_MM, CONTENT_PAD_MM, contentRegion } from '../../../src/recognise/imageops-measure';
import { flattenBlocks } from '../../../src/recognise/ocr-blocks';
import { isNeutral, neutralRows } from '../../../src/recognise/neutral';
import { renderTextPage } from './support/pages';

describe('x-height of the text lines', () => {
  // DejaVu Serif: x-height ≈ 0.52 em, so 11 pt at 300 ppi ≈ 24 px and 16 pt ≈ 35 px.
  for (const [pt, dpi] of [
    [11, 300],
    [16, 300],
    [11, 200],
  ] as const) {
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
    for (const [x, y] of [
      [0, 0],
      [49, 38],
      [17, 20],
      [33, 7],
    ] as const) {
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

describe('the part of the page Tesseract reads', () => {
  // A 100-ppi copy of an A4 page (≈ 3.94 px/mm): paper 240, a text block in the middle, a faint footer low down.
  const pxPerMm = 100 / 25.4;
  const W = 827;
  const H = 1169;
  const page = () => new Uint8Array(W * H).fill(240);
  const paint = (img: Uint8Array, x0: number, y0: number, x1: number, y1: number, v: number) => {
    for (let y = y0; y < y1; y++) img.fill(v, y * W + x0, y * W + x1);
  };
  const mm = (v: number) => v * pxPerMm;

  it('covers the text and a faint footer, with room around them, in the pixels of the full page', () => {
    const img = page();
    paint(img, 200, 300, 600, 700, 20); // body
    paint(img, 300, 1100, 500, 1110, 205); // footer 35 levels under the paper
    const r = contentRegion({ data: img, width: W, height: H, pxPerMm }, 3, { width: W * 3, height: H * 3 })!;
    expect(r).not.toBeNull();
    expect(r.left).toBeLessThanOrEqual((200 - mm(CONTENT_PAD_MM)) * 3 + 1);
    expect(r.top).toBeLessThanOrEqual((300 - mm(CONTENT_PAD_MM)) * 3 + 1);
    expect(r.left + r.width).toBeGreaterThanOrEqual((600 + mm(CONTENT_PAD_MM)) * 3 - 1);
    expect(r.top + r.height).toBeGreaterThanOrEqual(1110 * 3); // the footer is in
    expect(r.top + r.height).toBeLessThanOrEqual(H * 3);
  });

  it(`ignores what lies within ${CONTENT_EDGE_MM} mm of the edge (scanner edges), not what lies just inside it`, () => {
    const img = page();
    paint(img, 200, 300, 600, 700, 20);
    paint(img, 0, 0, W, 5, 0); // a black scanner edge along the top, 1.3 mm
    paint(img, W - 6, 0, W, H, 0); // and along the right
    const r = contentRegion({ data: img, width: W, height: H, pxPerMm }, 1, { width: W, height: H })!;
    expect(r.top).toBeGreaterThan(250);
    expect(r.left + r.width).toBeLessThan(W - 150);
    paint(img, 100, Math.ceil(mm(CONTENT_EDGE_MM)) + 1, 120, Math.ceil(mm(CONTENT_EDGE_MM)) + 8, 20); // a mark just inside
    expect(contentRegion({ data: img, width: W, height: H, pxPerMm }, 1, { width: W, height: H })!.top).toBe(0);
  });

  it('is nothing for an empty page or one filled to its edges (the whole page is read)', () => {
    expect(contentRegion({ data: page(), width: W, height: H, pxPerMm }, 1, { width: W, height: H })).toBeNull();
    const full = page();
    paint(full, 20, 20, W - 20, H - 20, 30);
    expect(contentRegion({ data: full, width: W, height: H, pxPerMm }, 1, { width: W, height: H })).toBeNull();
  });

  it('maps word boxes from the cut-out copy back onto the page', () => {
    const blocks = [
      {
        paragraphs: [
          {
            lines: [
              {
                text: 'Geachte',
                confidence: 95,
                bbox: { x0: 10, y0: 20, x1: 110, y1: 40 },
                words: [{ text: 'Geachte', confidence: 95, bbox: { x0: 10, y0: 20, x1: 110, y1: 40 } }],
              },
            ],
          },
        ],
      },
    ];
    const { words, lines } = flattenBlocks(blocks, 1.5, { x: 300, y: 450 });
    expect(words[0]!.bbox).toEqual({ x0: 315, y0: 480, x1: 465, y1: 510 });
    expect(lines[0]!.bbox).toEqual(words[0]!.bbox);
    expect(flattenBlocks(blocks).words[0]!.bbox).toEqual({ x0: 10, y0: 20, x1: 110, y1: 40 });
  });

  it('is what the OCR copy is made of', async () => {
    const w = 60;
    const h = 40;
    const px = Buffer.from(new Uint8Array(w * h).map((_, i) => (i % w) + Math.floor(i / w)));
    const c = await ocrCopyOf({ data: px, width: w, height: h, channels: 1 }, 1, 0, { left: 10, top: 5, width: 30, height: 20 });
    expect(c).toMatchObject({ width: 30, height: 20 });
    const body = c.image.subarray(c.image.indexOf('\n255\n') + 5);
    expect(body[0]).toBe(10 + 5);
    expect(body[29 + 19 * 30]).toBe(39 + 24);
  });
});
