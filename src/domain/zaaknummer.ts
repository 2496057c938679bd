// Zaaknummers. The default is Open Zaak's 'ZAAK-2026-0000000123'; a municipality may configure its
// own pattern. OCR puts spaces around the dashes, splits the number and prints O for 0; we match
// the text as printed first, then a repaired copy, and map the match back to the printed text.

import { DomainError } from './errors';
import { digitsOf, plausiblyNumeric } from './ocr-noise';

export const DEFAULT_ZAAKNUMMER_PATTERN = 'ZAAK-\\d{4}-\\d{10}';

const DASH = '[-‐‑‒–—_]';
const DEFAULT_TOLERANT = new RegExp(
  `(?<![\\p{L}\\p{N}])[Zz]\\s?[Aa]\\s?[Aa]\\s?[Kk]\\s*${DASH}\\s*([0-9OolI]{4})\\s*${DASH}\\s*((?:[0-9OolI]\\s?){9}[0-9OolI])(?![\\p{N}])`,
  'gu',
);

export interface ZaakMatch {
  start: number;
  end: number;
  value: string;
  certainty: number;
}

/** Validates a configured pattern; throws DomainError('invalid-zaaknummer-pattern'). */
export function compileZaakPattern(source: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(source, 'g');
  } catch {
    throw new DomainError('invalid-zaaknummer-pattern');
  }
  if (source.trim() === '' || re.test('')) throw new DomainError('invalid-zaaknummer-pattern');
  re.lastIndex = 0;
  return re;
}

function findDefault(text: string): ZaakMatch[] {
  const out: ZaakMatch[] = [];
  for (const m of text.matchAll(DEFAULT_TOLERANT)) {
    const [all, year = '', number = ''] = m;
    if (!plausiblyNumeric(year) || !plausiblyNumeric(number)) continue;
    const value = `ZAAK-${digitsOf(year)}-${digitsOf(number)}`;
    const start = m.index ?? 0;
    out.push({ start, end: start + all.length, value, certainty: all === value ? 0.98 : 0.85 });
  }
  return out;
}

interface Mapped {
  text: string;
  at: number[];
}

/**
 * A copy of `text` with dashes unified, spaces around dashes dropped (and, with `joinDigits`, spaces
 * between digits), and O/l/I next to digits read as digits.
 */
function repaired(text: string, joinDigits: boolean): Mapped {
  let out = '';
  const at: number[] = [];
  const isDash = (c: string | undefined) => c !== undefined && /[-‐‑‒–—]/.test(c);
  const nonSpace = (i: number, step: number) => {
    let j = i + step;
    while (j >= 0 && j < text.length && /\s/.test(text[j] as string)) j += step;
    return text[j];
  };
  for (let i = 0; i < text.length; i++) {
    let c = text[i] as string;
    if (/\s/.test(c)) {
      const next = nonSpace(i, 1);
      const prev = nonSpace(i, -1);
      if (isDash(next) || isDash(prev)) continue;
      if (joinDigits && /\d/.test(prev ?? '') && /[0-9OolI]/.test(next ?? '')) continue; // '0045 12'
    }
    if (isDash(c)) c = '-';
    else if (/[OolI|]/.test(c) && (/\d/.test(text[i - 1] ?? '') || /\d/.test(text[i + 1] ?? ''))) c = digitsOf(c) || c;
    out += c;
    at.push(i);
  }
  return { text: out, at };
}

function findCustom(text: string, re: RegExp): ZaakMatch[] {
  const variants: Array<{ m: Mapped; certainty: number }> = [
    { m: { text, at: [...text].map((_, i) => i) }, certainty: 0.95 },
    { m: repaired(text, false), certainty: 0.85 },
    { m: repaired(text, true), certainty: 0.75 },
  ];
  for (const { m, certainty } of variants) {
    const out: ZaakMatch[] = [];
    re.lastIndex = 0;
    for (const hit of m.text.matchAll(re)) {
      const s = hit.index ?? 0;
      const e = s + hit[0].length;
      if (hit[0].length === 0) continue;
      // The match must stand on its own, not be cut from a longer code.
      if (/[\p{L}\p{N}]/u.test(m.text[s - 1] ?? '') && /[\p{L}\p{N}]/u.test(hit[0][0] as string)) continue;
      if (/\p{N}/u.test(m.text[e] ?? '') && /\p{N}/u.test(hit[0][hit[0].length - 1] as string)) continue;
      out.push({ start: m.at[s] as number, end: (m.at[e - 1] as number) + 1, value: hit[0], certainty });
    }
    if (out.length > 0) return out;
  }
  return [];
}

/**
 * Every zaaknummer in `text`, normalised. `pattern` is a RegExp source (default Open Zaak's format) or
 * a RegExp from `compileZaakPattern`, so a caller scanning many lines compiles it once.
 */
export function findZaaknummers(text: string, pattern: string | RegExp = DEFAULT_ZAAKNUMMER_PATTERN): ZaakMatch[] {
  if (pattern === DEFAULT_ZAAKNUMMER_PATTERN) return findDefault(text);
  const re =
    typeof pattern === 'string' ? compileZaakPattern(pattern) : pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
  return findCustom(text, re);
}
