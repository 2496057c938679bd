import { describe, expect, it } from 'vitest';
import {
  documentFields,
  eioChanges,
  eioValues,
  fieldsBelowThreshold,
  kenmerkKey,
  senderKey,
  parseManualFields,
  type FieldFacts,
} from '../../../src/domain/fields';

// A document's fields (issue 15, "correct every field"): a person's value wins over a separator sheet's, which wins
// over extraction; each says where it came from; what the EIO carries follows from them.

const facts = (over: Partial<FieldFacts> = {}): FieldFacts => ({
  title: 'Aanvraag dakkapel',
  extracted: {
    letterDate: '2026-03-02',
    kenmerk: 'BVL-113',
    postcode: '1234 AB',
    sender: 'Bouwbedrijf, Dorpsstraat 12, 1234 AB Dorpje',
    detail: {
      sender: { value: 'Bouwbedrijf, Dorpsstraat 12, 1234 AB Dorpje', confidence: 0.42, page: 0, bbox: { x0: 1, y0: 2, x1: 3, y1: 4 } },
      letterDate: { value: '2026-03-02', confidence: 0.9, page: 0, bbox: null },
      kenmerk: { value: 'BVL-113', confidence: 0.8, page: 1, bbox: null },
    },
    metadata: { documenttype: 'Bezwaarschrift' },
  },
  receivedDate: '2026-03-04',
  manual: {},
  ...over,
});

describe('documentFields', () => {
  it('gives each extracted value its confidence and place; an older document’s joined sender is split', () => {
    const f = documentFields(facts());
    expect(f.afzender).toEqual({
      value: 'Bouwbedrijf',
      source: 'extracted',
      confidence: 0.42,
      page: 0,
      bbox: { x0: 1, y0: 2, x1: 3, y1: 4 },
    });
    expect(f.afzenderAdres.value).toBe('Dorpsstraat 12, 1234 AB Dorpje');
    expect(f.kenmerk).toMatchObject({ value: 'BVL-113', source: 'extracted', page: 1 });
    expect(f.documenttype).toEqual({ value: 'Bezwaarschrift', source: 'separator', confidence: null });
    expect(f.vertrouwelijkheid).toEqual({ value: null, source: null, confidence: null });
    expect(f.ontvangstdatum).toEqual({ value: '2026-03-04', source: 'extracted', confidence: 1 });
  });

  it('what a person set wins, also a cleared value', () => {
    const f = documentFields(
      facts({
        manual: {
          afzender: { value: 'Bouwbedrijf Van Leeuwen B.V.', by: 'k.klerk', at: '2026-03-04T10:00:00Z' },
          kenmerk: { value: null, by: 'k.klerk', at: '2026-03-04T10:00:00Z' },
          documenttype: { value: 'Inkomende brief', url: 'https://x/iot/1', by: 'k.klerk', at: '2026-03-04T10:00:00Z' },
        },
      }),
    );
    expect(f.afzender).toEqual({ value: 'Bouwbedrijf Van Leeuwen B.V.', source: 'manual', confidence: null });
    expect(f.kenmerk).toEqual({ value: null, source: 'manual', confidence: null });
    expect(f.documenttype).toEqual({ value: 'Inkomende brief', source: 'manual', confidence: null, url: 'https://x/iot/1' });
  });

  it('flags a key field read below the threshold until a person sets it', () => {
    expect(fieldsBelowThreshold(facts())).toEqual(['afzender']);
    expect(fieldsBelowThreshold(facts({ manual: { afzender: { value: 'X', by: 'a', at: 'b' } } }))).toEqual([]);
  });

  it('reads stored hand-set values defensively', () => {
    expect(parseManualFields('not json')).toEqual({});
    expect(parseManualFields('{"afzender":{"value":3,"by":"a"},"titel":{"value":"T","by":"a","at":"b"},"x":{}}')).toEqual({
      titel: { value: 'T', by: 'a', at: 'b' },
    });
  });
});

describe('eioValues / eioChanges', () => {
  it('sends the sender’s name as auteur, subject and reference as beschrijving, and only what changed', () => {
    const before = eioValues(documentFields(facts()), 'scan-001');
    expect(before).toEqual({
      titel: 'Aanvraag dakkapel',
      auteur: 'Bouwbedrijf',
      beschrijving: 'Kenmerk afzender: BVL-113',
      ontvangstdatum: '2026-03-04',
      verzenddatum: '2026-03-02',
      creatiedatum: '2026-03-02',
    });
    const after = eioValues(
      documentFields(facts({ manual: { afzender: { value: 'Bouwbedrijf Van Leeuwen B.V.', by: 'a', at: 'b' } } })),
      'scan-001',
    );
    expect(eioChanges(before, after)).toEqual({ auteur: 'Bouwbedrijf Van Leeuwen B.V.' });
  });

  it('never sends a letter date after the receipt', () => {
    const v = eioValues(documentFields(facts({ manual: { datumBrief: { value: '2026-03-09', by: 'a', at: 'b' } } })), 'x');
    expect(v).toMatchObject({ verzenddatum: null, creatiedatum: '2026-03-04' });
  });
});

describe('senderKey / kenmerkKey', () => {
  it('compares senders without case, punctuation, accents or legal form', () => {
    expect(senderKey('Bouwbedrijf Van Leeuwen B.V.')).toBe(senderKey('bouwbedrijf van leeuwen bv'));
    expect(senderKey('Café De Linde N.V.')).toBe('cafe de linde');
    expect(senderKey('Bouwbedrijf')).not.toBe(senderKey('Bouwbedrijf Van Leeuwen'));
    expect(senderKey('B.V.')).toBeNull();
    expect(senderKey(null)).toBeNull();
  });
  it('compares references without case and separators; too short is no key', () => {
    expect(kenmerkKey('EIK-2026/14')).toBe(kenmerkKey('eik 2026 14'));
    expect(kenmerkKey('A1')).toBeNull();
  });
});
