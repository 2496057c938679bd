import { describe, expect, it } from 'vitest';
import { findIbans, isValidIban, normaliseIban } from '../../../src/domain';

// Independent check (BigInt) to build valid test IBANs from a bank code and account number.
function withCheckDigits(cc: string, bban: string): string {
  const num = (bban + cc + '00').replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const check = 98n - (BigInt(num) % 97n);
  return cc + String(check).padStart(2, '0') + bban;
}

describe('isValidIban', () => {
  it('accepts published examples, with or without spaces, any case', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91 ABNA 0417 1643 00')).toBe(true);
    expect(isValidIban('nl91 abna 0417 1643 00')).toBe(true);
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true);
    expect(isValidIban('BE68 5390 0754 7034')).toBe(true);
    expect(isValidIban('FR14 2004 1010 0505 0001 3M02 606')).toBe(true);
    expect(isValidIban('GB82 WEST 1234 5698 7654 32')).toBe(true);
  });

  it('accepts IBANs built with an independent mod-97', () => {
    for (const acct of ['0123456789', '9876543210', '0000012345']) {
      const iban = withCheckDigits('NL', `RABO${acct}`);
      expect(isValidIban(iban), iban).toBe(true);
    }
    expect(isValidIban(withCheckDigits('DE', '370400440532013001'))).toBe(true);
  });

  it('rejects wrong check digits, a changed digit, wrong length and NL format errors', () => {
    expect(isValidIban('NL92ABNA0417164300')).toBe(false);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
    expect(isValidIban(withCheckDigits('NL', 'AB120417164300'))).toBe(false); // bank code must be 4 letters
    expect(isValidIban('XX91ABNA0417164300')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('normalises', () => {
    expect(normaliseIban(' nl91 abna 0417 1643 00 ')).toBe('NL91ABNA0417164300');
  });
});

describe('findIbans', () => {
  it('finds a grouped IBAN in a footer and stops at the group boundary', () => {
    const text = 'Bouwbedrijf Jansen B.V. | IBAN NL91 ABNA 0417 1643 00 | BIC ABNANL2A';
    const [m] = findIbans(text);
    expect(m?.iban).toBe('NL91ABNA0417164300');
    expect(text.slice(m!.start, m!.end)).toBe('NL91 ABNA 0417 1643 00');
    expect(m?.noisy).toBe(false);
  });

  it('repairs O and l in the NL account number', () => {
    const [m] = findIbans('IBAN: NL91 ABNA O4l7 1643 OO');
    expect(m?.iban).toBe('NL91ABNA0417164300');
    expect(m?.noisy).toBe(true);
  });

  it('finds other EU IBANs and skips invalid ones', () => {
    expect(findIbans('Rekening DE89370400440532013000 t.n.v. X').map((m) => m.iban)).toEqual(['DE89370400440532013000']);
    expect(findIbans('IBAN NL92 ABNA 0417 1643 00')).toEqual([]);
    expect(findIbans('NL91 ABNA 0417 1643 001')).toEqual([]);
  });
});
