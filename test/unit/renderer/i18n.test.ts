import { describe, expect, it } from 'vitest';
import { QcFlag, DocumentStatus, BatchSource, OutboxState, ScanProfile } from '../../../src/contract';
import { en } from '../../../renderer/i18n/en';
import { nl } from '../../../renderer/i18n/nl';
import { createI18n } from '../../../renderer/i18n';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o)
    .flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)))
    .sort();
}
function leaves(o: object): string[] {
  return Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : leaves(v as object)));
}
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n resources', () => {
  it('nl and en have exactly the same keys', () => {
    expect(keys(en)).toEqual(keys(nl));
  });

  it('use the same placeholders in both languages', () => {
    const flat = (o: object, p = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v as object, `${p}${k}.`),
      );
    const enMap = new Map(flat(en));
    for (const [k, v] of flat(nl)) expect(placeholders(enMap.get(k)!), k).toEqual(placeholders(v));
  });

  it('have no empty strings', () => {
    for (const v of [...leaves(nl), ...leaves(en)]) expect(v.trim()).not.toBe('');
  });

  it('label every QC flag, document status, batch source and outbox state of the contract', () => {
    for (const f of QcFlag.options) expect(nl.qc[f], f).toBeTruthy();
    for (const s of DocumentStatus.options) expect(nl.docStatus[s], s).toBeTruthy();
    for (const s of BatchSource.options) expect(nl.source[s], s).toBeTruthy();
    for (const s of OutboxState.options) expect((nl.status.outboxStates as Record<string, string>)[s], s).toBeTruthy();
  });

  it('has the required Dutch wording', () => {
    expect(nl.qc['low-resolution']).toBe('Lage resolutie');
    expect(nl.qc['strong-skew']).toBe('Scheef');
    expect(nl.qc.blank).toBe('Blanco');
    expect(nl.qc.bsn).toBe('Bevat BSN');
    expect(nl.import.choose).toBe('Bestanden kiezen…');
    expect(nl.connection.lost).toBe('Verbinding met de kern verbroken — opnieuw verbinden…');
    expect(nl.nav.scan).toBe('Scannen');
    expect(nl.scan.searching).toBe('Zoeken naar scanners…');
    expect(nl.scan.addressLabel).toBe('Scanner-adres, bijv. http://192.0.2.10/eSCL');
    expect(nl.scan.stop).toBe('Stoppen');
    expect(nl.profiles.locked).toBe('Vergrendeld');
    expect(nl.profiles.lockedNote).toMatch(/^Vergrendeld door de beheerder\./);
    expect(nl.pages.actions).toEqual({
      rotate90: 'Draai rechtsom',
      rotate180: 'Draai 180°',
      up: 'Omhoog',
      down: 'Omlaag',
      delete: 'Verwijder',
      split: 'Splits vóór deze pagina',
    });
    expect(nl.merge.open).toBe('Samenvoegen met…');
  });

  it('names every profile setting value of the contract in both languages', () => {
    for (const lang of [nl, en]) {
      for (const c of ScanProfile.shape.colour.options) expect(lang.profiles.values.colour[c], c).toBeTruthy();
      for (const b of ScanProfile.shape.blankPages.options) expect(lang.profiles.values.blankPages[b], b).toBeTruthy();
      for (const m of ScanProfile.shape.imageMode.options) expect(lang.profiles.values.imageMode[m], m).toBeTruthy();
      for (const s of ScanProfile.shape.source.options) expect(lang.profiles.values.source[s], s).toBeTruthy();
    }
  });

  it('counts scanned pages the Dutch way', () => {
    const i18n = createI18n('nl');
    expect(i18n.t('scan.state.scanning', { count: 12 })).toBe("12 pagina's ontvangen");
    expect(i18n.t('scan.state.scanning', { count: 1 })).toBe('1 pagina ontvangen');
    expect(i18n.t('pages.splitDone', { page: 3, from: 3, to: 5, count: 3 })).toBe(
      "Gesplitst vóór pagina 3: pagina's 3–5 staan nu in een nieuw document.",
    );
  });

  it('interpolates and pluralises through i18next in both languages', () => {
    const i18n = createI18n('nl');
    expect(i18n.t('inbox.progressPage', { page: 3, pages: 12, file: 'brief.pdf' })).toBe('Pagina 3 van 12 — brief.pdf');
    expect(i18n.t('inbox.count', { count: 1 })).toBe('1 document');
    expect(i18n.t('inbox.count', { count: 2 })).toBe('2 documenten');
    // No HTML escaping: React escapes; i18next doing it too would show &quot; on screen.
    expect(i18n.t('search.none', { query: '"<x>"' })).toBe('Geen documenten gevonden voor “"<x>"”.');
    void i18n.changeLanguage('en');
    expect(i18n.t('inbox.count', { count: 2 })).toBe('2 documents');
    expect(i18n.t('audit.actions.batch_create')).toBe('Batch created');
  });
});
