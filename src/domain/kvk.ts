// KvK number: eight digits after "KvK", "K.v.K.", "Kamer van Koophandel", "KvK-nummer" (an older
// letterhead may put the city in between: "KvK Amsterdam 12345678").

import { digitsOf, hasDigitNoise, realDigitCount } from './ocr-noise';

const LABEL = /(?<![\p{L}])(?:k\.?\s?v\.?\s?k\.?|kamer\s+van\s+koophandel|handelsregister)(?:[\s-]*(?:nummer|nr\.?|no\.?))?(?![\p{L}])/giu;
const OTHER_LABEL = /(?<![\p{L}])(?:iban|btw|tel|telefoon|rsin|bsn|fax|bic|vestigingsnummer|vestigingsnr)(?![\p{L}])/iu;
const NUMBER = /(?<![\p{L}\p{N}])[0-9OolI](?:[ .]?[0-9OolI]){7}/u;
/** What may stand between the label and the number: punctuation, 'nr.', 'onder nummer', a city. */
const MAX_FILLER = 25;

export interface KvkMatch {
  start: number;
  end: number;
  kvk: string;
  noisy: boolean;
  labelStart: number;
}

export function findKvkNumbers(text: string): KvkMatch[] {
  const out: KvkMatch[] = [];
  for (const m of text.matchAll(LABEL)) {
    const afterLabel = (m.index ?? 0) + m[0].length;
    const tail = text.slice(afterLabel, afterLabel + MAX_FILLER + 16);
    const n = NUMBER.exec(tail);
    if (!n || n.index > MAX_FILLER) continue;
    const filler = tail.slice(0, n.index);
    if (/\d/.test(filler) || OTHER_LABEL.test(filler)) continue; // the number belongs to another label
    const numStart = afterLabel + n.index;
    const numEnd = numStart + n[0].length;
    const next = text.slice(numEnd);
    if (/^[0-9]/.test(next) || /^[\p{L}]/u.test(next)) continue; // longer number or a word: not a KvK number
    if (/[ .]/.test(n[0]) && /^[ .][0-9]/.test(next)) continue; // '0000 1234 5678' is a vestigingsnummer
    if (realDigitCount(n[0]) < 6) continue;
    const kvk = digitsOf(n[0]);
    if (kvk.length !== 8) continue;
    out.push({ start: numStart, end: numEnd, kvk, noisy: hasDigitNoise(n[0]), labelStart: m.index ?? 0 });
  }
  return out;
}
