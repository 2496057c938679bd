// Builds OcrPage objects from plain text, the way tesseract.js reports them: one OcrLine per
// non-empty text line, words with boxes. Columns are taken from the character positions, so
// 'Datum        Ons kenmerk' gives two columns far apart, while the line text (like tesseract's)
// has single spaces. Geometry: A4 at 300 dpi, 24 px per character, 60 px per line.
import type { OcrLine, OcrPage, OcrWord } from '../../../../src/domain';

export const CHAR_W = 24;
export const LINE_H = 60;
export const WORD_H = 40;
export const LEFT = 150;
export const TOP = 150;
export const PAGE_W = 2480;
export const PAGE_H = 3508;

export interface PageOptions {
  pageIndex?: number;
  /** Confidence (0..100) per word text; every other word gets `confidence`. */
  wordConfidence?: Record<string, number>;
  confidence?: number;
  /** First text line at this line number (to push a block down the page). */
  startLine?: number;
}

export function pageFromText(text: string, opts: PageOptions = {}): OcrPage {
  const rows = text.replace(/^\n/, '').split('\n');
  const lines: OcrLine[] = [];
  rows.forEach((row, i) => {
    const y0 = TOP + (i + (opts.startLine ?? 0)) * LINE_H;
    const words: OcrWord[] = [];
    for (const m of row.matchAll(/\S+/g)) {
      const col = m.index ?? 0;
      const x0 = LEFT + col * CHAR_W;
      words.push({
        text: m[0],
        confidence: opts.wordConfidence?.[m[0]] ?? opts.confidence ?? 95,
        bbox: { x0, y0, x1: x0 + m[0].length * CHAR_W, y1: y0 + WORD_H },
      });
    }
    if (words.length === 0) return;
    const first = words[0]!;
    const last = words[words.length - 1]!;
    lines.push({
      text: words.map((w) => w.text).join(' '),
      confidence: words.reduce((s, w) => s + w.confidence, 0) / words.length,
      bbox: { x0: first.bbox.x0, y0, x1: last.bbox.x1, y1: y0 + WORD_H },
      words,
    });
  });
  return { pageIndex: opts.pageIndex ?? 0, width: PAGE_W, height: PAGE_H, text: lines.map((l) => l.text).join('\n'), lines };
}

/** A page as some engines hand it over: text only, no lines or boxes. */
export function textOnlyPage(text: string, pageIndex = 0): OcrPage {
  return { pageIndex, width: 0, height: 0, text, lines: [] };
}

/** A valid BSN (11-proef) made from a seed, so tests never use a real person's number. */
export function makeBsn(seed: number): string {
  const weights = [9, 8, 7, 6, 5, 4, 3, 2];
  for (let s = seed; ; s++) {
    let x = (s * 2654435761) >>> 0;
    const digits: number[] = [];
    for (let i = 0; i < 8; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      digits.push((x >>> 16) % 10);
    }
    if (digits[0] === 0) digits[0] = 1;
    const sum = digits.reduce((acc, d, i) => acc + d * weights[i]!, 0);
    const last = sum % 11; // sum - last must be divisible by 11
    if (last === 10) continue;
    return digits.join('') + String(last);
  }
}

/** A nine-digit number that fails the 11-proef. */
export function makeInvalidBsn(seed: number): string {
  const valid = makeBsn(seed);
  const last = Number(valid[8]);
  return valid.slice(0, 8) + String((last + 1) % 10);
}

/** '123456789' → '1234.56.789' */
export function dotted(bsn: string): string {
  return `${bsn.slice(0, 4)}.${bsn.slice(4, 6)}.${bsn.slice(6)}`;
}
