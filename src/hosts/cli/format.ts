/** A plain aligned table for the terminal. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) {
    process.stdout.write('(geen)\n');
    return;
  }
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.min(60, Math.max(c.length, ...rows.map((r) => String(r[c]).length))));
  const line = (vals: string[]) =>
    vals
      .map((v, i) => v.slice(0, width[i]).padEnd(width[i]))
      .join('  ')
      .trimEnd() + '\n';
  process.stdout.write(line(cols));
  for (const r of rows) process.stdout.write(line(cols.map((c) => String(r[c]))));
}
