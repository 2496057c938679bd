// The classification state rule (src/domain/classification.ts): each branch, and the comparison SQLite makes.
import { describe, expect, it } from 'vitest';
import { classificationState, sameType, type ClassificationFacts } from '../../../src/domain/classification';

const base: ClassificationFacts = {
  documenttype: { value: null, source: null },
  suggestion: null,
  linked: false,
  linkedType: null,
  reviewed: false,
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
  it('compares as SQLite lower()/trim() do: ASCII case only', () => {
    expect(sameType('Inkomende Brief', ' inkomende brief')).toBe(true);
    expect(sameType('Één', 'één')).toBe(false);
  });
});
