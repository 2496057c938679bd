// Manual corrections of a split batch: split, merge, move, rotate, delete (and restore) pages. Pure functions
// on a small model of references: each returns a new model and leaves its input untouched, so the host can keep
// the previous state for undo and the audit trail. A page is only ever referenced here; deleting takes the
// reference out of its document and keeps it in `removed`, so the original scan is never destroyed before
// delivery.
import { PostkamerError } from '../contract/errors';

export type Rotation = 0 | 90 | 180 | 270;
export interface EditPage {
  id: string;
  rotation: Rotation;
}
export interface EditDocument {
  id: string;
  pages: EditPage[];
}
export interface EditModel {
  documents: EditDocument[];
  /** Pages taken out of every document, with where they came from (for restore and audit). */
  removed?: { page: EditPage; fromDocument: string; at: number }[];
}

const notFound = (what: string, id: string) => new PostkamerError('not-found', `${what} ${id} bestaat niet in deze batch.`, { id });
const invalid = (why: string) => new PostkamerError('invalid-input', why);

function clone(m: EditModel): EditModel {
  return {
    documents: m.documents.map((d) => ({ id: d.id, pages: d.pages.map((p) => ({ ...p })) })),
    ...(m.removed ? { removed: m.removed.map((r) => ({ ...r, page: { ...r.page } })) } : {}),
  };
}

function docIndex(m: EditModel, id: string): number {
  const i = m.documents.findIndex((d) => d.id === id);
  if (i < 0) throw notFound('Document', id);
  return i;
}

function locate(m: EditModel, pageId: string): { d: number; p: number } {
  for (let d = 0; d < m.documents.length; d++) {
    const p = m.documents[d]!.pages.findIndex((x) => x.id === pageId);
    if (p >= 0) return { d, p };
  }
  throw notFound('Pagina', pageId);
}

/** A document without pages is not kept. */
const prune = (m: EditModel): EditModel => ({ ...m, documents: m.documents.filter((d) => d.pages.length > 0) });

/** Splits a document before page `at` (0-based); the pages from `at` on become document `newId`, right after it. */
export function splitDocument(model: EditModel, documentId: string, at: number, newId: string): EditModel {
  const m = clone(model);
  const i = docIndex(m, documentId);
  const doc = m.documents[i]!;
  if (!Number.isInteger(at) || at < 1 || at >= doc.pages.length)
    throw invalid(`Splitsen kan alleen tussen twee pagina's (1 t/m ${doc.pages.length - 1}).`);
  if (m.documents.some((d) => d.id === newId)) throw invalid(`Document ${newId} bestaat al.`);
  m.documents.splice(i + 1, 0, { id: newId, pages: doc.pages.splice(at) });
  return m;
}

/** Appends the pages of `sourceIds` (in that order) to `targetId`; the sources disappear. */
export function mergeDocuments(model: EditModel, targetId: string, sourceIds: string[]): EditModel {
  const m = clone(model);
  const target = m.documents[docIndex(m, targetId)]!;
  const seen = new Set<string>();
  for (const s of sourceIds) {
    if (s === targetId || seen.has(s)) throw invalid('Een document kan niet met zichzelf worden samengevoegd.');
    seen.add(s);
    target.pages.push(...m.documents[docIndex(m, s)]!.pages);
  }
  m.documents = m.documents.filter((d) => !seen.has(d.id));
  return m;
}

/** Moves a page to position `index` of `documentId`, counted after the page is taken out (the same document reorders). */
export function movePage(model: EditModel, pageId: string, to: { documentId: string; index: number }): EditModel {
  const m = clone(model);
  const from = locate(m, pageId);
  const target = m.documents[docIndex(m, to.documentId)]!;
  const [page] = m.documents[from.d]!.pages.splice(from.p, 1);
  if (!Number.isInteger(to.index) || to.index < 0 || to.index > target.pages.length) {
    throw invalid(`Positie ${to.index} bestaat niet in document ${to.documentId}.`);
  }
  target.pages.splice(to.index, 0, page!);
  return prune(m);
}

/** Turns a page by a multiple of 90° (positive = clockwise). */
export function rotatePage(model: EditModel, pageId: string, degrees: number): EditModel {
  if (!Number.isInteger(degrees) || degrees % 90 !== 0) throw invalid('Draaien kan alleen in stappen van 90 graden.');
  const m = clone(model);
  const { d, p } = locate(m, pageId);
  const page = m.documents[d]!.pages[p]!;
  page.rotation = ((((page.rotation + degrees) % 360) + 360) % 360) as Rotation;
  return m;
}

/** Takes a page out of its document (kept in `removed`); a document left empty disappears. */
export function deletePage(model: EditModel, pageId: string): EditModel {
  const m = clone(model);
  const { d, p } = locate(m, pageId);
  const doc = m.documents[d]!;
  const [page] = doc.pages.splice(p, 1);
  m.removed = [...(m.removed ?? []), { page: page!, fromDocument: doc.id, at: p }];
  return prune(m);
}

/** Puts a removed page back where it was (or at the end of `documentId` when given, or when its document is gone). */
export function restorePage(model: EditModel, pageId: string, documentId?: string): EditModel {
  const m = clone(model);
  const k = (m.removed ?? []).findIndex((r) => r.page.id === pageId);
  if (k < 0) throw notFound('Verwijderde pagina', pageId);
  const [r] = m.removed!.splice(k, 1);
  const targetId = documentId ?? r!.fromDocument;
  const i = m.documents.findIndex((d) => d.id === targetId);
  if (i < 0) {
    if (documentId) throw notFound('Document', documentId);
    m.documents.push({ id: r!.fromDocument, pages: [r!.page] });
  } else {
    const pages = m.documents[i]!.pages;
    pages.splice(documentId ? pages.length : Math.min(r!.at, pages.length), 0, r!.page);
  }
  return m;
}
