import { describe, expect, it } from 'vitest';
import { QcFlag, DocumentStatus, BatchSource, OutboxState } from '../../../src/contract';
import { en } from '../../../renderer/i18n/en';
import { nl } from '../../../renderer/i18n/nl';
import { createI18n } from '../../../renderer/i18n';

function keys(o: object, prefix = ''): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`))).sort();
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
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${p}${k}`, v] as [string, string]] : flat(v as object, `${p}${k}.`)));
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
