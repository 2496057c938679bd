// Calendar dates as the municipality sees them (Europe/Amsterdam), not UTC: a letter scanned at 00:30 on 2 March is
// received on 2 March.
const FMT = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

export function amsterdamDate(d: Date): string {
  return FMT.format(d);
}
