// Tesseract's TSV → lines and words (what the OCR pool reads instead of tesseract.js's blocks tree).
import { describe, expect, it } from 'vitest';
import { flattenTsv, toOcrResult } from '../../../src/recognise/ocr-blocks';

// level page block par line word left top width height conf text — as Tesseract writes it (no header row).
const TSV = [
  '1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t',
  '2\t1\t1\t0\t0\t0\t10\t20\t400\t60\t-1\t',
  '3\t1\t1\t1\t0\t0\t10\t20\t400\t60\t-1\t',
  '4\t1\t1\t1\t1\t0\t10\t20\t300\t25\t-1\t',
  '5\t1\t1\t1\t1\t1\t10\t20\t100\t25\t95.962303\tGeachte',
  '5\t1\t1\t1\t1\t2\t120\t22\t80\t23\t91.5\theer,',
  '4\t1\t1\t1\t2\t0\t10\t55\t50\t25\t-1\t',
  '5\t1\t1\t1\t2\t1\t10\t55\t50\t25\t12.2\t ',
  '2\t1\t2\t0\t0\t0\t10\t200\t400\t30\t-1\t',
  '3\t1\t2\t1\t0\t0\t10\t200\t400\t30\t-1\t',
  '4\t1\t2\t1\t1\t0\t10\t200\t400\t30\t-1\t',
  '5\t1\t2\t1\t1\t1\t10\t200\t200\t30\t88.1\tZaaknummer',
  '5\t1\t2\t1\t1\t2\t220\t200\t190\t30\t40\t  ',
  '5\t1\t2\t1\t1\t3\t220\t200\t190\t30\t97.9\tZ-2024-000183',
  '',
].join('\n');

describe('flattenTsv', () => {
  it('groups words into lines, cuts confidences to integers and leaves empty words and lines out', () => {
    const { lines, words } = flattenTsv(TSV);
    expect(lines.map((l) => l.text)).toEqual(['Geachte heer,', 'Zaaknummer Z-2024-000183']);
    expect(words.map((w) => [w.text, w.confidence])).toEqual([
      ['Geachte', 95],
      ['heer,', 91],
      ['Zaaknummer', 88],
      ['Z-2024-000183', 97],
    ]);
    expect(words[1]!.bbox).toEqual({ x0: 120, y0: 22, x1: 200, y1: 45 });
    expect(lines[0]!.bbox).toEqual({ x0: 10, y0: 20, x1: 310, y1: 45 });
    // A line's confidence is the cut mean of all its words', the empty one included (as Tesseract's line confidence).
    expect(lines[0]!.confidence).toBe(Math.trunc((95.962303 + 91.5) / 2));
    expect(lines[1]!.confidence).toBe(Math.trunc((88.1 + 40 + 97.9) / 3));
    expect(lines[1]!.words).toEqual(words.slice(2));
  });

  it('maps boxes from a scaled, cut-out copy back onto the page', () => {
    const { words, lines } = flattenTsv(TSV, 1.5, { x: 300, y: 450 });
    expect(words[0]!.bbox).toEqual({ x0: 315, y0: 480, x1: 465, y1: 518 });
    expect(lines[0]!.bbox).toEqual({ x0: 315, y0: 480, x1: 765, y1: 518 });
  });

  it('gives nothing for an empty or missing TSV, and the page result carries the mean word confidence', () => {
    expect(flattenTsv('')).toEqual({ lines: [], words: [] });
    expect(flattenTsv(null)).toEqual({ lines: [], words: [] });
    const r = toOcrResult(' Geachte heer,\n', TSV, 1000, 800, 5);
    expect(r.text).toBe('Geachte heer,');
    expect(r.confidence).toBeCloseTo((95 * 7 + 91 * 5 + 88 * 10 + 97 * 13) / 35, 6);
  });
});
