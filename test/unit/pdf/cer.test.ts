import { describe, expect, it } from 'vitest';
import { cer, levenshtein, normaliseForCer } from '../../support/cer';

describe('levenshtein', () => {
  it('counts substitutions, insertions and deletions', () => {
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('abc', '')).toBe(3);
    expect(levenshtein('gemeente', 'gemeente')).toBe(0);
    expect(levenshtein('flaw', 'lawn')).toBe(2);
  });

  it('counts a letter with a diaeresis as one character', () => {
    expect(levenshtein('beëindigen', 'beeindigen')).toBe(1);
  });
});

describe('cer', () => {
  it('is 0 for identical text and ignores layout whitespace', () => {
    expect(cer('Geachte heer,\nmevrouw', 'Geachte  heer, mevrouw\n')).toBe(0);
    expect(cer('  a\tb  ', 'a b')).toBe(0);
  });

  it('divides the edit distance by the truth length', () => {
    expect(cer('abcd', 'abed')).toBeCloseTo(0.25, 10);
    expect(cer('Betreft: bezwaar', 'Betreft: bezwaa')).toBeCloseTo(1 / 16, 10);
    // Whitespace inside the text still counts once it is normalised: "ab" vs "a b" is one insertion.
    expect(cer('ab', 'a b')).toBeCloseTo(0.5, 10);
  });

  it('treats composed and decomposed accents as the same text', () => {
    expect(cer('reële café', 're\u0065\u0308le cafe\u0301')).toBe(0);
  });

  it('can exceed 1 when the OCR output is mostly garbage', () => {
    expect(cer('ab', 'xxxxxx')).toBe(3);
  });

  it('handles an empty truth', () => {
    expect(cer('', '')).toBe(0);
    expect(cer(' \n', 'x')).toBe(1);
  });

  it('normalises whitespace runs to one space', () => {
    expect(normaliseForCer(' a \n\n b\t')).toBe('a b');
  });
});
