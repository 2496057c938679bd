// A period asked for by day or by moment, as the bounds the audit table is queried with (UTC, `at` ≥ from, `at` < to).

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Local midnight of a day (`new Date(y, m, d)` would read a year below 100 as 19xx). */
function midnight(m: RegExpExecArray, plusDays = 0): Date {
  const d = new Date(2000, 0, 1);
  d.setFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + plusDays);
  d.setHours(0, 0, 0, 0);
  return d;
}

/**
 * The start of a day (yyyy-mm-dd) in the workstation's own time zone, or the moment itself (ISO 8601 with offset).
 * A day is the whole day: local midnight to the next local midnight, so a day of a DST change is 23 or 25 hours.
 */
function startOf(value: string): Date {
  const m = DAY.exec(value);
  return m ? midnight(m) : new Date(value);
}

/** Where a period's end stops (exclusive): the next local midnight after a day, or just after a moment (inclusive). */
function endOf(value: string): Date {
  const m = DAY.exec(value);
  return m ? midnight(m, 1) : new Date(new Date(value).getTime() + 1);
}

/** The bounds for `from`/`to` (either may be left out): `fromAt` inclusive, `toAt` exclusive, as stored (`toISOString`). */
export function periodBounds(from?: string, to?: string): { fromAt?: string; toAt?: string } {
  const bounds: { fromAt?: string; toAt?: string } = {};
  if (from !== undefined) bounds.fromAt = checked(startOf(from), from).toISOString();
  if (to !== undefined) bounds.toAt = checked(endOf(to), to).toISOString();
  return bounds;
}

function checked(d: Date, value: string): Date {
  if (Number.isNaN(d.getTime())) throw new RangeError(`geen datum of tijdstip: ${value}`);
  return d;
}
