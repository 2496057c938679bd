// Dutch postcodes ('1234 AB', '1234AB'; never starting with 0; SA, SD and SS are not issued) and the
// house number from the street line that goes with them ('Dorpsstraat 12a', 'Postbus 123').

import { digitsOf, hasDigitNoise, realDigitCount } from './ocr-noise';

const POSTCODE = /(?<![\p{L}\p{N}])([1-9lI][0-9OolI]{3})[ \u00a0]{0,2}([A-Z]{2})(?![\p{L}\p{N}])/gu;
const NOT_ISSUED = new Set(['SA', 'SD', 'SS']);

export interface PostcodeMatch {
  start: number;
  end: number;
  postcode: string /* '1234 AB' */;
  noisy: boolean;
}

export function findPostcodes(text: string): PostcodeMatch[] {
  const out: PostcodeMatch[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const [all, digits = '', letters = ''] = m;
    if (NOT_ISSUED.has(letters) || realDigitCount(digits) < 3) continue;
    const start = m.index ?? 0;
    out.push({ start, end: start + all.length, postcode: `${digitsOf(digits)} ${letters}`, noisy: hasDigitNoise(digits) });
  }
  return out;
}

/** '1234ab', '1234 AB' → '1234 AB'; null when `s` is not exactly a valid postcode. */
export function parsePostcode(s: string): string | null {
  const m = /^\s*([1-9]\d{3})\s?([A-Za-z]{2})\s*$/.exec(s);
  if (!m) return null;
  const letters = (m[2] as string).toUpperCase();
  return NOT_ISSUED.has(letters) ? null : `${m[1]} ${letters}`;
}

const POSTBUS = /(?<![\p{L}])(?:postbus|antwoordnummer|pb\.)\s*(\d{1,6})(?![\p{N}])/iu;
// Street name (letters, may start with '2e'), then the number with an optional letter or addition.
const STREET =
  /^\s*(?:\d{1,2}e\s+)?((?:['’][st][\s-])?\p{L}[\p{L}\p{M}'’.\- ]*\p{L}\.?)\s+(\d{1,5})(?:\s?([a-zA-Z]{1,2})(?![\p{L}])|\s?-\s?(\d{1,4}|[a-zA-Z]{1,3})(?![\p{L}\p{N}]))?(?:\s+(?:bis|hs|bg|[IV]{1,3}|boven|beneden|huis))?\s*[,;]?\s*$/u;

export interface StreetLine {
  street: string;
  huisnummer: string;
}

/** 'Dorpsstraat 12a' → { street: 'Dorpsstraat', huisnummer: '12a' }; 'Postbus 123' → huisnummer '123'. */
export function parseStreetLine(s: string): StreetLine | null {
  const text = s.trim();
  const pb = POSTBUS.exec(text);
  if (pb && (pb.index ?? 0) === 0) return { street: text.slice(0, text.indexOf(pb[1] as string)).trim(), huisnummer: pb[1] as string };
  const m = STREET.exec(text);
  if (!m) return null;
  const street = (m[1] as string).trim();
  if ((street.match(/\p{L}/gu) ?? []).length < 3) return null;
  const nr = m[2] as string;
  const huisnummer = m[3] ? `${nr}${m[3]}` : m[4] ? `${nr}-${m[4]}` : nr;
  return { street, huisnummer };
}

/**
 * The street part in front of a postcode on the same line: 'Dorpsstraat 12a, 1234 AB ...' or a footer
 * 'Postbus 123 | 1000 AB ...'.
 */
export function streetBefore(textBeforePostcode: string): StreetLine | null {
  const part = textBeforePostcode.replace(/[\s,;|•·–-]+$/, '');
  const pieces = part.split(/\s*[|•·;,]\s*|\s{2,}/);
  const last = pieces[pieces.length - 1];
  return last ? parseStreetLine(last) : null;
}
