// Separator sheets: the A4 page Postkamer prints to put between documents in a batch (QR code with the values,
// readable text for the clerk), the Patch-T sheet (the industry separator), and their detection on a scanned page.
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import sharp from 'sharp';
import { CaptureError } from './errors';
import { findPatchCodes, PATCH_NARROW_IN, PATCH_PATTERNS, PATCH_WIDE_IN, type PatchCode } from './patch-code';
import { checkSeparatorValues, encodeSeparatorPayload, parseSeparatorPayload, type SeparatorValues } from './separator-payload';
import { qrModules, readQrTexts } from './zxing';

export type { SeparatorValues } from './separator-payload';
export type SeparatorFound = { kind: 'postkamer'; values: SeparatorValues } | { kind: 'patch-t' };

const A4: [number, number] = [595.28, 841.89];
const MM = 72 / 25.4;
const IN = 72;
export const SEPARATOR_TITLE = 'SCHEIDINGSBLAD — niet scannen als document';

/** Text the standard font can encode (WinAnsi); anything else becomes '?' on paper. The QR keeps the exact value. */
function printable(font: PDFFont, text: string): string {
  const ok = new Set(font.getCharacterSet());
  return [...text].map((c) => (ok.has(c.codePointAt(0)!) ? c : '?')).join('');
}

function centred(page: PDFPage, font: PDFFont, text: string, size: number, y: number) {
  const t = printable(font, text);
  const w = font.widthOfTextAtSize(t, size);
  page.drawText(t, { x: (A4[0] - w) / 2, y, size, font, color: rgb(0, 0, 0) });
}

function newDoc(title: string): Promise<PDFDocument> {
  return PDFDocument.create().then((doc) => {
    doc.setTitle(title);
    doc.setCreator('Postkamer');
    doc.setProducer('Postkamer');
    // Fixed dates: the same values give the same bytes (a reprinted sheet is the same sheet).
    doc.setCreationDate(new Date(0));
    doc.setModificationDate(new Date(0));
    return doc;
  });
}

/** An A4 PDF with a QR code carrying the values and the same values in readable text. */
export async function makeSeparatorSheet(v: { zaaknummer?: string; documenttype?: string }): Promise<Uint8Array> {
  const values: SeparatorValues = {};
  if (v.zaaknummer !== undefined) values.zaaknummer = v.zaaknummer.trim();
  if (v.documenttype !== undefined) values.documenttype = v.documenttype.trim();
  const problem = checkSeparatorValues(values);
  if (problem) throw new CaptureError('separator-invalid', problem);
  const payload = encodeSeparatorPayload(values);
  const { size, dark } = await qrModules(payload);

  const doc = await newDoc(SEPARATOR_TITLE);
  const page = doc.addPage(A4);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);

  centred(page, bold, 'SCHEIDINGSBLAD', 34, A4[1] - 40 * MM);
  centred(page, regular, 'niet scannen als document — dit blad wordt niet bewaard', 13, A4[1] - 50 * MM);

  // 70 mm wide whatever the payload length: ~2 mm modules for a version-4 code, readable at 100 ppi.
  const side = 70 * MM;
  const cell = side / size;
  const x0 = (A4[0] - side) / 2;
  const top = A4[1] - 65 * MM;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if (!dark[y * size + x]) continue;
      // Merge horizontal runs: fewer, larger rectangles render without hairline seams.
      let run = 1;
      while (x + run < size && dark[y * size + x + run]) run++;
      page.drawRectangle({ x: x0 + x * cell, y: top - (y + 1) * cell, width: run * cell, height: cell, color: rgb(0, 0, 0) });
      x += run - 1;
    }
  }

  let y = top - side - 22 * MM;
  const line = (label: string, value: string | undefined) => {
    centred(page, regular, label, 13, y);
    centred(page, bold, value ?? '—', 22, y - 10 * MM);
    y -= 26 * MM;
  };
  line('Zaaknummer', values.zaaknummer);
  line('Documenttype', values.documenttype);

  centred(page, regular, 'Leg dit blad direct vóór het eerste vel van het document. Postkamer begint hier een nieuw document', 9, 28 * MM);
  centred(page, regular, 'en neemt de waarden hierboven over. Bij dubbelzijdig scannen moet de achterkant leeg blijven.', 9, 23 * MM);
  centred(page, regular, payload, 7, 15 * MM);
  return doc.save();
}

/** An A4 sheet carrying a patch code in a band across the top and, mirrored, across the bottom. */
export async function makePatchSheet(code: PatchCode): Promise<Uint8Array> {
  const doc = await newDoc(`Postkamer patch ${code}`);
  const page = doc.addPage(A4);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bits = PATCH_PATTERNS[code];
  const band = (fromTop: boolean) => {
    // The band starts 0.5 in from the edge (Kodak asks at least 0.25 in) and reads from the edge inward.
    let offset = 0.5 * IN;
    for (const bit of bits) {
      const h = (bit === '1' ? PATCH_WIDE_IN : PATCH_NARROW_IN) * IN;
      const yBottom = fromTop ? A4[1] - offset - h : offset;
      // Bars across the width, so every reader position of a scanner's patch reader meets them.
      page.drawRectangle({ x: 20 * MM, y: yBottom, width: A4[0] - 40 * MM, height: h, color: rgb(0, 0, 0) });
      offset += h + PATCH_NARROW_IN * IN;
    }
  };
  band(true);
  band(false);
  centred(page, bold, code === 'T' ? 'PATCH T' : `PATCH ${code}`, 40, A4[1] / 2 + 20 * MM);
  centred(page, bold, 'SCHEIDINGSBLAD', 26, A4[1] / 2);
  centred(page, regular, 'niet scannen als document — dit blad wordt niet bewaard', 13, A4[1] / 2 - 12 * MM);
  centred(page, regular, 'Niet kopiëren: een kopie verandert de breedte van de balken.', 10, A4[1] / 2 - 22 * MM);
  return doc.save();
}

export function makePatchTSheet(): Promise<Uint8Array> {
  return makePatchSheet('T');
}

/** Resolution of the copy the detectors look at: QR modules of ~2 mm and 2 mm bars stay 8 px wide. */
export const DETECT_DPI = 100;

/** A scanned page: `png` is the encoded image (PNG, or any format sharp reads: JPEG, TIFF), `dpi` its resolution. */
export interface PageImage {
  png: Buffer;
  width: number;
  height: number;
  dpi: number;
  /** A one-channel copy of about DETECT_DPI made earlier from the same pixels; saves decoding `png` again. */
  gray?: { data: Uint8Array; width: number; height: number; dpi: number };
}

async function grayCopy(page: PageImage): Promise<{ data: Uint8Array; width: number; height: number; dpi: number }> {
  if (page.gray) return page.gray;
  const dpi = page.dpi > 0 ? page.dpi : 300;
  const factor = Math.min(1, DETECT_DPI / dpi);
  let pipe = sharp(page.png).flatten({ background: '#ffffff' }).toColourspace('b-w');
  if (factor < 1) pipe = pipe.resize({ width: Math.max(1, Math.round(page.width * factor)), kernel: 'linear' });
  const { data, info } = await pipe.extractChannel(0).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi: dpi * (info.width / page.width) };
}

/**
 * Is this scanned page a separator? A Postkamer sheet is recognised only by its payload prefix, so a QR code on
 * an ordinary letter is never taken for one; a Patch-T band is recognised by its bar widths. Works on a 100-ppi
 * gray copy, so a 300-ppi A4 page costs tens of milliseconds.
 */
export async function detectSeparator(page: PageImage): Promise<SeparatorFound | null> {
  const gray = await grayCopy(page);
  for (const text of await readQrTexts(gray.data, gray.width, gray.height)) {
    const parsed = parseSeparatorPayload(text);
    if (parsed) return { kind: 'postkamer', values: parsed.values };
  }
  if (findPatchCodes(gray).some((p) => p.code === 'T')) return { kind: 'patch-t' };
  return null;
}
