// The mail-room batch the capture tests feed through every source:
//   letter A (2 pages) · Postkamer separator sheet with a zaaknummer · letter B (1 page) · Patch-T sheet ·
//   letter C (3 pages, then the blank back side of its last sheet)
// Letters come from test/support/letters.ts; the separator sheets are the PDFs Postkamer prints, rasterised by
// poppler's pdftoppm (stdin → stdout, nothing on disk), as a scanner would see the printed sheet.
import { execFile } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { makePatchTSheet, makeSeparatorSheet } from '../../src/capture/separator';
import { renderLetterPage } from '../support/letters';
import type { VirtualPage, VirtualSheet } from './server';

export const ZAAKNUMMER_B = 'ZAAK-2026-0000000042';
export const DOCUMENTTYPE_B = 'Bezwaarschrift';

export interface BatchPage extends VirtualPage {
  label: string;
}

export function rasterisePdf(pdf: Uint8Array, dpi: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'pdftoppm',
      ['-png', '-r', String(dpi), '-singlefile', '-'],
      { encoding: 'buffer', maxBuffer: 200e6 },
      (err, stdout) => (err ? reject(err) : resolve(stdout as Buffer)),
    );
    child.stdin!.end(Buffer.from(pdf));
  });
}

export async function blankBack(dpi: number): Promise<Buffer> {
  const width = Math.round((210 / 25.4) * dpi);
  const height = Math.round((297 / 25.4) * dpi);
  // A blank back side: off-white paper with seeded sensor noise and a faint grey scanner edge along the top.
  const px = Buffer.alloc(width * height);
  let seed = 12345;
  const edge = Math.round(dpi * 0.04);
  for (let i = 0; i < px.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    px[i] = i < edge * width ? 190 : 240 + ((seed >>> 28) % 9);
  }
  return sharp(px, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

let cached: Promise<BatchPage[]> | null = null;

/** The nine pages of the batch, in feed order, at 300 ppi. */
export function mustShowPages(): Promise<BatchPage[]> {
  cached ??= (async () => {
    const dpi = 300;
    const letter = async (seed: number, variant: 'clean' | 'skew+3' | 'noisy-jpeg', label: string): Promise<BatchPage> => {
      const p = await renderLetterPage({ seed, variant });
      return { png: p.png, dpi: p.dpi, label };
    };
    const separator = await rasterisePdf(await makeSeparatorSheet({ zaaknummer: ZAAKNUMMER_B, documenttype: DOCUMENTTYPE_B }), dpi);
    const patchT = await rasterisePdf(await makePatchTSheet(), dpi);
    return [
      await letter(101, 'clean', 'A1'),
      await letter(102, 'clean', 'A2'),
      { png: separator, dpi, label: 'SEP' },
      await letter(103, 'noisy-jpeg', 'B1'),
      { png: patchT, dpi, label: 'PATCH-T' },
      await letter(104, 'clean', 'C1'),
      await letter(105, 'skew+3', 'C2'),
      await letter(106, 'clean', 'C3'),
      { png: await blankBack(dpi), dpi, label: 'C3-back' },
    ];
  })();
  return cached;
}

/** The batch as a simplex feeder stack: one sheet per page. */
export async function mustShowSheets(): Promise<VirtualSheet[]> {
  return (await mustShowPages()).map((p) => ({ front: { png: p.png, dpi: p.dpi } }));
}

/** The batch as one multi-page PDF, as an MFP's scan-to-folder writes it (JPEG pages at `dpi`). */
export async function mustShowPdf(dpi = 200): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const p of await mustShowPages()) {
    const meta = await sharp(p.png).metadata();
    const width = Math.round((meta.width! * dpi) / p.dpi);
    const jpeg = await sharp(p.png).flatten({ background: '#ffffff' }).resize({ width }).jpeg({ quality: 85 }).toBuffer();
    const img = await doc.embedJpg(jpeg);
    const w = (width / dpi) * 72;
    const h = (img.height / dpi) * 72;
    doc.addPage([w, h]).drawImage(img, { x: 0, y: 0, width: w, height: h });
  }
  return Buffer.from(await doc.save());
}
