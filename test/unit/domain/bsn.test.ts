import { describe, expect, it } from 'vitest';
import { buildDoc, findBsnCandidates, findBsns } from '../../../src/domain';
import { dotted, makeBsn, makeInvalidBsn, pageFromText, textOnlyPage } from './support/letter';

const bsn = makeBsn(21);
const other = makeBsn(22);

function bsnsIn(text: string): string[] {
  return findBsns(buildDoc([pageFromText(text)])).map((h) => h.digits);
}
function bsnsInText(text: string): string[] {
  return findBsns(buildDoc([textOnlyPage(text)])).map((h) => h.digits);
}

describe('findBsnCandidates', () => {
  it('finds the written forms of a nine-digit number', () => {
    expect(findBsnCandidates(`nr ${bsn}`).map((c) => c.digits)).toEqual([bsn]);
    expect(findBsnCandidates(`nr ${dotted(bsn)}`).map((c) => c.raw)).toEqual([dotted(bsn)]);
    const spaced = `${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`;
    expect(findBsnCandidates(`nr ${spaced}`).map((c) => c.raw)).toEqual([spaced]);
  });

  it('reads O and l inside a digit run as digits, and says so', () => {
    const num = '104356782';
    const [c] = findBsnCandidates('BSN lO43.56.782');
    expect(c?.digits).toBe(num);
    expect(c?.noisy).toBe(true);
    expect(findBsnCandidates(`BSN ${num}`)[0]?.noisy).toBe(false);
  });

  it('does not read a run that is mostly letters as a number', () => {
    expect(findBsnCandidates('BSN lOlO.Ol.782')).toEqual([]);
  });

  it('separates two nine-digit numbers that OCR joined with a single space', () => {
    expect(findBsnCandidates(`${other} ${bsn}`).map((c) => c.digits)).toEqual([other, bsn]);
  });

  it('takes the leading nine digits when another number follows after a space', () => {
    expect(findBsnCandidates(`BSN ${bsn} 12 maart`).map((c) => c.digits)).toEqual([bsn]);
  });

  it('ignores phone numbers, amounts, longer numbers and numbers glued to codes', () => {
    expect(findBsnCandidates('06-12345678')).toEqual([]);
    expect(findBsnCandidates('020 1234567')).toEqual([]);
    expect(findBsnCandidates('+31 20 1234567')).toEqual([]);
    expect(findBsnCandidates('+31 (0)20 123 4567')).toEqual([]);
    expect(findBsnCandidates('€ 123.456.789,00')).toEqual([]);
    expect(findBsnCandidates('1234567890')).toEqual([]);
    expect(findBsnCandidates('ZAAK-2026-123456789')).toEqual([]);
    expect(findBsnCandidates('NL91ABNA0417164300')).toEqual([]);
    expect(findBsnCandidates('Oostlaan lol')).toEqual([]);
  });
});

describe('BSN only with context and the 11-proef', () => {
  it('accepts a valid number after the BSN words', () => {
    for (const label of [
      'BSN',
      'B.S.N.',
      'BSN-nummer',
      'Burgerservicenummer',
      'burgerservice nummer',
      'Sofinummer',
      'sofi-nummer',
      'bsn:',
    ]) {
      expect(bsnsIn(`${label} ${bsn}`), label).toEqual([bsn]);
    }
  });

  it('accepts the dotted and spaced forms and an OCR-noisy form', () => {
    expect(bsnsIn(`Mijn BSN is ${dotted(bsn)}`)).toEqual([bsn]);
    expect(bsnsIn(`BSN: ${bsn.slice(0, 3)} ${bsn.slice(3, 6)} ${bsn.slice(6)}`)).toEqual([bsn]);
    let seed = 100;
    while (!makeBsn(seed).slice(1).includes('0')) seed++;
    const withZero = makeBsn(seed);
    const i = withZero.indexOf('0', 1);
    const noisy = `${withZero.slice(0, i)}O${withZero.slice(i + 1)}`;
    const hits = findBsns(buildDoc([pageFromText(`BSN: ${noisy}`)]));
    expect(hits.map((h) => h.digits)).toEqual([withZero]);
    expect(hits[0]!.certainty).toBeLessThan(findBsns(buildDoc([pageFromText(`BSN: ${withZero}`)]))[0]!.certainty);
  });

  it('accepts "123456789 (BSN)" with the word right after', () => {
    expect(bsnsIn(`Aanvrager: ${bsn} (BSN)`)).toEqual([bsn]);
  });

  it('rejects a valid nine-digit number without a BSN word', () => {
    expect(bsnsIn(`Ik verwijs naar nummer ${bsn} in uw brief.`)).toEqual([]);
  });

  it('rejects a number with BSN context that fails the 11-proef', () => {
    expect(bsnsIn(`BSN: ${makeInvalidBsn(21)}`)).toEqual([]);
  });

  it('never takes invoice, customer, account, IBAN, KvK or phone numbers, even when they pass the 11-proef', () => {
    const lines = [
      `Factuurnummer: ${bsn}`,
      `Klantnummer ${bsn}`,
      `Relatienummer: ${dotted(bsn)}`,
      `Rekeningnummer ${bsn}`,
      `IBAN ${bsn}`,
      `KvK-nummer ${bsn}`,
      `Telefoon ${bsn}`,
      `RSIN ${bsn}`,
      `Ons kenmerk: ${bsn}`,
    ];
    for (const l of lines) expect(bsnsIn(l), l).toEqual([]);
  });

  it('uses the nearest label: BSN and a customer number on one line', () => {
    expect(bsnsIn(`BSN ${bsn}, klantnummer ${other}`)).toEqual([bsn]);
    expect(bsnsIn(`Klantnummer ${other} BSN ${bsn}`)).toEqual([bsn]);
    expect(bsnsIn(`Uw BSN en klantnummer: ${other}`)).toEqual([]);
  });

  it('rejects a BSN word that is too far away on the line', () => {
    expect(bsnsIn(`BSN wordt niet gevraagd bij deze aanvraag, want het betreft een bedrijf en wij kennen het nummer ${bsn}`)).toEqual([]);
  });

  it('accepts the label on the line before (form layout)', () => {
    expect(bsnsIn(`Burgerservicenummer:\n${bsn}`)).toEqual([bsn]);
    expect(bsnsInText(`Burgerservicenummer:\n${bsn}`)).toEqual([bsn]);
  });

  it('in a table takes the column under "BSN", not the one under "Klantnummer"', () => {
    const text = ['Naam              Klantnummer      BSN', `J. Jansen         ${other}        ${bsn}`].join('\n');
    expect(bsnsIn(text)).toEqual([bsn]);
  });

  it('without geometry a table with mixed labels is not trusted', () => {
    const text = `Klantnummer BSN\n${other} ${bsn}`;
    expect(bsnsInText(text)).toEqual([]);
  });

  it('does not carry context across a blank line', () => {
    expect(bsnsInText(`Vermeld altijd uw BSN.\n\n${bsn}`)).toEqual([]);
  });
});

describe('a reference the writer calls a BSN', () => {
  it('counts "Uw kenmerk: <number> (BSN)" but never "Klantnummer <number> (BSN)"', () => {
    expect(bsnsIn(`Uw kenmerk: ${bsn} (BSN)`)).toEqual([bsn]);
    expect(bsnsIn(`Dossiernummer ${bsn} BSN`)).toEqual([bsn]);
    expect(bsnsIn(`Uw kenmerk: ${bsn} bij de BSN-administratie`)).toEqual([]);
    expect(bsnsIn(`Klantnummer ${bsn} (BSN)`)).toEqual([]);
    expect(bsnsIn(`Factuurnummer ${bsn} (BSN)`)).toEqual([]);
  });
});
