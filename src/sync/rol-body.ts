// The request that registers a new zaak's initiator as a Rol, from what the clerk took from the letter; pure.
import type { RolCreateRequest } from './clients/zaken';
import type { Initiator } from './outbox-machine';

// A company (KvK number) is a niet-natuurlijk persoon; anyone else a natuurlijk persoon by name and address, with a
// BSN only when the clerk confirmed the one on the page (the caller reads it from the store and passes it here).
// What does not fit the ZGW fields cleanly is not guessed: a name that is not simply "initials, prefix, surname"
// goes whole into geslachtsnaam, an address without a house number stays out of verblijfsadres.

const clip = (s: string, n: number): string => (s.length > n ? s.slice(0, n) : s);

export interface PersonName {
  geslachtsnaam: string;
  voorvoegselGeslachtsnaam?: string;
  voorletters?: string;
}

/** A salutation before the name (not part of it); academic titles are not stripped: such a name is not simple. */
const SALUTATION = /^(?:de\s+heer|dhr\.?|mevrouw|mevr\.?|mw\.?)\s+/i;
/** Dutch surname prefixes, longest first. */
const PREFIXES = [
  'van der',
  'van den',
  'van de',
  "van 't",
  "in 't",
  'in de',
  'in den',
  'op de',
  'op den',
  "op 't",
  'uit de',
  'uit den',
  'van',
  'de',
  'den',
  'der',
  'te',
  'ter',
  'ten',
  "'t",
];
const INITIALS = /^(?:\p{Lu}\.)+$/u;
const SURNAME = /^\p{Lu}[\p{L}'’]*(?:-\p{Lu}[\p{L}'’]*)*$/u;

/**
 * Splits "J.P. van der Berg" into voorletters "J.P.", voorvoegsel "van der", geslachtsnaam "Berg" — only when the
 * name is that simple (initials, then an optional known prefix, then one capitalised surname); otherwise the whole
 * name is the geslachtsnaam.
 */
export function splitName(naam: string): PersonName {
  const whole = { geslachtsnaam: clip(naam.trim(), 200) };
  const tokens = naam.trim().replace(SALUTATION, '').split(/\s+/).filter(Boolean);
  let k = 0;
  const initials: string[] = [];
  while (k < tokens.length && INITIALS.test(tokens[k])) initials.push(tokens[k++]);
  const rest = tokens.slice(k);
  const lower = rest.map((t) => t.toLowerCase());
  const prefix = PREFIXES.find((p) => {
    const words = p.split(' ');
    return words.length < rest.length && words.every((w, j) => lower[j] === w);
  });
  const surname = rest.slice(prefix ? prefix.split(' ').length : 0);
  if (surname.length !== 1 || !SURNAME.test(surname[0])) return whole;
  const voorletters = initials.join('');
  if (voorletters.length > 20) return whole;
  return {
    geslachtsnaam: surname[0],
    ...(prefix ? { voorvoegselGeslachtsnaam: rest.slice(0, prefix.split(' ').length).join(' ') } : {}),
    ...(voorletters ? { voorletters } : {}),
  };
}

export interface Verblijfsadres {
  aoaIdentificatie: string;
  wplWoonplaatsNaam: string;
  gorOpenbareRuimteNaam: string;
  aoaPostcode?: string;
  aoaHuisnummer: number;
  aoaHuisletter?: string;
  aoaHuisnummertoevoeging?: string;
}

/** Street, house number, then an optional huisletter (one letter on its own) and toevoeging ("4a-2", "12 bis"). */
const STREET_NUMBER = new RegExp(
  String.raw`^(?<straat>\D.*?)\s*(?<nr>\d{1,5})(?:\s*(?<letter>\p{L})(?![\p{L}\d]))?(?:\s*[-/\s]\s*(?<toev>[\p{L}\d]{1,4}))?$`,
  'u',
);

/**
 * "Kerkstraat 4a-2", "1234 AB", "Utrecht" as a verblijfsadres; null when the street and house number cannot be told
 * apart, for a PO box (no place to live), or when the woonplaats is missing (the address as written stays in the
 * toelichting). The BAG identification is unknown to a letter and left empty.
 */
export function parseAdres(adres?: string, postcode?: string, woonplaats?: string): Verblijfsadres | null {
  const m = adres ? STREET_NUMBER.exec(adres.trim().replace(/,$/, '')) : null;
  const plaats = woonplaats?.trim();
  if (!m?.groups || !plaats) return null;
  const straat = m.groups.straat.trim().replace(/,$/, '');
  if (straat === '' || straat.length > 80 || plaats.length > 80 || /^(?:postbus|antwoordnummer)$/i.test(straat)) return null;
  const pc = postcode ? /^(\d{4})\s*([a-z]{2})$/i.exec(postcode.trim()) : null;
  return {
    aoaIdentificatie: '',
    wplWoonplaatsNaam: plaats,
    gorOpenbareRuimteNaam: straat,
    ...(pc ? { aoaPostcode: `${pc[1]}${pc[2].toUpperCase()}` } : {}),
    aoaHuisnummer: Number(m.groups.nr),
    ...(m.groups.letter ? { aoaHuisletter: m.groups.letter } : {}),
    ...(m.groups.toev ? { aoaHuisnummertoevoeging: m.groups.toev } : {}),
  };
}

function addressLine(i: Initiator): string {
  return [i.adres, [i.postcode, i.woonplaats].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** The Rol of the initiator on `zaak` under `roltype`; `bsn` only when the clerk confirmed the one on the page. */
export function initiatorRolBody(zaak: string, roltype: string, i: Initiator, bsn: string | null): RolCreateRequest {
  const contact = [i.email, i.telefoon].filter(Boolean).join(', ');
  const note = (extra: string) =>
    clip(`Afzender van de brief, geregistreerd door de postkamer.${extra}${contact ? ` Contact: ${contact}.` : ''}`, 1000);
  if (i.kvk) {
    const bezoekadres = addressLine(i);
    return {
      zaak,
      roltype,
      betrokkeneType: 'niet_natuurlijk_persoon',
      roltoelichting: note(''),
      betrokkeneIdentificatie: {
        kvkNummer: i.kvk,
        statutaireNaam: clip(i.naam, 500),
        ...(bezoekadres ? { bezoekadres: clip(bezoekadres, 1000) } : {}),
      },
    };
  }
  const verblijfsadres = parseAdres(i.adres, i.postcode, i.woonplaats);
  const written = addressLine(i);
  return {
    zaak,
    roltype,
    betrokkeneType: 'natuurlijk_persoon',
    roltoelichting: note(!verblijfsadres && written ? ` Adres op de brief: ${written}.` : ''),
    betrokkeneIdentificatie: {
      ...splitName(i.naam),
      ...(bsn ? { inpBsn: bsn } : {}),
      ...(verblijfsadres ? { verblijfsadres } : {}),
    },
  };
}
