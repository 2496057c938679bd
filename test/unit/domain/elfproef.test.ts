import { describe, expect, it } from 'vitest';
import { isValidBsn, isValidRsin, passesElfproef } from '../../../src/domain';
import { dotted, makeBsn, makeInvalidBsn } from './support/letter';

// Independent restatement of the rule from notes/dutch-records.md §2.5, to check the module against.
function elfproef(d: string): boolean {
  const w = [9, 8, 7, 6, 5, 4, 3, 2, -1];
  return [...d].reduce((s, c, i) => s + Number(c) * w[i]!, 0) % 11 === 0;
}

describe('11-proef (BSN, RSIN)', () => {
  it('accepts generated valid numbers and rejects their neighbours', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const bsn = makeBsn(seed);
      expect(elfproef(bsn)).toBe(true);
      expect(isValidBsn(bsn)).toBe(true);
      expect(isValidRsin(bsn)).toBe(true);
      expect(isValidBsn(makeInvalidBsn(seed))).toBe(false);
    }
  });

  it('known worked example: 111222333 passes (9+8+7+12+10+8+9+6-3 = 66)', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('111222334')).toBe(false);
  });

  it('rejects all zeros, wrong lengths and letters', () => {
    expect(isValidBsn('000000000')).toBe(false);
    expect(isValidRsin('000000000')).toBe(false);
    expect(isValidBsn('11122233')).toBe(false);
    expect(isValidBsn('1112223330')).toBe(false);
    expect(isValidBsn('11122233a')).toBe(false);
    expect(isValidBsn('')).toBe(false);
  });

  it('accepts the usual written forms', () => {
    const bsn = makeBsn(7);
    expect(isValidBsn(dotted(bsn))).toBe(true);
    expect(isValidBsn(`${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`)).toBe(true);
    expect(isValidBsn(` ${bsn} `)).toBe(true);
  });

  it('detects every single-digit error', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const bsn = makeBsn(seed);
      for (let i = 0; i < 9; i++) {
        for (let d = 0; d <= 9; d++) {
          if (String(d) === bsn[i]) continue;
          const wrong = bsn.slice(0, i) + d + bsn.slice(i + 1);
          expect(passesElfproef(wrong), wrong).toBe(false);
        }
      }
    }
  });

  it('detects every swap of two different adjacent digits', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const bsn = makeBsn(seed);
      for (let i = 0; i < 8; i++) {
        if (bsn[i] === bsn[i + 1]) continue;
        const swapped = bsn.slice(0, i) + bsn[i + 1] + bsn[i] + bsn.slice(i + 2);
        expect(passesElfproef(swapped), swapped).toBe(false);
      }
    }
  });

  it('agrees with the independent rule on random numbers', () => {
    let x = 12345;
    for (let n = 0; n < 2000; n++) {
      x = (x * 1103515245 + 12345) >>> 0;
      const s = String(x % 1_000_000_000).padStart(9, '0');
      expect(passesElfproef(s)).toBe(s !== '000000000' && elfproef(s));
    }
  });
});
