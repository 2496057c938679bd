// A page's stored recognition and how it follows its image: boxes turned with the page, lines rebuilt for extraction.
import type { Rotation } from '../../capture/edit';
import type { Box, OcrLine, OcrWord } from '../../domain/types';

/** A box on an image `width`×`height` after the image is turned clockwise by `degrees` (x1/y1 exclusive). */
export function rotateBox(b: Box, degrees: Rotation, width: number, height: number): Box {
  switch (degrees) {
    case 0:
      return { ...b };
    case 90:
      return { x0: height - b.y1, y0: b.x0, x1: height - b.y0, y1: b.x1 };
    case 180:
      return { x0: width - b.x1, y0: height - b.y1, x1: width - b.x0, y1: height - b.y0 };
    case 270:
      return { x0: b.y0, y0: width - b.x1, x1: b.y1, y1: width - b.x0 };
  }
}

/** What a page row keeps of its recognition: the text, and the words with boxes in the page image's pixels. */
export interface StoredOcr {
  textSource?: string;
  text?: string;
  words: OcrWord[];
  lines?: OcrLine[];
  [k: string]: unknown;
}

/** The stored OCR with every box moved along with an image turned clockwise by `degrees`. */
export function rotateOcr(ocr: StoredOcr, degrees: Rotation, width: number, height: number): StoredOcr {
  const word = (w: OcrWord): OcrWord => ({ ...w, bbox: rotateBox(w.bbox, degrees, width, height) });
  return {
    ...ocr,
    words: (ocr.words ?? []).map(word),
    ...(ocr.lines
      ? { lines: ocr.lines.map((l) => ({ ...l, bbox: rotateBox(l.bbox, degrees, width, height), words: (l.words ?? []).map(word) })) }
      : {}),
  };
}

const unionBox = (boxes: Box[]): Box =>
  boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));

/**
 * The lines extraction reads, rebuilt from the stored text (one OCR line per text line) and the words in reading
 * order. When the words do not line up with the text, [] — extraction then reads the plain text, without boxes.
 */
export function ocrLines(ocr: StoredOcr | null): OcrLine[] {
  if (!ocr) return [];
  if (ocr.lines && ocr.lines.length > 0) return ocr.lines;
  const words = ocr.words ?? [];
  if (words.length === 0 || typeof ocr.text !== 'string') return [];
  const lines: OcrLine[] = [];
  let k = 0;
  for (const raw of ocr.text.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const ws: OcrWord[] = [];
    let cursor = 0;
    while (k < words.length) {
      const at = text.indexOf(words[k]!.text, cursor);
      if (at < 0) break;
      ws.push(words[k]!);
      cursor = at + words[k]!.text.length;
      k++;
    }
    if (ws.length === 0) return [];
    const confidence = ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
    lines.push({ text, confidence, bbox: unionBox(ws.map((w) => w.bbox)), words: ws });
  }
  return k === words.length ? lines : [];
}
