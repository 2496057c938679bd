// IBAN: ISO 13616 mod-97 check, lengths per country (EU/EEA and neighbours), and finding one in OCR
// text where it is printed in groups of four ('NL91 ABNA 0417 1643 00').

import { fixDigitNoise } from './ocr-noise';

const LENGTHS: Record<string, number> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

/** No spaces, upper case. */
export function normaliseIban(s: string): string {
  return s.replace(/[\s.-]/g, '').toUpperCase();
}

function mod97(s: string): number {
  let rem = 0;
  for (const c of s) {
    const v = c >= 'A' && c <= 'Z' ? String(c.charCodeAt(0) - 55) : c;
    for (const d of v) rem = (rem * 10 + Number(d)) % 97;
  }
  return rem;
}

/** Country length, format (NL: 4 letters bank code + 10 digits) and the mod-97 check. */
export function isValidIban(s: string): boolean {
  const iban = normaliseIban(s);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
  const len = LENGTHS[iban.slice(0, 2)];
  if (len === undefined || iban.length !== len) return false;
  if (iban.startsWith('NL') && !/^NL\d{2}[A-Z]{4}\d{10}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** Repairs O/l/I where the format demands a digit (check digits; the NL account number). */
function repair(raw: string): string {
  const cc = raw.slice(0, 2);
  const check = fixDigitNoise(raw.slice(2, 4));
  if (cc === 'NL') return cc + check + raw.slice(4, 8).toUpperCase() + fixDigitNoise(raw.slice(8));
  return cc + check + raw.slice(4).toUpperCase();
}

export interface IbanMatch {
  start: number;
  end: number;
  iban: string;
  noisy: boolean;
}

/** Every mod-97-valid IBAN in `text`, normalised. */
export function findIbans(text: string): IbanMatch[] {
  const out: IbanMatch[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}])([A-Z]{2}) ?([0-9OolI]{2})/gu)) {
    const start = m.index ?? 0;
    const len = LENGTHS[m[1] as string];
    if (len === undefined) continue;
    // Collect characters across single spaces (groups of four), remembering where each one came from.
    const chars: string[] = [];
    const at: number[] = [];
    for (let i = start; i < text.length && chars.length < len; i++) {
      const c = text[i] as string;
      if (/[A-Za-z0-9|]/.test(c)) {
        chars.push(c);
        at.push(i);
        continue;
      }
      if (c === ' ' && /[A-Za-z0-9|]/.test(text[i + 1] ?? '') && text[i - 1] !== ' ') continue;
      break;
    }
    if (chars.length < len) continue;
    const endAt = (at[len - 1] as number) + 1;
    if (/[A-Za-z0-9]/.test(text[endAt] ?? '')) continue; // the cut falls inside a group: not this IBAN
    const raw = chars.join('');
    const iban = repair(raw);
    if (!isValidIban(iban)) continue;
    out.push({ start, end: endAt, iban, noisy: iban !== raw.toUpperCase() });
  }
  return out;
}
