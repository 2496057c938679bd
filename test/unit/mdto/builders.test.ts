// The MDTO builders: every document validates against the XSD (element order, types), values land where they belong,
// text is escaped, and what cannot be valued is refused.
import { describe, expect, it } from 'vitest';
import { buildBestand } from '../../../src/mdto/bestand';
import { addDuration, buildInformatieobject, waarderingFor, type InformatieobjectInput } from '../../../src/mdto/informatieobject';
import { escapeXml } from '../../../src/mdto/xml';
import { xsdProblemsOf } from './xsd';

const base: InformatieobjectInput = {
  identificatie: [{ kenmerk: 'DOC-2026-0000000012', bron: 'Documenten API, bronorganisatie 002220647' }],
  naam: 'Bezwaarschrift WOZ <2026> & "meer"',
  documenttype: 'Bezwaarschrift',
  ontvangstdatum: '2026-03-04',
  verzenddatum: '2026-03-01',
  archiefnominatie: 'blijvend_bewaren',
  archiefactietermijn: 'P20Y',
  brondatum: { afleidingswijze: 'afgehandeld', datum: '2026-06-30' },
  resultaattype: { omschrijving: 'Gegrond', selectielijstklasse: 'https://selectielijst.openzaak.nl/api/v1/resultaten/abc' },
  zaak: { naam: 'Bezwaar tegen WOZ-beschikking', kenmerk: 'ZAAK-2026-0000000001', bron: 'Zaken API, bronorganisatie 002220647' },
  bestand: { naam: 'DOC-2026-0000000012.pdf', kenmerk: 'DOC-2026-0000000012.pdf', bron: 'Postkamer export' },
  archiefvormer: 'Gemeente Voorbeeld',
  betrokkenen: [{ relatie: 'Afzender', actor: { naam: 'J. Jansen' } }],
  vertrouwelijkheid: 'vertrouwelijk',
};

function tagsOf(xml: string): string[] {
  return [...xml.matchAll(/^\t\t<(\w+)>/gm)].map((m) => m[1]);
}

describe('informatieobject', () => {
  it('validates against the XSD with every element filled, in the sequence the XSD demands', () => {
    const xml = buildInformatieobject(base);
    expect(xsdProblemsOf(xml)).toBe('');
    expect(tagsOf(xml)).toEqual([
      'identificatie',
      'naam',
      'aggregatieniveau',
      'classificatie',
      'dekkingInTijd',
      'taal',
      'event',
      'waardering',
      'bewaartermijn',
      'informatiecategorie',
      'isOnderdeelVan',
      'heeftRepresentatie',
      'archiefvormer',
      'betrokkene',
      'beperkingGebruik',
    ]);
    expect(xml).toContain('<begripLabel>Blijvend te bewaren</begripLabel>\n\t\t\t<begripCode>B</begripCode>');
    expect(xml).toContain('<termijnStartdatumLooptijd>2026-06-30</termijnStartdatumLooptijd>');
    expect(xml).toContain('<termijnLooptijd>P20Y</termijnLooptijd>');
    expect(xml).toContain('<termijnEinddatum>2046-06-30</termijnEinddatum>');
    expect(xml).toContain('<identificatieKenmerk>ZAAK-2026-0000000001</identificatieKenmerk>');
    expect(xml).toContain('<begripLabel>vertrouwelijk</begripLabel>');
    expect(xml).toContain('<verwijzingNaam>Gemeente Voorbeeld</verwijzingNaam>');
    expect(xml).toContain('<begripCode>https://selectielijst.openzaak.nl/api/v1/resultaten/abc</begripCode>');
  });

  it('escapes markup in text and drops characters XML cannot carry', () => {
    const xml = buildInformatieobject({ ...base, naam: 'a<b>&c"d\u0001e</naam><evil>' });
    expect(xml).toContain('<naam>a&lt;b&gt;&amp;c&quot;de&lt;/naam&gt;&lt;evil&gt;</naam>');
    expect(xsdProblemsOf(xml)).toBe('');
    expect(escapeXml('x\uD800y')).toBe('xy');
  });

  it('validates with only what is required (vernietigen, no dates, no result details, no betrokkene)', () => {
    const xml = buildInformatieobject({
      identificatie: [{ kenmerk: 'X-1', bron: 'B' }],
      naam: '',
      archiefnominatie: 'vernietigen',
      zaak: { naam: 'ZAAK-1' },
      archiefvormer: 'Gemeente',
      vertrouwelijkheid: 'openbaar',
    });
    expect(xsdProblemsOf(xml)).toBe('');
    expect(xml).toContain('<begripCode>V</begripCode>');
    expect(xml).toContain('<naam>X-1</naam>');
    expect(xml).not.toContain('bewaartermijn');
  });

  it('derives the waardering only from a known archiefnominatie', () => {
    expect(waarderingFor('blijvend_bewaren')).toBe('B');
    expect(waarderingFor('vernietigen')).toBe('V');
    expect(waarderingFor('')).toBeNull();
    expect(waarderingFor(undefined)).toBeNull();
    expect(() => buildInformatieobject({ ...base, archiefnominatie: 'onbekend' })).toThrow(RangeError);
  });

  it('adds whole years, months and days to a date', () => {
    expect(addDuration('2026-02-28', 'P10Y')).toBe('2036-02-28');
    expect(addDuration('2024-02-29', 'P1Y')).toBe('2025-03-01');
    expect(addDuration('2026-01-31', 'P1M')).toBe('2026-03-03');
    expect(addDuration('2026-01-01', 'P1Y6M10D')).toBe('2027-07-11');
    expect(addDuration('2026-01-01', 'PT5H')).toBeNull();
    expect(addDuration('2026-01-01', 'P')).toBeNull();
  });
});

describe('bestand', () => {
  const sha = 'a'.repeat(64);
  const input = {
    identificatie: { kenmerk: 'DOC-1.pdf', bron: 'Postkamer export' },
    naam: 'DOC-1.pdf',
    omvang: 12345,
    format: { puid: 'fmt/477', label: 'Acrobat PDF/A - Portable Document Format - PDF/A-2b' },
    sha256: sha,
    checksumDatum: '2026-12-07T12:00:00.000Z',
    informatieobject: { naam: 'Brief', kenmerk: 'DOC-1', bron: 'Documenten API' },
  };

  it('validates against the XSD, with the PRONOM code, the SHA256 label and the reference to its informatieobject', () => {
    const xml = buildBestand(input);
    expect(xsdProblemsOf(xml)).toBe('');
    expect(tagsOf(xml)).toEqual(['identificatie', 'naam', 'omvang', 'bestandsformaat', 'checksum', 'isRepresentatieVan']);
    expect(xml).toContain('<begripCode>fmt/477</begripCode>');
    expect(xml).toContain('<begripLabel>SHA256</begripLabel>');
    expect(xml).toContain(`<checksumWaarde>${sha}</checksumWaarde>`);
    expect(xml).toContain('<omvang>12345</omvang>');
  });

  it('refuses a checksum that is no SHA-256 and a size that is no byte count', () => {
    expect(() => buildBestand({ ...input, sha256: 'abc' })).toThrow(RangeError);
    expect(() => buildBestand({ ...input, omvang: -1 })).toThrow(RangeError);
  });
});

describe('the XSD copy', () => {
  it('refuses a document whose elements are out of the sequence (so the checks above can fail)', () => {
    const wrong = buildBestand({
      identificatie: { kenmerk: 'k', bron: 'b' },
      naam: 'n',
      omvang: 1,
      format: { puid: 'fmt/18', label: 'Acrobat PDF 1.4 - Portable Document Format' },
      sha256: 'b'.repeat(64),
      checksumDatum: '2026-12-07T12:00:00Z',
      informatieobject: { naam: 'io' },
    });
    expect(xsdProblemsOf(wrong)).toBe('');
    const swapped = wrong.replace(/(\t\t<naam>n<\/naam>\n)(\t\t<omvang>1<\/omvang>\n)/, '$2$1');
    expect(swapped).not.toBe(wrong);
    expect(xsdProblemsOf(swapped)).toMatch(/omvang/);
  });
});
