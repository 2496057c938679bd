// Input files for the decode tests, made on the fly: images with sharp, PDFs with pdf-lib, an encrypted
// PDF with qpdf (when installed), and a hand-made PNG header that claims 50 000 × 50 000 pixels.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { pngChunk } from '../../../../src/recognise/png-density';

export async function toJpeg(png: Buffer, dpi = 300): Promise<Buffer> {
  return sharp(png).jpeg({ quality: 85 }).withMetadata({ density: dpi }).toBuffer();
}

/** A 1-bit CCITT G4 TIFF as a fax-like scanner writes it. */
export async function toG4Tiff(png: Buffer, dpi: number, width?: number): Promise<Buffer> {
  let img = sharp(png);
  if (width) img = img.resize({ width });
  return img
    .toColourspace('b-w')
    .threshold(128)
    .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: dpi / 25.4, yres: dpi / 25.4 })
    .toBuffer();
}

export async function toMultiPageTiff(pngs: Buffer[]): Promise<Buffer> {
  return sharp(pngs, { join: { animated: true } })
    .toColourspace('b-w')
    .tiff({ compression: 'lzw', xres: 300 / 25.4, yres: 300 / 25.4 })
    .toBuffer();
}

/** A PDF with real text in a standard font (a born-digital letter). */
export async function bornDigitalPdf(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const page = doc.addPage([595.28, 841.89]);
  lines.forEach((l, i) => page.drawText(l, { x: 72, y: 760 - i * 18, size: 12, font }));
  return Buffer.from(await doc.save());
}

/** A PDF whose pages are each one scanned image (what a scanner's "scan to PDF" writes). */
export async function scannedPdf(pngs: Buffer[], dpi = 300): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (const png of pngs) {
    const meta = await sharp(png).metadata();
    const jpg = await sharp(png).jpeg({ quality: 90 }).toBuffer();
    const img = await doc.embedJpg(jpg);
    const page = doc.addPage([(meta.width! / dpi) * 72, (meta.height! / dpi) * 72]);
    page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
  }
  return Buffer.from(await doc.save());
}

/** A PDF that runs JavaScript when opened (/OpenAction << /S /JavaScript /JS (...) >>). */
export async function javascriptPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]).drawText('Hallo', { x: 72, y: 760 });
  const action = doc.context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of('app.alert("x")') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return Buffer.from(await doc.save({ useObjectStreams: true }));
}

/** A PDF with a page-level additional action (/AA) but no /JS key anywhere at the top. */
export async function additionalActionPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const page = doc.addPage([595.28, 841.89]);
  const open = doc.context.obj({ S: 'GoTo', D: [page.ref, 'Fit'] });
  page.node.set(PDFName.of('AA'), doc.context.obj({ O: open }));
  return Buffer.from(await doc.save());
}

export function hasQpdf(): boolean {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Encrypt with qpdf (AES-256, a user password): only test data touches the disk, in a temp dir. */
export function encryptWithQpdf(pdf: Buffer): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'pk-qpdf-'));
  try {
    writeFileSync(path.join(dir, 'in.pdf'), pdf);
    execFileSync('qpdf', ['--encrypt', 'geheim', 'eigenaar', '256', '--', path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')]);
    return readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** IHDR says 50 000 × 50 000 gray; the IDAT holds a few bytes. Decoding it would need 2.5 GB. */
export function pngBombHeader(size = 50_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // gray
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.alloc(size + 1))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
