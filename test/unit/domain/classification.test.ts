// The classification state rule (src/domain/classification.ts): each branch, and the comparison SQLite makes.
import { describe, expect, it } from 'vitest';
import { classificationState, rarelyUsed, sameType, typeKey, type ClassificationFacts } from '../../../src/domain/classification';

const base: ClassificationFacts = {
  documenttype: { value: null, source: null },
  suggestion: null,
  linked: false,
  linkedType: null,
  reviewed: false,
  lowConfidence: false,
  rarelyUsed: false,
};

describe('classificationState', () => {
  it('niet geclassificeerd: no type and not linked', () => {
    expect(classificationState(base)).toEqual({ state: 'niet-geclassificeerd', reasons: [] });
  });
  it('te controleren: linked with nobody choosing a type (the connection default)', () => {
    expect(classificationState({ ...base, linked: true })).toEqual({ state: 'te-controleren', reasons: ['standaardtype'] });
    expect(classificationState({ ...base, linked: true, linkedType: 'https://x/iot/1' })).toEqual({
      state: 'geclassificeerd',
      reasons: [],
    });
  });
  it("te controleren: a person's type that differs from the separator sheet's, case and spaces aside", () => {
    const manual = (value: string) => ({ ...base, documenttype: { value, source: 'manual' as const }, suggestion: 'Bezwaarschrift' });
    expect(classificationState(manual('Factuur'))).toEqual({ state: 'te-controleren', reasons: ['afwijkend-van-voorstel'] });
    expect(classificationState(manual(' bezwaarschrift '))).toEqual({ state: 'geclassificeerd', reasons: [] });
    expect(
      classificationState({ ...base, documenttype: { value: 'Bezwaarschrift', source: 'separator' }, suggestion: 'Bezwaarschrift' }),
    ).toEqual({
      state: 'geclassificeerd',
      reasons: [],
    });
  });
  it('geclassificeerd once an archivist reviewed it, whatever else', () => {
    expect(classificationState({ ...base, linked: true, reviewed: true })).toEqual({ state: 'geclassificeerd', reasons: [] });
  });
  it('compares as SQLite lower(trim(x, TYPE_SPACE)) does: ASCII case, outer spaces, tabs and line ends only', () => {
    expect(sameType('Inkomende Brief', ' inkomende brief')).toBe(true);
    expect(sameType('Één', 'één')).toBe(false);
    expect(typeKey('\tBrief\u00a0\n')).toBe('brief');
    expect(typeKey('In\tkomend')).toBe('in\tkomend');
  });
  it('te controleren: a document read with low confidence, once it has a type or a link', () => {
    const typed = { ...base, documenttype: { value: 'Factuur', source: 'manual' as const }, lowConfidence: true };
    expect(classificationState(typed)).toEqual({ state: 'te-controleren', reasons: ['lage-zekerheid'] });
    expect(classificationState({ ...base, lowConfidence: true })).toEqual({ state: 'niet-geclassificeerd', reasons: [] });
    expect(classificationState({ ...typed, reviewed: true })).toEqual({ state: 'geclassificeerd', reasons: [] });
  });
  it("te controleren: a type the zaaktype rarely uses, every reason in the rule's order", () => {
    const all = {
      ...base,
      documenttype: { value: 'Factuur', source: 'manual' as const },
      suggestion: 'Bezwaarschrift',
      lowConfidence: true,
      rarelyUsed: true,
    };
    expect(classificationState(all).reasons).toEqual(['afwijkend-van-voorstel', 'lage-zekerheid', 'zelden-gebruikt']);
  });
  it('rarely used: under 10 % of at least 10 typed documents of the zaaktype', () => {
    expect(rarelyUsed(1, 9)).toBe(false); // too few to say
    expect(rarelyUsed(0, 9)).toBe(false);
    expect(rarelyUsed(1, 10)).toBe(false); // exactly 10 %
    expect(rarelyUsed(1, 11)).toBe(true);
    expect(rarelyUsed(9, 100)).toBe(true);
    expect(rarelyUsed(10, 100)).toBe(false);
  });
});
