import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeInput, openInput } from '../../../src/recognise/decode';
import { RecogniseError } from '../../../src/recognise/errors';
import { getPngDensity } from '../../../src/recognise/png-density';
import {
  additionalActionPdf,
  bornDigitalPdf,
  encryptWithQpdf,
  hasQpdf,
  javascriptPdf,
  pngBombHeader,
  scannedPdf,
  toG4Tiff,
  toJpeg,
  toMultiPageTiff,
} from './support/files';
import { renderTextPage, SHORT_LETTER_LINES, type TestPage } from './support/pages';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(RecogniseError);
    return (e as RecogniseError).code;
  }
  return 'no error';
}

async function pixelsOf(png: Buffer) {
  // sharp's raw output is sRGB unless told otherwise.
  return sharp(png).toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
}

let page: TestPage;
beforeAll(async () => {
  // A short crop keeps these tests fast; the decoders do not care about the size.
  page = await renderTextPage({ lines: SHORT_LETTER_LINES, heightMm: 80, topMm: 15 });
});

describe('decodeInput: formats', () => {
  it('reads a PNG losslessly, as gray, with its resolution', async () => {
    const [p, ...rest] = await decodeInput(page.png, 'brief.png');
    expect(rest).toHaveLength(0);
    expect(p).toMatchObject({ index: 0, width: page.width, height: page.height, dpi: 300, colour: 'gray' });
    expect(getPngDensity(p!.image)).toBe(300);
    const a = await pixelsOf(page.png);
    const b = await pixelsOf(p!.image);
    expect((await sharp(p!.image).metadata()).channels).toBe(1);
    expect(Buffer.compare(a.data, b.data)).toBe(0);
  });

  it('reads a colour JPEG as colour and keeps its density', async () => {
    // A letter with a red stamp: one coloured area keeps the whole page in colour.
    const stamp = await sharp({ create: { width: 240, height: 120, channels: 3, background: '#c0182a' } })
      .png()
      .toBuffer();
    const rgb = await sharp(page.png)
      .toColourspace('srgb')
      .composite([{ input: stamp, left: 1900, top: 300 }])
      .png()
      .toBuffer();
    const [p] = await decodeInput(await toJpeg(rgb, 300), 'scan.jpg');
    expect(p).toMatchObject({ colour: 'colour', dpi: 300, width: page.width, height: page.height });
  });

  it('reads an RGB image whose every pixel is neutral as a gray page (same values, one channel)', async () => {
    const rgb = await sharp(page.png).toColourspace('srgb').png().toBuffer();
    expect((await sharp(rgb).metadata()).channels).toBe(3);
    const [p] = await decodeInput(rgb, 'brief.png');
    expect(p).toMatchObject({ colour: 'gray', width: page.width, height: page.height });
    expect((await sharp(p!.image).metadata()).channels).toBe(1);
    const gray = await sharp(p!.image).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const src = await sharp(rgb).raw().toBuffer();
    for (let i = 0; i < gray.data.length; i += 997) expect(Math.abs(gray.data[i]! - src[i * 3 + 1]!)).toBeLessThanOrEqual(12);
  });

  it('estimates the resolution of a JPEG that says 72 ppi (A4 assumed)', async () => {
    const a4 = await sharp({ create: { width: 2480, height: 3508, channels: 3, background: '#fff' } })
      .jpeg()
      .toBuffer();
    const [p] = await decodeInput(a4, 'foto.jpeg');
    expect(p!.dpi).toBe(300);
  });

  it('reads every page of a multi-page TIFF', async () => {
    const second = await sharp(page.png).negate().png().toBuffer();
    const pages = await decodeInput(await toMultiPageTiff([page.png, second]), 'stapel.tif');
    expect(pages.map((p) => p.index)).toEqual([0, 1]);
    const means = await Promise.all(pages.map(async (p) => (await sharp(p.image).stats()).channels[0]!.mean));
    expect(means[0]).toBeGreaterThan(200); // white paper
    expect(means[1]).toBeLessThan(60); // the negated page
  });

  it('reads a 1-bit CCITT G4 TIFF at 200 ppi as bilevel', async () => {
    const [p] = await decodeInput(await toG4Tiff(page.png, 200, Math.round((page.width * 2) / 3)), 'fax.tiff');
    expect(p).toMatchObject({ colour: 'bilevel', dpi: 200, width: Math.round((page.width * 2) / 3) });
    const { data } = await pixelsOf(p!.image);
    expect(data.every((v) => v === 0 || v === 255)).toBe(true);
    expect(data.some((v) => v === 0)).toBe(true);
  });

  it('keeps the text layer of a born-digital PDF, with word boxes in image pixels', async () => {
    const pages = await decodeInput(await bornDigitalPdf(['Geachte heer Jansen,', 'Uw aanvraag is ontvangen.']), 'brief.pdf');
    expect(pages).toHaveLength(1);
    const p = pages[0]!;
    expect(p).toMatchObject({ dpi: 300, width: 2480, height: 3508, colour: 'gray' });
    expect(p.textLayer?.text).toBe('Geachte heer Jansen,\nUw aanvraag is ontvangen.');
    const w = p.textLayer!.words[0]!;
    expect(w.text).toBe('Geachte');
    // x = 72 pt = 300 px; baseline 760 pt from the bottom → 3508 − 3167 = 341 px from the top.
    expect(w.bbox.x0).toBeGreaterThan(290);
    expect(w.bbox.x0).toBeLessThan(310);
    expect(w.bbox.y1).toBeGreaterThan(335);
    expect(w.bbox.y0).toBeLessThan(341);
    // The rendered glyphs are where the box says (standard font data loaded, not blank).
    // (stats() ignores the pipeline in sharp, so the crops are materialised first)
    const crop = async (b: { x0: number; y0: number; x1: number; y1: number }) =>
      (
        await sharp(
          await sharp(p.image)
            .extract({ left: b.x0, top: b.y0, width: b.x1 - b.x0, height: b.y1 - b.y0 })
            .png()
            .toBuffer(),
        ).stats()
      ).channels[0]!;
    expect((await crop(w.bbox)).min).toBeLessThan(60);
    // …and the paper above the first line is empty.
    expect((await crop({ x0: w.bbox.x0, y0: w.bbox.y0 - 60, x1: w.bbox.x1, y1: w.bbox.y0 - 5 })).min).toBeGreaterThan(200);
  });

  it('renders a scanned-image PDF at the image resolution without a text layer', async () => {
    const pages = await decodeInput(await scannedPdf([page.png], 300), 'scan.pdf');
    expect(pages[0]).toMatchObject({ dpi: 300, width: page.width, height: page.height, colour: 'colour' });
    expect(pages[0]!.textLayer).toBeUndefined();
  });

  it('counts pages before decoding them', async () => {
    const opened = await openInput(await scannedPdf([page.png, page.png, page.png]), 'drie.pdf');
    expect(opened.pageCount).toBe(3);
    expect(opened.format).toBe('pdf');
  });
});

describe('decodeInput: bad input', () => {
  it('input-empty', async () => {
    expect(await codeOf(decodeInput(new Uint8Array(0), 'leeg.pdf'))).toBe('input-empty');
  });

  it('input-unsupported for a text file renamed .pdf, with the file name in the Dutch message', async () => {
    const err = await decodeInput(Buffer.from('Dit is geen PDF maar platte tekst.\n'), 'nep.pdf').catch((e) => e);
    expect(err.code).toBe('input-unsupported');
    expect(err.message).toContain('nep.pdf');
    expect(err.message).toMatch(/niet ondersteund/);
  });

  it('input-truncated for a cut PNG, JPEG and TIFF', async () => {
    const jpg = await toJpeg(page.png);
    const tif = await sharp(page.png).tiff({ compression: 'lzw' }).toBuffer();
    for (const [name, b] of [
      ['a.png', page.png],
      ['a.jpg', jpg],
      ['a.tif', tif],
    ] as const) {
      expect(await codeOf(decodeInput(b.subarray(0, Math.floor(b.length * 0.6)), name)), name).toBe('input-truncated');
    }
  });

  it.skipIf(!hasQpdf())('input-encrypted for a password-protected PDF (qpdf --encrypt)', async () => {
    const enc = encryptWithQpdf(await bornDigitalPdf(['Vertrouwelijk']));
    expect(await codeOf(decodeInput(enc, 'geheim.pdf'))).toBe('input-encrypted');
  });

  it('input-javascript for /OpenAction JavaScript (in an object stream) and for /AA', async () => {
    expect(await codeOf(decodeInput(await javascriptPdf(), 'actief.pdf'))).toBe('input-javascript');
    expect(await codeOf(decodeInput(await additionalActionPdf(), 'aa.pdf'))).toBe('input-javascript');
  });

  it('input-too-large for a 50 000 × 50 000 PNG header, without allocating the pixels', async () => {
    const bomb = pngBombHeader();
    expect(bomb.length).toBeLessThan(200_000);
    const before = process.memoryUsage().rss;
    const err = await decodeInput(bomb, 'bom.png').catch((e) => e);
    expect(err.code).toBe('input-too-large');
    // Decoding would need 2.5 GB; the check must happen before that.
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6);
  });

  it('input-too-large when a page exceeds a configured pixel limit', async () => {
    expect(await codeOf(decodeInput(page.png, 'a.png', { maxPixels: 1000 }))).toBe('input-too-large');
  });

  it('input-too-many-pages', async () => {
    expect(await codeOf(decodeInput(await toMultiPageTiff([page.png, page.png]), 'a.tif', { maxPages: 1 }))).toBe('input-too-many-pages');
    expect(await codeOf(decodeInput(await scannedPdf([page.png, page.png]), 'a.pdf', { maxPages: 1 }))).toBe('input-too-many-pages');
  });
});
