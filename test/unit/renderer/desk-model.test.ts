// The desk's pure rules: the default period, its checks, the chart rows and summary, the age of a stage's oldest item
// in working hours, the reason codes explained, the badge tone, and the re-fetch that coalesces bursts of events.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ageWords,
  chartRows,
  chartSummary,
  coalesced,
  currentMonth,
  healthTone,
  periodProblem,
  reasonGroups,
  reasonText,
  type PeriodReport,
} from '../../../renderer/features/desk/model';

describe('the period', () => {
  it('defaults to the Amsterdam calendar month that holds now', () => {
    expect(currentMonth(new Date('2026-12-07T12:00:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    // 30 November 23:30 UTC is already 1 December in Amsterdam.
    expect(currentMonth(new Date('2026-11-30T23:30:00Z'))).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(currentMonth(new Date('2028-02-10T09:00:00Z'))).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });

  it('names what is wrong with a chosen period', () => {
    expect(periodProblem('2026-12-01', '2026-12-31')).toBeNull();
    expect(periodProblem('', '2026-12-31')).toBe('periodMissing');
    expect(periodProblem('2026-12-02', '2026-12-01')).toBe('periodReversed');
    expect(periodProblem('2025-01-01', '2026-01-02')).toBe('periodTooLong');
    expect(periodProblem('2028-01-01', '2028-12-31')).toBeNull(); // a leap year: 366 days
  });
});

describe('the chart', () => {
  const report = {
    perDay: [
      { day: '2026-11-01', received: 0, pages: 0, delivered: 0 },
      { day: '2026-11-02', received: 5, pages: 11, delivered: 2 },
      { day: '2026-11-03', received: 7, pages: 9, delivered: 6 },
    ],
  } as PeriodReport;

  it('has one row per day of the report, labelled by the day of the month', () => {
    expect(chartRows(report)).toEqual([
      { day: '2026-11-01', label: '1', received: 0, pages: 0, delivered: 0 },
      { day: '2026-11-02', label: '2', received: 5, pages: 11, delivered: 2 },
      { day: '2026-11-03', label: '3', received: 7, pages: 9, delivered: 6 },
    ]);
  });

  it('sums the rows and finds the busiest day for its spoken summary', () => {
    const s = chartSummary(chartRows(report));
    expect(s).toMatchObject({ received: 12, pages: 20, delivered: 8 });
    expect(s.busiest?.day).toBe('2026-11-03');
    expect(chartSummary(chartRows({ perDay: [report.perDay[0]!] } as PeriodReport)).busiest).toBeNull();
  });
});

describe('the age of the oldest item', () => {
  // Monday 7 December 2026, 14:00 in Amsterdam (CET, UTC+1).
  const now = new Date('2026-12-07T13:00:00Z');

  it('counts working hours within a week and names the day beyond it', () => {
    expect(ageWords(null, now)).toEqual({ key: 'ageNone' });
    expect(ageWords('2026-12-07T12:30:00Z', now)).toEqual({ key: 'ageUnderHour' });
    expect(ageWords('2026-12-07T10:00:00Z', now)).toEqual({ key: 'ageHours', count: 3 });
    // From Friday 16:00 to Monday 14:00: one hour on Friday and six on Monday; the weekend does not count.
    expect(ageWords('2026-12-04T15:00:00Z', now)).toEqual({ key: 'ageHours', count: 7 });
    expect(ageWords('2026-11-20T09:00:00Z', now)).toEqual({ key: 'ageSince', date: '2026-11-20' });
  });
});

describe('sync reasons', () => {
  it('explains HTTP and token failures and the core’s own codes, in either language', () => {
    expect(reasonText('zgw-http-500', 'nl')).toBe('Het zaaksysteem geeft een serverfout (HTTP 500).');
    expect(reasonText('zgw-http-503', 'nl')).toContain('tijdelijk niet beschikbaar');
    expect(reasonText('zgw-http-400', 'en')).toBe('The zaaksysteem refused a request (HTTP 400).');
    expect(reasonText('zgw-auth', 'nl')).toContain('toegangssleutel');
    expect(reasonText('zgw-unreachable', 'nl')).toBe('Het zaaksysteem is niet bereikbaar.');
    expect(reasonText('iets-onbekends', 'nl')).toBeNull();
  });

  it('groups reasons, most items first, leaving out empty ones', () => {
    expect(reasonGroups({ 'zgw-http-500': 2, 'zgw-auth': 5, 'zgw-http-400': 2, leeg: 0 })).toEqual([
      { code: 'zgw-auth', count: 5 },
      { code: 'zgw-http-400', count: 2 },
      { code: 'zgw-http-500', count: 2 },
    ]);
  });

  it('is never green unless the environment is ok', () => {
    expect(healthTone('ok')).toBe('success');
    expect(healthTone('failing')).toBe('danger');
    expect(healthTone('offline')).toBe('warning');
  });
});

describe('the coalesced re-fetch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once per burst, never two at once, and once more for a request made while it ran', async () => {
    const finish: (() => void)[] = [];
    let started = 0;
    const c = coalesced(
      () =>
        new Promise<void>((ok) => {
          started++;
          finish.push(ok);
        }),
      1000,
    );
    for (let i = 0; i < 50; i++) c.request();
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toBe(1);
    c.request(); // while the first runs
    c.request();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(1); // still one in flight
    finish[0]!();
    await vi.advanceTimersByTimeAsync(1000);
    expect(started).toBe(2);
    finish[1]!();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(2);
    c.request();
    c.cancel();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toBe(2);
  });
});
