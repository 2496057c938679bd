// Lines and words from Tesseract's result: its TSV (what the pool asks for) or tesseract.js's `blocks` tree.
//
// The pool asks for TSV, not `blocks`: the blocks tree (tesseract.js's JSON renderer, every symbol with its choices)
// cost the worker ~9 % of a dense page's recognition (≈ 0.3 s of ≈ 3.6 s; TSV ≈ 0.1 s) and the main thread a deep
// structured clone and its garbage. The words, boxes and confidences are the same: blocks gives a confidence as
// Tesseract's float cut to an integer, a line's as the cut mean of its words' (checked on dense pages, 0 of 1 600
// words and 136 lines different), and so does `flattenTsv`.
import type { Box, OcrLine, OcrResult, OcrWord } from './types';

interface TBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TWord {
  text: string;
  confidence: number;
  bbox: TBox;
}
interface TLine {
  text: string;
  confidence: number;
  bbox: TBox;
  words: TWord[];
}
interface TParagraph {
  lines: TLine[];
}
export interface TBlock {
  paragraphs: TParagraph[];
}

/** Where the OCR'd image lies in the caller's: its pixels × `scale`, then moved by `dx`, `dy` (a cut-out region). */
export interface BoxMap {
  scale: number;
  dx: number;
  dy: number;
}

const box = (b: TBox, m: BoxMap): Box =>
  m.scale === 1 && m.dx === 0 && m.dy === 0
    ? { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 }
    : {
        x0: Math.round(b.x0 * m.scale) + m.dx,
        y0: Math.round(b.y0 * m.scale) + m.dy,
        x1: Math.round(b.x1 * m.scale) + m.dx,
        y1: Math.round(b.y1 * m.scale) + m.dy,
      };

/**
 * `scale` (and `offset`) map boxes back to the caller's image when OCR ran on a resized copy (e.g. 1/1.5 for an
 * upscaled fax page) or on a region cut out of it. Empty words (Tesseract emits some for noise) are dropped.
 */
export function flattenBlocks(
  blocks: TBlock[] | null | undefined,
  scale = 1,
  offset = { x: 0, y: 0 },
): { lines: OcrLine[]; words: OcrWord[] } {
  const m: BoxMap = { scale, dx: offset.x, dy: offset.y };
  const lines: OcrLine[] = [];
  const words: OcrWord[] = [];
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs ?? []) {
      for (const line of para.lines ?? []) {
        const ws: OcrWord[] = [];
        for (const w of line.words ?? []) {
          const text = w.text.trim();
          if (!text) continue;
          ws.push({ text, confidence: w.confidence, bbox: box(w.bbox, m) });
        }
        if (ws.length === 0) continue;
        lines.push({ text: ws.map((w) => w.text).join(' '), confidence: line.confidence, bbox: box(line.bbox, m), words: ws });
        words.push(...ws);
      }
    }
  }
  return { lines, words };
}

/** Mean word confidence, weighted by word length so a stray one-letter guess does not dominate. */
export function meanWordConfidence(words: OcrWord[]): number {
  let sum = 0;
  let n = 0;
  for (const w of words) {
    const len = Array.from(w.text).length;
    sum += w.confidence * len;
    n += len;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * Lines and words from Tesseract's TSV (`level page block par line word left top width height conf text`; level 4 a
 * line, 5 a word), as `flattenBlocks` makes them from the blocks tree: confidences cut to integers (a line's is the
 * cut mean of all its words', empty ones included, as Tesseract computes it), empty words and lines left out.
 */
export function flattenTsv(tsv: string | null | undefined, scale = 1, offset = { x: 0, y: 0 }): { lines: OcrLine[]; words: OcrWord[] } {
  const m: BoxMap = { scale, dx: offset.x, dy: offset.y };
  const lines: OcrLine[] = [];
  const words: OcrWord[] = [];
  let line: { bbox: TBox; words: OcrWord[]; confSum: number; confN: number } | null = null;
  const close = () => {
    if (line && line.words.length > 0) {
      lines.push({
        text: line.words.map((w) => w.text).join(' '),
        confidence: Math.trunc(line.confSum / line.confN),
        bbox: box(line.bbox, m),
        words: line.words,
      });
      words.push(...line.words);
    }
    line = null;
  };
  for (const row of (tsv ?? '').split('\n')) {
    const f = row.split('\t');
    if (f.length < 12) continue;
    const level = f[0];
    if (level !== '4' && level !== '5') {
      close();
      continue;
    }
    const [x, y, w, h] = [Number(f[6]), Number(f[7]), Number(f[8]), Number(f[9])];
    const bbox = { x0: x, y0: y, x1: x + w, y1: y + h };
    if (level === '4') {
      close();
      line = { bbox, words: [], confSum: 0, confN: 0 };
      continue;
    }
    if (!line) continue;
    const conf = Number(f[10]);
    line.confSum += conf;
    line.confN++;
    // The text is the rest of the row (a tab inside it would be a field separator otherwise).
    const text = f.slice(11).join('\t').trim();
    if (text) line.words.push({ text, confidence: Math.trunc(conf), bbox: box(bbox, m) });
  }
  close();
  return { lines, words };
}

/** The result of one page from Tesseract's text and TSV; boxes mapped back as `flattenTsv` says. */
export function toOcrResult(
  text: string,
  tsv: string | null | undefined,
  width: number,
  height: number,
  ms: number,
  scale = 1,
  offset = { x: 0, y: 0 },
): OcrResult {
  const { lines, words } = flattenTsv(tsv, scale, offset);
  return { text: text.trim(), confidence: meanWordConfidence(words), lines, words, width, height, ms };
}
