// The rules of the period report: a period of Amsterdam days as UTC bounds, percentiles of times to delivery, the
// grouping of deliveries (per zaaktype, per person) and the days of a period; pure, no I/O.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** The longest period one report covers (a year and a day: a leap year). */
export const MAX_REPORT_DAYS = 366;
const HOUR_MS = 3_600_000;

/** One delivered document: when it was received and delivered (ISO), its page count, and its groups. */
export interface Delivery {
  receivedAt: string;
  deliveredAt: string;
  pages: number;
  zaaktype: string;
  person: string;
}

/** A row of a per-group table: deliveries, their pages, and the median and 95th percentile hours to delivery. */
export interface GroupRow {
  key: string;
  delivered: number;
  pages: number;
  medianHours: number | null;
  p95Hours: number | null;
}

/** Documents received on one day and their pages. */
export interface DayRow {
  day: string;
  received: number;
  pages: number;
}

export interface PeriodTotals {
  received: number;
  digitised: number;
  delivered: number;
  pages: number;
  /** Items in attention at the end of the period; how it was found is `attentionSource`. */
  attentionAtEnd: number;
  /** `outbox`: the outbox now (the period ends today or later); `audit`: replayed from the audit trail (a past end). */
  attentionSource: 'outbox' | 'audit';
  medianHours: number | null;
  p95Hours: number | null;
}

/** A day of the period: received and pages by the day of receipt, delivered by the day of delivery. */
export interface ReportDay extends DayRow {
  delivered: number;
}

export interface PeriodReport {
  from: string;
  to: string;
  generatedAt: string;
  totals: PeriodTotals;
  perDay: ReportDay[];
  perZaaktype: GroupRow[];
  /** Null when the setting perPersonStats is off: then no person is named anywhere in the report. */
  perPerson: GroupRow[] | null;
}

/** The zaaktype's name when none is known on this workstation. */
export const UNKNOWN_ZAAKTYPE = 'onbekend';

/**
 * The p-th percentile (0–100) by linear interpolation between the closest ranks (the spreadsheet's PERCENTILE.INC):
 * the median of an even count is the mean of the middle two. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentiel buiten 0–100: ${p}`);
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const rank = (p / 100) * (v.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return v[lo]! + (v[hi]! - v[lo]!) * (rank - lo);
}

/** Hours, rounded to one decimal (what both the CSV and the PDF show). */
export function roundHours(ms: number | null): number | null {
  return ms === null ? null : Math.round((ms / HOUR_MS) * 10) / 10;
}

/** Hours as the Dutch reader writes them: one decimal, a decimal comma; a dash when there is nothing to measure. */
export function hoursText(h: number | null): string {
  return h === null ? '-' : h.toFixed(1).replace('.', ',');
}

function parseDay(day: string): { y: number; m: number; d: number } {
  const m = DAY.exec(day);
  const parts = m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
  const check = parts ? new Date(Date.UTC(parts.y, parts.m - 1, parts.d)) : null;
  if (!parts || !check || check.getUTCFullYear() !== parts.y || check.getUTCMonth() !== parts.m - 1 || check.getUTCDate() !== parts.d) {
    throw new RangeError(`geen datum (JJJJ-MM-DD): ${day}`);
  }
  return parts;
}

const AMS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Amsterdam's offset from UTC at an instant, in minutes (60 in winter, 120 in summer). */
function amsterdamOffsetMinutes(at: number): number {
  const p = Object.fromEntries(AMS.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  const local = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((local - Math.floor(at / 60_000) * 60_000) / 60_000);
}

/** The instant a day starts in Amsterdam (local midnight; never a DST change, which happens at 02:00/03:00). */
export function amsterdamDayStart(day: string): Date {
  const { y, m, d } = parseDay(day);
  const utcMidnight = Date.UTC(y, m - 1, d);
  return new Date(utcMidnight - amsterdamOffsetMinutes(utcMidnight - 2 * HOUR_MS) * 60_000);
}

/** The day after `day` (yyyy-mm-dd), by the calendar. */
export function nextDay(day: string): string {
  const { y, m, d } = parseDay(day);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The days of [from, to] in order; refuses an end before the start and a period longer than MAX_REPORT_DAYS. */
export function periodDays(from: string, to: string): string[] {
  parseDay(from);
  parseDay(to);
  if (to < from) throw new RangeError('de periode eindigt vóór ze begint');
  const days: string[] = [];
  for (let d = from; d <= to; d = nextDay(d)) {
    if (days.length >= MAX_REPORT_DAYS) throw new RangeError(`een verslag beslaat hoogstens ${MAX_REPORT_DAYS} dagen`);
    days.push(d);
  }
  return days;
}

/** The UTC bounds of [from, to] in Amsterdam days: `fromAt` inclusive, `toAt` exclusive (the next day's midnight). */
export function periodInstants(from: string, to: string): { fromAt: string; toAt: string } {
  periodDays(from, to);
  return { fromAt: amsterdamDayStart(from).toISOString(), toAt: amsterdamDayStart(nextDay(to)).toISOString() };
}

/** Median and 95th percentile of the hours from receipt to delivery (a delivery before its receipt counts as 0). */
export function deliveryTimes(ds: readonly Delivery[]): { medianHours: number | null; p95Hours: number | null } {
  const ms = ds.map((d) => Math.max(0, Date.parse(d.deliveredAt) - Date.parse(d.receivedAt)));
  return { medianHours: roundHours(percentile(ms, 50)), p95Hours: roundHours(percentile(ms, 95)) };
}

/** The deliveries grouped by `by`, most deliveries first, then by name (Dutch order). */
export function groupDeliveries(ds: readonly Delivery[], by: 'zaaktype' | 'person'): GroupRow[] {
  const groups = new Map<string, Delivery[]>();
  for (const d of ds) {
    const list = groups.get(d[by]);
    if (list) list.push(d);
    else groups.set(d[by], [d]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, delivered: list.length, pages: list.reduce((n, d) => n + d.pages, 0), ...deliveryTimes(list) }))
    .sort((a, b) => b.delivered - a.delivered || a.key.localeCompare(b.key, 'nl'));
}

/** Per-day rows for every day of the period (a day without post is a 0, not a gap), from counts keyed by day. */
export function dayRows(days: readonly string[], counts: ReadonlyMap<string, { received: number; pages: number }>): DayRow[] {
  return days.map((day) => ({ day, received: counts.get(day)?.received ?? 0, pages: counts.get(day)?.pages ?? 0 }));
}

/** The day rows with each day's deliveries added (`deliveredOn`: the Amsterdam day of each delivery). */
export function withDelivered(rows: readonly DayRow[], deliveredOn: readonly string[]): ReportDay[] {
  const n = new Map<string, number>();
  for (const day of deliveredOn) n.set(day, (n.get(day) ?? 0) + 1);
  return rows.map((r) => ({ ...r, delivered: n.get(r.day) ?? 0 }));
}
