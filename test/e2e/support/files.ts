import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import sharp from 'sharp';

// Small, real test documents, generated here (nothing fetched): a typeset Dutch letter as a PDF and a
// scanned-looking page as a PNG.

export async function letterPdf(lines: string[]): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  lines.forEach((line, i) => page.drawText(line, { x: 72, y: 770 - i * 18, size: 11, font, color: rgb(0, 0, 0) }));
  pdf.setCreationDate(new Date('2025-01-01T00:00:00Z'));
  pdf.setModificationDate(new Date('2025-01-01T00:00:00Z'));
  return Buffer.from(await pdf.save());
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** An A4-proportioned page at 100 ppi with a few lines of text. */
export async function letterPng(lines: string[]): Promise<Buffer> {
  const w = 827;
  const h = 1169;
  const text = lines
    .map((l, i) => `<text x="80" y="${140 + i * 30}" font-family="DejaVu Sans, sans-serif" font-size="20" fill="#111">${esc(l)}</text>`)
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="#fff"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export async function writeTestFiles(
  dir: string,
): Promise<{ png: string; pdf: string; cliPdf: string; empty: string; bytes: { png: Buffer; pdf: Buffer } }> {
  const png = await letterPng([
    'Gemeente Voorbeeldstad',
    'Betreft: aanvraag parkeervergunning',
    'Zaaknummer: Z-2025-000123',
    'Met vriendelijke groet,',
  ]);
  const pdf = await letterPdf([
    'Gemeente Voorbeeldstad',
    'Betreft: bezwaar tegen aanslag',
    'Ons kenmerk: 2025/4711',
    'Met vriendelijke groet,',
  ]);
  const cliPdf = await letterPdf(['Gemeente Voorbeeldstad', 'Betreft: melding openbare ruimte', 'Met vriendelijke groet,']);
  const paths = {
    png: join(dir, 'aanvraag-parkeervergunning.png'),
    pdf: join(dir, 'bezwaar-aanslag.pdf'),
    cliPdf: join(dir, 'melding-openbare-ruimte.pdf'),
    empty: join(dir, 'leeg.pdf'),
  };
  writeFileSync(paths.png, png);
  writeFileSync(paths.pdf, pdf);
  writeFileSync(paths.cliPdf, cliPdf);
  writeFileSync(paths.empty, Buffer.alloc(0));
  return { ...paths, bytes: { png, pdf } };
}
