// CSV fields as RFC 4180 writes them, with spreadsheet formulas neutralised (a cell that starts with = + - @ is text).

/** Characters a spreadsheet reads as the start of a formula (or of a DDE call), half- and full-width. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/**
 * One field: a text that a spreadsheet would read as a formula gets a leading apostrophe (OWASP's advice: shown as
 * text, the apostrophe hidden); a field holding a comma, a quote or a line break is quoted, its quotes doubled.
 * Numbers are written as they are (they are ours: sequence numbers, counts).
 */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated (RFC 4180). */
export function csvLine(fields: (string | number | boolean | null | undefined)[]): string {
  return fields.map(csvField).join(',') + '\r\n';
}
