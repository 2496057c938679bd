// Seed data for retention: the resultaattypen of the seed's zaaktypen (bewaren and vernietigen, with their
// selectielijstklasse and brondatum archiefprocedure), the Selectielijst resultaten those point to (served by this
// server under /selectielijst/api/v1), and the third zaaktype the demo seed adds.
//
// minimal: one resultaattype ("Afgehandeld" of Bezwaar, vernietigen after 10 years) — as before.
// demo: per zaaktype (Bezwaar, Omgevingsvergunning, Melding openbare ruimte) one to be kept (blijvend_bewaren, P20Y
//   before transfer) and one or two to be destroyed (vernietigen, P5Y or P10Y), every one with a selectielijstklasse.

import type { JsonObject } from './openapi/specs';

export interface ResultaattypeSeed {
  key: string;
  zaaktype: string;
  omschrijving: string;
  omschrijvingGeneriek: string;
  archiefnominatie: 'blijvend_bewaren' | 'vernietigen';
  archiefactietermijn: string;
  /** Uuid of the Selectielijst resultaat (SELECTIELIJST_RESULTATEN; served by this server, without authentication). */
  selectielijst: string;
  afleidingswijze: string;
}

/** The demo seed's third zaaktype (its zaken are made by tests and demos; the 24 seeded zaken stay as they are). */
export const DEMO_ZAAKTYPE = {
  key: 'melding',
  identificatie: 'ZT-MELDING',
  omschrijving: 'Melding openbare ruimte',
  doel: 'Afhandelen van een melding over de openbare ruimte.',
  onderwerp: 'Openbare ruimte',
  verantwoordelijke: 'Team Beheer Openbare Ruimte',
  iots: ['inkomende-brief'],
};

const MINIMAL: ResultaattypeSeed[] = [
  {
    key: 'bezwaar-afgehandeld',
    zaaktype: 'bezwaar',
    omschrijving: 'Afgehandeld',
    omschrijvingGeneriek: 'Afgehandeld',
    archiefnominatie: 'vernietigen',
    archiefactietermijn: 'P10Y',
    selectielijst: '8af64c99-a168-40dd-8afd-9fbe0597b6dc',
    afleidingswijze: 'afgehandeld',
  },
];

const DEMO: ResultaattypeSeed[] = [
  {
    key: 'bezwaar-gegrond',
    zaaktype: 'bezwaar',
    omschrijving: 'Gegrond',
    omschrijvingGeneriek: 'Toegekend',
    archiefnominatie: 'blijvend_bewaren',
    archiefactietermijn: 'P20Y',
    selectielijst: 'e8b3e8c8-3a1c-4f8e-9b0a-1d4e2a6b7c01',
    afleidingswijze: 'afgehandeld',
  },
  {
    key: 'omgevingsvergunning-verleend',
    zaaktype: 'omgevingsvergunning',
    omschrijving: 'Verleend',
    omschrijvingGeneriek: 'Verleend',
    archiefnominatie: 'blijvend_bewaren',
    archiefactietermijn: 'P20Y',
    selectielijst: '2f5c1a9e-7d3b-4c6a-8e1f-5b9d0c3a7e02',
    afleidingswijze: 'afgehandeld',
  },
  {
    key: 'omgevingsvergunning-geweigerd',
    zaaktype: 'omgevingsvergunning',
    omschrijving: 'Geweigerd',
    omschrijvingGeneriek: 'Geweigerd',
    archiefnominatie: 'vernietigen',
    archiefactietermijn: 'P10Y',
    selectielijst: '9a7e3c5b-1f2d-4e8a-b6c0-3d5f7a9e1b03',
    afleidingswijze: 'afgehandeld',
  },
  {
    key: 'omgevingsvergunning-ingetrokken',
    zaaktype: 'omgevingsvergunning',
    omschrijving: 'Ingetrokken',
    omschrijvingGeneriek: 'Ingetrokken',
    archiefnominatie: 'vernietigen',
    archiefactietermijn: 'P5Y',
    selectielijst: '4c8e2a6d-9b1f-4a3c-8d5e-7f0b2c4a6e04',
    afleidingswijze: 'afgehandeld',
  },
  {
    key: 'melding-afgehandeld',
    zaaktype: 'melding',
    omschrijving: 'Afgehandeld',
    omschrijvingGeneriek: 'Afgehandeld',
    archiefnominatie: 'vernietigen',
    archiefactietermijn: 'P5Y',
    selectielijst: '6e0a4c8f-2d3b-4f5a-9c7e-1b3d5f7a9c05',
    afleidingswijze: 'afgehandeld',
  },
  {
    key: 'melding-blijvend',
    zaaktype: 'melding',
    omschrijving: 'Structureel probleem',
    omschrijvingGeneriek: 'Vastgesteld',
    archiefnominatie: 'blijvend_bewaren',
    archiefactietermijn: 'P20Y',
    selectielijst: '1b5d7f9a-3c4e-4a6b-8d0f-2e4a6c8e0b06',
    afleidingswijze: 'afgehandeld',
  },
];

/** A Selectielijst resultaat as the seed has it (the fields of the Selectielijst API that differ per resultaat). */
interface SelectielijstSeed {
  procestype: number;
  nummer: number;
  volledigNummer: string;
  naam: string;
  waardering: 'blijvend_bewaren' | 'vernietigen';
  /** Null for blijvend_bewaren, as the Selectielijst gives it. */
  bewaartermijn: string | null;
}

/** The Selectielijst resultaten the seeded resultaattypen point to, by uuid (numbers and names after Selectielijst 2020). */
const SELECTIELIJST_RESULTATEN: Record<string, SelectielijstSeed> = {
  '8af64c99-a168-40dd-8afd-9fbe0597b6dc': {
    procestype: 15,
    nummer: 1,
    volledigNummer: '15.1',
    naam: 'Afgehandeld',
    waardering: 'vernietigen',
    bewaartermijn: 'P10Y',
  },
  'e8b3e8c8-3a1c-4f8e-9b0a-1d4e2a6b7c01': {
    procestype: 15,
    nummer: 2,
    volledigNummer: '15.2',
    naam: 'Gegrond',
    waardering: 'blijvend_bewaren',
    bewaartermijn: null,
  },
  '2f5c1a9e-7d3b-4c6a-8e1f-5b9d0c3a7e02': {
    procestype: 11,
    nummer: 1,
    volledigNummer: '11.1.1',
    naam: 'Verleend',
    waardering: 'blijvend_bewaren',
    bewaartermijn: null,
  },
  '9a7e3c5b-1f2d-4e8a-b6c0-3d5f7a9e1b03': {
    procestype: 11,
    nummer: 1,
    volledigNummer: '11.1.2',
    naam: 'Geweigerd',
    waardering: 'vernietigen',
    bewaartermijn: 'P10Y',
  },
  '4c8e2a6d-9b1f-4a3c-8d5e-7f0b2c4a6e04': {
    procestype: 11,
    nummer: 1,
    volledigNummer: '11.1.3',
    naam: 'Ingetrokken',
    waardering: 'vernietigen',
    bewaartermijn: 'P5Y',
  },
  '6e0a4c8f-2d3b-4f5a-9c7e-1b3d5f7a9c05': {
    procestype: 1,
    nummer: 1,
    volledigNummer: '1.1.1',
    naam: 'Afgehandeld',
    waardering: 'vernietigen',
    bewaartermijn: 'P5Y',
  },
  '1b5d7f9a-3c4e-4a6b-8d0f-2e4a6c8e0b06': {
    procestype: 1,
    nummer: 1,
    volledigNummer: '1.1.2',
    naam: 'Vastgesteld',
    waardering: 'blijvend_bewaren',
    bewaartermijn: null,
  },
};

/** The Selectielijst API's answer for the resultaat `uuid` (undefined when the seed has none of that uuid). */
export function renderSelectielijstResultaat(uuid: string, base: string): JsonObject | undefined {
  const r = SELECTIELIJST_RESULTATEN[uuid];
  if (!r) return undefined;
  return {
    url: `${base}/resultaten/${uuid}`,
    procesType: `${base}/procestypen/00000000-0000-4000-8000-${String(r.procestype).padStart(12, '0')}`,
    nummer: r.nummer,
    volledigNummer: r.volledigNummer,
    generiek: false,
    specifiek: r.volledigNummer.split('.').length > 2,
    naam: r.naam,
    omschrijving: '',
    herkomst: 'Risicoanalyse',
    waardering: r.waardering,
    procestermijn: 'nihil',
    procestermijnWeergave: 'Nihil',
    bewaartermijn: r.bewaartermijn,
    toelichting: '',
  };
}

export function resultaattypeSeeds(demo: boolean): ResultaattypeSeed[] {
  return demo ? [...MINIMAL, ...DEMO] : MINIMAL;
}

/** A resultaattype as the Catalogi API 1.3.1 renders it. */
export function renderResultaattype(
  r: ResultaattypeSeed,
  url: string,
  zaaktypeUrl: string,
  zaaktypeIdentificatie: string,
  catalogus: string,
  begin: string,
  openEnd: string,
  selectielijstBase: string,
): JsonObject {
  return {
    url,
    zaaktype: zaaktypeUrl,
    zaaktypeIdentificatie,
    omschrijving: r.omschrijving,
    // An identifier only; never fetched.
    resultaattypeomschrijving: 'https://selectielijst.openzaak.nl/api/v1/resultaattypeomschrijvingen/7cb315fb-4f7b-4a43-aca1-e4522e4c73b3',
    omschrijvingGeneriek: r.omschrijvingGeneriek,
    // On this server, which answers it as the Selectielijst API does (without authentication).
    selectielijstklasse: `${selectielijstBase}/resultaten/${r.selectielijst}`,
    toelichting: '',
    archiefnominatie: r.archiefnominatie,
    archiefactietermijn: r.archiefactietermijn,
    brondatumArchiefprocedure: {
      afleidingswijze: r.afleidingswijze,
      datumkenmerk: '',
      einddatumBekend: false,
      objecttype: '',
      registratie: '',
      procestermijn: null,
    },
    procesobjectaard: '',
    indicatieSpecifiek: null,
    procestermijn: null,
    catalogus,
    besluittypen: [],
    besluittypeOmschrijving: [],
    informatieobjecttypen: [],
    informatieobjecttypeOmschrijving: [],
    beginGeldigheid: begin,
    eindeGeldigheid: null,
    beginObject: begin,
    eindeObject: openEnd,
  };
}
