// The invisible OCR text layer: one text object per page, each word placed on its OCR box.
//
// Rendering mode 3 (invisible) rather than an opacity of 0, because opacity is transparency and
// transparency groups are out for our PDF/A (notes/performance.md §4.3). The font size makes the
// font's ascent-to-descent height equal the box height, and horizontal scaling (Tz) stretches
// the word to the box width, so a viewer's selection highlight covers the printed word.
// Between two words of a line goes a space stretched across the gap, so copy/paste and pdftotext
// produce single spaces between words.
// Pure apart from `font.encode`, which records the glyphs used for font subsetting.

export interface OcrWord {
  text: string;
  /** pixels, origin top-left, x1/y1 exclusive */
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

export interface TextLayerFont {
  /** resource name on the page, without the slash */
  resourceName: string;
  /** ascent and descent as fractions of the font size (descent negative) */
  ascent: number;
  descent: number;
  widthOf(text: string, size: number): number;
  /** PDF hex string for the text, e.g. "<0001002A>" */
  encode(text: string): string;
  has(codePoint: number): boolean;
}

export interface PageGeometry {
  /** page height in points */
  heightPt: number;
  /** points per pixel (72 / dpi) */
  scale: number;
}

function num(n: number): string {
  if (Object.is(n, -0) || Math.abs(n) < 0.005) return '0';
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '').replace(/\.$/, '');
}

/** NFC, whitespace collapsed, and only characters the font can show (PDF/A forbids .notdef). */
export function printableText(text: string, font: Pick<TextLayerFont, 'has'>): string {
  let out = '';
  for (const ch of text.normalize('NFC').replace(/\s+/gu, ' ').trim()) {
    const cp = ch.codePointAt(0)!;
    if (/\p{Cc}|\p{Cf}|\p{Cs}|\p{Co}|\p{Cn}/u.test(ch)) continue;
    if (font.has(cp)) out += ch;
  }
  return out;
}

function validBox(b: OcrWord['bbox']): boolean {
  return [b.x0, b.y0, b.x1, b.y1].every(Number.isFinite) && b.x1 > b.x0 && b.y1 > b.y0;
}

type Box = OcrWord['bbox'];

/** Does `next` continue the line so far (its vertical centre inside the line, further right)? */
function continuesLine(line: Box, last: Box, next: Box): boolean {
  const centre = (next.y0 + next.y1) / 2;
  return centre >= line.y0 && centre <= line.y1 && next.x0 > (last.x0 + last.x1) / 2;
}

/** Content-stream operators (BT … ET) for the words, or '' when there is nothing to write. */
export function textLayerOps(words: readonly OcrWord[], page: PageGeometry, font: TextLayerFont): string {
  const placed = words
    .filter((w) => validBox(w.bbox))
    .map((w) => ({ bbox: w.bbox, text: printableText(w.text, font) }))
    .filter((w) => w.text.length > 0);
  if (placed.length === 0) return '';

  // Words of one line share a font size and a baseline taken from the line's box; per-word boxes
  // would put "nachts" and "duidelijk" on different baselines and split the line in extraction.
  const lines: (typeof placed)[] = [];
  let line: typeof placed = [];
  let lineBox: Box | undefined;
  for (const w of placed) {
    if (lineBox && continuesLine(lineBox, line[line.length - 1]!.bbox, w.bbox)) {
      line.push(w);
      lineBox = { x0: lineBox.x0, x1: w.bbox.x1, y0: Math.min(lineBox.y0, w.bbox.y0), y1: Math.max(lineBox.y1, w.bbox.y1) };
    } else {
      if (line.length > 0) lines.push(line);
      line = [w];
      lineBox = { ...w.bbox };
    }
  }
  lines.push(line);

  const em = font.ascent - font.descent;
  const out: string[] = ['BT', '3 Tr'];
  for (const ws of lines) {
    const top = Math.min(...ws.map((w) => w.bbox.y0));
    const bottom = Math.max(...ws.map((w) => w.bbox.y1));
    const size = ((bottom - top) * page.scale) / em;
    const baseline = page.heightPt - bottom * page.scale - font.descent * size;
    if (!(size > 0)) continue;
    for (let i = 0; i < ws.length; i++) {
      const { bbox, text } = ws[i]!;
      const width = (bbox.x1 - bbox.x0) * page.scale;
      const natural = font.widthOf(text, size);
      if (!(natural > 0)) continue;
      let op = `/${font.resourceName} ${num(size)} Tf ${num((100 * width) / natural)} Tz 1 0 0 1 ${num(bbox.x0 * page.scale)} ${num(baseline)} Tm ${font.encode(text)} Tj`;
      // A space of its own, stretched across the gap to the next word: extraction gets exactly
      // one space and the word's own box stays exact.
      const next = ws[i + 1];
      const gap = next ? (next.bbox.x0 - bbox.x1) * page.scale : 0;
      const space = font.widthOf(' ', size);
      if (gap > 0 && space > 0) op += ` ${num((100 * gap) / space)} Tz ${font.encode(' ')} Tj`;
      out.push(op);
    }
  }
  out.push('ET');
  return out.join('\n');
}
