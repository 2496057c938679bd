// Where a new letter starts in a stack scanned without separator sheets: each page is weighed on its own (letterhead,
// sender or addressee block, date, salutation, "pagina 1 van N") and against its neighbours (a closing or a blank back
// before it, a page number that says the letter goes on); pages whose weight passes the threshold start a letter.

import { buildDoc, lineHeight, verticalPosition, horizontalPosition, type Line } from './layout';
import { letterDateCandidates } from './letter-date';
import { findPostcodes } from './postcode';
import { blocksOfPage, findSender } from './sender';
import type { OcrPage } from './types';

/** One page of the stack as recognised; `blank` as the capture step decided (a blank page has no text to read). */
export interface StackPage extends OcrPage {
  blank: boolean;
}

export type StartReason =
  | 'salutation'
  | 'addressee-block'
  | 'sender-top'
  | 'letterhead'
  | 'date-line'
  | 'subject-line'
  | 'reference-line'
  | 'page-1-of-n'
  | 'page-1'
  | 'after-blank-page'
  | 'after-closing'
  | 'after-last-page';

export type AgainstReason = 'page-k-of-n' | 'previous-page-continues' | 'enclosure' | 'continuation-header';

export interface PageWeight {
  index: number;
  score: number;
  /** Signals found on the page itself that only a letter's first page carries. */
  head: StartReason[];
  /** Signals from the pages before it. */
  context: StartReason[];
  against: AgainstReason[];
}

export interface LetterStart {
  /** 0-based index into the stack; never 0. */
  index: number;
  score: number;
  reasons: StartReason[];
}

/** A page starts a letter at this weight, and only with a strong signal of its own (context alone never does). */
export const START_THRESHOLD = 3;

/**
 * What only a first page carries. A letterhead, a date, a reference and even a sender's address recur in the header of
 * a company's continuation pages ("vervolgvel": logo, Datum, Kenmerk); on their own they never start a letter.
 */
const STRONG: readonly StartReason[] = ['salutation', 'addressee-block', 'page-1-of-n'];

function strong(head: readonly StartReason[]): boolean {
  // A memo-style first page without salutation or window address still opens with its subject and date.
  return head.some((r) => STRONG.includes(r)) || (head.includes('subject-line') && head.includes('date-line'));
}

const W: Record<StartReason | AgainstReason, number> = {
  salutation: 3,
  'addressee-block': 2,
  'sender-top': 1.5,
  letterhead: 1,
  'date-line': 1.5,
  'subject-line': 1,
  'reference-line': 0.5,
  'page-1-of-n': 3,
  'page-1': 1.5,
  'after-blank-page': 1,
  'after-closing': 1,
  'after-last-page': 1,
  'page-k-of-n': -8,
  'previous-page-continues': -5,
  enclosure: -4,
  'continuation-header': -4,
};

// "Geachte heer Jansen,", "Beste Anna,", "Geachte college,": the word, then a title, a capital or the end of the line.
const SALUTATION =
  /^\s*(?:[Zz]eer\s+)?(?:[Gg]eachte|GEACHTE|[Bb]este|[Ll]ieve|[Hh]allo|L\.\s?S\.|[Dd]ear)(?:\s+(?:[Hh]eer|[Mm]evrouw|[Mm]evr\.?|[Dd]hr\.?|[Cc]ollege|[Ll]eden|[Rr]aad|[Bb]urgemeester|\p{Lu})|\s*[,.]?\s*$)/u;
const CLOSING =
  /^\s*(?:met\s+(?:vriendelijke|hartelijke|beleefde|collegiale)\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|hoogachtend|groet(?:en)?|mvg|kind\s+regards)\s*[,.]?\s*$/iu;
const SUBJECT = /^\s*(?:betreft|onderwerp|inzake|re)\s*[:.]/iu;
const REFERENCE = /(?<![\p{L}])(?:uw\s+kenmerk|ons\s+kenmerk|uw\s+brief\s+van|kenmerk|zaaknummer)\s*[:.]/iu;
const ENCLOSURE = /^\s*(?:bijlage|bijlagen|enclosure|annex)\b(?!\s*[:.]?\s*\d*\s*(?:brief|stuk)ken)/iu;
const CONTINUATION = /^\s*(?:vervolg(?:blad)?|vervolg\s+van|blad\s+\d+\s+van\s+(?:onze|uw)\s+brief)\b/iu;
const N = '([0-9OolI|]{1,2})';
/** "pagina 2 van 3", "blad 2/3", "pag. 2 of 3", "page 2", "Pagina 2". */
const LABELLED_NUMBER = new RegExp(
  `(?<![\\p{L}])(?:pagina|pag\\.?|blad|bladzijde|page|p\\.)\\s*${N}(?:\\s*(?:van|of|uit|\\/)\\s*${N})?(?![\\p{L}\\p{N}])`,
  'iu',
);
/** A line that is only "2 van 3", "2/3", "- 2 -". */
const BARE_NUMBER = new RegExp(`^\\s*[-–(]?\\s*${N}\\s*(?:(?:van|of|\\/)\\s*${N})?\\s*[-–)]?\\s*$`, 'iu');

const digit = (s: string): number => Number(s.replace(/[Oo]/g, '0').replace(/[lI|]/g, '1'));

export interface PageNumber {
  page: number;
  of: number | null;
}

/** The page number printed in the header or footer zone ("pagina 2 van 3"), if any. */
export function pageNumberOf(lines: Line[]): PageNumber | null {
  for (const line of lines) {
    const pos = verticalPosition(line);
    const zone = pos < 0.15 || pos > 0.85;
    if (!zone) continue;
    const text = line.text.trim();
    const m = LABELLED_NUMBER.exec(text) ?? (text.length <= 12 ? BARE_NUMBER.exec(text) : null);
    if (!m) continue;
    // A bare number must say "of N" or be set apart with dashes: a lone digit is too often something else.
    if (m[0] === text && !/pagina|pag|blad|page|p\./i.test(text) && m[2] === undefined && !/[-–]/.test(text)) continue;
    const page = digit(m[1]!);
    const of = m[2] !== undefined ? digit(m[2]) : null;
    if (page < 1 || (of !== null && (of < page || of > 50))) continue;
    return { page, of };
  }
  return null;
}

function textLines(lines: Line[]): Line[] {
  return lines.filter((l) => l.text.trim().length > 0);
}

function median(ns: number[]): number {
  if (ns.length === 0) return 0;
  const s = [...ns].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * An address block of stacked lines with a postcode where a window envelope shows the addressee (or, on a letter
 * without one, the sender). A letterhead or footer written on one line ("Straat 1 | 1234 AB Plaats | KvK …") is not
 * one, nor is anything starting above the window: a letterhead repeated on continuation pages sits there.
 */
function addresseeBlock(lines: Line[]): boolean {
  for (const block of blocksOfPage(lines)) {
    if (block.length > 7 || new Set(block.map((s) => s.line.index)).size < 2) continue;
    const pcSeg = block.find((s) => findPostcodes(s.text).length > 0);
    if (!pcSeg || pcSeg.text.trim().length > 45) continue;
    const first = block[0]!;
    const top = verticalPosition(first.line);
    const left = horizontalPosition(first.line, first.bbox);
    if (top >= 0.12 && top <= 0.45 && left < 0.6) return true;
  }
  return false;
}

/** A first line set clearly larger than the text below it, at the very top: a letterhead. */
function letterhead(lines: Line[]): boolean {
  const ls = textLines(lines);
  const heights = ls.map(lineHeight).filter((h) => h > 0);
  if (heights.length < 5) return false;
  const body = median(heights);
  return ls.slice(0, 3).some((l) => verticalPosition(l) < 0.12 && lineHeight(l) >= 1.5 * body);
}

/** The signals of one page on its own. */
function ownSignals(page: StackPage): { head: StartReason[]; against: AgainstReason[]; number: PageNumber | null; closing: boolean } {
  const head: StartReason[] = [];
  const against: AgainstReason[] = [];
  if (page.blank) return { head, against, number: null, closing: false };
  const doc = buildDoc([page]);
  const lines = doc[0] ?? [];
  const ls = textLines(lines);
  const upper = ls.filter((l) => verticalPosition(l) < 0.6);
  const number = pageNumberOf(ls);
  // "pagina 1 van 3" opens a letter; a bare "Pagina 1" as often opens an enclosure or a report that goes with one.
  if (number?.page === 1) head.push(number.of !== null ? 'page-1-of-n' : 'page-1');
  if (number && number.page > 1) against.push('page-k-of-n');
  // Length first: on a hostile line (a text layer of tens of thousands of spaces) these patterns take quadratic time.
  if (upper.some((l) => l.text.trim().length <= 60 && SALUTATION.test(l.text))) head.push('salutation');
  if (addresseeBlock(lines)) head.push('addressee-block');
  const sender = findSender(doc);
  const senderLine = sender?.address?.line;
  if (senderLine && verticalPosition(senderLine) < 0.25) head.push('sender-top');
  else if (letterhead(lines)) head.push('letterhead');
  if (letterDateCandidates(doc).some((c) => verticalPosition(c.line) < 0.5)) head.push('date-line');
  if (upper.some((l) => SUBJECT.test(l.text))) head.push('subject-line');
  if (upper.some((l) => REFERENCE.test(l.text))) head.push('reference-line');
  const top3 = ls.slice(0, 3).filter((l) => verticalPosition(l) < 0.25);
  if (top3.some((l) => ENCLOSURE.test(l.text) && l.text.trim().length <= 80)) against.push('enclosure');
  if (top3.some((l) => CONTINUATION.test(l.text))) against.push('continuation-header');
  const closing = ls.some((l) => l.text.trim().length <= 60 && CLOSING.test(l.text) && verticalPosition(l) > 0.2);
  return { head, against, number, closing };
}

/** Every page weighed: its own signals and those of the pages before it. */
export function weighPages(pages: StackPage[]): PageWeight[] {
  const own = pages.map(ownSignals);
  return pages.map((page, index) => {
    const o = own[index]!;
    const context: StartReason[] = [];
    const against = [...o.against];
    // The last printed page before this one, and whether a blank page lies between.
    let prev = index - 1;
    while (prev >= 0 && pages[prev]!.blank) prev--;
    if (index > 0 && prev < index - 1 && prev >= 0) context.push('after-blank-page');
    const p = prev >= 0 ? own[prev]! : null;
    if (p?.closing) context.push('after-closing');
    if (p?.number?.of != null) {
      if (p.number.page < p.number.of) against.push('previous-page-continues');
      else context.push('after-last-page');
    }
    const reasons = [...o.head, ...context];
    const score = reasons.reduce((s, r) => s + W[r], 0) + against.reduce((s, r) => s + W[r], 0);
    return { index, score: page.blank ? -Infinity : score, head: o.head, context, against };
  });
}

/** The pages (never the first, never a blank one) where a new letter starts, with the reasons and the weight of each. */
export function findLetterStarts(pages: StackPage[]): LetterStart[] {
  return weighPages(pages)
    .filter((w) => w.index > 0 && strong(w.head) && w.score >= START_THRESHOLD)
    .map((w) => ({ index: w.index, score: Math.round(w.score * 100) / 100, reasons: [...w.head, ...w.context] }));
}
