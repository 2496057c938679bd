// Masking BSNs for the UI, logs and OCR sidecars. Only the last three digits stay, and the mask has a
// fixed width so it does not even reveal how many digits were there.

import { findBsns, findBsnCandidates } from './bsn';
import { passesElfproef } from './elfproef';
import { buildDoc } from './layout';
import { digitsOf, plausiblyNumeric } from './ocr-noise';
import type { OcrPage } from './types';

/** Keeps the last 3 digits: '123456789' → '******789'. */
export function maskBsn(s: string): string {
  const d = digitsOf(s);
  return d.length >= 3 ? `******${d.slice(-3)}` : '*********';
}

interface Span {
  start: number;
  end: number;
}

function replaceSpans(text: string, spans: Span[]): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, s.start) + maskBsn(out.slice(s.start, s.end)) + out.slice(s.end);
  }
  return out;
}

/** Spans (offsets into `text`) of every context-confirmed valid BSN in a free text (lines separated by newlines). */
function contextSpans(text: string): Span[] {
  const doc = buildDoc([{ pageIndex: 0, width: 0, height: 0, text, lines: [] }]);
  const lines = text.split(/(?<=\n)/); // keeps the newline on each piece, so offsets add up
  const offsets: number[] = [];
  let at = 0;
  for (const piece of lines) {
    offsets.push(at);
    at += piece.length;
  }
  return findBsns(doc).map((h) => ({ start: (offsets[h.line.index] ?? 0) + h.start, end: (offsets[h.line.index] ?? 0) + h.end }));
}

/** Masks every context-confirmed valid BSN in a free text (lines separated by newlines), for logs and UI. */
export function redactBsns(text: string): string {
  if (!text) return text;
  return replaceSpans(text, contextSpans(text));
}

/**
 * Masks every occurrence of an already-confirmed BSN in a short text (a value or a matched line),
 * where the context that confirmed it may be out of sight.
 */
export function maskKnownBsns(text: string, known: ReadonlySet<string>): string {
  if (known.size === 0 || !text) return text;
  const spans = findBsnCandidates(text).filter((c) => known.has(c.digits));
  // A run glued to a symbol ('BSN:123456789' is fine, but 'nr.123456789') is skipped by the
  // candidate finder; catch plain nine-digit stretches of a known number as well.
  for (const m of text.matchAll(/[0-9OolI|][0-9OolI| .]{7,12}[0-9OolI|]/g)) {
    const start = m.index ?? 0;
    const d = digitsOf(m[0]);
    if (d.length === 9 && known.has(d) && !spans.some((s) => s.start < start + m[0].length && start < s.end)) {
      spans.push({ start, end: start + m[0].length, raw: m[0], digits: d, noisy: false });
    }
  }
  return replaceSpans(text, spans);
}

// ---------------------------------------------------------------------------------------------------------
// The one masking function for display. Every text of a document that leaves the core to be shown (search
// snippets and titles, the recognised text, titles and extracted values in lists, CLI output) goes through
// maskForDisplay. It does not rely on a BSN word being in view: a search snippet is cut out of its context by
// nature, so there every 11-proef-valid nine-digit number is masked; everywhere the document's own confirmed
// BSNs are masked in whatever form they are written.

/** Hit marks in search snippets: transparent to the masking, turned into '[' and ']' for the client. */
export const HIT_OPEN = '\u0002';
export const HIT_CLOSE = '\u0003';

export interface DisplayMaskOptions {
  /** The document's confirmed BSNs (nine digits each): masked wherever and however they are written. */
  known?: ReadonlySet<string>;
  /** The text is shown without its context (a search snippet or title): mask every 11-proef-valid nine-digit number. */
  outOfContext?: boolean;
}

const DIGITISH_RUN = /[0-9OolI|]+/g;
/** True when `s` holds at least `n` digits (counted, not matched: linear on any text). */
function hasDigits(s: string, n: number): boolean {
  let count = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57 && ++count >= n) return true;
  }
  return false;
}
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** What may stand between the groups of a written BSN ('1234 56 782', '123.456.782', '123-456-782'). */
const GROUP_SEPARATOR = /^[ .\u00a0\u202f-]$/;

interface DigitToken {
  start: number;
  end: number;
  digits: string;
}

/** Digit runs (OCR's O/l/I read as digits where the run stands on its own and is mostly digits). */
function digitTokens(text: string): DigitToken[] {
  const out: DigitToken[] = [];
  for (const m of text.matchAll(DIGITISH_RUN)) {
    const start = m.index ?? 0;
    const run = m[0];
    if (/^\d+$/.test(run)) {
      out.push({ start, end: start + run.length, digits: run });
      continue;
    }
    const alone = !WORD_CHAR.test(text[start - 1] ?? '') && !WORD_CHAR.test(text[start + run.length] ?? '');
    if (alone && plausiblyNumeric(run)) {
      out.push({ start, end: start + run.length, digits: digitsOf(run) });
      continue;
    }
    for (const d of run.matchAll(/\d+/g))
      out.push({ start: start + (d.index ?? 0), end: start + (d.index ?? 0) + d[0].length, digits: d[0] });
  }
  return out;
}

/** Groups of tokens joined by single separators: the ways a number is written across groups. */
function tokenChains(tokens: DigitToken[], text: string): DigitToken[][] {
  const chains: DigitToken[][] = [];
  for (const t of tokens) {
    const chain = chains[chains.length - 1];
    const last = chain?.[chain.length - 1];
    const gap = last ? text.slice(last.end, t.start) : '';
    if (chain && last && (t.start === last.end || GROUP_SEPARATOR.test(gap))) chain.push(t);
    else chains.push([t]);
  }
  return chains;
}

/** Every nine-digit stretch of a chain that is one of `known`, at any alignment (spans into the text). */
function knownSpans(chains: DigitToken[][], known: ReadonlySet<string>): Span[] {
  const out: Span[] = [];
  for (const chain of chains) {
    const chars: { pos: number; d: string }[] = [];
    for (const t of chain) for (let i = 0; i < t.digits.length; i++) chars.push({ pos: t.start + i, d: t.digits[i] as string });
    for (let i = 0; i + 9 <= chars.length; i++) {
      const digits = chars
        .slice(i, i + 9)
        .map((c) => c.d)
        .join('');
      if (known.has(digits)) {
        out.push({ start: (chars[i] as { pos: number }).pos, end: (chars[i + 8] as { pos: number }).pos + 1 });
        i += 8;
      }
    }
  }
  return out;
}

/** Nine-digit numbers written as whole groups with one kind of separator that pass the 11-proef. */
function elfproefSpans(chains: DigitToken[][], text: string): Span[] {
  const out: Span[] = [];
  for (const chain of chains) {
    for (let k = 0; k < chain.length; k++) {
      let digits = '';
      let sep: string | null = null;
      for (let j = k; j < chain.length; j++) {
        const t = chain[j] as DigitToken;
        if (j > k) {
          const gap = text.slice((chain[j - 1] as DigitToken).end, t.start);
          if (sep === null) sep = gap;
          else if (gap !== sep) break;
        }
        digits += t.digits;
        if (digits.length > 9) break;
        if (digits.length === 9) {
          if (passesElfproef(digits)) out.push({ start: (chain[k] as DigitToken).start, end: t.end });
          break;
        }
      }
    }
  }
  return out;
}

/** Overlapping spans become one. */
function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/**
 * The masking for every text of a document that is shown: context-confirmed BSNs, the document's `known`
 * BSNs in any spacing or punctuation, and (for out-of-context texts) every 11-proef-valid nine-digit number.
 * Hit marks (HIT_OPEN/HIT_CLOSE) are looked through; a masked number that held one is marked as a whole.
 */
export function maskForDisplay(text: string, opts: DisplayMaskOptions = {}): string {
  // Every form of a BSN holds at least five real digits (OCR reads at most half of a number as letters).
  if (!text || !hasDigits(text, 5)) return text;
  // The text without hit marks, and where each of its characters stands in the original.
  const at: number[] = [];
  const kept: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === HIT_OPEN || c === HIT_CLOSE) continue;
    at.push(i);
    kept.push(c);
  }
  const clean = kept.join('');
  // The context check (the layout of every line) only where a number could be a BSN at all.
  const spans: Span[] = findBsnCandidates(clean).some((c) => passesElfproef(c.digits)) ? contextSpans(clean) : [];
  const known = opts.known && opts.known.size > 0 ? opts.known : null;
  if (known || opts.outOfContext) {
    const chains = tokenChains(digitTokens(clean), clean);
    if (known) spans.push(...knownSpans(chains, known));
    if (opts.outOfContext) spans.push(...elfproefSpans(chains, clean));
  }
  if (spans.length === 0) return text;
  // One pass from the start: the pieces between the spans as they are, each span as its mask.
  const pieces: string[] = [];
  let cursor = 0;
  for (const s of mergeSpans(spans)) {
    let start = at[s.start] as number;
    let end = (at[s.end - 1] as number) + 1;
    const mask = maskBsn(clean.slice(s.start, s.end));
    const inner = text.slice(start, end);
    const marked = inner.includes(HIT_OPEN) || inner.includes(HIT_CLOSE) || text[start - 1] === HIT_OPEN || text[end] === HIT_CLOSE;
    if (marked) {
      // Take the marks right around the number along, so they stay balanced: one mark around the mask.
      if (text[start - 1] === HIT_OPEN) start--;
      if (text[end] === HIT_CLOSE) end++;
      const slice = text.slice(start, end);
      const opens = slice.split(HIT_OPEN).length - 1;
      const closes = slice.split(HIT_CLOSE).length - 1;
      // A mark opened inside and closed after the number (or the other way round) keeps its other half.
      const lead = closes > opens ? HIT_CLOSE.repeat(closes - opens) : '';
      const tail = opens > closes ? HIT_OPEN.repeat(opens - closes) : '';
      start = Math.max(start, cursor);
      pieces.push(text.slice(cursor, start), lead + HIT_OPEN + mask + HIT_CLOSE + tail);
    } else {
      pieces.push(text.slice(cursor, start), mask);
    }
    cursor = Math.max(cursor, end);
  }
  pieces.push(text.slice(cursor));
  return pieces.join('');
}

/** The BSNs a document confirms (a BSN word beside an 11-proef-valid number), from its OCR pages or its text. */
export function confirmedBsns(source: string | OcrPage[]): Set<string> {
  const pages = typeof source === 'string' ? [{ pageIndex: 0, width: 0, height: 0, text: source, lines: [] }] : source;
  if (pages.length === 0) return new Set();
  return new Set(findBsns(buildDoc(pages)).map((h) => h.digits));
}
