import { describe, expect, it } from 'vitest';
import { type PostkamerError } from '../../../src/contract/errors';
import { allowedTypes, resolveDocumenttype, type CatalogueView } from '../../../src/core/documenttype';

// Which informatieobjecttype a clerk means (issue 15, "classify while linking"): by omschrijving or URL, among the
// types the zaaktype allows; unknown, ambiguous and not-allowed choices are refused with the candidates named.

const base = 'https://zs.example/catalogi/api/v1';
const iot = (key: string, omschrijving: string, zaaktypen: string[], v = 'zaakvertrouwelijk') => ({
  url: `${base}/informatieobjecttypen/${key}`,
  omschrijving,
  vertrouwelijkheidaanduiding: v,
  zaaktypen,
});
const BEZWAAR = `${base}/zaaktypen/bezwaar`;
const VERGUNNING = `${base}/zaaktypen/vergunning`;
const cat: CatalogueView = {
  env: 'test',
  zaaktypen: [
    { url: BEZWAAR, identificatie: 'ZT-B', omschrijving: 'Bezwaar', informatieobjecttypen: [`${base}/informatieobjecttypen/brief`] },
    { url: VERGUNNING, identificatie: 'ZT-V', omschrijving: 'Vergunning', informatieobjecttypen: [] },
  ],
  informatieobjecttypen: [
    iot('brief', 'Inkomende brief', [BEZWAAR, VERGUNNING]),
    iot('bezwaarschrift', 'Bezwaarschrift', [BEZWAAR], 'vertrouwelijk'),
    iot('factuur', 'Factuur', [VERGUNNING], 'intern'),
    // Two versions of one type under the same name, both allowed for the permit.
    iot('tekening-1', 'Bouwtekening', [VERGUNNING]),
    iot('tekening-2', 'Bouwtekening', [VERGUNNING]),
  ],
};

const failure = (f: () => unknown): PostkamerError => {
  try {
    f();
  } catch (e) {
    return e as PostkamerError;
  }
  throw new Error('did not throw');
};

describe('resolveDocumenttype', () => {
  it('matches an omschrijving regardless of case and spacing, and carries the type’s vertrouwelijkheid', () => {
    expect(resolveDocumenttype(cat, '  bezwaarSCHRIFT ', BEZWAAR)).toEqual({
      url: `${base}/informatieobjecttypen/bezwaarschrift`,
      omschrijving: 'Bezwaarschrift',
      vertrouwelijkheidaanduiding: 'vertrouwelijk',
    });
    expect(resolveDocumenttype(cat, `${base}/informatieobjecttypen/factuur`, null).omschrijving).toBe('Factuur');
  });

  it('refuses a type the zaaktype does not allow, naming the ones it does', () => {
    const e = failure(() => resolveDocumenttype(cat, 'Factuur', BEZWAAR));
    expect(e.code).toBe('documenttype-not-allowed');
    expect(e.message).toContain("'Inkomende brief'");
    expect(e.message).toContain("'Bezwaarschrift'");
    expect(e.message).not.toContain("'Factuur'");
  });

  it('refuses a URL the cache does not hold when the zaaktype’s cached list of types does not name it', () => {
    // Review (#15): an unknown URL skipped the zaaktype check, so any type (or any address) passed for a zaak.
    const e = failure(() => resolveDocumenttype(cat, `${base}/informatieobjecttypen/elders`, BEZWAAR));
    expect(e.code).toBe('documenttype-not-allowed');
    expect(e.message).toContain("'Inkomende brief'");
    // Where the zaaktype's own list is not known (empty, or the zaaktype not cached), the zaaksysteem judges on delivery.
    expect(resolveDocumenttype(cat, `${base}/informatieobjecttypen/elders`, VERGUNNING).url).toBe(`${base}/informatieobjecttypen/elders`);
    expect(resolveDocumenttype(cat, `${base}/informatieobjecttypen/elders`, null).url).toBe(`${base}/informatieobjecttypen/elders`);
  });

  it('refuses an omschrijving that fits several allowed types, naming each with its URL', () => {
    const e = failure(() => resolveDocumenttype(cat, 'bouwtekening', VERGUNNING));
    expect(e.code).toBe('documenttype-ambiguous');
    expect(e.message).toContain('tekening-1');
    expect(e.message).toContain('tekening-2');
    expect((e.details!.candidates as unknown[]).length).toBe(2);
  });

  it('refuses an unknown type with what is known; with no catalogue yet (offline), keeps the text for later', () => {
    expect(failure(() => resolveDocumenttype(cat, 'Kerstkaart', null)).code).toBe('documenttype-unknown');
    const empty: CatalogueView = { env: null, zaaktypen: [], informatieobjecttypen: [] };
    expect(resolveDocumenttype(empty, 'Kerstkaart', null)).toEqual({
      url: null,
      omschrijving: 'Kerstkaart',
      vertrouwelijkheidaanduiding: null,
    });
  });

  it('allowedTypes reads the relation from either side; an unknown zaaktype allows nothing in particular', () => {
    expect(allowedTypes(cat, BEZWAAR)!.map((t) => t.omschrijving)).toEqual(['Inkomende brief', 'Bezwaarschrift']);
    expect(allowedTypes(cat, `${base}/zaaktypen/onbekend`)).toBeNull();
    expect(allowedTypes(cat, null)).toBeNull();
  });
});
