// Which of the dates in a letter is the letter's own date: the one next to "Datum", the one after
// the place name ("Utrecht, 3 maart 2026"), or a date standing on its own near the top of page 1.
// Deadlines ("vóór 1 april"), birth dates and the date of the municipality's earlier letter
// ("uw brief van ...") are not.

import { daysBetween, findDates, type DateMatch } from './dates';
import { alignedCell, lineHeight, previousLine, spanBox, splitCells, verticalPosition, type Cell, type Doc, type Line } from './layout';

const POSITIVE_LABEL = /(?<![\p{L}])(?:datum|dagtekening|verzenddatum|briefdatum|factuurdatum|date)(?![\p{L}])/giu;
const NEGATIVE_LABEL =
  /(?<![\p{L}])(?:uw\s+(?:brief|e-?mail|schrijven|aanvraag|bericht|verzoek)(?:\s+(?:van|d\.\s?d\.|dd))?|geboortedatum|geboren|geb\.|overlijdensdatum|overleden|vervaldatum|verloopdatum|ingangsdatum|einddatum|begindatum|startdatum|betaaldatum|ontvangstdatum|ontvangen|uiterlijk|deadline|geldig\s+tot|termijn)(?![\p{L}])/giu;
// A preposition right before the date makes it a date in a sentence, not the letter's date.
const PREPOSITION_BEFORE =
  /(?<![\p{L}])(?:v[oó]{1,2}r|uiterlijk|tot(?:\s+en\s+met)?|t\/m|vanaf|sinds|per|op|van|na|binnen|tussen|d\.\s?d\.|dd|geb\.?|geboren|overleden|om|dan|en)\s*[:.,]?\s*$/iu;
// ... except in "verzonden op", "gedagtekend", which announce the letter's date.
const ANNOUNCING_BEFORE = /(?<![\p{L}])(?:verzonden|gedagtekend|gedateerd)(?:\s+op)?\s*[:.,]?\s*$/iu;
// One to three words before a comma at the start: 'Utrecht, ', 'Den Haag, ', "'s-Hertogenbosch, ".
const PLACE_BEFORE = /^\s*(?:['’]s[- ])?\p{Lu}[\p{L}'’.-]+(?:[ -][\p{L}'’.-]+){0,2},\s*(?:de\s+)?$/u;

interface Label {
  start: number;
  end: number;
  positive: boolean;
}

function labels(text: string): Label[] {
  const pos = [...text.matchAll(POSITIVE_LABEL)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, positive: true }));
  const neg = [...text.matchAll(NEGATIVE_LABEL)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, positive: false }));
  return [...pos, ...neg].sort((a, b) => a.start - b.start);
}

export interface LetterDateCandidate {
  line: Line;
  match: DateMatch;
  score: number;
}

/** Points (not a probability) for how much a date looks like the letter's date; -Infinity when it cannot be. */
function scoreDate(doc: Doc, line: Line, cell: Cell | undefined, match: DateMatch, dateIndex: number, scanDate?: string): number {
  if (scanDate) {
    const ahead = daysBetween(scanDate, match.iso);
    if (ahead > 730) return -Infinity; // a letter is not dated two years after it was scanned
  }
  const prefix = line.text.slice(0, match.start);
  let score = 0;
  const announced = ANNOUNCING_BEFORE.test(prefix);
  if (!announced && PREPOSITION_BEFORE.test(prefix)) return -Infinity;
  if (announced) score += 5;

  const ls = labels(line.text);
  const labelBefore = ls.filter((l) => l.end <= match.start).pop();
  if (labelBefore) {
    if (!labelBefore.positive) return -Infinity;
    if (match.start - labelBefore.end <= 30) score += 5;
  }
  const cellPrefix = cell ? line.text.slice(cell.start, match.start) : prefix;
  if (PLACE_BEFORE.test(prefix) || PLACE_BEFORE.test(cellPrefix)) score += 5;

  if (!labelBefore && !announced) {
    const above = labelAbove(doc, line, match, dateIndex);
    if (above === 'negative') return -Infinity;
    if (above === 'positive') score += 4;
  }

  const alone = cell ? cell.text.replace(/[.,]\s*$/, '').trim() === line.text.slice(match.start, match.end).trim() : false;
  if (alone) score += 1.5;
  if (line.ordinal === 0) {
    score += 1;
    if (verticalPosition(line) < 0.45) score += 2;
  } else {
    score -= 2;
  }
  if (scanDate) {
    const ahead = daysBetween(scanDate, match.iso);
    if (ahead > 0) score -= 1; // post-dated letters exist but are rare
    if (ahead < -3 * 365) score -= 2;
  }
  return score;
}

/** The label in the line above, in the same column as the date (table-like header). */
function labelAbove(doc: Doc, line: Line, match: DateMatch, dateIndex: number): 'positive' | 'negative' | null {
  const prev = previousLine(doc, line);
  if (!prev) return null;
  const above = labels(prev.text);
  if (above.length === 0) return null;
  const box = spanBox(line, match.start, match.end);
  if (box && prev.words.length > 0 && line.words.length > 0) {
    const cells = above.flatMap((l) => {
      const b = spanBox(prev, l.start, l.end);
      return b ? [{ line: prev, start: l.start, end: l.end, text: '', bbox: b }] : [];
    });
    const col = alignedCell(box, cells, 3 * Math.max(lineHeight(line), 1));
    if (!col) return null;
    return above.find((l) => l.start === col.start)?.positive ? 'positive' : 'negative';
  }
  // Without geometry: the n-th date under the n-th date label.
  const l = above[dateIndex] ?? (above.length === 1 ? above[0] : undefined);
  if (!l) return null;
  return l.positive ? 'positive' : 'negative';
}

/** Below this many points a date is only a date in the text, not the letter's date. */
const THRESHOLD = 3.5;

export function letterDateCandidates(doc: Doc, scanDate?: string): LetterDateCandidate[] {
  const out: LetterDateCandidate[] = [];
  for (const page of doc) {
    for (const line of page) {
      const matches = findDates(line.text);
      if (matches.length === 0) continue;
      const cells = splitCells(line);
      matches.forEach((match, i) => {
        const cell = cells.find((c) => c.start <= match.start && match.end <= c.end);
        const score = scoreDate(doc, line, cell, match, i, scanDate);
        if (score >= THRESHOLD) out.push({ line, match, score });
      });
    }
  }
  return out;
}

/** The best candidate (highest score, earliest on ties), or null. */
export function findLetterDate(doc: Doc, scanDate?: string): LetterDateCandidate | null {
  let best: LetterDateCandidate | null = null;
  for (const c of letterDateCandidates(doc, scanDate)) if (!best || c.score > best.score) best = c;
  return best;
}

/** Rule certainty for a score: 3.5 points ≈ 0.65, a labelled date at the top of page 1 ≈ 0.95. */
export function dateCertainty(score: number, noisy: boolean): number {
  return Math.min(0.98, 0.4 + score * 0.07) * (noisy ? 0.9 : 1);
}
