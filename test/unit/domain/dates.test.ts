import { describe, expect, it } from 'vitest';
import { findDates, isIsoDate, parseDutchDate } from '../../../src/domain';

describe('parseDutchDate', () => {
  it('reads full Dutch month names, any case', () => {
    expect(parseDutchDate('1 januari 2026')).toBe('2026-01-01');
    expect(parseDutchDate('28 Februari 2026')).toBe('2026-02-28');
    expect(parseDutchDate('3 MAART 2026')).toBe('2026-03-03');
    expect(parseDutchDate('15 april 2025')).toBe('2025-04-15');
    expect(parseDutchDate('9 mei 2025')).toBe('2025-05-09');
    expect(parseDutchDate('30 juni 2025')).toBe('2025-06-30');
    expect(parseDutchDate('31 juli 2025')).toBe('2025-07-31');
    expect(parseDutchDate('31 augustus 2025')).toBe('2025-08-31');
    expect(parseDutchDate('1 september 2025')).toBe('2025-09-01');
    expect(parseDutchDate('12 oktober 2025')).toBe('2025-10-12');
    expect(parseDutchDate('11 november 2025')).toBe('2025-11-11');
    expect(parseDutchDate('24 december 2025')).toBe('2025-12-24');
  });

  it('reads abbreviations with and without a dot', () => {
    expect(parseDutchDate('1 jan. 2026')).toBe('2026-01-01');
    expect(parseDutchDate('1 jan 2026')).toBe('2026-01-01');
    expect(parseDutchDate('5 febr. 2026')).toBe('2026-02-05');
    expect(parseDutchDate('3 mrt 2026')).toBe('2026-03-03');
    expect(parseDutchDate('3 Mrt. 2026')).toBe('2026-03-03');
    expect(parseDutchDate('7 apr. 2026')).toBe('2026-04-07');
    expect(parseDutchDate('7 jun 2026')).toBe('2026-06-07');
    expect(parseDutchDate('7 jul. 2026')).toBe('2026-07-07');
    expect(parseDutchDate('7 aug 2026')).toBe('2026-08-07');
    expect(parseDutchDate('7 sept. 2026')).toBe('2026-09-07');
    expect(parseDutchDate('7 sep 2026')).toBe('2026-09-07');
    expect(parseDutchDate('7 okt 2026')).toBe('2026-10-07');
    expect(parseDutchDate('7 nov. 2026')).toBe('2026-11-07');
    expect(parseDutchDate('7 dec 2026')).toBe('2026-12-07');
  });

  it('reads numeric forms, day first', () => {
    expect(parseDutchDate('3-3-2026')).toBe('2026-03-03');
    expect(parseDutchDate('03-03-2026')).toBe('2026-03-03');
    expect(parseDutchDate('12/03/2026')).toBe('2026-03-12');
    expect(parseDutchDate('1.2.2026')).toBe('2026-02-01');
    expect(parseDutchDate('2026-03-12')).toBe('2026-03-12');
  });

  it('reads a date after a place name, a weekday or a label', () => {
    expect(parseDutchDate('Amsterdam, 3 maart 2026')).toBe('2026-03-03');
    expect(parseDutchDate("'s-Hertogenbosch, 14 februari 2026")).toBe('2026-02-14');
    expect(parseDutchDate('Utrecht, maandag 2 maart 2026')).toBe('2026-03-02');
    expect(parseDutchDate('Datum: 03-03-2026')).toBe('2026-03-03');
  });

  it('tolerates OCR noise and missing spaces', () => {
    expect(parseDutchDate('1O maart 2O26')).toBe('2026-03-10');
    expect(parseDutchDate('3maart2026')).toBe('2026-03-03');
    expect(parseDutchDate('l2-03-2026')).toBe('2026-03-12');
    expect(parseDutchDate('3 rnaart 2026')).toBe('2026-03-03');
    expect(parseDutchDate('1 decernber 2025')).toBe('2025-12-01');
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDutchDate('31 april 2026')).toBeNull();
    expect(parseDutchDate('29 februari 2026')).toBeNull();
    expect(parseDutchDate('29 februari 2024')).toBe('2024-02-29');
    expect(parseDutchDate('13-13-2026')).toBeNull();
    expect(parseDutchDate('3 maart')).toBeNull();
    expect(parseDutchDate('1234.56.789')).toBeNull();
    expect(parseDutchDate('mei')).toBeNull();
    expect(parseDutchDate('')).toBeNull();
  });
});

describe('findDates', () => {
  it('lists every date with offsets, in order', () => {
    const text = 'Uw brief van 12 februari 2026, ons besluit van 3-3-2026.';
    const ds = findDates(text);
    expect(ds.map((d) => d.iso)).toEqual(['2026-02-12', '2026-03-03']);
    expect(text.slice(ds[0]!.start, ds[0]!.end)).toBe('12 februari 2026');
    expect(ds[0]!.textual).toBe(true);
    expect(ds[1]!.textual).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('checks format and calendar', () => {
    expect(isIsoDate('2026-03-03')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('3-3-2026')).toBe(false);
  });
});
