import { describe, expect, it } from 'vitest';
import { periodBounds } from '../../../src/audit/period';

// A day is the whole day in the workstation's own time zone; a moment is taken as it is, `to` inclusive.

describe('audit period', () => {
  it('takes a day from local midnight to the next local midnight', () => {
    const { fromAt, toAt } = periodBounds('2026-03-01', '2026-03-01');
    expect(fromAt).toBe(new Date(2026, 2, 1).toISOString());
    expect(toAt).toBe(new Date(2026, 2, 2).toISOString());
  });

  it('spans several days with `to` inclusive', () => {
    const { fromAt, toAt } = periodBounds('2026-01-30', '2026-02-02');
    expect(new Date(toAt!).getTime() - new Date(fromAt!).getTime()).toBeGreaterThanOrEqual(4 * 24 * 3600_000 - 3600_000);
    expect(toAt).toBe(new Date(2026, 1, 3).toISOString());
  });

  it('takes moments as they are, the end inclusive (one millisecond later, exclusive)', () => {
    expect(periodBounds('2026-03-01T10:00:00+01:00', '2026-03-01T12:00:00Z')).toEqual({
      fromAt: '2026-03-01T09:00:00.000Z',
      toAt: '2026-03-01T12:00:00.001Z',
    });
  });

  it('takes the day of a DST change whole in the workstation time zone (23 hours in Amsterdam on 29 March 2026)', () => {
    const tz = process.env.TZ;
    process.env.TZ = 'Europe/Amsterdam'; // Node applies a TZ set at run time to later date arithmetic
    try {
      expect(periodBounds('2026-03-29', '2026-03-29')).toEqual({ fromAt: '2026-03-28T23:00:00.000Z', toAt: '2026-03-29T22:00:00.000Z' });
      expect(periodBounds('2026-10-25', '2026-10-25')).toEqual({ fromAt: '2026-10-24T22:00:00.000Z', toAt: '2026-10-25T23:00:00.000Z' });
    } finally {
      if (tz === undefined) delete process.env.TZ;
      else process.env.TZ = tz;
    }
  });

  it('reads every year as it is written (not 0050 as 1950)', () => {
    expect(periodBounds('0050-06-01').fromAt!.startsWith('0050-0')).toBe(true);
  });

  it('leaves out a bound that is not asked for', () => {
    expect(periodBounds()).toEqual({});
    expect(Object.keys(periodBounds('2026-03-01'))).toEqual(['fromAt']);
  });
});
