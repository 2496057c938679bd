import { describe, expect, it } from 'vitest';
import type { DocumentSummary, ScanProfileDto } from '../../../src/contract';
import type { PageInfo } from '../../../src/contract/edit';
import {
  confidencePercent,
  mergeCandidates,
  normalRotation,
  pageActions,
  pageSize,
  splitPages,
} from '../../../renderer/features/document/pages';
import { ALL_FACTS, factLine, profileFacts } from '../../../renderer/features/profiles/facts';
import { createI18n } from '../../../renderer/i18n';

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const page = (n: number, extra: Partial<PageInfo> = {}): PageInfo => ({
  pageId: uuid(n),
  seq: n,
  rotation: 0,
  blank: false,
  qcFlags: [],
  width: 2480,
  height: 3508,
  dpi: 300,
  removed: false,
  ...extra,
});

describe('page actions', () => {
  it('offers moves only where there is room, delete only when another page stays, split never before the first', () => {
    expect(pageActions(0, 1)).toEqual(['rotate90', 'rotate180']);
    expect(pageActions(0, 3)).toEqual(['rotate90', 'rotate180', 'down', 'delete']);
    expect(pageActions(1, 3)).toEqual(['rotate90', 'rotate180', 'up', 'down', 'delete', 'split']);
    expect(pageActions(2, 3)).toEqual(['rotate90', 'rotate180', 'up', 'delete', 'split']);
  });

  it('orders visible pages and keeps deleted ones apart', () => {
    const { visible, removed } = splitPages([page(2), page(0), page(1, { removed: true }), page(1)]);
    expect(visible.map((p) => p.pageId)).toEqual([uuid(0), uuid(1), uuid(2)]);
    expect(removed.map((p) => p.pageId)).toEqual([uuid(1)]);
  });

  it('reads the paper size from pixels and resolution, turned or not', () => {
    expect(pageSize(page(0))).toEqual({ paper: 'A4', landscape: false, widthMm: 210, heightMm: 297 });
    expect(pageSize(page(0, { width: 3508, height: 2480 }))).toMatchObject({ paper: 'A4', landscape: true });
    expect(pageSize(page(0, { width: 1654, height: 2339, dpi: 200 }))).toMatchObject({ paper: 'A4', landscape: false });
    expect(pageSize(page(0, { width: 874, height: 1240, dpi: 150 }))).toMatchObject({ paper: 'A5' });
    expect(pageSize(page(0, { width: 1000, height: 1000, dpi: 300 }))).toEqual({
      paper: null,
      landscape: false,
      widthMm: 85,
      heightMm: 85,
    });
    expect(pageSize(page(0, { dpi: 0 })).paper).toBe('A4');
  });

  it('normalises rotations and confidences for display', () => {
    expect([0, 90, 360, 450, -90].map(normalRotation)).toEqual([0, 90, 0, 90, 270]);
    expect([0.934, 1, 0, 1.2, -1].map(confidencePercent)).toEqual([93, 100, 0, 100, 0]);
  });
});

describe('merge candidates', () => {
  const doc = (n: number, batchId: string, seq: number) => ({ id: uuid(n), batchId, seq }) as DocumentSummary;
  it('are the other documents of the same batch, in the order of the stack', () => {
    const self = doc(1, uuid(100), 1);
    const list = [doc(4, uuid(100), 3), self, doc(2, uuid(100), 0), doc(3, uuid(200), 2), doc(5, uuid(100), 2)];
    expect(mergeCandidates(list, self).map((d) => d.id)).toEqual([uuid(2), uuid(5), uuid(4)]);
  });
});

describe('profile facts', () => {
  const i18n = createI18n('nl');
  const t = i18n.t.bind(i18n) as (k: string, o?: Record<string, unknown>) => string;
  const archief: ScanProfileDto = {
    name: 'archief',
    label: 'Archief (vervangende digitalisering)',
    resolution: 300,
    colour: 'colour',
    duplex: true,
    source: 'feeder',
    blankPages: 'flag',
    imageMode: 'lossless',
    documentType: null,
    separatorSheets: true,
    patchT: true,
    locked: true,
  };

  it('say the key settings in Dutch', () => {
    expect(factLine(profileFacts(t, archief))).toBe(
      "Resolutie: 300 ppi · Kleur: kleur · Zijden: dubbelzijdig · Blanco pagina's: bewaren en markeren · Beeldkwaliteit: verliesvrij (archief)",
    );
    expect(profileFacts(t, { ...archief, source: 'flatbed' }).find((f) => f.key === 'duplex')?.value).toBe('glasplaat, één zijde');
  });

  it('cover every setting on the profiles screen', () => {
    expect(
      profileFacts(t, { ...archief, documentType: 'Bezwaarschrift', patchT: false }, ALL_FACTS)
        .slice(5)
        .map((f) => `${f.label}: ${f.value}`),
    ).toEqual(['Documenttype: Bezwaarschrift', 'Scheidingsbladen: herkennen', 'Patch-T-bladen: niet gebruiken']);
  });
});
