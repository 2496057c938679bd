// Seed data: a small catalogue and a few zaken with fixed identificaties and deterministic UUIDs,
// so that URLs are the same on every start for the same port (handy in demos).
//
// minimal: 1 catalogus; zaaktypen "Bezwaar" and "Omgevingsvergunning" (published); informatieobjecttypen
//   "Inkomende brief" (both), "Bezwaarschrift" (Bezwaar only), "Factuur" (Omgevingsvergunning only) and one
//   concept type "Interne notitie" (not published: documents of it are refused); 1 resultaattype;
//   open zaken ZAAK-2026-0000000001..3 and archived zaak ZAAK-2026-0000000004; every zaaktype has one roltype
//   "Aanvrager" (omschrijvingGeneriek initiator) and one "Behandelaar".
// demo: minimal + 20 realistic zaken (ZAAK-2026-0000000005..24), a third zaaktype "Melding openbare ruimte",
//   resultaattypen to keep and to destroy on all three zaaktypen (seed-archief.ts), and an informatieobjecttype
//   "Verklaring van vervanging" (openbaar, richting intern) all three allow (vervangende digitalisering).
// none: empty.

import { createHash } from 'node:crypto';
import type { JsonObject } from './openapi/specs';
import type { ServerState, Urls } from './state';
import { renderZaakDefaults } from './handlers/zaken';
import { DEMO_ZAAKTYPE, renderResultaattype, renderSelectielijstResultaat, resultaattypeSeeds } from './seed-archief';

export type SeedName = 'demo' | 'minimal' | 'none';

/** Name-based UUID (version 5 layout) so seeds are stable across restarts. */
export function seedUuid(name: string): string {
  const h = createHash('sha1').update(`postkamer-zgw-seed:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const BEGIN = '2026-01-01';
// Required, non-nullable date in the Catalogi 1.3.1 schema; an open-ended type gets a far-future date.
const OPEN_END = '9999-12-31';

interface IotSeed {
  key: string;
  omschrijving: string;
  categorie: string;
  vertrouwelijkheid: string;
  concept?: boolean;
  /** Its direction in the zaaktype-informatieobjecttypen (default inkomend). */
  richting?: string;
}
interface ZaaktypeSeed {
  key: string;
  identificatie: string;
  omschrijving: string;
  doel: string;
  onderwerp: string;
  verantwoordelijke: string;
  iots: string[];
}

const IOTS: IotSeed[] = [
  { key: 'inkomende-brief', omschrijving: 'Inkomende brief', categorie: 'Brief', vertrouwelijkheid: 'zaakvertrouwelijk' },
  { key: 'bezwaarschrift', omschrijving: 'Bezwaarschrift', categorie: 'Bezwaarschrift', vertrouwelijkheid: 'vertrouwelijk' },
  { key: 'factuur', omschrijving: 'Factuur', categorie: 'Factuur', vertrouwelijkheid: 'intern' },
  { key: 'interne-notitie', omschrijving: 'Interne notitie', categorie: 'Notitie', vertrouwelijkheid: 'intern', concept: true },
];
/** Demo only: the verklaring van vervanging a scanning organisation adds to each zaak (every demo zaaktype allows it). */
const VERKLARING: IotSeed = {
  key: 'verklaring-van-vervanging',
  omschrijving: 'Verklaring van vervanging',
  categorie: 'Verklaring',
  vertrouwelijkheid: 'openbaar',
  richting: 'intern',
};

const ZAAKTYPEN: ZaaktypeSeed[] = [
  {
    key: 'bezwaar',
    identificatie: 'ZT-BEZWAAR',
    omschrijving: 'Bezwaar',
    doel: 'Behandelen van een bezwaarschrift tegen een besluit van de gemeente.',
    onderwerp: 'Bezwaar',
    verantwoordelijke: 'Team Juridische Zaken',
    iots: ['inkomende-brief', 'bezwaarschrift'],
  },
  {
    key: 'omgevingsvergunning',
    identificatie: 'ZT-OMGEVINGSVERGUNNING',
    omschrijving: 'Aanvraag omgevingsvergunning',
    doel: 'Beoordelen van een aanvraag omgevingsvergunning.',
    onderwerp: 'Omgevingsvergunning',
    verantwoordelijke: 'Team Vergunningen',
    iots: ['inkomende-brief', 'factuur'],
  },
];

interface ZaakSeed {
  n: number;
  zaaktype: string;
  omschrijving: string;
  startdatum: string;
  archived?: boolean;
}

const MINIMAL_ZAKEN: ZaakSeed[] = [
  { n: 1, zaaktype: 'bezwaar', omschrijving: 'Bezwaar tegen WOZ-beschikking Kerkstraat 4', startdatum: '2026-02-03' },
  { n: 2, zaaktype: 'omgevingsvergunning', omschrijving: 'Aanvraag omgevingsvergunning Dorpsstraat 12', startdatum: '2026-03-10' },
  { n: 3, zaaktype: 'bezwaar', omschrijving: 'Bezwaar tegen parkeerbelasting Marktplein', startdatum: '2026-04-21' },
  {
    n: 4,
    zaaktype: 'omgevingsvergunning',
    omschrijving: 'Aanvraag omgevingsvergunning Molenweg 7 (gearchiveerd)',
    startdatum: '2025-05-12',
    archived: true,
  },
];

const DEMO_ZAKEN: ZaakSeed[] = [
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning dakkapel Schoolstraat 3', '2026-01-14'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning aanbouw Lindelaan 28', '2026-01-27'],
  ['bezwaar', 'Bezwaar tegen afwijzing kapvergunning Beukenhof 9', '2026-02-11'],
  ['omgevingsvergunning', 'Kapvergunning eik Heuvelweg 15', '2026-02-18'],
  ['bezwaar', 'Bezwaar tegen WOZ-beschikking Stationsweg 41', '2026-03-02'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning uitrit Veldstraat 6', '2026-03-16'],
  ['bezwaar', 'Bezwaar tegen verkeersbesluit Julianastraat', '2026-03-30'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning zonnepanelen Raadhuisplein 1', '2026-04-08'],
  ['bezwaar', 'Bezwaar tegen last onder dwangsom Industrieweg 22', '2026-04-29'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning verbouwing winkelpand Hoogstraat 54', '2026-05-13'],
  ['bezwaar', 'Bezwaar tegen afvalstoffenheffing 2026 Prinsenlaan 17', '2026-05-26'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning garage Kastanjelaan 5', '2026-06-09'],
  ['bezwaar', 'Bezwaar tegen weigering evenementenvergunning Zomerfeest', '2026-06-23'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning bedrijfshal Havenweg 3', '2026-07-07'],
  ['bezwaar', 'Bezwaar tegen omgevingsvergunning Dorpsstraat 12', '2026-07-21'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning monument Kerkplein 2', '2026-08-04'],
  ['bezwaar', 'Bezwaar tegen WOZ-beschikking Akkerweg 11', '2026-08-25'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning splitsing woning Nieuwstraat 30', '2026-09-08'],
  ['bezwaar', 'Bezwaar tegen parkeervergunningbesluit Vestingwal', '2026-09-22'],
  ['omgevingsvergunning', 'Aanvraag omgevingsvergunning tijdelijke woonunit Weidelaan 19', '2026-10-06'],
].map(([zaaktype, omschrijving, startdatum], i) => ({ n: 5 + i, zaaktype, omschrijving, startdatum }));

export function seed(state: ServerState, urls: Urls, name: SeedName, rsin: string): void {
  if (name === 'none') return;
  const cat = state.catalogue;
  const demo = name === 'demo';
  const zaaktypen: ZaaktypeSeed[] = demo
    ? [...ZAAKTYPEN, DEMO_ZAAKTYPE].map((z) => ({ ...z, iots: [...z.iots, VERKLARING.key] }))
    : ZAAKTYPEN;
  const iots: IotSeed[] = demo ? [...IOTS, VERKLARING] : IOTS;
  const resultaattypen = resultaattypeSeeds(name === 'demo');
  const catUuid = seedUuid('catalogus');
  const catUrl = urls.resource('catalogi', 'catalogussen', catUuid);
  const ztUrl = (key: string) => urls.resource('catalogi', 'zaaktypen', seedUuid(`zaaktype:${key}`));
  const iotUrl = (key: string) => urls.resource('catalogi', 'informatieobjecttypen', seedUuid(`iot:${key}`));
  const rtUrl = (key: string) => urls.resource('catalogi', 'resultaattypen', seedUuid(`resultaattype:${key}`));
  const roltypeUrl = (zt: string, generiek: string) => urls.resource('catalogi', 'roltypen', seedUuid(`roltype:${zt}:${generiek}`));
  const ROLTYPEN = [
    { generiek: 'initiator', omschrijving: 'Aanvrager' },
    { generiek: 'behandelaar', omschrijving: 'Behandelaar' },
  ];

  cat.catalogussen.set(catUuid, {
    url: catUrl,
    domein: 'PKMR',
    rsin,
    contactpersoonBeheerNaam: 'Team Informatiebeheer',
    contactpersoonBeheerTelefoonnummer: '0123456789',
    contactpersoonBeheerEmailadres: 'informatiebeheer@gemeente.example',
    zaaktypen: zaaktypen.map((z) => ztUrl(z.key)),
    besluittypen: [],
    informatieobjecttypen: iots.map((i) => iotUrl(i.key)),
    naam: 'Zaaktypecatalogus gemeente (Postkamer test)',
    versie: '1',
    begindatumVersie: BEGIN,
  });

  for (const i of iots) {
    const uuid = seedUuid(`iot:${i.key}`);
    cat.informatieobjecttypen.set(uuid, {
      url: iotUrl(i.key),
      catalogus: catUrl,
      omschrijving: i.omschrijving,
      vertrouwelijkheidaanduiding: i.vertrouwelijkheid,
      beginGeldigheid: BEGIN,
      eindeGeldigheid: null,
      concept: i.concept === true,
      besluittypen: [],
      informatieobjectcategorie: i.categorie,
      trefwoord: [],
      omschrijvingGeneriek: {
        informatieobjecttypeOmschrijvingGeneriek: '',
        definitieInformatieobjecttypeOmschrijvingGeneriek: '',
        herkomstInformatieobjecttypeOmschrijvingGeneriek: '',
        hierarchieInformatieobjecttypeOmschrijvingGeneriek: '',
        opmerkingInformatieobjecttypeOmschrijvingGeneriek: '',
      },
      zaaktypen: zaaktypen.filter((z) => z.iots.includes(i.key)).map((z) => ztUrl(z.key)),
      beginObject: BEGIN,
      eindeObject: OPEN_END,
    });
  }

  for (const z of zaaktypen) {
    const uuid = seedUuid(`zaaktype:${z.key}`);
    cat.zaaktypen.set(uuid, {
      url: ztUrl(z.key),
      identificatie: z.identificatie,
      omschrijving: z.omschrijving,
      omschrijvingGeneriek: '',
      vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
      doel: z.doel,
      aanleiding: 'Ontvangst van een verzoek of bezwaar.',
      toelichting: '',
      indicatieInternOfExtern: 'extern',
      handelingInitiator: 'Indienen',
      onderwerp: z.onderwerp,
      handelingBehandelaar: 'Behandelen',
      doorlooptijd: 'P56D',
      servicenorm: null,
      opschortingEnAanhoudingMogelijk: false,
      verlengingMogelijk: true,
      verlengingstermijn: 'P42D',
      trefwoorden: [],
      publicatieIndicatie: false,
      publicatietekst: '',
      verantwoordingsrelatie: [],
      productenOfDiensten: [],
      referentieproces: { naam: z.omschrijving },
      concept: false,
      verantwoordelijke: z.verantwoordelijke,
      beginGeldigheid: BEGIN,
      eindeGeldigheid: null,
      versiedatum: BEGIN,
      beginObject: BEGIN,
      eindeObject: OPEN_END,
      catalogus: catUrl,
      statustypen: [],
      resultaattypen: resultaattypen.filter((r) => r.zaaktype === z.key).map((r) => rtUrl(r.key)),
      eigenschappen: [],
      informatieobjecttypen: z.iots.map(iotUrl),
      roltypen: ROLTYPEN.map((r) => roltypeUrl(z.key, r.generiek)),
      besluittypen: [],
      deelzaaktypen: [],
      gerelateerdeZaaktypen: [],
      zaakobjecttypen: [],
    });
    for (const r of ROLTYPEN) {
      cat.roltypen.set(seedUuid(`roltype:${z.key}:${r.generiek}`), {
        url: roltypeUrl(z.key, r.generiek),
        zaaktype: ztUrl(z.key),
        zaaktypeIdentificatie: z.identificatie,
        omschrijving: r.omschrijving,
        omschrijvingGeneriek: r.generiek,
        catalogus: catUrl,
        beginGeldigheid: BEGIN,
        eindeGeldigheid: null,
        beginObject: BEGIN,
        eindeObject: OPEN_END,
      });
    }
    z.iots.forEach((key, idx) => {
      const ztiotUuid = seedUuid(`ztiot:${z.key}:${key}`);
      cat.zaaktypeInformatieobjecttypen.set(ztiotUuid, {
        url: urls.resource('catalogi', 'zaaktype-informatieobjecttypen', ztiotUuid),
        zaaktype: ztUrl(z.key),
        zaaktypeIdentificatie: z.identificatie,
        informatieobjecttype: iotUrl(key),
        volgnummer: idx + 1,
        richting: iots.find((i) => i.key === key)?.richting ?? 'inkomend',
        statustype: null,
        catalogus: catUrl,
      });
    });
  }

  for (const r of resultaattypen) {
    const zt = zaaktypen.find((z) => z.key === r.zaaktype)!;
    cat.resultaattypen.set(
      seedUuid(`resultaattype:${r.key}`),
      renderResultaattype(r, rtUrl(r.key), ztUrl(zt.key), zt.identificatie, catUrl, BEGIN, OPEN_END, urls.selectielijst()),
    );
    const words = renderSelectielijstResultaat(r.selectielijst, urls.selectielijst());
    if (words) state.selectielijst.resultaten.set(r.selectielijst, words);
  }

  const zaken = name === 'demo' ? [...MINIMAL_ZAKEN, ...DEMO_ZAKEN] : MINIMAL_ZAKEN;
  for (const z of zaken) {
    const identificatie = `ZAAK-2026-${String(z.n).padStart(10, '0')}`;
    const uuid = seedUuid(`zaak:${identificatie}`);
    const zt = cat.zaaktypen.get(seedUuid(`zaaktype:${z.zaaktype}`))!;
    const zaak: JsonObject = {
      ...renderZaakDefaults(),
      url: urls.resource('zaken', 'zaken', uuid),
      uuid,
      identificatie,
      bronorganisatie: rsin,
      omschrijving: z.omschrijving,
      zaaktype: zt.url,
      registratiedatum: z.startdatum,
      verantwoordelijkeOrganisatie: rsin,
      startdatum: z.startdatum,
      vertrouwelijkheidaanduiding: zt.vertrouwelijkheidaanduiding,
      laatstGemuteerd: `${z.startdatum}T09:00:00Z`,
    };
    if (z.archived) {
      Object.assign(zaak, {
        einddatum: '2025-09-30',
        archiefnominatie: 'vernietigen',
        archiefstatus: 'gearchiveerd',
        archiefactiedatum: '2035-09-30',
      });
    }
    state.zaken.set(uuid, zaak);
  }
}
