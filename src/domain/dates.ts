// Dutch dates as letters print them: '1 januari 2026', '3 mrt. 2026', '03-03-2026', '3/3/2026',
// '3.3.2026', '2026-03-03', with OCR noise such as '1O maart 2O26'.

import { digitsOf, plausiblyNumeric } from './ocr-noise';

const MONTHS: Array<[string, number]> = [
  ['januari', 1],
  ['jan', 1],
  ['februari', 2],
  ['febr', 2],
  ['feb', 2],
  ['maart', 3],
  ['mrt', 3],
  ['maa', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['mei', 5],
  ['juni', 6],
  ['jun', 6],
  ['juli', 7],
  ['jul', 7],
  ['augustus', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['oktober', 10],
  ['okt', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
  // OCR reads 'm' as 'rn' often enough to be worth knowing.
  ['rnaart', 3],
  ['rnrt', 3],
  ['rnei', 5],
  ['septernber', 9],
  ['novernber', 11],
  ['decernber', 12],
];
const MONTH_BY_NAME = new Map(MONTHS);

// Matching runs on lower-cased text, so the noise letters are the lower-case forms of O, l, I.
const D = '[0-9oli|]';
const MONTH_ALT = MONTHS.map(([n]) => n).join('|');
const WEEKDAY = '(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\\.?,?\\s+';

const TEXTUAL = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${WEEKDAY})?(${D}{1,2})(?:e|ste|de)?\\s*(${MONTH_ALT})\\.?(?![\\p{L}])\\s*,?\\s*(${D}{4})(?![\\p{N}])`,
  'gu',
);
const NUMERIC = new RegExp(`(?<![\\p{L}\\p{N}.\\/\\-])(${D}{1,2})\\s?([\\-\\/.])\\s?(${D}{1,2})\\s?\\2\\s?(${D}{4})(?![\\p{N}])`, 'gu');
const ISO = new RegExp(`(?<![\\p{L}\\p{N}])(${D}{4})-(${D}{2})-(${D}{2})(?![\\p{N}])`, 'gu');

export interface DateMatch {
  start: number;
  end: number;
  /** YYYY-MM-DD */
  iso: string;
  /** True when O/l/I had to be read as digits. */
  noisy: boolean;
  /** Month written as a word rather than a number. */
  textual: boolean;
}

/** Lower-cases without changing the length (so offsets stay valid for the original text). */
function lowerSameLength(s: string): string {
  let out = '';
  for (const c of s) {
    const l = c.toLowerCase();
    out += l.length === c.length ? l : c;
  }
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1900 || year > 2099) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function num(s: string): number | null {
  if (!plausiblyNumeric(s)) return null;
  const d = digitsOf(s);
  return d ? Number(d) : null;
}

function noisy(...parts: string[]): boolean {
  return parts.some((p) => /[oli|]/.test(p));
}

/** Every date in `text`, in text order, without overlaps. */
export function findDates(text: string): DateMatch[] {
  const lower = lowerSameLength(text);
  const found: DateMatch[] = [];
  for (const m of lower.matchAll(TEXTUAL)) {
    const [all, d = '', mon = '', y = ''] = m;
    const day = num(d);
    const year = num(y);
    const month = MONTH_BY_NAME.get(mon);
    if (day === null || year === null || month === undefined) continue;
    const iso = isoDate(year, month, day);
    if (iso) found.push({ start: m.index ?? 0, end: (m.index ?? 0) + all.length, iso, noisy: noisy(d, y), textual: true });
  }
  for (const m of lower.matchAll(NUMERIC)) {
    const [all, d = '', , mo = '', y = ''] = m;
    const day = num(d);
    const month = num(mo);
    const year = num(y);
    if (day === null || month === null || year === null) continue;
    const iso = isoDate(year, month, day); // Dutch order: day first, always
    if (iso) found.push({ start: m.index ?? 0, end: (m.index ?? 0) + all.length, iso, noisy: noisy(d, mo, y), textual: false });
  }
  for (const m of lower.matchAll(ISO)) {
    const [all, y = '', mo = '', d = ''] = m;
    const day = num(d);
    const month = num(mo);
    const year = num(y);
    if (day === null || month === null || year === null) continue;
    const iso = isoDate(year, month, day);
    if (iso) found.push({ start: m.index ?? 0, end: (m.index ?? 0) + all.length, iso, noisy: noisy(d, mo, y), textual: false });
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: DateMatch[] = [];
  for (const f of found) {
    const last = out[out.length - 1];
    if (last && f.start < last.end) continue;
    out.push(f);
  }
  return out;
}

/** The first date in `s` as YYYY-MM-DD ('Amsterdam, 3 maart 2026' → '2026-03-03'), or null. */
export function parseDutchDate(s: string): string | null {
  return findDates(s)[0]?.iso ?? null;
}

/** Whole days from `a` to `b` (both YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return !!m && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === s;
}
