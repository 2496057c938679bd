import { describe, expect, it } from 'vitest';
import { amsterdamInstant, amsterdamMidnight, workingHoursBetween } from '../../../src/domain/working-hours';

// Working hours: Monday–Friday 08:00–17:00 Amsterdam time. 2026-12-07 is a Monday (winter, UTC+1); summer time
// starts on 2026-03-29 and ends on 2026-10-25.
const at = (iso: string) => new Date(iso);
const hours = (from: string, to: string) => workingHoursBetween(at(from), at(to));

describe('workingHoursBetween', () => {
  it('counts the hours inside one working day', () => {
    expect(hours('2026-12-07T08:00:00Z', '2026-12-07T10:30:00Z')).toBe(2.5); // 09:00–11:30 local
  });

  it('counts nothing outside 08:00–17:00 and nothing at the weekend', () => {
    expect(hours('2026-12-07T16:30:00Z', '2026-12-08T06:59:00Z')).toBe(0); // Mon 17:30 – Tue 07:59 local
    expect(hours('2026-12-05T00:00:00Z', '2026-12-06T22:00:00Z')).toBe(0); // Saturday and Sunday
  });

  it('a Friday afternoon to a Monday morning is the two working hours between them', () => {
    expect(hours('2026-12-04T15:00:00Z', '2026-12-07T08:00:00Z')).toBe(2); // Fri 16:00 – Mon 09:00 local
  });

  it('a whole week is 45 hours, also the weeks in which summer time starts or ends', () => {
    expect(hours('2026-12-06T23:00:00Z', '2026-12-13T23:00:00Z')).toBe(45);
    expect(hours('2026-03-22T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(45);
    expect(hours('2026-10-18T22:00:00Z', '2026-10-25T23:00:00Z')).toBe(45);
  });

  it('long spans count 45 hours a week without walking every day', () => {
    expect(hours('2025-12-07T23:00:00Z', '2026-12-06T23:00:00Z')).toBe(52 * 45);
  });

  it('is 0 when the end is not after the start', () => {
    expect(hours('2026-12-07T10:00:00Z', '2026-12-07T10:00:00Z')).toBe(0);
    expect(hours('2026-12-07T10:00:00Z', '2026-12-07T09:00:00Z')).toBe(0);
  });

  it('agrees with an hour-by-hour count over spans across both DST changes', () => {
    // Amsterdam's offset is a whole number of hours, so UTC hours are local hours: count each one that is working.
    const local = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', weekday: 'short', hour: '2-digit' });
    const naive = (a: number, b: number) => {
      let n = 0;
      for (let t = a; t < b; t += 3_600_000) {
        const p = Object.fromEntries(local.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
        if (!['Sat', 'Sun'].includes(p.weekday) && +p.hour >= 8 && +p.hour < 17) n++;
      }
      return n;
    };
    let seed = 17;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const base = Date.UTC(2026, 1, 1);
    for (let i = 0; i < 60; i++) {
      const a = base + rnd(300 * 24) * 3_600_000;
      const b = a + rnd(60 * 24) * 3_600_000;
      expect(workingHoursBetween(new Date(a), new Date(b)), new Date(a).toISOString()).toBe(naive(a, b));
    }
  });
});

describe('amsterdamMidnight and amsterdamInstant', () => {
  it('local midnight in winter and in summer', () => {
    expect(amsterdamMidnight(at('2026-12-07T10:00:00Z')).toISOString()).toBe('2026-12-06T23:00:00.000Z');
    expect(amsterdamMidnight(at('2026-07-01T21:30:00Z')).toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(amsterdamMidnight(at('2026-07-01T22:30:00Z')).toISOString()).toBe('2026-07-01T22:00:00.000Z');
  });

  it('08:00 on the days summer time starts and ends', () => {
    expect(amsterdamInstant(2026, 2, 29, 8).toISOString()).toBe('2026-03-29T06:00:00.000Z');
    expect(amsterdamInstant(2026, 9, 25, 8).toISOString()).toBe('2026-10-25T07:00:00.000Z');
    expect(amsterdamInstant(2026, 2, 29, 0).toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });
});
