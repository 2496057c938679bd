// The text in a Postkamer separator sheet's QR code: `POSTKAMER-SEP:1;z=<zaaknummer>;t=<documenttype>`.
// Versioned so a later sheet layout can add keys; values are percent-encoded so the payload stays URL-safe and
// ';' or '=' in a document type cannot break it. Only a payload with our prefix is a separator: an ordinary
// letter may carry its own QR code (a payment code, a reference) and must stay a page of its letter.

export const SEPARATOR_PREFIX = 'POSTKAMER-SEP:';
export const SEPARATOR_VERSION = 1;

export interface SeparatorValues {
  zaaknummer?: string;
  documenttype?: string;
}

const MAX_VALUE = 100;
// Printable text only: no control characters (they would not survive the printed copy either).
const PRINTABLE = /^[^\p{Cc}\p{Cs}]+$/u;

/** Checks the values a clerk typed; returns an error text (Dutch) or null. */
export function checkSeparatorValues(v: SeparatorValues): string | null {
  for (const [key, value] of Object.entries(v) as [keyof SeparatorValues, string | undefined][]) {
    if (value === undefined) continue;
    const t = value.trim();
    if (t.length === 0) return `${key} is leeg.`;
    if (t.length > MAX_VALUE) return `${key} is langer dan ${MAX_VALUE} tekens.`;
    if (!PRINTABLE.test(t)) return `${key} bevat ongeldige tekens.`;
  }
  return null;
}

export function encodeSeparatorPayload(v: SeparatorValues): string {
  const parts = [`${SEPARATOR_PREFIX}${SEPARATOR_VERSION}`];
  if (v.zaaknummer !== undefined) parts.push(`z=${encodeURIComponent(v.zaaknummer.trim())}`);
  if (v.documenttype !== undefined) parts.push(`t=${encodeURIComponent(v.documenttype.trim())}`);
  return parts.join(';');
}

/**
 * Reads a payload. Returns null for anything that is not ours. A newer version is still a separator (the sheet
 * must still split the batch); keys this version does not know are ignored.
 */
export function parseSeparatorPayload(text: string): { version: number; values: SeparatorValues } | null {
  if (!text.startsWith(SEPARATOR_PREFIX)) return null;
  const [head = '', ...fields] = text.slice(SEPARATOR_PREFIX.length).split(';');
  if (!/^\d{1,3}$/.test(head)) return null;
  const version = Number(head);
  if (version < 1) return null;
  const values: SeparatorValues = {};
  for (const f of fields) {
    const eq = f.indexOf('=');
    if (eq <= 0) continue;
    let value: string;
    try {
      value = decodeURIComponent(f.slice(eq + 1));
    } catch {
      continue; // a damaged value is dropped, the sheet still separates
    }
    if (checkSeparatorValues({ zaaknummer: value }) !== null) continue;
    const key = f.slice(0, eq);
    if (key === 'z') values.zaaknummer = value;
    else if (key === 't') values.documenttype = value;
  }
  return { version, values };
}
