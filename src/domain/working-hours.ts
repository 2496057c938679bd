// Working hours as the mail room counts them: Monday to Friday, 08:00–17:00 Europe/Amsterdam (no public holidays).

/** The working day in local (Amsterdam) hours: [start, end). */
export const WORKDAY = { startHour: 8, endHour: 17 } as const;
const HOURS_PER_DAY = WORKDAY.endHour - WORKDAY.startHour;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Amsterdam's offset from UTC at instant `ms`, in ms (+1 h in winter, +2 h in summer). */
function offsetMs(ms: number): number {
  const p = Object.fromEntries(PARTS.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const local = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return local - (ms - (ms % 1000));
}

/** The instant at which the Amsterdam clock shows `hour`:00 on the calendar day (y, m 0-based, d). */
export function amsterdamInstant(y: number, m: number, d: number, hour: number): Date {
  const wall = Date.UTC(y, m, d, hour);
  // Two rounds settle the offset on either side of a DST change (hours 8, 17 and 0 never fall in the gap).
  let t = wall - offsetMs(wall);
  t = wall - offsetMs(t);
  return new Date(t);
}

/** The Amsterdam calendar day of an instant, as UTC-midnight milliseconds (a day counter that ignores DST). */
function localDay(at: Date): number {
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  return Date.UTC(+p.year, +p.month - 1, +p.day);
}

/** The start of the Amsterdam calendar day that holds `at` (local midnight), as an instant. */
export function amsterdamMidnight(at: Date): Date {
  const day = new Date(localDay(at));
  return amsterdamInstant(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0);
}

/** Working hours of one local day (UTC-midnight ms) that lie within [from, to], in ms. */
function dayOverlapMs(day: number, from: number, to: number): number {
  const dow = new Date(day).getUTCDay();
  if (dow === 0 || dow === 6) return 0;
  const d = new Date(day);
  const start = amsterdamInstant(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), WORKDAY.startHour).getTime();
  const end = amsterdamInstant(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), WORKDAY.endHour).getTime();
  return Math.max(0, Math.min(end, to) - Math.max(start, from));
}

/**
 * Working hours (Monday–Friday 08:00–17:00 Amsterdam time) between two instants, as a fraction of hours; 0 when
 * `to` is not after `from`. Whole weeks in between count 45 hours each without being walked day by day.
 */
export function workingHoursBetween(from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (!(b > a)) return 0;
  const first = localDay(from);
  const last = localDay(to);
  const days = Math.round((last - first) / DAY_MS);
  // The first and the last week are walked; the whole weeks between them are counted.
  const skippedWeeks = days > 14 ? Math.floor((days - 7) / 7) : 0;
  let ms = skippedWeeks * 5 * HOURS_PER_DAY * HOUR_MS;
  for (let i = 0; i <= days; i++) {
    if (i === 7 && skippedWeeks > 0) i += skippedWeeks * 7;
    ms += dayOverlapMs(first + i * DAY_MS, a, b);
  }
  return ms / HOUR_MS;
}
