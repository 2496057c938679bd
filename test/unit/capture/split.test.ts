import { describe, expect, it } from 'vitest';
import { splitBatch, type CapturedPage, type SplitRules } from '../../../src/capture/split';

// Shorthand: 'p' page, 'b' blank, 'S:<zaak>' Postkamer separator, 'T' Patch T.
function pages(spec: string): CapturedPage[] {
  return spec.split(' ').map((t, index) => {
    if (t === 'b') return { index, blank: true, separator: null };
    if (t === 'T') return { index, blank: false, separator: { kind: 'patch-t' } };
    if (t.startsWith('S')) {
      const [, z, ty] = t.split(':');
      return {
        index,
        blank: false,
        separator: { kind: 'postkamer', values: { ...(z ? { zaaknummer: z } : {}), ...(ty ? { documenttype: ty } : {}) } },
      };
    }
    return { index, blank: false, separator: null };
  });
}
const rules = (over: Partial<SplitRules> = {}): SplitRules => ({ blankPages: 'drop', separatorSheets: true, patchT: true, ...over });

describe('splitBatch: the mail-room batch (A 2 pages, separator with zaaknummer, B, Patch T, C 3 pages + blank back)', () => {
  const batch = pages('p p S:ZAAK-2026-0000000042:Bezwaarschrift p T p p p b');

  it('drop: three documents, B carries the zaaknummer, the blank is gone', () => {
    expect(splitBatch(batch, rules({ blankPages: 'drop' }))).toEqual([
      { pages: [0, 1], metadata: {}, flaggedBlank: [] },
      { pages: [3], metadata: { zaaknummer: 'ZAAK-2026-0000000042', documenttype: 'Bezwaarschrift' }, flaggedBlank: [] },
      { pages: [5, 6, 7], metadata: {}, flaggedBlank: [] },
    ]);
  });

  it('flag: the blank page stays in C and is flagged', () => {
    const plans = splitBatch(batch, rules({ blankPages: 'flag' }));
    expect(plans.map((p) => p.pages)).toEqual([[0, 1], [3], [5, 6, 7, 8]]);
    expect(plans[2]!.flaggedBlank).toEqual([8]);
    expect(plans[1]!.metadata.zaaknummer).toBe('ZAAK-2026-0000000042');
  });

  it('separate: a trailing blank page separates nothing and is dropped', () => {
    expect(splitBatch(batch, rules({ blankPages: 'separate' })).map((p) => p.pages)).toEqual([[0, 1], [3], [5, 6, 7]]);
  });
});

describe('splitBatch: rules', () => {
  it('a separator type the profile does not use is an ordinary page', () => {
    const b = pages('p T p S:Z1 p');
    expect(splitBatch(b, rules({ patchT: false })).map((p) => p.pages)).toEqual([[0, 1, 2], [4]]);
    expect(splitBatch(b, rules({ separatorSheets: false })).map((p) => p.pages)).toEqual([[0], [2, 3, 4]]);
    expect(splitBatch(b, rules({ separatorSheets: false, patchT: false })).map((p) => p.pages)).toEqual([[0, 1, 2, 3, 4]]);
  });

  it('no empty documents: leading, trailing and repeated separators; the later values win', () => {
    expect(splitBatch(pages('S:Z1 S:Z2 p p T T p S:Z3'), rules())).toEqual([
      { pages: [2, 3], metadata: { zaaknummer: 'Z2' }, flaggedBlank: [] },
      { pages: [6], metadata: {}, flaggedBlank: [] },
    ]);
    expect(splitBatch(pages('T S:Z1'), rules())).toEqual([]);
    expect(splitBatch([], rules())).toEqual([]);
  });

  it('values apply to one document only; Patch T and blank separation carry none', () => {
    const plans = splitBatch(pages('S:Z1 p T p S:Z2:Brief p b p'), rules({ blankPages: 'separate' }));
    expect(plans.map((p) => p.metadata)).toEqual([{ zaaknummer: 'Z1' }, {}, { zaaknummer: 'Z2', documenttype: 'Brief' }, {}]);
  });

  it('separate: consecutive blanks are one separation', () => {
    expect(splitBatch(pages('p b b b p b p'), rules({ blankPages: 'separate' })).map((p) => p.pages)).toEqual([[0], [4], [6]]);
  });

  it('the profile default document type fills in where no separator names one', () => {
    const plans = splitBatch(pages('p S:Z1:Brief p T p'), rules({ documentType: 'Inkomende post' }));
    expect(plans.map((p) => p.metadata.documenttype)).toEqual(['Inkomende post', 'Brief', 'Inkomende post']);
  });

  it('a document of only blank pages disappears under drop and stays (flagged) under flag', () => {
    expect(splitBatch(pages('p T b b T p'), rules()).map((p) => p.pages)).toEqual([[0], [5]]);
    expect(splitBatch(pages('p T b b T p'), rules({ blankPages: 'flag' }))).toEqual([
      { pages: [0], metadata: {}, flaggedBlank: [] },
      { pages: [2, 3], metadata: {}, flaggedBlank: [2, 3] },
      { pages: [5], metadata: {}, flaggedBlank: [] },
    ]);
  });
});

describe('splitBatch: duplex (pages pair up per sheet)', () => {
  // Sheets: A (front, back) · separator (front, blank back) · B (front, blank back) · C (front, back) · C (front, blank back)
  const batch = pages('p p S:Z9 b p b p p p b');

  it('the blank back of a separator goes with the separator, even when blanks are flagged', () => {
    const flag = splitBatch(batch, rules({ duplex: true, blankPages: 'flag' }));
    expect(flag.map((p) => p.pages)).toEqual([
      [0, 1],
      [4, 5, 6, 7, 8, 9],
    ]);
    expect(flag[1]!.flaggedBlank).toEqual([5, 9]);
    expect(flag[1]!.metadata).toEqual({ zaaknummer: 'Z9' });
  });

  it('a separator fed face down (blank side first) is recognised on its back', () => {
    expect(splitBatch(pages('p p b S:Z1 p p'), rules({ duplex: true, blankPages: 'flag' })).map((p) => p.pages)).toEqual([
      [0, 1],
      [4, 5],
    ]);
  });

  it('separate: only a sheet blank on both sides separates; a lone blank back is dropped', () => {
    expect(splitBatch(pages('p b p p b b p b'), rules({ duplex: true, blankPages: 'separate' })).map((p) => p.pages)).toEqual([
      [0, 2, 3],
      [6],
    ]);
  });

  it('simplex: a blank after a separator is an ordinary blank page', () => {
    expect(splitBatch(pages('S:Z1 b p'), rules({ duplex: false, blankPages: 'flag' }))).toEqual([
      { pages: [1, 2], metadata: { zaaknummer: 'Z1' }, flaggedBlank: [1] },
    ]);
  });
});
