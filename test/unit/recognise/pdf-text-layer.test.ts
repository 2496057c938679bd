// Word boxes of a born-digital page's text layer land on the rendered glyphs: a MediaBox with a non-zero origin, a
// CropBox inside it, a /Rotate page (text upright and text sideways), a font without metrics; and the bounds.
import { degrees, PDFDocument, StandardFonts, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeInput } from '../../../src/recognise/decode';
import { multiply, textLayerOf, usableTextLayer, type TextRun } from '../../../src/recognise/pdf-text-layer';
import type { Box, RasterPage } from '../../../src/recognise/types';

const PX = 300 / 72;

async function pdfOf(draw: (page: PDFPage, doc: PDFDocument) => Promise<void>): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  await draw(page, doc);
  return doc.save();
}

async function onlyPage(pdf: Uint8Array): Promise<RasterPage> {
  const pages = await decodeInput(pdf, 'brief.pdf');
  expect(pages).toHaveLength(1);
  return pages[0]!;
}

/** Darkest and mean gray inside `b` (clipped to the page). */
async function inkIn(page: RasterPage, b: Box): Promise<{ min: number; mean: number }> {
  const x0 = Math.max(0, b.x0);
  const y0 = Math.max(0, b.y0);
  const x1 = Math.min(page.width, b.x1);
  const y1 = Math.min(page.height, b.y1);
  const crop = await sharp(page.image)
    .extract({ left: x0, top: y0, width: x1 - x0, height: y1 - y0 })
    .greyscale()
    .png()
    .toBuffer();
  const s = (await sharp(crop).stats()).channels[0]!;
  return { min: s.min, mean: s.mean };
}

/** Every word box covers ink, and all ink of the page lies within the word boxes (grown by a few pixels). */
async function boxesMatchInk(page: RasterPage): Promise<void> {
  const layer = page.textLayer!;
  for (const w of layer.words) expect((await inkIn(page, w.bbox)).min, w.text).toBeLessThan(80);
  const { data, info } = await sharp(page.image).greyscale().raw().toBuffer({ resolveWithObject: true });
  const grow = 6;
  let outside = 0;
  for (let y = 0; y < info.height; y += 2) {
    for (let x = 0; x < info.width; x += 2) {
      if (data[y * info.width + x]! >= 128) continue;
      if (!layer.words.some((w) => x >= w.bbox.x0 - grow && x < w.bbox.x1 + grow && y >= w.bbox.y0 - grow && y < w.bbox.y1 + grow))
        outside++;
    }
  }
  expect(outside).toBe(0);
}

describe('text layer positions (pdf.js runs → page pixels)', () => {
  it('a MediaBox whose origin is not 0,0: boxes measured from the box, not from the user-space origin', async () => {
    const page = await onlyPage(
      await pdfOf(async (p, doc) => {
        p.setMediaBox(100, 200, 595.28, 841.89);
        const font = await doc.embedFont(StandardFonts.Helvetica);
        // 72 pt from the left edge, the baseline 81.89 pt below the top edge.
        p.drawText('Gemeente Utrecht', { x: 172, y: 960, size: 12, font });
      }),
    );
    expect(page).toMatchObject({ width: 2480, height: 3508 });
    const [w] = page.textLayer!.words;
    expect(w!.text).toBe('Gemeente');
    expect(Math.abs(w!.bbox.x0 - 72 * PX)).toBeLessThanOrEqual(2);
    expect(w!.bbox.y0).toBeLessThan(81.89 * PX - 8 * PX);
    expect(w!.bbox.y1).toBeGreaterThan(81.89 * PX);
    await boxesMatchInk(page);
  });

  it('a CropBox inside the MediaBox: the page is the CropBox, boxes measured from its corner', async () => {
    const page = await onlyPage(
      await pdfOf(async (p, doc) => {
        p.setCropBox(50, 100, 400, 500);
        const font = await doc.embedFont(StandardFonts.Helvetica);
        p.drawText('Postbus 16200', { x: 122, y: 520, size: 12, font });
        p.drawText('3500 CE Utrecht', { x: 122, y: 505, size: 12, font });
      }),
    );
    expect(page).toMatchObject({ width: Math.round(400 * PX), height: Math.round(500 * PX) });
    expect(page.textLayer!.lines.map((l) => l.text)).toEqual(['Postbus 16200', '3500 CE Utrecht']);
    const [w] = page.textLayer!.words;
    expect(Math.abs(w!.bbox.x0 - 72 * PX)).toBeLessThanOrEqual(2);
    expect(Math.abs(w!.bbox.y1 - 80 * PX)).toBeLessThanOrEqual(0.3 * 12 * PX); // baseline 600 − 520 = 80 pt, plus the descent
    await boxesMatchInk(page);
  });

  it('a /Rotate 90 page whose text is drawn turned, so that it reads upright: level lines, boxes on the glyphs', async () => {
    const page = await onlyPage(
      await pdfOf(async (p, doc) => {
        p.setRotation(degrees(90));
        const font = await doc.embedFont(StandardFonts.Helvetica);
        p.drawText('Uw kenmerk: 2026-0412', { x: 100, y: 80, size: 12, font, rotate: degrees(90) });
        p.drawText('Datum: 3 maart 2026', { x: 118, y: 80, size: 12, font, rotate: degrees(90) });
      }),
    );
    expect(page.width).toBeGreaterThan(page.height); // landscape as displayed
    const lines = page.textLayer!.lines;
    expect(lines.map((l) => l.text)).toEqual(['Uw kenmerk: 2026-0412', 'Datum: 3 maart 2026']);
    for (const l of lines) {
      expect(l.bbox.x1 - l.bbox.x0).toBeGreaterThan(5 * (l.bbox.y1 - l.bbox.y0)); // level, not standing
      const xs = l.words.map((w) => w.bbox.x0);
      expect(xs).toEqual([...xs].sort((a, b) => a - b));
    }
    expect(lines[0]!.bbox.y0).toBeLessThan(lines[1]!.bbox.y0); // the first line is on top
    await boxesMatchInk(page);
  });

  it('a /Rotate 90 page with text drawn level in user space (it shows standing): each run is its own line', async () => {
    const page = await onlyPage(
      await pdfOf(async (p, doc) => {
        p.setRotation(degrees(90));
        const font = await doc.embedFont(StandardFonts.Helvetica);
        p.drawText('Ontvangen 4 maart', { x: 300, y: 400, size: 12, font });
      }),
    );
    const { lines } = page.textLayer!;
    expect(lines).toHaveLength(1);
    expect(lines[0]!.bbox.y1 - lines[0]!.bbox.y0).toBeGreaterThan(3 * (lines[0]!.bbox.x1 - lines[0]!.bbox.x0));
    await boxesMatchInk(page);
  });

  it('a font pdf.js knows no ascent for (standard Times: NaN) still gets finite boxes on its glyphs', async () => {
    const page = await onlyPage(
      await pdfOf(async (p, doc) => {
        const font = await doc.embedFont(StandardFonts.TimesRoman);
        p.drawText('Chloë Mulder', { x: 70, y: 780, size: 10.5, font });
        p.drawText('Van Goghlaan 20', { x: 70, y: 766, size: 10.5, font });
      }),
    );
    for (const w of page.textLayer!.words) expect(Object.values(w.bbox).every(Number.isFinite)).toBe(true);
    const [a, b] = page.textLayer!.lines;
    expect(a!.bbox.y1).toBeLessThanOrEqual(b!.bbox.y0 + 4); // stacked lines, not one box over the other
    await boxesMatchInk(page);
  });
});

describe('textLayerOf (pure)', () => {
  const identity = [PX, 0, 0, -PX, 0, 841.89 * PX];
  const run = (str: string, x: number, y: number, width: number, extra: Partial<TextRun> = {}): TextRun => ({
    str,
    transform: [12, 0, 0, 12, x, y],
    width,
    height: 12,
    fontName: 'f',
    ...extra,
  });

  it('multiply follows pdf.js (apply the right matrix first)', () => {
    expect(multiply([2, 0, 0, 2, 10, 20], [1, 0, 0, 1, 5, 5])).toEqual([2, 0, 0, 2, 20, 30]);
    expect(multiply([0, 1, -1, 0, 0, 0], [1, 0, 0, 1, 3, 0])).toEqual([0, 1, -1, 0, 0, 3]);
  });

  it('runs on one baseline make one line; a run touching the last without a space continues its word', () => {
    const layer = textLayerOf(
      [run('Bouwbedr', 70, 700, 50), run('ijf B.V.', 120, 700, 40), run('Kerkstraat 1', 70, 686, 60)],
      {},
      identity,
    );
    expect(layer!.lines.map((l) => l.text)).toEqual(['Bouwbedrijf B.V.', 'Kerkstraat 1']);
    expect(layer!.words[0]!.bbox.x1).toBeGreaterThan(120 * PX);
  });

  it('is bounded: items per page, characters per item; control characters dropped', () => {
    const many = Array.from({ length: 50 }, (_, i) => run(`woord${i}`, 70, 800 - i * 14, 40));
    expect(textLayerOf(many, {}, identity, { maxItems: 10, maxItemChars: 100, maxPageChars: 1e6 })!.lines).toHaveLength(10);
    const long = textLayerOf([run('x'.repeat(5000), 70, 700, 400)], {}, identity, { maxItems: 10, maxItemChars: 100, maxPageChars: 1e6 });
    expect(long!.text).toHaveLength(100);
    expect(textLayerOf([run('a\u0000b\u0007c', 70, 700, 30)], {}, identity)!.text).toBe('abc');
    expect(textLayerOf([run('x', 70, 700, 10, { transform: [NaN, 0, 0, 12, 70, 700] })], {}, identity)).toBeUndefined();
  });

  it('a layer of private-use or replacement characters is not usable (OCR reads that page)', () => {
    expect(usableTextLayer(textLayerOf([run('\ue001\ue002\ue003\ue004 \ue005', 70, 700, 30)], {}, identity))).toBe(false);
    expect(usableTextLayer(textLayerOf([run('Geachte heer Jansen,', 70, 700, 100)], {}, identity))).toBe(true);
    expect(usableTextLayer(undefined)).toBe(false);
  });
});
