// The period report's pure rules: percentiles (PERCENTILE.INC), Amsterdam days as UTC bounds across DST, grouping.
import { describe, expect, it } from 'vitest';
import {
  amsterdamDayStart,
  dayRows,
  groupDeliveries,
  hoursText,
  percentile,
  periodDays,
  periodInstants,
  type Delivery,
} from '../../../src/domain/period-report';

describe('percentile', () => {
  it('is null for no values and the value itself for one', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 50)).toBe(7);
    expect(percentile([7], 95)).toBe(7);
  });

  it('takes the middle value of an odd count and the mean of the middle two of an even count as the median', () => {
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2.5);
  });

  it('interpolates between ranks as a spreadsheet’s PERCENTILE.INC does', () => {
    const v = Array.from({ length: 20 }, (_, i) => i + 1); // 1..20
    expect(percentile(v, 95)).toBeCloseTo(19.05, 10); // rank 0.95 × 19 = 18.05 → 19 + 0.05 × (20 − 19)
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(20);
    expect(percentile([10, 20, 30, 40], 25)).toBeCloseTo(17.5, 10);
  });

  it('leaves its input alone and ignores what is not a number', () => {
    const v = [3, 1, 2];
    expect(percentile([...v, Number.NaN], 50)).toBe(2);
    expect(v).toEqual([3, 1, 2]);
    expect(() => percentile(v, 101)).toThrow(RangeError);
  });
});

describe('Amsterdam days', () => {
  it('starts a winter day at 23:00 UTC and a summer day at 22:00 UTC the day before', () => {
    expect(amsterdamDayStart('2026-01-15').toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(amsterdamDayStart('2026-07-15').toISOString()).toBe('2026-07-14T22:00:00.000Z');
  });

  it('makes the days of a DST change 23 and 25 hours long', () => {
    const h = (from: string, to: string) => {
      const b = periodInstants(from, to);
      return (Date.parse(b.toAt) - Date.parse(b.fromAt)) / 3_600_000;
    };
    expect(h('2026-03-29', '2026-03-29')).toBe(23);
    expect(h('2026-10-25', '2026-10-25')).toBe(25);
    expect(h('2026-11-01', '2026-11-30')).toBe(30 * 24);
  });

  it('lists every day of a period, across a month and a leap day, and refuses a bad period', () => {
    expect(periodDays('2028-02-27', '2028-03-01')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(() => periodDays('2026-03-02', '2026-03-01')).toThrow('vóór');
    expect(() => periodDays('2026-02-30', '2026-03-01')).toThrow('geen datum');
    expect(() => periodDays('2025-01-01', '2026-12-31')).toThrow('hoogstens');
  });

  it('fills a day without post with zeros', () => {
    const rows = dayRows(['2026-11-01', '2026-11-02'], new Map([['2026-11-02', { received: 3, pages: 7 }]]));
    expect(rows).toEqual([
      { day: '2026-11-01', received: 0, pages: 0 },
      { day: '2026-11-02', received: 3, pages: 7 },
    ]);
  });
});

describe('grouping deliveries', () => {
  const d = (zaaktype: string, person: string, hours: number, pages = 1): Delivery => ({
    receivedAt: '2026-11-02T08:00:00.000Z',
    deliveredAt: new Date(Date.parse('2026-11-02T08:00:00.000Z') + hours * 3_600_000).toISOString(),
    pages,
    zaaktype,
    person,
  });

  it('counts, adds pages and measures hours per group, most deliveries first', () => {
    const rows = groupDeliveries([d('Bezwaar', 'ann', 1, 2), d('Bezwaar', 'bob', 3, 1), d('Melding', 'ann', 26, 4)], 'zaaktype');
    expect(rows).toEqual([
      { key: 'Bezwaar', delivered: 2, pages: 3, medianHours: 2, p95Hours: 2.9 },
      { key: 'Melding', delivered: 1, pages: 4, medianHours: 26, p95Hours: 26 },
    ]);
    expect(groupDeliveries([d('X', 'bob', 1), d('X', 'ann', 1)], 'person').map((r) => r.key)).toEqual(['ann', 'bob']);
  });

  it('writes hours with one decimal and a decimal comma', () => {
    expect(hoursText(2.25)).toBe('2,3');
    expect(hoursText(26)).toBe('26,0');
    expect(hoursText(null)).toBe('-');
  });
});
