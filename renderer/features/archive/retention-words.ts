// Retention in words: an ISO-8601 duration (P10Y, P5Y6M, P18M…), a brondatum afleidingswijze and a resultaattype's
// archiefnominatie told as a sentence in Dutch or English, without React.
import type { RetentionOption } from '../../../src/contract/classification-schema';

export type WordsLang = 'nl' | 'en';

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
}

const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:[.,]\d+)?S)?)?$/;

/** The date part of an ISO-8601 duration; null for anything else (and for `P` alone). Times of day are ignored. */
export function parseDuration(iso: string | null | undefined): Duration | null {
  const m = ISO.exec((iso ?? '').trim().toUpperCase());
  if (!m || !/\d/.test(iso ?? '')) return null;
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return { years: n(m[1]), months: n(m[2]), weeks: n(m[3]), days: n(m[4]) };
}

const UNITS: Record<WordsLang, Record<keyof Duration, [string, string]>> = {
  nl: { years: ['jaar', 'jaar'], months: ['maand', 'maanden'], weeks: ['week', 'weken'], days: ['dag', 'dagen'] },
  en: { years: ['year', 'years'], months: ['month', 'months'], weeks: ['week', 'weeks'], days: ['day', 'days'] },
};
const AND: Record<WordsLang, string> = { nl: 'en', en: 'and' };

/** "10 jaar", "5 jaar en 6 maanden", "18 maanden"; null when the text is no duration. */
export function durationWords(iso: string | null | undefined, lang: WordsLang): string | null {
  const d = parseDuration(iso);
  if (!d) return null;
  const parts = (['years', 'months', 'weeks', 'days'] as const)
    .filter((k) => d[k] > 0)
    .map((k) => `${d[k]} ${UNITS[lang][k][d[k] === 1 ? 0 : 1]}`);
  if (parts.length === 0) return lang === 'nl' ? '0 dagen' : '0 days';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} ${AND[lang]} ${parts[parts.length - 1]}`;
}

/** The ZGW brondatumArchiefprocedure afleidingswijzen: the moment the term starts from. */
const AFLEIDING: Record<string, Record<WordsLang, string>> = {
  afgehandeld: { nl: 'afhandeling van de zaak', en: 'the closing of the case' },
  ander_datumkenmerk: { nl: 'een andere datum van de zaak', en: 'another date of the case' },
  eigenschap: { nl: 'de datum in een eigenschap van de zaak', en: 'the date in a property of the case' },
  gerelateerde_zaak: { nl: 'afhandeling van de gerelateerde zaak', en: 'the closing of the related case' },
  hoofdzaak: { nl: 'afhandeling van de hoofdzaak', en: 'the closing of the main case' },
  ingangsdatum_besluit: { nl: 'de ingangsdatum van het besluit', en: 'the start date of the decision' },
  termijn: { nl: 'afhandeling van de zaak plus een termijn', en: 'the closing of the case plus a period' },
  vervaldatum_besluit: { nl: 'de vervaldatum van het besluit', en: 'the expiry date of the decision' },
  zaakobject: { nl: 'een datum van het zaakobject', en: 'a date of the case object' },
};
const UNKNOWN_BRONDATUM: Record<WordsLang, string> = { nl: 'de brondatum', en: 'the reference date' };

/** "afhandeling van de zaak" for `afgehandeld`; an unknown code is named as it is. */
export function afleidingWords(code: string | null | undefined, lang: WordsLang): string {
  if (!code) return UNKNOWN_BRONDATUM[lang];
  return AFLEIDING[code]?.[lang] ?? `${UNKNOWN_BRONDATUM[lang]} (${code})`;
}

/** The sentence for one way the zaak may end: what happens to the record, and after how long. */
export function retentionSentence(
  o: Pick<RetentionOption, 'archiefnominatie' | 'archiefactietermijn' | 'brondatumAfleidingswijze'>,
  lang: WordsLang,
): string {
  const term = durationWords(o.archiefactietermijn, lang);
  if (o.archiefnominatie === 'blijvend_bewaren') {
    if (lang === 'nl') return term ? `Bewaren (overbrengen na ${term})` : 'Bewaren (overbrengingstermijn onbekend)';
    return term ? `Keep permanently (transfer after ${term})` : 'Keep permanently (transfer term unknown)';
  }
  if (o.archiefnominatie === 'vernietigen') {
    const from = afleidingWords(o.brondatumAfleidingswijze, lang);
    if (lang === 'nl') return term ? `Vernietigen ${term} na ${from}` : `Vernietigen (termijn onbekend, na ${from})`;
    return term ? `Destroy ${term} after ${from}` : `Destroy (term unknown, after ${from})`;
  }
  return lang === 'nl' ? 'Archiefnominatie onbekend' : 'Archive nomination unknown';
}

/** The Selectielijst's resultaat as the panel tells it: its number and name, and what it says of the record. */
export interface SelectielijstLine {
  nummer: string;
  naam: string;
  waardering: 'bewaren' | 'vernietigen' | 'onbekend';
  /** The waardering as the Selectielijst gave it (shown as it is when it is neither of the two known ones). */
  code: string;
  /** The Selectielijst's bewaartermijn in words ("10 jaar"), null when it gives none. */
  termijn: string | null;
}

/**
 * What the panel shows per option: its name, the sentence, the selectielijstklasse (or null) and, once cached, the
 * Selectielijst's own words for it (or null).
 */
export interface RetentionLine {
  key: string;
  title: string;
  sentence: string;
  selectielijstklasse: string | null;
  selectielijst: SelectielijstLine | null;
  nominatie: 'bewaren' | 'vernietigen' | 'onbekend';
}

export function selectielijstLine(s: RetentionOption['selectielijst'], lang: WordsLang): SelectielijstLine | null {
  if (!s) return null;
  const waardering = s.waardering === 'blijvend_bewaren' ? 'bewaren' : s.waardering === 'vernietigen' ? 'vernietigen' : 'onbekend';
  return { nummer: s.nummer, naam: s.naam, waardering, code: s.waardering, termijn: durationWords(s.bewaartermijn, lang) };
}

export function retentionLines(options: readonly RetentionOption[], lang: WordsLang): RetentionLine[] {
  return options.map((o) => ({
    key: o.resultaattype,
    title: o.omschrijving,
    sentence: retentionSentence(o, lang),
    selectielijstklasse: o.selectielijstklasse,
    selectielijst: selectielijstLine(o.selectielijst, lang),
    nominatie: o.archiefnominatie === 'blijvend_bewaren' ? 'bewaren' : o.archiefnominatie === 'vernietigen' ? 'vernietigen' : 'onbekend',
  }));
}
