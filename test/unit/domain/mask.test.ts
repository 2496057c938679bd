import { describe, expect, it } from 'vitest';
import { maskBsn, maskKnownBsns, redactBsns } from '../../../src/domain';
import { dotted, makeBsn, makeInvalidBsn } from './support/letter';

describe('maskBsn', () => {
  it('keeps the last three digits behind a fixed-width mask', () => {
    expect(maskBsn('123456789')).toBe('******789');
    expect(maskBsn('1234.56.789')).toBe('******789');
    expect(maskBsn('123 456 789')).toBe('******789');
    expect(maskBsn('12345678O')).toBe('******780');
    expect(maskBsn('12')).toBe('*********');
  });
});

describe('redactBsns', () => {
  const bsn = makeBsn(11);
  const last3 = bsn.slice(6);

  it('masks a BSN introduced by a BSN word, in any written form', () => {
    expect(redactBsns(`Mijn BSN is ${bsn}.`)).toBe(`Mijn BSN is ******${last3}.`);
    expect(redactBsns(`Burgerservicenummer: ${dotted(bsn)}`)).toBe(`Burgerservicenummer: ******${last3}`);
    expect(redactBsns(`sofinummer ${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)} graag`)).toBe(`sofinummer ******${last3} graag`);
  });

  it('masks on the line after a BSN label and keeps other lines intact', () => {
    const text = `Naam: J. Jansen\nBSN:\n${bsn}\nKlantnummer: ${makeBsn(12)}`;
    const out = redactBsns(text);
    expect(out).toBe(`Naam: J. Jansen\nBSN:\n******${last3}\nKlantnummer: ${makeBsn(12)}`);
    expect(out).not.toContain(bsn);
  });

  it('keeps CRLF line ends and offsets', () => {
    expect(redactBsns(`regel\r\nBSN ${bsn}\r\nslot`)).toBe(`regel\r\nBSN ******${last3}\r\nslot`);
  });

  it('leaves numbers without BSN context or failing the 11-proef alone', () => {
    expect(redactBsns(`Factuurnummer ${bsn}`)).toBe(`Factuurnummer ${bsn}`);
    expect(redactBsns(`Het nummer ${bsn} staat hier zonder uitleg.`)).toBe(`Het nummer ${bsn} staat hier zonder uitleg.`);
    const bad = makeInvalidBsn(11);
    expect(redactBsns(`BSN ${bad}`)).toBe(`BSN ${bad}`);
    expect(redactBsns('')).toBe('');
  });
});

describe('maskKnownBsns', () => {
  it('masks every occurrence of a confirmed number, whatever its context', () => {
    const bsn = makeBsn(3);
    const known = new Set([bsn]);
    expect(maskKnownBsns(`kenmerk ${bsn} en ${dotted(bsn)}`, known)).toBe(`kenmerk ******${bsn.slice(6)} en ******${bsn.slice(6)}`);
    expect(maskKnownBsns(`nr.${bsn}`, known)).toBe(`nr.******${bsn.slice(6)}`);
    expect(maskKnownBsns(`nummer ${makeBsn(4)}`, known)).toBe(`nummer ${makeBsn(4)}`);
  });
});
