// Display formatting of numbers and dates, per UI language.
import type { Lang } from '../i18n';

// Pure apart from Intl.

const TAG: Record<Lang, string> = { nl: 'nl-NL', en: 'en-GB' };

export function formatBytes(n: number, lang: Lang): string {
  const nf = (v: number, digits: number) => v.toLocaleString(TAG[lang], { maximumFractionDigits: digits, minimumFractionDigits: digits });
  if (n >= 1e9) return `${nf(n / 1e9, 1)} GB`;
  if (n >= 1e6) return `${nf(n / 1e6, 1)} MB`;
  if (n >= 1e3) return `${nf(n / 1e3, 1)} kB`;
  return `${n} B`;
}

export function formatDateTime(iso: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(TAG[lang], { dateStyle: 'short', timeStyle: 'short' }).format(d);
}

/** A calendar date (YYYY-MM-DD) shown without a time zone shift. */
export function formatDate(isoDate: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return isoDate;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(TAG[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

export function formatNumber(n: number, lang: Lang): string {
  return n.toLocaleString(TAG[lang]);
}
