// A uniform view of the OCR result for the rules: lines with character offsets for every word, so a
// match in a line's text can be traced back to word boxes and word confidences. Pages without line
// data (text only) still work, without geometry.

import type { Box, OcrPage } from './types';

export interface PlacedWord {
  text: string;
  start: number;
  end: number;
  confidence: number /* 0..1 */;
  bbox: Box | null;
}

export interface Line {
  /** `pageIndex` of the page. */
  page: number;
  /** Position of the page in the input (0 = first page of the letter). */
  ordinal: number;
  /** Position of the line on its page. */
  index: number;
  text: string;
  bbox: Box | null;
  confidence: number /* 0..1 */;
  words: PlacedWord[];
  pageWidth: number;
  pageHeight: number;
  lineCount: number;
}

/** A horizontal stretch of a line: a column of a table-like header, or the whole line. */
export interface Cell {
  line: Line;
  start: number;
  end: number;
  text: string;
  bbox: Box | null;
}

/** Lines per page, in input order. */
export type Doc = Line[][];

function clamp01(n: number): number {
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 0;
}

export function buildDoc(pages: OcrPage[]): Doc {
  return pages.map((page, ordinal) => {
    const base = { page: page.pageIndex, ordinal, pageWidth: page.width, pageHeight: page.height };
    if (page.lines && page.lines.length > 0) {
      const count = page.lines.length;
      return page.lines.map((l, index): Line => {
        const text = l.text.replace(/[\r\n]+/g, ' ').trimEnd();
        const words: PlacedWord[] = [];
        let cursor = 0;
        for (const w of l.words ?? []) {
          const wt = w.text.trim();
          if (!wt) continue;
          const at = text.indexOf(wt, cursor);
          if (at < 0) continue; // a word the line text does not show: it has no offsets to anchor to
          words.push({ text: wt, start: at, end: at + wt.length, confidence: clamp01(w.confidence / 100), bbox: w.bbox ?? null });
          cursor = at + wt.length;
        }
        return { ...base, index, text, bbox: l.bbox ?? null, confidence: clamp01(l.confidence / 100), words, lineCount: count };
      });
    }
    const raw = (page.text ?? '').split(/\r?\n/);
    return raw.map((t, index): Line => ({
      ...base,
      index,
      text: t.trimEnd(),
      bbox: null,
      confidence: 0.9,
      words: [],
      lineCount: raw.length,
    }));
  });
}

function union(boxes: Box[]): Box | null {
  if (boxes.length === 0) return null;
  return boxes.reduce((a, b) => ({
    x0: Math.min(a.x0, b.x0),
    y0: Math.min(a.y0, b.y0),
    x1: Math.max(a.x1, b.x1),
    y1: Math.max(a.y1, b.y1),
  }));
}

function overlapping(line: Line, start: number, end: number): PlacedWord[] {
  return line.words.filter((w) => w.start < end && w.end > start);
}

/** The box around the words a span touches; the line box when words are unknown. */
export function spanBox(line: Line, start: number, end: number): Box | null {
  const ws = overlapping(line, start, end);
  const b = union(ws.flatMap((w) => (w.bbox ? [w.bbox] : [])));
  return b ?? line.bbox;
}

/** Mean word confidence (0..1) over a span; the weakest word pulls harder than an average would. */
export function spanConfidence(line: Line, start: number, end: number): number {
  const ws = overlapping(line, start, end);
  if (ws.length === 0) return line.confidence;
  const mean = ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
  const min = Math.min(...ws.map((w) => w.confidence));
  return clamp01((mean + min) / 2);
}

/** 0 at the top of the page, 1 at the bottom; from geometry when known, else from the line order. */
export function verticalPosition(line: Line): number {
  if (line.bbox && line.pageHeight > 0) return clamp01(line.bbox.y0 / line.pageHeight);
  return line.lineCount > 1 ? line.index / (line.lineCount - 1) : 0;
}

export function horizontalPosition(line: Line, box: Box | null = line.bbox): number {
  if (box && line.pageWidth > 0) return clamp01(box.x0 / line.pageWidth);
  return 0;
}

function median(ns: number[]): number {
  if (ns.length === 0) return 0;
  const s = [...ns].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/**
 * Splits a line into columns where the gap between words is wider than one and a half line heights.
 * A space is a third of an em in a proportional font, but up to an em in a monospaced one once the
 * side bearings of '.' or ':' are added; table columns are set further apart than that.
 * Without word boxes, two or more spaces in the text split.
 */
export function splitCells(line: Line): Cell[] {
  const placed = line.words.filter((w) => w.bbox);
  if (placed.length > 0 && placed.length === line.words.length) {
    const wordH = median(placed.map((w) => (w.bbox as Box).y1 - (w.bbox as Box).y0));
    const lineH = line.bbox ? line.bbox.y1 - line.bbox.y0 : 0;
    const h = 1.5 * Math.max(wordH, lineH, 1);
    const groups: PlacedWord[][] = [];
    for (const w of placed) {
      const last = groups[groups.length - 1];
      const prev = last?.[last.length - 1];
      if (last && prev && (w.bbox as Box).x0 - (prev.bbox as Box).x1 < h) last.push(w);
      else groups.push([w]);
    }
    return groups.map((g) => {
      const start = (g[0] as PlacedWord).start;
      const end = (g[g.length - 1] as PlacedWord).end;
      return { line, start, end, text: line.text.slice(start, end), bbox: union(g.map((w) => w.bbox as Box)) };
    });
  }
  const cells: Cell[] = [];
  const re = /\S+(?: \S+)*/g;
  for (const m of line.text.matchAll(re)) {
    const start = m.index ?? 0;
    cells.push({ line, start, end: start + m[0].length, text: m[0], bbox: line.bbox });
  }
  return cells;
}

/** The cell of `cells` that sits in the same column as `box` (most horizontal overlap, else nearest). */
export function alignedCell(box: Box | null, cells: Cell[], tolerance: number): Cell | null {
  if (!box) return null;
  let best: Cell | null = null;
  let bestOverlap = 0;
  for (const c of cells) {
    if (!c.bbox) continue;
    const ov = Math.min(box.x1, c.bbox.x1) - Math.max(box.x0, c.bbox.x0);
    if (ov > bestOverlap) {
      bestOverlap = ov;
      best = c;
    }
  }
  if (best) return best;
  let nearest: Cell | null = null;
  let dist = Infinity;
  for (const c of cells) {
    if (!c.bbox) continue;
    const d = Math.abs(c.bbox.x0 - box.x0);
    if (d < dist) {
      dist = d;
      nearest = c;
    }
  }
  return nearest && dist <= tolerance ? nearest : null;
}

export function lineHeight(line: Line): number {
  const hs = line.words.flatMap((w) => (w.bbox ? [w.bbox.y1 - w.bbox.y0] : []));
  if (hs.length > 0) return median(hs);
  return line.bbox ? line.bbox.y1 - line.bbox.y0 : 0;
}

export function previousLine(doc: Doc, line: Line): Line | null {
  const ls = doc[line.ordinal];
  if (!ls) return null;
  for (let i = line.index - 1; i >= 0; i--) {
    const l = ls[i];
    if (l && l.text.trim()) return near(l, line) ? l : null;
    if (l && !l.bbox) return null; // an empty text line is a blank line: context does not cross it
  }
  return null;
}

/** Two lines belong together when the gap between them is under about two line heights. */
function near(upper: Line, lower: Line): boolean {
  if (!upper.bbox || !lower.bbox) return true;
  const h = Math.max(lineHeight(lower), lineHeight(upper), 1);
  return lower.bbox.y0 - upper.bbox.y1 <= 2 * h;
}

export function nextLine(doc: Doc, line: Line): Line | null {
  const ls = doc[line.ordinal];
  if (!ls) return null;
  for (let i = line.index + 1; i < ls.length; i++) {
    const l = ls[i];
    if (l && l.text.trim()) return near(line, l) ? l : null;
    if (l && !l.bbox) return null;
  }
  return null;
}

export function roundConfidence(n: number): number {
  return Math.round(clamp01(n) * 1000) / 1000;
}
