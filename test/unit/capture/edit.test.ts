import { describe, expect, it } from 'vitest';
import { PostkamerError } from '../../../src/contract/errors';
import { deletePage, mergeDocuments, movePage, restorePage, rotatePage, splitDocument, type EditModel } from '../../../src/capture/split';

const model = (): EditModel => ({
  documents: [
    {
      id: 'A',
      pages: [
        { id: 'a1', rotation: 0 },
        { id: 'a2', rotation: 0 },
        { id: 'a3', rotation: 0 },
      ],
    },
    { id: 'B', pages: [{ id: 'b1', rotation: 90 }] },
  ],
});
const shape = (m: EditModel) => m.documents.map((d) => `${d.id}:${d.pages.map((p) => p.id).join(',')}`);
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PostkamerError);
    return (e as PostkamerError).code;
  }
  return 'no error';
};

describe('manual page operations', () => {
  it('split: the pages from the cut on become a new document right after', () => {
    expect(shape(splitDocument(model(), 'A', 1, 'A2'))).toEqual(['A:a1', 'A2:a2,a3', 'B:b1']);
    expect(codeOf(() => splitDocument(model(), 'A', 0, 'X'))).toBe('invalid-input');
    expect(codeOf(() => splitDocument(model(), 'A', 3, 'X'))).toBe('invalid-input');
    expect(codeOf(() => splitDocument(model(), 'A', 1, 'B'))).toBe('invalid-input');
    expect(codeOf(() => splitDocument(model(), 'Z', 1, 'X'))).toBe('not-found');
  });

  it('merge: sources appended in the order given and removed', () => {
    const m = splitDocument(model(), 'A', 2, 'A2');
    expect(shape(mergeDocuments(m, 'B', ['A2', 'A']))).toEqual(['B:b1,a3,a1,a2']);
    expect(codeOf(() => mergeDocuments(m, 'A', ['A']))).toBe('invalid-input');
    expect(codeOf(() => mergeDocuments(m, 'A', ['nope']))).toBe('not-found');
  });

  it('move: reorder within a document and across documents; an emptied document goes', () => {
    expect(shape(movePage(model(), 'a1', { documentId: 'A', index: 2 }))).toEqual(['A:a2,a3,a1', 'B:b1']);
    expect(shape(movePage(model(), 'a3', { documentId: 'A', index: 0 }))).toEqual(['A:a3,a1,a2', 'B:b1']);
    expect(shape(movePage(model(), 'b1', { documentId: 'A', index: 1 }))).toEqual(['A:a1,b1,a2,a3']);
    expect(codeOf(() => movePage(model(), 'a1', { documentId: 'B', index: 5 }))).toBe('invalid-input');
    expect(codeOf(() => movePage(model(), 'zz', { documentId: 'B', index: 0 }))).toBe('not-found');
  });

  it('rotate: in quarter turns, normalised', () => {
    expect(rotatePage(model(), 'b1', -180).documents[1]!.pages[0]!.rotation).toBe(270);
    expect(rotatePage(model(), 'b1', 270).documents[1]!.pages[0]!.rotation).toBe(0);
    expect(rotatePage(model(), 'a1', 450).documents[0]!.pages[0]!.rotation).toBe(90);
    expect(codeOf(() => rotatePage(model(), 'a1', 45))).toBe('invalid-input');
  });

  it('delete keeps the page reference (the scan is never destroyed) and restore puts it back', () => {
    const m = deletePage(deletePage(model(), 'a2'), 'b1');
    expect(shape(m)).toEqual(['A:a1,a3']);
    expect(m.removed).toEqual([
      { page: { id: 'a2', rotation: 0 }, fromDocument: 'A', at: 1 },
      { page: { id: 'b1', rotation: 90 }, fromDocument: 'B', at: 0 },
    ]);
    const back = restorePage(restorePage(m, 'a2'), 'b1');
    expect(shape(back)).toEqual(['A:a1,a2,a3', 'B:b1']);
    expect(back.removed).toEqual([]);
    expect(shape(restorePage(m, 'b1', 'A'))).toEqual(['A:a1,a3,b1']);
    expect(codeOf(() => restorePage(m, 'a1'))).toBe('not-found');
  });

  it('never changes its input', () => {
    const m = model();
    const before = structuredClone(m);
    splitDocument(m, 'A', 1, 'X');
    mergeDocuments(m, 'A', ['B']);
    movePage(m, 'a1', { documentId: 'B', index: 0 });
    rotatePage(m, 'a1', 90);
    deletePage(m, 'a1');
    expect(m).toEqual(before);
  });
});
