// Separator sheets end to end: the PDF Postkamer prints, rasterised as a scanner would see it (poppler's
// pdftoppm through stdin/stdout, and pdf.js through the recognition decoder), found again by detectSeparator.
// Patch-T sheets likewise; ordinary letters — also one carrying its own QR code — are never separators.
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors';
import { detectSeparator, makePatchSheet, makePatchTSheet, makeSeparatorSheet, type PageImage } from '../../src/capture/separator';
import { qrModules, readQrTexts } from '../../src/capture/zxing';
import { decodeInput } from '../../src/recognise/decode';
import { LETTER_VARIANTS, renderLetterPage } from '../support/letters';
import { rasterisePdf } from '../escl-scanner/batch';

async function image(png: Buffer, dpi: number): Promise<PageImage> {
  const m = await sharp(png).metadata();
  return { png, width: m.width!, height: m.height!, dpi };
}
/** Like a cheap office scan: JPEG q50, gray, turned slightly. */
async function degrade(png: Buffer, degrees: number): Promise<Buffer> {
  const j = await sharp(png).rotate(degrees, { background: '#ffffff' }).greyscale().jpeg({ quality: 50 }).toBuffer();
  return sharp(j).png().toBuffer();
}

const VALUES = { zaaknummer: 'ZAAK-2026-0000000123', documenttype: 'Bezwaarschrift' };

describe('Postkamer separator sheet', () => {
  let pdf: Uint8Array;
  beforeAll(async () => {
    pdf = await makeSeparatorSheet(VALUES);
  });

  it('is one A4 page with the values in readable text and the warning', async () => {
    const [page, ...rest] = await decodeInput(pdf, 'scheidingsblad.pdf');
    expect(rest).toHaveLength(0);
    expect(page!.width / page!.dpi).toBeCloseTo(210 / 25.4, 1);
    expect(page!.height / page!.dpi).toBeCloseTo(297 / 25.4, 1);
    const text = page!.textLayer!.text;
    for (const s of ['SCHEIDINGSBLAD', 'niet scannen als document', 'Zaaknummer', 'ZAAK-2026-0000000123', 'Documenttype', 'Bezwaarschrift'])
      expect(text).toContain(s);
    // The same values give the same bytes: a reprint is the same sheet.
    expect(Buffer.from(await makeSeparatorSheet(VALUES)).equals(Buffer.from(pdf))).toBe(true);
  });

  it('round trip through pdftoppm at 150 ppi: the values come back', async () => {
    expect(await detectSeparator(await image(await rasterisePdf(pdf, 150), 150))).toEqual({ kind: 'postkamer', values: VALUES });
  });

  it('round trip through pdf.js (the recognition decoder, 300 ppi)', async () => {
    const [page] = await decodeInput(pdf, 'scheidingsblad.pdf');
    expect(await detectSeparator({ png: page!.image, width: page!.width, height: page!.height, dpi: page!.dpi })).toEqual({
      kind: 'postkamer',
      values: VALUES,
    });
  });

  it('survives a poor scan: 200 ppi, JPEG q50, 2° skew, and upside down', async () => {
    const raster = await rasterisePdf(pdf, 200);
    expect(await detectSeparator(await image(await degrade(raster, 2), 200))).toEqual({ kind: 'postkamer', values: VALUES });
    expect(await detectSeparator(await image(await degrade(raster, 180), 200))).toEqual({ kind: 'postkamer', values: VALUES });
  });

  it('with only a zaaknummer, only a type (any characters), or no values at all', async () => {
    // Łódź cannot be printed in the standard font (it shows as ?), but the QR code carries it exactly.
    for (const v of [
      { zaaknummer: 'ZAAK-2026-0000000999' },
      { documenttype: 'Aanvraag omgevingsvergunning – bijlage 2' },
      { documenttype: 'Brief uit Łódź' },
      {},
    ]) {
      const png = await rasterisePdf(await makeSeparatorSheet(v), 150);
      expect(await detectSeparator(await image(png, 150))).toEqual({ kind: 'postkamer', values: v });
    }
  });

  it('refuses values that cannot be printed or are too long', async () => {
    for (const v of [{ zaaknummer: '' }, { documenttype: 'x'.repeat(101) }, { zaaknummer: 'a\nb' }]) {
      await expect(makeSeparatorSheet(v)).rejects.toSatisfy((e) => e instanceof CaptureError && e.code === 'separator-invalid');
    }
  });
});

describe('Patch-T sheet', () => {
  let raster150: Buffer;
  beforeAll(async () => {
    raster150 = await rasterisePdf(await makePatchTSheet(), 150);
  });

  it('is detected at 150 and 300 ppi, upside down and sideways', async () => {
    expect(await detectSeparator(await image(raster150, 150))).toEqual({ kind: 'patch-t' });
    expect(await detectSeparator(await image(await rasterisePdf(await makePatchTSheet(), 300), 300))).toEqual({ kind: 'patch-t' });
    expect(await detectSeparator(await image(await sharp(raster150).rotate(180).png().toBuffer(), 150))).toEqual({ kind: 'patch-t' });
    expect(await detectSeparator(await image(await sharp(raster150).rotate(90).png().toBuffer(), 150))).toEqual({ kind: 'patch-t' });
    expect(await detectSeparator(await image(await degrade(raster150, 1.5), 150))).toEqual({ kind: 'patch-t' });
  });

  it('other patch codes are not Patch T', async () => {
    for (const code of ['1', '2', '3', '4', '6'] as const) {
      expect(await detectSeparator(await image(await rasterisePdf(await makePatchSheet(code), 150), 150))).toBeNull();
    }
  });
});

describe('ordinary letters are not separators', () => {
  it.each(LETTER_VARIANTS)('letter variant %s', async (variant) => {
    const p = await renderLetterPage({ seed: 7, variant });
    expect(await detectSeparator({ png: p.png, width: p.width, height: p.height, dpi: p.dpi })).toBeNull();
  });

  it('a letter with its own QR code (a payment code) is not a separator, although the code is read', async () => {
    const letter = await renderLetterPage({ seed: 8, variant: 'clean' });
    const payment = 'BCD\n002\n1\nSCT\n\nGemeente Voorbeeld\nNL91ABNA0417164300\nEUR12.50\n\n\nAanslag 2026-001';
    const { size, dark } = await qrModules(payment);
    const cell = 12; // 1 mm modules at 300 ppi
    const px = Buffer.alloc((size + 8) * cell * (size + 8) * cell, 255);
    const side = (size + 8) * cell;
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++)
        if (dark[y * size + x]) {
          for (let dy = 0; dy < cell; dy++)
            px.fill(0, ((y + 4) * cell + dy) * side + (x + 4) * cell, ((y + 4) * cell + dy) * side + (x + 5) * cell);
        }
    const qr = await sharp(px, { raw: { width: side, height: side, channels: 1 } })
      .png()
      .toBuffer();
    const png = await sharp(letter.png)
      .composite([{ input: qr, left: letter.width - side - 150, top: letter.height - side - 300 }])
      .png()
      .toBuffer();
    const gray = await sharp(png)
      .greyscale()
      .resize({ width: Math.round(letter.width / 3) })
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(await readQrTexts(gray.data, gray.info.width, gray.info.height)).toContain(payment);
    expect(await detectSeparator({ png, width: letter.width, height: letter.height, dpi: 300 })).toBeNull();
  });
});
