// Masking BSNs for the UI, logs and OCR sidecars. Only the last three digits stay, and the mask has a
// fixed width so it does not even reveal how many digits were there.

import { findBsns, findBsnCandidates } from './bsn';
import { buildDoc } from './layout';
import { digitsOf } from './ocr-noise';

/** Keeps the last 3 digits: '123456789' → '******789'. */
export function maskBsn(s: string): string {
  const d = digitsOf(s);
  return d.length >= 3 ? `******${d.slice(-3)}` : '*********';
}

function replaceSpans(text: string, spans: Array<{ start: number; end: number }>): string {
  let out = text;
  for (const s of [...spans].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, s.start) + maskBsn(out.slice(s.start, s.end)) + out.slice(s.end);
  }
  return out;
}

/** Masks every context-confirmed valid BSN in a free text (lines separated by newlines), for logs and UI. */
export function redactBsns(text: string): string {
  if (!text) return text;
  const doc = buildDoc([{ pageIndex: 0, width: 0, height: 0, text, lines: [] }]);
  const lines = text.split(/(?<=\n)/); // keeps the newline on each piece, so offsets add up
  const byLine = new Map<number, Array<{ start: number; end: number }>>();
  for (const h of findBsns(doc)) {
    const list = byLine.get(h.line.index) ?? [];
    list.push({ start: h.start, end: h.end });
    byLine.set(h.line.index, list);
  }
  return lines.map((piece, i) => (byLine.has(i) ? replaceSpans(piece, byLine.get(i) ?? []) : piece)).join('');
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
