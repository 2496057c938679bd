// The text layer of a born-digital PDF page as OCR would give it: pdf.js text runs (PDF user space) → words and lines
// with boxes in the rendered page's pixels, bounded, so the layout rules get the same shape from a PDF as from a scan.
import { StandardFontEmbedder, StandardFonts } from 'pdf-lib';
import type { Box, OcrLine, OcrWord, PdfTextPage } from './types';

/** One pdf.js text item (getTextContent): `transform` maps text space to PDF user space, `width` is in user space. */
export interface TextRun {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName: string;
  hasEOL?: boolean;
}

/** pdf.js's per-font style; ascent/descent are fractions of the font size and may be missing, null or NaN. */
export interface RunStyle {
  fontFamily?: string;
  ascent?: number | null;
  descent?: number | null;
  vertical?: boolean;
}

/** A PDF is untrusted input: how much of a page's text is looked at. Beyond these the rest is left out. */
export const TEXT_LAYER_LIMITS = {
  /** Text items read from one page (a dense page of running text has a few hundred to a few thousand). */
  maxItems: 20_000,
  /** Characters kept of one item. */
  maxItemChars: 2_000,
  /** Characters kept of one page. */
  maxPageChars: 200_000,
};

/** Used when pdf.js knows no metrics for the font (a standard font it substitutes: Times reports NaN). */
const DEFAULT_ASCENT = 0.8;
const DEFAULT_DESCENT = -0.2;

type Matrix = readonly number[];
type Point = [number, number];

/** m1 · m2 in pdf.js's convention (Util.transform): first apply m2, then m1. */
export function multiply(m1: Matrix, m2: Matrix): number[] {
  const [a1, b1, c1, d1, e1, f1] = m1 as [number, number, number, number, number, number];
  const [a2, b2, c2, d2, e2, f2] = m2 as [number, number, number, number, number, number];
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1];
}

function apply(m: Matrix, p: Point): Point {
  return [m[0]! * p[0] + m[2]! * p[1] + m[4]!, m[1]! * p[0] + m[3]! * p[1] + m[5]!];
}

const finite = (n: number | null | undefined, fallback: number): number => (typeof n === 'number' && Number.isFinite(n) ? n : fallback);

function boxOf(points: Point[]): Box {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return {
    x0: Math.floor(Math.min(...xs)),
    y0: Math.floor(Math.min(...ys)),
    x1: Math.ceil(Math.max(...xs)),
    y1: Math.ceil(Math.max(...ys)),
  };
}

/**
 * pdf.js gives one advance per run, not per glyph. The run's advance is shared out over its characters in proportion
 * to their widths in the standard font of the run's family (Helvetica, Times, Courier metrics): word boxes then sit
 * on their glyphs within a few pixels, where an even share misses by up to a character or two in a long word.
 */
const METRICS: Record<string, StandardFontEmbedder> = {};
const widthCache = new Map<string, number>();
function charWidth(family: string, ch: string): number {
  const key = family + ch;
  const hit = widthCache.get(key);
  if (hit !== undefined) return hit;
  const name = family === 'serif' ? StandardFonts.TimesRoman : family === 'monospace' ? StandardFonts.Courier : StandardFonts.Helvetica;
  // pdf-lib's StandardFonts and its metrics package's FontNames are the same strings under two enum types.
  const font = (METRICS[name] ??= StandardFontEmbedder.for(name as unknown as Parameters<typeof StandardFontEmbedder.for>[0]));
  let w: number;
  try {
    w = font.widthOfTextAtSize(ch, 1000);
  } catch {
    w = 0; // not in WinAnsi: an average width below
  }
  if (!(w > 0)) w = /\s/u.test(ch) ? 278 : 556;
  if (widthCache.size < 4096) widthCache.set(key, w);
  return w;
}

/** Where each character of `cps` starts along the run, 0..1 (one more entry than characters: the end, 1). */
function advances(cps: string[], family: string): number[] {
  const out = [0];
  let sum = 0;
  for (const c of cps) out.push((sum += charWidth(family, c)));
  return sum > 0 ? out.map((x) => x / sum) : out.map((_x, i) => i / Math.max(1, cps.length));
}

// Control characters and the replacement character carry no text; a PDF without a usable ToUnicode map yields them.
// eslint-disable-next-line no-control-regex
const JUNK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd]/gu;

interface PlacedRun {
  text: string;
  /** Start and end of the baseline, and the up vector (baseline → ascent), in pixels. */
  start: Point;
  end: Point;
  up: Point;
  down: Point;
  fontPx: number;
  /** Left to right and level in the rendered page (within 2°): such runs form lines as OCR reads them. */
  horizontal: boolean;
}

function placeRun(run: TextRun, style: RunStyle, viewport: Matrix, text: string): PlacedRun | null {
  const t = run.transform;
  if (!Array.isArray(t) || t.length < 6 || !t.every((n) => Number.isFinite(n))) return null;
  const m = multiply(viewport, t);
  // Text space: x along the run, y up; one unit is the font size. The advance `width` is in user space.
  const along = Math.hypot(t[0]!, t[1]!);
  const width = finite(run.width, 0);
  if (!(along > 0) || width < 0) return null;
  const fontPx = Math.hypot(m[2]!, m[3]!);
  if (!(fontPx > 0)) return null;
  const ascent = finite(style.ascent, DEFAULT_ASCENT);
  const descent = finite(style.descent, DEFAULT_DESCENT);
  const start = apply(m, [0, 0]);
  const end = apply(m, [width / along, 0]);
  const linear = [m[0]!, m[1]!, m[2]!, m[3]!, 0, 0];
  const up = apply(linear, [0, ascent > descent ? ascent : DEFAULT_ASCENT]);
  const down = apply(linear, [0, ascent > descent ? descent : DEFAULT_DESCENT]);
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const horizontal = width === 0 ? m[0]! > 0 && Math.abs(m[1]!) <= 0.035 * m[0]! : dx > 0 && Math.abs(dy) <= 0.035 * dx;
  return { text, start, end, up, down, fontPx, horizontal };
}

/** The box of characters [from, to) of a run; `frac` says where each character starts along the run (0..1). */
function spanBox(r: PlacedRun, from: number, to: number, frac: number[]): Box {
  const at = (k: number): Point => [r.start[0] + (r.end[0] - r.start[0]) * frac[k]!, r.start[1] + (r.end[1] - r.start[1]) * frac[k]!];
  const a = at(from);
  const b = at(to);
  return boxOf(
    [a, b].flatMap((p): Point[] => [
      [p[0] + r.up[0], p[1] + r.up[1]],
      [p[0] + r.down[0], p[1] + r.down[1]],
    ]),
  );
}

const union = (a: Box, b: Box): Box => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

/**
 * Words and lines of one page from pdf.js text runs. `viewport` is the rendered viewport's transform (PDF user space →
 * pixels: it carries the scale, the page's /Rotate and the CropBox origin). Runs on one baseline that follow each
 * other make one line (words in left-to-right order); a run that touches the previous one without a space continues
 * its word. A run that is not level and left to right (a rotated stamp, vertical margin text) is a line of its own.
 */
export function textLayerOf(
  runs: readonly TextRun[],
  styles: Readonly<Record<string, RunStyle | undefined>>,
  viewport: Matrix,
  limits = TEXT_LAYER_LIMITS,
): PdfTextPage | undefined {
  const lines: OcrLine[] = [];
  let current: OcrWord[] = [];
  let baseline: PlacedRun | null = null;
  let lastEnd: { x: number; glue: boolean } | null = null;
  let chars = 0;
  const flush = () => {
    if (current.length > 0) {
      current.sort((a, b) => a.bbox.x0 - b.bbox.x0);
      const bbox = current.map((w) => w.bbox).reduce(union);
      lines.push({ text: current.map((w) => w.text).join(' '), confidence: 100, bbox, words: current });
    }
    current = [];
    baseline = null;
    lastEnd = null;
  };
  for (const run of runs.slice(0, limits.maxItems)) {
    if (chars >= limits.maxPageChars) break;
    if (typeof run?.str !== 'string') continue;
    const text = Array.from(run.str.slice(0, 2 * limits.maxItemChars).replace(JUNK, ''))
      .slice(0, limits.maxItemChars)
      .join('');
    const style = styles[run.fontName] ?? {};
    const placed = placeRun(run, style, viewport, text);
    if (placed && text.trim()) {
      const prev: PlacedRun | null = baseline;
      const sameLine =
        prev !== null &&
        placed.horizontal &&
        prev.horizontal &&
        Math.abs(placed.start[1] - prev.start[1]) <= 0.5 * Math.max(placed.fontPx, prev.fontPx);
      if (!sameLine) flush();
      const frac = advances(Array.from(text), style.fontFamily ?? 'sans-serif');
      const glue = lastEnd !== null && lastEnd.glue && !/^\s/u.test(text) && Math.abs(placed.start[0] - lastEnd.x) < 0.15 * placed.fontPx;
      let first = true;
      for (const m of text.matchAll(/\S+/gu)) {
        const from = Array.from(text.slice(0, m.index)).length;
        const to = from + Array.from(m[0]).length;
        const bbox = spanBox(placed, from, to, frac);
        const last = current[current.length - 1];
        if (first && glue && from === 0 && last) {
          last.text += m[0];
          last.bbox = union(last.bbox, bbox);
        } else {
          current.push({ text: m[0], confidence: 100, bbox });
        }
        first = false;
        chars += m[0].length + 1;
      }
      baseline = placed;
      lastEnd = { x: placed.end[0], glue: placed.horizontal && !/\s$/u.test(text) };
      if (!placed.horizontal) flush();
    }
    if (run.hasEOL) flush();
  }
  flush();
  const words = lines.flatMap((l) => l.words);
  if (words.length === 0) return undefined;
  return { text: lines.map((l) => l.text).join('\n'), lines, words };
}

/**
 * Whether a text layer can stand in for OCR: it holds some text and that text is mostly letters and digits. A PDF
 * whose fonts map glyphs to private-use or arbitrary code points (no ToUnicode) yields junk; OCR reads such a page.
 */
export function usableTextLayer(layer: PdfTextPage | undefined): layer is PdfTextPage {
  if (!layer) return false;
  const visible = Array.from(layer.text.replace(/\s+/gu, ''));
  if (visible.length < 3) return false;
  const readable = visible.filter((c) => /[\p{L}\p{N}\p{P}\p{Sc}\p{Sm}]/u.test(c) && !/\p{Co}/u.test(c)).length;
  return readable / visible.length >= 0.9;
}
