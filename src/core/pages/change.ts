// What a page edit is about to change: the documents read, the plan of each document after the change, who may edit.
import type { EditModel, Rotation } from '../../capture/edit';
import type { EditResult, PageInfo } from '../../contract/edit';
import { purgedAtOf } from '../../store/purge';
import { PostkamerError } from '../../contract/errors';
import type { QcFlag } from '../../contract/schemas';
import type { Db } from '../../store/db';
import { deliveryFacts, documentRow, type DocumentRow } from '../../store/documents';
import { pagesOf, type PageRow } from '../../store/pages';
import { weavePages } from './order';

export type { DocumentRow, PageRow };
export type AuditDetails = Record<string, string | number | boolean | null>;

export interface PagePlan {
  row: PageRow;
  removed: boolean;
  /** Set when the page is turned: by how much, from its current image. */
  turn?: Rotation;
  /** Set when the page was scanned again (quality control): its new image and recognition replace the old in place. */
  replace?: ReplacementPage;
}

/** A page scanned again, recognised like any page at ingest. */
export interface ReplacementPage {
  image: Buffer;
  width: number;
  height: number;
  dpi: number;
  colour: string;
  rotation: number;
  ocr: { textSource?: string; text?: string; words: unknown[] } | null;
  qcFlags: QcFlag[];
}

export interface DocPlan {
  id: string;
  /** The row it is (or, for a new document, is made from). */
  base: DocumentRow;
  isNew: boolean;
  title: string | null;
  /** Full order, visible and deleted pages. */
  pages: PagePlan[];
}

export interface Change {
  action: string;
  objectId: string;
  details: AuditDetails;
  docs: DocPlan[];
  /** Documents merged away (their pages are in `docs`). */
  gone: DocumentRow[];
  /** Documents that must keep their state until the change is recorded. */
  watched: string[];
  batchChanged: boolean;
  /**
   * A rescan replaces a page of a delivered document too (its EIO gets a new version): the delivery's start does not
   * refuse it. Only set by quality control.
   */
  afterDelivery?: boolean;
  /** Runs in the change's transaction after it is recorded, with the rebuilt documents' new checksums. */
  alsoRecord?: (
    docs: { id: string; pdfBlobId: string; sha256: string; size: number; previousPdfBlobId: string | null }[],
    images: { pageId: string; blobId: string }[],
  ) => void;
}

// --- reading ------------------------------------------------------------------------------------------------

export function loadDoc(db: Db, id: string): DocumentRow {
  const d = documentRow(db, id);
  if (!d) throw new PostkamerError('not-found', `(document ${id})`, { id });
  // A purged document's pages are gone with its content: there is nothing left to split, move or turn.
  if (purgedAtOf(db, id)) throw new PostkamerError('document-purged', undefined, { id });
  return d;
}

/** What must not change between reading a change and recording it (ocr text is left out: it changes only with the image). */
export function fingerprint(db: Db, ids: string[]): string {
  return JSON.stringify(ids.map((id) => [documentRow(db, id) ?? null, pagesOf(db, id)]));
}

export function pageInfos(rows: PageRow[], includeRemoved: boolean): PageInfo[] {
  const out: PageInfo[] = [];
  let visible = 0;
  for (const r of rows) {
    const info: PageInfo = {
      pageId: r.id,
      seq: visible,
      rotation: r.rotation,
      blank: r.blank === 1,
      qcFlags: JSON.parse(r.qc_flags) as QcFlag[],
      width: r.width,
      height: r.height,
      dpi: r.dpi,
      removed: r.removed === 1,
    };
    if (r.removed === 1) {
      if (includeRemoved) out.push(info);
    } else {
      out.push(info);
      visible++;
    }
  }
  return out;
}

export function editResult(db: Db, documentId: string): EditResult {
  const pages = pageInfos(pagesOf(db, documentId), false);
  return { documentId, pageCount: pages.length, pages };
}

export interface Loaded {
  doc: DocumentRow;
  pages: PageRow[];
  visible: PageRow[];
}

export function load(db: Db, id: string): Loaded {
  const doc = loadDoc(db, id);
  const pages = pagesOf(db, id);
  const visible = pages.filter((p) => p.removed === 0);
  if (visible.length === 0) throw new PostkamerError('invalid-input', "(dit document heeft geen pagina's om te bewerken)", { id });
  return { doc, pages, visible };
}

export function pageAt(l: Loaded, index: number): PageRow {
  const p = l.visible[index];
  if (!p)
    throw new PostkamerError('invalid-input', `(pagina ${index + 1} bestaat niet; dit document heeft ${l.visible.length} pagina's)`, {
      page: index,
    });
  return p;
}

// --- who may edit -------------------------------------------------------------------------------------------

/** Refuses a document whose delivery has begun: its content is frozen, leased, or (being) sent. */
export function assertEditable(db: Db, doc: Pick<DocumentRow, 'id'>, now = Date.now()): void {
  const o = deliveryFacts(db, doc.id);
  if (!o) return;
  const started = o.state !== 'pending' || o.sha256 !== null || (o.claimed_by !== null && (o.claimed_until ?? 0) > now);
  if (!started) return;
  const why =
    o.state === 'done'
      ? '(dit document is al aan het zaaksysteem geleverd en kan niet meer worden bewerkt)'
      : '(dit document wordt naar het zaaksysteem verstuurd en kan niet meer worden bewerkt)';
  throw new PostkamerError('forbidden', why, { documentId: doc.id, outboxState: o.state });
}

/** A document that disappears in a merge may not be waiting for delivery: its link to a zaak would be lost. */
export function assertNotQueued(db: Db, doc: Pick<DocumentRow, 'id'>): void {
  assertEditable(db, doc);
  if (deliveryFacts(db, doc.id)) {
    throw new PostkamerError(
      'forbidden',
      '(een document dat klaarstaat om naar het zaaksysteem te gaan, kan niet in een ander document opgaan)',
      { documentId: doc.id },
    );
  }
}

// --- planning -----------------------------------------------------------------------------------------------

export const modelOf = (ls: Loaded[]): EditModel => ({
  documents: ls.map((l) => ({ id: l.doc.id, pages: l.visible.map((p) => ({ id: p.id, rotation: (p.rotation % 360) as Rotation })) })),
});

/** Builds the plans of the documents after a change from the pure model's result and the old full orders. */
export function plansFrom(
  before: Loaded[],
  after: EditModel,
  removedAfter: Set<string>,
  fresh: Map<string, DocumentRow>,
  turns: Map<string, Rotation> = new Map(),
): DocPlan[] {
  const rows = new Map(before.flatMap((l) => l.pages.map((p) => [p.id, p] as const)));
  const order = weavePages(
    new Map(before.map((l) => [l.doc.id, l.pages.map((p) => ({ id: p.id, removed: p.removed === 1 }))])),
    new Map(after.documents.map((d) => [d.id, d.pages.map((p) => p.id)])),
    removedAfter,
  );
  const docs = new Map(before.map((l) => [l.doc.id, l.doc]));
  return after.documents.map((d) => {
    const base = docs.get(d.id) ?? fresh.get(d.id)!;
    return {
      id: d.id,
      base,
      isNew: !docs.has(d.id),
      title: docs.has(d.id) ? base.title : null,
      pages: order
        .get(d.id)!
        .map((pid) => ({ row: rows.get(pid)!, removed: removedAfter.has(pid), ...(turns.has(pid) ? { turn: turns.get(pid)! } : {}) })),
    };
  });
}

export const removedOf = (ls: Loaded[]) => new Set(ls.flatMap((l) => l.pages.filter((p) => p.removed === 1).map((p) => p.id)));
