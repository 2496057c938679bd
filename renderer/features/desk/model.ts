// The desk's pure rules: the default period, the chart's rows from a period report, how old a stage's oldest item is
// in words, the Dutch explanation of a sync reason code, and a re-fetch that coalesces bursts of events.
import { errorMessages, messageFor, type CommandOutput, type ErrorCode } from '../../../src/contract';
import { amsterdamDate } from '../../../src/domain/amsterdam-date';
import { MAX_REPORT_DAYS, periodDays } from '../../../src/domain/period-report';
import { workingHoursBetween } from '../../../src/domain/working-hours';
import type { Lang } from '../../i18n';

export type PeriodReport = CommandOutput<'report.summary'>;
export type SyncHealth = CommandOutput<'sync.status'>['health'][string];

/** The calendar month (in Amsterdam) that holds `now`: its first and its last day. */
export function currentMonth(now: Date): { from: string; to: string } {
  const today = amsterdamDate(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: `${y}-${mm}-01`, to: `${y}-${mm}-${String(last).padStart(2, '0')}` };
}

/** Why a chosen period cannot be asked for (an i18n key under `desk.`), or null when it can. */
export function periodProblem(from: string, to: string): 'periodMissing' | 'periodReversed' | 'periodTooLong' | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) return 'periodMissing';
  if (to < from) return 'periodReversed';
  try {
    periodDays(from, to);
  } catch {
    return 'periodTooLong';
  }
  return null;
}
export { MAX_REPORT_DAYS };

/** One bar group of the chart (and one row of its table): a day of the period. */
export interface ChartRow {
  day: string;
  /** The day of the month, the axis label. */
  label: string;
  received: number;
  pages: number;
  delivered: number;
}

export function chartRows(r: PeriodReport): ChartRow[] {
  return r.perDay.map((d) => ({
    day: d.day,
    label: String(Number(d.day.slice(8))),
    received: d.received,
    pages: d.pages,
    delivered: d.delivered,
  }));
}

/** The chart's one-sentence summary for a screen reader: the totals and the busiest day. */
export function chartSummary(rows: readonly ChartRow[]): { received: number; pages: number; delivered: number; busiest: ChartRow | null } {
  let busiest: ChartRow | null = null;
  for (const r of rows) if (r.received > 0 && (busiest === null || r.received > busiest.received)) busiest = r;
  return {
    received: rows.reduce((n, r) => n + r.received, 0),
    pages: rows.reduce((n, r) => n + r.pages, 0),
    delivered: rows.reduce((n, r) => n + r.delivered, 0),
    busiest,
  };
}

/** How long ago the oldest item arrived, as the desk says it (an i18n key under `desk.` and its parameters). */
export type AgeWords =
  { key: 'ageNone' } | { key: 'ageUnderHour' } | { key: 'ageHours'; count: number } | { key: 'ageSince'; date: string };

/** Within a working week the age in whole working hours; older than that, the day it arrived. */
export function ageWords(oldestAt: string | null, now: Date): AgeWords {
  if (oldestAt === null) return { key: 'ageNone' };
  const hours = workingHoursBetween(new Date(oldestAt), now);
  if (hours < 1) return { key: 'ageUnderHour' };
  if (hours <= 45) return { key: 'ageHours', count: Math.floor(hours) };
  return { key: 'ageSince', date: amsterdamDate(new Date(oldestAt)) };
}

/**
 * What a sync reason code (the outbox's last error code) means, in the UI language, where it is known: HTTP codes as
 * src/sync/health.ts explains them, the core's own error codes by their message; null for any other code.
 */
export function reasonText(code: string, lang: Lang): string | null {
  const http = /^zgw-http-(\d{3})$/.exec(code);
  const nl = lang === 'nl';
  if (http) {
    const status = Number(http[1]);
    if (status === 429)
      return nl ? 'Het zaaksysteem vraagt om minder verzoeken (HTTP 429).' : 'The zaaksysteem asks for fewer requests (HTTP 429).';
    if (status === 503)
      return nl ? 'Het zaaksysteem is tijdelijk niet beschikbaar (HTTP 503).' : 'The zaaksysteem is temporarily unavailable (HTTP 503).';
    if (status >= 500)
      return nl ? `Het zaaksysteem geeft een serverfout (HTTP ${status}).` : `The zaaksysteem answers a server error (HTTP ${status}).`;
    return nl ? `Het zaaksysteem weigerde een verzoek (HTTP ${status}).` : `The zaaksysteem refused a request (HTTP ${status}).`;
  }
  if (code === 'zgw-auth')
    return nl
      ? 'Het zaaksysteem weigert de toegangssleutel: controleer client-ID, secret en autorisaties.'
      : 'The zaaksysteem refuses the access key: check the client ID, secret and authorisations.';
  if (code in errorMessages) return messageFor(code as ErrorCode, lang);
  return null;
}

/** The badge tone of an environment's state: never green unless it is ok. */
export function healthTone(state: SyncHealth['state']): 'success' | 'danger' | 'warning' {
  return state === 'ok' ? 'success' : state === 'failing' ? 'danger' : 'warning';
}

/** Reason groups, most items first, then by code. */
export function reasonGroups(byReason: Readonly<Record<string, number>>): { code: string; count: number }[] {
  return Object.entries(byReason)
    .filter(([, n]) => n > 0)
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/**
 * A re-fetch for bursts of events: `request()` runs `fetch` once `waitMs` after the first request of a burst, never two
 * at once; a request while one runs makes one more run after it. `cancel()` stops what is scheduled.
 */
export function coalesced(fetch: () => Promise<unknown>, waitMs: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  let cancelled = false;
  const fire = () => {
    timer = null;
    if (cancelled) return;
    running = true;
    void fetch()
      .catch(() => undefined)
      .finally(() => {
        running = false;
        if (again && !cancelled) {
          again = false;
          request();
        }
      });
  };
  const request = () => {
    if (cancelled) return;
    if (running) again = true;
    else if (timer === null) timer = setTimeout(fire, waitMs);
  };
  return {
    request,
    cancel() {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
  };
}
