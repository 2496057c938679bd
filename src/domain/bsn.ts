// Finding a BSN in OCR text. A nine-digit number is only a BSN when a BSN word stands next to it
// (same line, or the line above in a table-like layout) and it passes the 11-proef: invoices,
// customer numbers, old bank accounts and phone numbers are full of nine-digit numbers, and a
// good share of them pass the 11-proef by chance (1 in 11).

import { passesElfproef } from './elfproef';
import { alignedCell, lineHeight, previousLine, spanBox, type Doc, type Line } from './layout';
import { digitsOf, hasDigitNoise, plausiblyNumeric, realDigitCount } from './ocr-noise';
import type { Box } from './types';

export interface BsnCandidate {
  start: number;
  end: number;
  /** The text as printed, e.g. '1234.56.789'. */
  raw: string;
  /** Nine digits after OCR repair. */
  digits: string;
  /** True when O/l/I had to be read as digits. */
  noisy: boolean;
}

interface Token {
  start: number;
  end: number;
}

const TOKEN = /[0-9OolI|]+/g;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function isLetterOrDigit(c: string | undefined): boolean {
  return c !== undefined && LETTER_OR_DIGIT.test(c);
}

/** Digit runs written the ways a BSN is written: one token, or groups joined by single spaces or dots. */
function digitRuns(text: string): Token[][] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    // "O" in "Oost" or "l" in "lid" is a letter, not a digit: a token must stand on its own.
    if (isLetterOrDigit(text[start - 1]) || isLetterOrDigit(text[end])) continue;
    if (!plausiblyNumeric(m[0])) continue;
    tokens.push({ start, end });
  }
  const runs: Token[][] = [];
  for (const t of tokens) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && t.start === last.end + 1 && /[ .]/.test(text[last.end] ?? '')) run.push(t);
    else runs.push([t]);
  }
  return runs;
}

/**
 * A number glued to other symbols is part of something else: '06-12345678', '123.456.789,00',
 * 'ZAAK-2026-123456789'. Checked at the candidate's own ends.
 */
function attachedBefore(text: string, start: number): boolean {
  const before = text[start - 1];
  if (before !== undefined && /[+\-/_€$#@]/.test(before)) return true;
  return before === ')' || (before === ' ' && text[start - 2] === ')'); // '(0)20 123 4567'
}
function attachedAfter(text: string, end: number): boolean {
  const after = text[end];
  if (after !== undefined && /[-/_%@]/.test(after)) return true;
  return after === ',' && /\d/.test(text[end + 1] ?? '');
}

/** Every nine-digit number in `text` written as a BSN could be, without looking at context or the 11-proef. */
export function findBsnCandidates(text: string): BsnCandidate[] {
  const out: BsnCandidate[] = [];
  for (const run of digitRuns(text)) {
    const runStart = (run[0] as Token).start;
    if (text[runStart - 1] === '+') continue; // '+31 20 1234567': the rest of an international number
    // Tesseract joins words with single spaces, so two numbers side by side ('123456789 987654321',
    // 'BSN 123456789 12 maart') form one run: take nine-digit stretches that start and end at a space.
    for (let k = 0; k < run.length; k++) {
      const first = run[k] as Token;
      if (k > 0 && text[first.start - 1] !== ' ') continue;
      if (k === 0 && attachedBefore(text, first.start)) continue;
      let count = 0;
      for (let j = k; j < run.length; j++) {
        const t = run[j] as Token;
        count += t.end - t.start;
        if (count > 9) break;
        if (count === 9 && (j === run.length - 1 ? !attachedAfter(text, t.end) : text[t.end] === ' ')) {
          const raw = text.slice(first.start, t.end);
          if (realDigitCount(raw) >= 7) {
            out.push({ start: first.start, end: t.end, raw, digits: digitsOf(raw), noisy: hasDigitNoise(raw) });
            k = j;
          }
          break;
        }
      }
    }
  }
  return out;
}

export interface Label {
  start: number;
  end: number;
  positive: boolean;
  /** A reference label ('kenmerk', 'dossiernummer'): a reference can be a BSN when the text says so. */
  soft?: boolean;
}

const POSITIVE =
  /(?<![\p{L}])(?:b\.?\s?s\.?\s?n\.?(?:[\s-]?(?:nummer|nr)\.?)?|burger\s?-?\s?service\s?-?\s?(?:nummer|nr\.?)|sofi\s?-?\s?(?:nummer|nr\.?))(?![\p{L}])/giu;

// Numbers these words introduce are never a BSN, whatever the 11-proef says.
const NEGATIVE = new RegExp(
  '(?<![\\p{L}])(?:' +
    [
      'factuur(?:nummer|nr\\.?|no\\.?)?',
      'nota(?:nummer|nr\\.?)?',
      'klant(?:nummer|nr\\.?)',
      'relatie(?:nummer|nr\\.?)',
      'debiteur(?:en)?(?:nummer|nr\\.?)?',
      'crediteur(?:en)?(?:nummer|nr\\.?)?',
      'order(?:nummer|nr\\.?)?',
      '(?:bank)?rekening(?:nummer|nr\\.?)?',
      'iban',
      'bic',
      'giro',
      'k\\.?\\s?v\\.?\\s?k\\.?(?:[\\s-]?(?:nummer|nr\\.?))?',
      'kamer van koophandel',
      'handelsregister',
      'tel(?:efoon)?(?:nummer|nr)?\\.?',
      'telefonisch',
      'mobiel',
      'gsm',
      'fax',
      'rsin',
      'btw(?:[\\s-]?(?:nummer|nr\\.?|id))?',
      'vat',
      'dossier(?:nummer|nr\\.?)?',
      'polis(?:nummer|nr\\.?)?',
      'contract(?:nummer|nr\\.?)?',
      'aanvraag(?:nummer|nr\\.?)',
      'registratie(?:nummer|nr\\.?)',
      'vestigings(?:nummer|nr\\.?)',
      'lid(?:maatschaps)?(?:nummer|nr\\.?)',
      'pas(?:nummer|nr\\.?)',
      'personeels(?:nummer|nr\\.?)',
      'document(?:nummer|nr\\.?)',
      'paspoort(?:nummer|nr\\.?)?',
      'rijbewijs(?:nummer|nr\\.?)?',
      'kenteken',
      'agb(?:-code)?',
      'uzi',
      'ean',
      'zaak(?:nummer|nr\\.?)?',
      'kenmerk',
      'referentie(?:nummer)?',
      'ref\\.',
      'betalingskenmerk',
      'postbus',
      'antwoordnummer',
      'bedrag',
      'totaal',
      'eur',
      'aanslag(?:nummer)?',
      'beschikking(?:s)?nummer',
      'meldnummer',
    ].join('|') +
    ')(?![\\p{L}])',
  'giu',
);

const SOFT =
  /^(?:kenmerk|referentie(?:nummer)?|ref\.|dossier(?:nummer|nr\.?)?|zaak(?:nummer|nr\.?)?|aanvraag(?:nummer|nr\.?)|registratie(?:nummer|nr\.?)|document(?:nummer|nr\.?))$/i;

/** BSN words (positive) and words that make a number something else (negative), in text order. */
export function bsnLabels(text: string): Label[] {
  const pos: Label[] = [...text.matchAll(POSITIVE)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    positive: true,
  }));
  const neg: Label[] = [...text.matchAll(NEGATIVE)]
    .map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, positive: false, soft: SOFT.test(m[0]) }))
    .filter((n) => !pos.some((p) => p.start < n.end && n.start < p.end));
  return [...pos, ...neg].sort((a, b) => a.start - b.start);
}

/** How far (characters) a BSN word before the number may stand, and after it ('123456789 (BSN)'). */
const MAX_GAP_BEFORE = 60;
const MAX_GAP_AFTER = 20;

/**
 * Rule certainty (0..1) that the number at [start,end) of `line` is introduced as a BSN; 0 when it is not.
 */
export function bsnContext(doc: Doc | null, line: Line, start: number, end: number): number {
  const labels = bsnLabels(line.text);
  const before = labels.filter((l) => l.end <= start);
  const nearestBefore = before[before.length - 1];
  const after = labels.find((l) => l.start >= end);
  if (nearestBefore) {
    if (nearestBefore.positive) return start - nearestBefore.end <= MAX_GAP_BEFORE ? 0.95 : 0;
    // 'Uw kenmerk: 123456789 (BSN)': the writer says which it is. Never for invoice, customer,
    // account, KvK or phone numbers.
    const saysBsn = after?.positive === true && after.start - end <= 3;
    return nearestBefore.soft && saysBsn ? 0.8 : 0;
  }
  if (after && after.start - end <= MAX_GAP_AFTER) return after.positive ? 0.85 : 0;
  if (!doc) return 0;

  // Table-like layout: the label is in the line above, in the same column.
  const prev = previousLine(doc, line);
  if (!prev) return 0;
  const above = bsnLabels(prev.text);
  if (above.length === 0) return 0;
  const box = spanBox(line, start, end);
  const labelBoxes = above.map((l) => ({ l, box: spanBox(prev, l.start, l.end) }));
  const hasGeometry = box !== null && labelBoxes.every((x) => x.box !== null) && prev.words.length > 0 && line.words.length > 0;
  if (hasGeometry) {
    const cells = labelBoxes.map((x) => ({ line: prev, start: x.l.start, end: x.l.end, text: '', bbox: x.box as Box }));
    const col = alignedCell(box, cells, 3 * Math.max(lineHeight(line), 1));
    if (!col) return 0;
    const label = above.find((l) => l.start === col.start);
    return label?.positive ? 0.85 : 0;
  }
  return above.every((l) => l.positive) ? 0.8 : 0;
}

export interface BsnHit {
  line: Line;
  start: number;
  end: number;
  digits: string;
  certainty: number;
}

/** Every context-confirmed, 11-proef-valid BSN in the document. */
export function findBsns(doc: Doc): BsnHit[] {
  const hits: BsnHit[] = [];
  for (const page of doc) {
    for (const line of page) {
      for (const c of findBsnCandidates(line.text)) {
        if (!passesElfproef(c.digits)) continue;
        const ctx = bsnContext(doc, line, c.start, c.end);
        if (ctx <= 0) continue;
        hits.push({ line, start: c.start, end: c.end, digits: c.digits, certainty: ctx * (c.noisy ? 0.9 : 1) });
      }
    }
  }
  return hits;
}
