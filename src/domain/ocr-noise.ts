// OCR confuses a few letters with digits. Inside a run that is clearly numeric we read them back
// as digits; outside such a run we leave text alone.

/** A character class (regex source) for "a digit, or a letter OCR often prints instead of one". */
export const DIGITISH = '[0-9OolI|]';

const TO_DIGIT: Record<string, string> = { O: '0', o: '0', l: '1', I: '1', '|': '1' };

/** Maps O/o→0 and l/I/|→1; other characters unchanged. */
export function fixDigitNoise(s: string): string {
  return s.replace(/[OolI|]/g, (c) => TO_DIGIT[c] ?? c);
}

/** The digits of `s` after noise repair, every other character dropped. */
export function digitsOf(s: string): string {
  return fixDigitNoise(s).replace(/[^0-9]/g, '');
}

export function realDigitCount(s: string): number {
  return (s.match(/[0-9]/g) ?? []).length;
}

/** True when `s` needed repair, i.e. its certainty should be lowered. */
export function hasDigitNoise(s: string): boolean {
  return /[OolI|]/.test(s);
}

/**
 * A digit-ish run is trusted only when at least half of it is real digits: "2O26", "1O" yes; "lOl" no.
 */
export function plausiblyNumeric(s: string): boolean {
  const raw = s.replace(/[\s.-]/g, '');
  if (raw.length === 0) return false;
  return realDigitCount(raw) * 2 >= raw.length;
}
