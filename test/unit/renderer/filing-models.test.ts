import { describe, expect, it } from 'vitest';
import type { DocumentFields, FieldValue } from '../../../src/contract';
import { changesOf, draftOf, inputKind, isReadOnly, regionOf, sourceView } from '../../../renderer/features/document/fields-model';
import { nextToHandle, shortcutOf, takesText } from '../../../renderer/features/document/next-model';
import {
  preselectType,
  rankZaken,
  rememberedType,
  rememberType,
  typeOptions,
  typeVertrouwelijkheid,
} from '../../../renderer/features/sync/classify-model';
import { nl } from '../../../renderer/i18n/nl';
import { createI18n } from '../../../renderer/i18n';

const none: FieldValue = { value: null, source: null, confidence: null };
function fields(over: Partial<DocumentFields> = {}): DocumentFields {
  return {
    titel: { value: 'Bezwaar', source: 'extracted', confidence: null },
    afzender: { value: 'Bouwbedrijf', source: 'extracted', confidence: 0.42, page: 0, bbox: { x0: 10, y0: 20, x1: 200, y1: 40 } },
    afzenderAdres: none,
    afzenderPostcode: none,
    datumBrief: { value: '2026-03-02', source: 'extracted', confidence: 0.87 },
    ontvangstdatum: { value: '2026-03-04', source: 'extracted', confidence: 1 },
    kenmerk: none,
    onderwerp: none,
    documenttype: { value: 'Bezwaarschrift', source: 'separator', confidence: null },
    vertrouwelijkheid: none,
    ...over,
  };
}

describe('fields model', () => {
  const i18n = createI18n('nl');
  const said = (f: FieldValue) => {
    const v = sourceView(f);
    return `${i18n.t(v.key, v.params)}${v.check ? ' controleren' : ''}`;
  };

  it('tells each source in words, with the confidence and a check mark below 50 %', () => {
    const f = fields();
    expect(said(f.datumBrief)).toBe('Herkend (87 %)');
    expect(said(f.afzender)).toBe('Herkend (42 %) controleren');
    expect(said(f.titel)).toBe('Herkend');
    expect(said(f.documenttype)).toBe('Scheidingsvel');
    expect(said({ value: 'X', source: 'manual', confidence: null })).toBe('Handmatig');
    expect(said({ value: null, source: 'manual', confidence: null })).toBe('Handmatig');
    expect(said(none)).toBe('Leeg');
    expect(nl.filing.check).toBe('controleren');
  });

  it('sends only what changed, empty as null, and refuses an empty titel', () => {
    const f = fields();
    const draft = { ...draftOf(f), afzender: '  Bouwbedrijf Van Leeuwen B.V. ', kenmerk: '', datumBrief: '' };
    expect(changesOf(f, draft, 'te-controleren')).toEqual({
      set: { afzender: 'Bouwbedrijf Van Leeuwen B.V.', datumBrief: null },
      missing: [],
    });
    expect(changesOf(f, { ...draftOf(f), titel: ' ' }, 'te-controleren')).toEqual({ set: {}, missing: ['titel'] });
    expect(changesOf(f, draftOf(f), 'te-controleren').set).toEqual({});
  });

  it('keeps the classification of a delivered document read-only and out of a save', () => {
    expect(isReadOnly('documenttype', 'afgeleverd')).toBe(true);
    expect(isReadOnly('vertrouwelijkheid', 'afgeleverd')).toBe(true);
    expect(isReadOnly('afzender', 'afgeleverd')).toBe(false);
    expect(isReadOnly('documenttype', 'in-outbox')).toBe(false);
    const f = fields();
    const draft = { ...draftOf(f), documenttype: 'Factuur', titel: 'Nieuw' };
    expect(changesOf(f, draft, 'afgeleverd').set).toEqual({ titel: 'Nieuw' });
  });

  it('uses date inputs for dates and knows where an extracted value was read', () => {
    expect(inputKind('datumBrief')).toBe('date');
    expect(inputKind('ontvangstdatum')).toBe('date');
    expect(inputKind('vertrouwelijkheid')).toBe('vertrouwelijkheid');
    expect(inputKind('afzender')).toBe('text');
    expect(regionOf(fields().afzender)).toEqual({ page: 0, box: { x0: 10, y0: 20, x1: 200, y1: 40 } });
    expect(regionOf(fields().datumBrief)).toBeNull();
    expect(regionOf({ ...fields().afzender, source: 'manual' })).toBeNull();
  });
});

describe('classifying while linking', () => {
  const catalogue = {
    env: 'test',
    zaaktypen: [
      { url: 'zt/bezwaar', identificatie: 'ZT-B', omschrijving: 'Bezwaar', informatieobjecttypen: ['iot/bezwaarschrift', 'iot/brief'] },
      { url: 'zt/verg', identificatie: 'ZT-V', omschrijving: 'Vergunning', informatieobjecttypen: ['iot/factuur'] },
    ],
    informatieobjecttypen: [
      {
        url: 'iot/bezwaarschrift',
        omschrijving: 'Bezwaarschrift',
        vertrouwelijkheidaanduiding: 'vertrouwelijk',
        zaaktypen: ['zt/bezwaar'],
      },
      { url: 'iot/brief', omschrijving: 'Inkomende brief', vertrouwelijkheidaanduiding: 'zaakvertrouwelijk', zaaktypen: ['zt/bezwaar'] },
      { url: 'iot/factuur', omschrijving: 'Factuur', vertrouwelijkheidaanduiding: 'intern', zaaktypen: ['zt/verg'] },
    ],
  };

  it('offers only the types the zaaktype allows, incoming first', () => {
    expect(typeOptions(catalogue, 'zt/bezwaar').map((o) => o.omschrijving)).toEqual(['Inkomende brief', 'Bezwaarschrift']);
    expect(typeOptions(catalogue, 'zt/verg').map((o) => o.url)).toEqual(['iot/factuur']);
  });

  it('preselects the document’s own type, else the only one, else the last choice, else the connection default', () => {
    const opts = typeOptions(catalogue, 'zt/bezwaar');
    expect(preselectType(opts, { value: 'bezwaarschrift', url: null }, 'iot/brief')).toBe('iot/bezwaarschrift');
    expect(preselectType(opts, { value: 'Iets', url: 'iot/brief' }, null)).toBe('iot/brief');
    expect(preselectType(opts, { value: 'Factuur', url: null }, 'iot/brief')).toBe('iot/brief');
    expect(preselectType(typeOptions(catalogue, 'zt/verg'), undefined, null)).toBe('iot/factuur');
    expect(preselectType(opts, undefined, 'iot/factuur', 'iot/brief')).toBe('iot/brief');
    expect(preselectType(opts, undefined, null)).toBe('');
    expect(typeVertrouwelijkheid(opts, 'iot/bezwaarschrift')).toBe('vertrouwelijk');
    expect(typeVertrouwelijkheid(opts, '')).toBe('');
  });

  it('remembers the last type per zaaktype URL, and survives a spoiled store', () => {
    const m = new Map<string, string>();
    const store = { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(rememberedType(store, 'zt/bezwaar')).toBeNull();
    rememberType(store, 'zt/bezwaar', 'iot/bezwaarschrift');
    rememberType(store, 'zt/verg', 'iot/factuur');
    expect(rememberedType(store, 'zt/bezwaar')).toBe('iot/bezwaarschrift');
    expect(JSON.parse(m.get('postkamer.lastDocumenttype')!)).toEqual({ 'zt/bezwaar': 'iot/bezwaarschrift', 'zt/verg': 'iot/factuur' });
    m.set('postkamer.lastDocumenttype', '{kapot');
    expect(rememberedType(store, 'zt/bezwaar')).toBeNull();
    expect(rememberedType(null, 'zt/bezwaar')).toBeNull();
  });

  it('ranks the recognised zaaknummer first, then kenmerk matches, otherwise keeps the order', () => {
    const zaken = [
      { identificatie: 'ZAAK-1', omschrijving: 'Bezwaar WOZ' },
      { identificatie: 'ZAAK-2', omschrijving: 'Aanvraag, kenmerk 2025/4711' },
      { identificatie: 'ZAAK-3', omschrijving: 'Parkeren' },
    ];
    expect(rankZaken(zaken, { zaaknummer: 'zaak-3', kenmerk: '2025/4711' }).map((z) => z.identificatie)).toEqual([
      'ZAAK-3',
      'ZAAK-2',
      'ZAAK-1',
    ]);
    expect(rankZaken(zaken, {}).map((z) => z.identificatie)).toEqual(['ZAAK-1', 'ZAAK-2', 'ZAAK-3']);
  });
});

describe('Gereed and the shortcuts', () => {
  const doc = (
    id: string,
    batchId: string,
    seq: number,
    createdAt: string,
    stage: 'te-controleren' | 'klaar-om-te-koppelen' | 'in-outbox',
  ) => ({
    id,
    batchId,
    seq,
    createdAt,
    stage,
  });

  it('opens the next document to handle in the inbox order: oldest batch first, stack order within it', () => {
    const docs = [
      doc('c', 'b2', 0, '2026-03-02T09:00:00Z', 'klaar-om-te-koppelen'),
      doc('b', 'b1', 1, '2026-03-01T09:00:05Z', 'te-controleren'),
      doc('a', 'b1', 0, '2026-03-01T09:00:00Z', 'klaar-om-te-koppelen'),
      doc('x', 'b1', 2, '2026-03-01T09:00:09Z', 'in-outbox'),
    ];
    expect(nextToHandle(docs, 'a')?.id).toBe('b');
    expect(nextToHandle(docs, 'b')?.id).toBe('c');
    expect(nextToHandle(docs, 'c')?.id).toBe('a');
    // The current document, now queued, is no longer in the list: the first still to handle.
    expect(nextToHandle(docs, 'x')?.id).toBe('a');
    expect(nextToHandle([docs[2]!], 'a')).toBeNull();
  });

  it('answers Ctrl+Enter anywhere; B, O and ? only outside a text field, B and O only for an automatic split', () => {
    const k = (key: string, o: Partial<{ ctrlKey: boolean; inField: boolean }> = {}) => ({
      key,
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      inField: false,
      ...o,
    });
    expect(shortcutOf(k('Enter', { ctrlKey: true, inField: true }), false)).toBe('done');
    expect(shortcutOf(k('Enter'), false)).toBeNull();
    expect(shortcutOf(k('b'), true)).toBe('confirmSplit');
    expect(shortcutOf(k('O'), true)).toBe('undoSplit');
    expect(shortcutOf(k('b'), false)).toBeNull();
    expect(shortcutOf(k('b', { inField: true }), true)).toBeNull();
    expect(shortcutOf(k('?'), false)).toBe('help');
    expect(shortcutOf(k('?', { inField: true }), false)).toBeNull();
    expect(takesText({ tagName: 'input', type: 'text' })).toBe(true);
    expect(takesText({ tagName: 'INPUT', type: 'date' })).toBe(true);
    expect(takesText({ tagName: 'INPUT', type: 'radio' })).toBe(false);
    expect(takesText({ tagName: 'BUTTON' })).toBe(false);
    expect(takesText({ tagName: 'SELECT' })).toBe(true);
    expect(takesText(null)).toBe(false);
  });
});
