import { describe, expect, it } from 'vitest';
import type { QcView } from '../../../src/contract';
import { BatchDossier, QcReason, QcState } from '../../../src/contract';
import { en } from '../../../renderer/i18n/en';
import { nl } from '../../../renderer/i18n/nl';
import { afterVerdict, firstOpen, judging, mayClose, pageKeyOf, REASONS, reasonKeyOf, step } from '../../../renderer/features/qc/qc-model';

// The QC screen's keys and where the checker goes after a verdict: pure rules, so that a key that judges a page in a
// text field, or a reason chosen by the wrong number, is caught here.

const key = (k: string, more: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; inField: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inField: false,
  ...more,
});
type Page = QcView['sample'][number];
const page = (n: number, verdict: Page['verdict'] = null): Page => ({
  page: n,
  documentId: '0f8fad5b-d9cb-469f-a165-70867728950e',
  pageId: '1f8fad5b-d9cb-469f-a165-70867728950e',
  verdict,
  reason: verdict === 'fout' ? 'onleesbaar' : null,
  judgedBy: verdict ? 'arie' : null,
  judgedAt: verdict ? '2026-03-03T09:00:00.000Z' : null,
  rescans: 0,
});

describe('the page keys', () => {
  it('judge with G and F and move with N/P and the arrows, in either case', () => {
    expect(pageKeyOf(key('g'))).toBe('goed');
    expect(pageKeyOf(key('G'))).toBe('goed');
    expect(pageKeyOf(key('f'))).toBe('fout');
    expect(pageKeyOf(key('F'))).toBe('fout');
    expect(pageKeyOf(key('n'))).toBe('next');
    expect(pageKeyOf(key('ArrowRight'))).toBe('next');
    expect(pageKeyOf(key('P'))).toBe('previous');
    expect(pageKeyOf(key('ArrowLeft'))).toBe('previous');
    expect(pageKeyOf(key('x'))).toBeNull();
    expect(pageKeyOf(key('Enter'))).toBeNull();
  });

  it('do nothing in a text field or with a modifier (Ctrl+F is the browser’s find)', () => {
    for (const k of ['g', 'F', 'n', 'ArrowLeft']) {
      expect(pageKeyOf(key(k, { inField: true })), k).toBeNull();
      expect(pageKeyOf(key(k, { ctrlKey: true })), k).toBeNull();
      expect(pageKeyOf(key(k, { metaKey: true })), k).toBeNull();
      expect(pageKeyOf(key(k, { altKey: true })), k).toBeNull();
    }
  });
});

describe('choosing the reason', () => {
  it('lists the contract’s five reasons, each once', () => {
    expect([...REASONS].sort()).toEqual([...QcReason.options].sort());
  });

  it('records the n-th reason with number key n', () => {
    REASONS.forEach((r, i) => expect(reasonKeyOf(key(String(i + 1)), 0)).toEqual({ kind: 'choose', reason: r }));
    expect(reasonKeyOf(key('6'), 0)).toBeNull();
    expect(reasonKeyOf(key('0'), 0)).toBeNull();
    expect(reasonKeyOf(key('1', { ctrlKey: true }), 0)).toBeNull();
  });

  it('moves round with the arrows, records with Enter, cancels with Escape', () => {
    expect(reasonKeyOf(key('ArrowDown'), 0)).toEqual({ kind: 'move', index: 1 });
    expect(reasonKeyOf(key('ArrowDown'), 4)).toEqual({ kind: 'move', index: 0 });
    expect(reasonKeyOf(key('ArrowUp'), 0)).toEqual({ kind: 'move', index: 4 });
    expect(reasonKeyOf(key('ArrowLeft'), 2)).toEqual({ kind: 'move', index: 1 });
    expect(reasonKeyOf(key('Enter'), 3)).toEqual({ kind: 'confirm' });
    expect(reasonKeyOf(key('Escape'), 3)).toEqual({ kind: 'cancel' });
    expect(reasonKeyOf(key('g'), 3)).toBeNull();
  });
});

describe('moving through the sample', () => {
  it('starts at the first page without a verdict', () => {
    expect(firstOpen([page(2, 'goed'), page(5), page(9)])).toBe(1);
    expect(firstOpen([page(2, 'goed'), page(5, 'fout')])).toBe(0);
  });

  it('goes after a verdict to the next open page, round to the start, else one on', () => {
    const s = [page(1), page(4, 'goed'), page(6), page(8, 'goed')];
    expect(afterVerdict(s, 0)).toBe(2);
    expect(afterVerdict(s, 2)).toBe(0);
    const done = [page(1, 'goed'), page(4, 'goed'), page(6, 'fout')];
    expect(afterVerdict(done, 0)).toBe(1);
    expect(afterVerdict(done, 2)).toBe(2);
  });

  it('steps without wrapping', () => {
    expect(step(0, -1, 4)).toBe(0);
    expect(step(3, 1, 4)).toBe(3);
    expect(step(1, 1, 4)).toBe(2);
  });

  it('judges while sampling or after a rescan, and closes only with every page judged', () => {
    expect(judging('steekproef')).toBe(true);
    expect(judging('nascan')).toBe(true);
    for (const s of ['open', 'goedgekeurd', 'afgekeurd'] as const) expect(judging(s)).toBe(false);
    expect(mayClose({ state: 'steekproef', sample: [page(1, 'goed'), page(2, 'fout')] })).toBe(true);
    expect(mayClose({ state: 'steekproef', sample: [page(1, 'goed'), page(2)] })).toBe(false);
    expect(mayClose({ state: 'steekproef', sample: [] })).toBe(false);
    expect(mayClose({ state: 'afgekeurd', sample: [page(1, 'goed')] })).toBe(false);
  });
});

describe('the words of quality control', () => {
  it('name every QC state, reason and dossier event of the contract in both languages, Dutch as the brief has them', () => {
    for (const m of [nl, en]) {
      for (const st of QcState.options) expect(m.batches.qcState[st], st).toBeTruthy();
      for (const r of QcReason.options) expect(m.qcCheck.reason[r], r).toBeTruthy();
      for (const k of BatchDossier.shape.events.element.shape.kind.options) expect(m.batches.event[k], k).toBeTruthy();
    }
    expect(Object.values(nl.batches.qcState)).toEqual(['open', 'steekproef', 'goedgekeurd', 'afgekeurd', 'nascan']);
    expect(REASONS.map((r) => nl.qcCheck.reason[r])).toEqual([
      'Onleesbaar',
      'Incompleet',
      'Verkeerde volgorde',
      'Ontbrekende pagina',
      'Scheef/afgesneden',
    ]);
  });
});
