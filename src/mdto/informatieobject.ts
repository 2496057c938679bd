// The MDTO `informatieobject` of one delivered document (`<naam>.mdto.xml`): pure, elements in the XSD's order.
import { el, mdtoDocument, opt, type XmlElement } from './xml';

/** A reference (verwijzingGegevens): a name and, where known, an identifier with its source. */
export interface Verwijzing {
  naam: string;
  kenmerk?: string | null;
  bron?: string | null;
}

export interface Identificatie {
  kenmerk: string;
  bron: string;
}

export interface InformatieobjectInput {
  identificatie: Identificatie[];
  naam: string;
  /** The document type (informatieobjecttype omschrijving), as classificatie. */
  documenttype?: string | null;
  /** When the letter came in (YYYY-MM-DD): dekkingInTijd and the Ontvangst event. */
  ontvangstdatum?: string | null;
  /** The letter's own date (YYYY-MM-DD), if known. */
  verzenddatum?: string | null;
  /** The resultaattype's archiefnominatie: `blijvend_bewaren` → B, `vernietigen` → V. */
  archiefnominatie: string;
  /** ISO 8601 duration (P10Y), the resultaattype's archiefactietermijn. */
  archiefactietermijn?: string | null;
  /** The brondatum archiefprocedure's afleidingswijze (afgehandeld, …) and, where known, the brondatum itself. */
  brondatum?: { afleidingswijze?: string | null; datum?: string | null } | null;
  /** The resultaattype (its omschrijving) and its selectielijstklasse URL, as informatiecategorie. */
  resultaattype?: { omschrijving: string; selectielijstklasse?: string | null } | null;
  zaak: Verwijzing;
  bestand?: Verwijzing | null;
  archiefvormer: string;
  /** Those involved (the sender of a letter): relation and name. */
  betrokkenen?: { relatie: string; actor: Verwijzing }[];
  /** The ZGW vertrouwelijkheidaanduiding (openbaar … zeer_geheim). */
  vertrouwelijkheid: string;
}

export type Waardering = 'B' | 'V';

/** B (blijvend te bewaren) or V (tijdelijk te bewaren) from an archiefnominatie; null for anything else. */
export function waarderingFor(archiefnominatie: string | null | undefined): Waardering | null {
  if (archiefnominatie === 'blijvend_bewaren') return 'B';
  if (archiefnominatie === 'vernietigen') return 'V';
  return null;
}

const WAARDERING_LABEL: Record<Waardering, string> = { B: 'Blijvend te bewaren', V: 'Tijdelijk te bewaren' };

/** `date` (YYYY-MM-DD) plus a duration of whole years, months and days (P10Y, P6M, P1Y6M); null for anything else. */
export function addDuration(date: string, duration: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const p = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?$/.exec(duration);
  if (!d || !p || duration === 'P') return null;
  const t = new Date(Date.UTC(Number(d[1]) + Number(p[1] ?? 0), Number(d[2]) - 1 + Number(p[2] ?? 0), Number(d[3]) + Number(p[3] ?? 0)));
  return Number.isNaN(t.getTime()) ? null : t.toISOString().slice(0, 10);
}

function verwijzing(name: string, v: Verwijzing): XmlElement {
  const ident =
    v.kenmerk && v.bron ? el('verwijzingIdentificatie', [el('identificatieKenmerk', v.kenmerk), el('identificatieBron', v.bron)]) : null;
  return el(name, [el('verwijzingNaam', v.naam), ident]);
}

export function begrip(name: string, label: string, lijst: string, code?: string | null): XmlElement {
  return el(name, [el('begripLabel', label), opt('begripCode', code), el('begripBegrippenlijst', [el('verwijzingNaam', lijst)])]);
}

function isDate(s: string | null | undefined): s is string {
  return typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s);
}

function bewaartermijn(i: InformatieobjectInput): XmlElement | null {
  const termijn = i.archiefactietermijn && /^P/.test(i.archiefactietermijn) ? i.archiefactietermijn : null;
  const afleiding = i.brondatum?.afleidingswijze || null;
  if (!termijn && !afleiding) return null;
  const start = isDate(i.brondatum?.datum) ? i.brondatum!.datum! : null;
  return el('bewaartermijn', [
    afleiding ? begrip('termijnTriggerStartLooptijd', afleiding, 'Afleidingswijzen brondatum archiefprocedure (ZGW Catalogi API)') : null,
    opt('termijnStartdatumLooptijd', start),
    opt('termijnLooptijd', termijn),
    opt('termijnEinddatum', start && termijn ? addDuration(start, termijn) : null),
  ]);
}

/** The informatieobject's XML document; throws a RangeError when its waardering cannot be derived. */
export function buildInformatieobject(i: InformatieobjectInput): string {
  const waardering = waarderingFor(i.archiefnominatie);
  if (!waardering) throw new RangeError(`archiefnominatie '${i.archiefnominatie}' geeft geen waardering`);
  if (i.identificatie.length === 0) throw new RangeError('een informatieobject heeft een identificatie nodig');
  const received = isDate(i.ontvangstdatum) ? i.ontvangstdatum : null;
  const begin = isDate(i.verzenddatum) ? i.verzenddatum : received;
  const body = el('informatieobject', [
    ...i.identificatie.map((x) => el('identificatie', [el('identificatieKenmerk', x.kenmerk), el('identificatieBron', x.bron)])),
    el('naam', i.naam.trim() || i.identificatie[0].kenmerk),
    begrip('aggregatieniveau', 'Archiefstuk', 'Begrippenlijst Aggregatieniveaus MDTO'),
    i.documenttype ? begrip('classificatie', i.documenttype, 'Informatieobjecttypen van de zaaktypecatalogus') : null,
    begin
      ? el('dekkingInTijd', [
          begrip('dekkingInTijdType', 'Inhoud', 'Begrippenlijst DekkingInTijdTypen MDTO'),
          el('dekkingInTijdBegindatum', begin),
          received && received >= begin ? el('dekkingInTijdEinddatum', received) : null,
        ])
      : null,
    el('taal', 'nl'),
    received ? el('event', [begrip('eventType', 'Ontvangst', 'Begrippenlijst EventTypeLijst MDTO'), el('eventTijd', received)]) : null,
    begrip('waardering', WAARDERING_LABEL[waardering], 'Begrippenlijst Waarderingen MDTO', waardering),
    bewaartermijn(i),
    i.resultaattype
      ? begrip(
          'informatiecategorie',
          i.resultaattype.omschrijving,
          'Selectielijst gemeenten en intergemeentelijke organen',
          i.resultaattype.selectielijstklasse,
        )
      : null,
    verwijzing('isOnderdeelVan', i.zaak),
    i.bestand ? verwijzing('heeftRepresentatie', i.bestand) : null,
    verwijzing('archiefvormer', { naam: i.archiefvormer }),
    ...(i.betrokkenen ?? []).map((b) =>
      el('betrokkene', [
        begrip('betrokkeneTypeRelatie', b.relatie, 'Rollen van betrokkenen (Postkamer)'),
        verwijzing('betrokkeneActor', b.actor),
      ]),
    ),
    el('beperkingGebruik', [
      begrip('beperkingGebruikType', i.vertrouwelijkheid, 'Vertrouwelijkheidaanduidingen (ZGW Documenten API)'),
      el('beperkingGebruikNadereBeschrijving', `Vertrouwelijkheidaanduiding bij registratie: ${i.vertrouwelijkheid}`),
    ]),
  ]);
  return mdtoDocument(body);
}
