import { describe, expect, it } from 'vitest';
import { buildDoc, cleanKenmerkValue, findKenmerken } from '../../../src/domain';
import { pageFromText, textOnlyPage } from './support/letter';

function kenmerken(text: string, geometry = true) {
  const k = findKenmerken(buildDoc([geometry ? pageFromText(text) : textOnlyPage(text)]));
  return { uw: k.uw?.value ?? null, ons: k.ons?.value ?? null };
}

describe('kenmerk on the same line', () => {
  it('reads "Uw kenmerk:" and "Ons kenmerk:"', () => {
    expect(kenmerken('Uw kenmerk: VTH/2026/00123')).toEqual({ uw: 'VTH/2026/00123', ons: null });
    expect(kenmerken('Ons kenmerk: 2026-0012345')).toEqual({ uw: null, ons: '2026-0012345' });
    expect(kenmerken('Onze referentie: ABC-12')).toEqual({ uw: null, ons: 'ABC-12' });
    expect(kenmerken('Uw ref.: 99/123')).toEqual({ uw: '99/123', ons: null });
  });

  it('reads without a colon and in any case', () => {
    expect(kenmerken('UW KENMERK 2026/77')).toEqual({ uw: '2026/77', ons: null });
    expect(kenmerken('ons kenmerk JZ 2026 123')).toEqual({ uw: null, ons: 'JZ 2026 123' });
  });

  it('treats a bare "Kenmerk:" as the letter\'s own reference', () => {
    expect(kenmerken('Kenmerk: 12345/AB')).toEqual({ uw: null, ons: '12345/AB' });
  });

  it('splits two labels on one line', () => {
    expect(kenmerken('Ons kenmerk: 123/A Uw kenmerk: 456/B')).toEqual({ uw: '456/B', ons: '123/A' });
    expect(kenmerken('Uw kenmerk: 456/B Datum: 3 maart 2026')).toEqual({ uw: '456/B', ons: null });
  });

  it('stops where words begin and drops trailing punctuation', () => {
    expect(kenmerken('Uw kenmerk: 12345, betreffende uw aanvraag')).toEqual({ uw: '12345', ons: null });
    expect(kenmerken('Uw kenmerk 12345 betreffende uw aanvraag')).toEqual({ uw: '12345', ons: null });
  });

  it('ignores "kenmerk" inside a sentence and empty or n.v.t. values', () => {
    expect(kenmerken('Vermeld het kenmerk 2026/123 bij betaling.')).toEqual({ uw: null, ons: null });
    expect(kenmerken('Uw kenmerk: -')).toEqual({ uw: null, ons: null });
    expect(kenmerken('Uw kenmerk: n.v.t.')).toEqual({ uw: null, ons: null });
    expect(kenmerken('Uw kenmerk: zie boven')).toEqual({ uw: null, ons: null });
    expect(kenmerken('Betalingskenmerk 1234 5678 9012')).toEqual({ uw: null, ons: null });
  });
});

describe('kenmerk in a table-like header', () => {
  it('reads the value under each label by column', () => {
    const text = [
      'Datum              Ons kenmerk        Uw kenmerk         Uw brief van',
      '12 maart 2026      JAN/2026/045       Z-2026-1234        20 februari 2026',
    ].join('\n');
    expect(kenmerken(text)).toEqual({ uw: 'Z-2026-1234', ons: 'JAN/2026/045' });
  });

  it('leaves a column empty when its cell below is empty', () => {
    const text = ['Ons kenmerk        Uw kenmerk         Datum', 'JAN/2026/045                          12 maart 2026'].join('\n');
    expect(kenmerken(text)).toEqual({ uw: null, ons: 'JAN/2026/045' });
  });

  it('reads a label alone on its line with the value below (also without geometry)', () => {
    expect(kenmerken('Uw kenmerk\nVTH/2026/00123')).toEqual({ uw: 'VTH/2026/00123', ons: null });
    expect(kenmerken('Uw kenmerk\nVTH/2026/00123', false)).toEqual({ uw: 'VTH/2026/00123', ons: null });
  });

  it('reads label and value in two columns of one line', () => {
    expect(kenmerken('Ons kenmerk          2026/0123')).toEqual({ uw: null, ons: '2026/0123' });
  });

  it('without geometry maps the n-th label to the n-th cell when the columns are kept', () => {
    expect(kenmerken('Ons kenmerk   Uw kenmerk\nA-1   B-2', false)).toEqual({ uw: 'B-2', ons: 'A-1' });
  });

  it('keeps the first one in reading order', () => {
    expect(kenmerken('Uw kenmerk: A-1\n\nUw kenmerk: B-2')).toEqual({ uw: 'A-1', ons: null });
  });
});

describe('cleanKenmerkValue', () => {
  it('rejects a date standing in a kenmerk column', () => {
    expect(cleanKenmerkValue('12 maart 2026')).toBeNull();
    expect(cleanKenmerkValue(': ABC/DEF')).toEqual({ value: 'ABC/DEF', offset: 2 });
  });
});
