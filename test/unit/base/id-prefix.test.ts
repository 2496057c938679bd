// The id-prefix rule: which texts may name a document, the range that holds exactly the ids with a prefix, and
// what a prefix names given the ids that start with it.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CANDIDATES, isWholeId, normaliseIdPrefix, pickByPrefix, prefixRange } from '../../../src/base/id-prefix';

describe('normaliseIdPrefix', () => {
  it('accepts every start of an id of at least 4 characters, trimmed and in lower case', () => {
    const id = randomUUID();
    for (let n = 4; n <= 36; n++) expect(normaliseIdPrefix(` ${id.slice(0, n).toUpperCase()}\t`)).toBe(id.slice(0, n));
    expect(isWholeId(normaliseIdPrefix(id)!)).toBe(true);
    expect(isWholeId(id.slice(0, 35))).toBe(false);
  });
  it('refuses what cannot start an id', () => {
    for (const bad of ['', 'abc', 'abcg', 'abcd-', 'abcdabcd0', '-abcd', 'abcd%', 'abcd_', `${randomUUID()}0`, 'abcd\u0000', 'ａｂｃｄ']) {
      expect(normaliseIdPrefix(bad), JSON.stringify(bad)).toBeNull();
    }
  });
});

describe('prefixRange', () => {
  it('holds exactly the strings that start with the prefix', () => {
    const char = fc.constantFrom(...'0123456789abcdef-');
    fc.assert(
      fc.property(fc.string({ unit: char, minLength: 1, maxLength: 10 }), fc.string({ unit: char, maxLength: 36 }), (prefix, s) => {
        const { low, high } = prefixRange(prefix);
        expect(s >= low && s < high).toBe(s.startsWith(prefix));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('pickByPrefix', () => {
  const ids = ['abcd0000-0000-4000-8000-000000000001', 'abcd0000-0000-4000-8000-000000000002', 'abce0000-0000-4000-8000-000000000001'];
  it('one, none or several; a whole id always wins', () => {
    expect(pickByPrefix('abce', ids)).toEqual({ kind: 'one', id: ids[2] });
    expect(pickByPrefix('abcf', ids)).toEqual({ kind: 'none' });
    expect(pickByPrefix('abcd', ids)).toEqual({ kind: 'many', candidates: ids.slice(0, 2) });
    expect(pickByPrefix(ids[0]!, ids)).toEqual({ kind: 'one', id: ids[0] });
  });
  it('names at most MAX_CANDIDATES', () => {
    const many = Array.from({ length: 9 }, (_, i) => `abcd0000-0000-4000-8000-00000000000${i}`);
    expect(pickByPrefix('abcd', many)).toEqual({ kind: 'many', candidates: many.slice(0, MAX_CANDIDATES) });
  });
});
