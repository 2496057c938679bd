// Flatten tesseract.js's `blocks` tree (v6+ builds only the tree, on request) into lines and words.
import type { Box, OcrLine, OcrResult, OcrWord } from './types';

interface TBox { x0: number; y0: number; x1: number; y1: number }
interface TWord { text: string; confidence: number; bbox: TBox }
interface TLine { text: string; confidence: number; bbox: TBox; words: TWord[] }
interface TParagraph { lines: TLine[] }
export interface TBlock { paragraphs: TParagraph[] }

/** Where the OCR'd image lies in the caller's: its pixels × `scale`, then moved by `dx`, `dy` (a cut-out region). */
export interface BoxMap { scale: number; dx: number; dy: number }

const box = (b: TBox, m: BoxMap): Box => (m.scale === 1 && m.dx === 0 && m.dy === 0
  ? { x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 }
  : { x0: Math.round(b.x0 * m.scale) + m.dx, y0: Math.round(b.y0 * m.scale) + m.dy, x1: Math.round(b.x1 * m.scale) + m.dx, y1: Math.round(b.y1 * m.scale) + m.dy });

/**
 * `scale` (and `offset`) map boxes back to the caller's image when OCR ran on a resized copy (e.g. 1/1.5 for an
 * upscaled fax page) or on a region cut out of it. Empty words (Tesseract emits some for noise) are dropped.
 */
export function flattenBlocks(blocks: TBlock[] | null | undefined, scale = 1, offset = { x: 0, y: 0 }): { lines: OcrLine[]; words: OcrWord[] } {
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

export function toOcrResult(text: string, blocks: TBlock[] | null | undefined, width: number, height: number, ms: number, scale = 1, offset = { x: 0, y: 0 }): OcrResult {
  const { lines, words } = flattenBlocks(blocks, scale, offset);
  return { text: text.trim(), confidence: meanWordConfidence(words), lines, words, width, height, ms };
}
