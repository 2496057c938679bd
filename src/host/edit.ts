import { randomUUID } from 'node:crypto';
import { summariseExtraction } from './extraction-summary';
import { appendAudit } from '../audit/audit';
import {
  deletePage, mergeDocuments, movePage, restorePage, rotatePage, splitDocument,
  type EditModel, type Rotation,
} from '../capture/edit';
import type { CommandOutput, CommandParsedInput } from '../contract/commands';
import type { editCommands, EditResult, PageInfo } from '../contract/edit';
import { PostkamerError } from '../contract/errors';
import type { EventName } from '../contract/events';
import type { QcFlag } from '../contract/schemas';
import { extractMetadata } from '../domain/extract';
import { findSubject } from '../domain/subject';
import type { Box, OcrLine, OcrPage, OcrWord } from '../domain/types';
import { buildPdfA } from '../pdf/pdfa';
import { straighten } from '../recognise/imageops';
import type { Colour } from '../recognise/types';
import type { Db } from '../store/db';
import type { Store } from '../store/store';
import type { StoredBlob } from '../store/vault';
import type { CallContext } from './core';
import { profileByName } from './profiles';

type AuditDetails = Record<string, string | number | boolean | null>;

// The clerk's corrections of the automatic split, as I/O around the pure rules of capture/edit.ts.
//
// One command = one change: read the documents it touches, apply the pure operation, turn page images where
// asked, rebuild each touched document's PDF/A from its page images and stored OCR words, write the new
// blobs, then record everything in one transaction. Nothing is destroyed before that transaction commits: a
// turned page gets a new image blob (the previous one stays in the vault), a deleted page stays as a hidden
// row with its image, the received item is never touched; only the superseded PDF — derived, rebuildable — is
// dropped, and only after the new one is committed.
//
// Pages are ordered by `seq` across visible and deleted pages together, so a deleted page keeps its place
// between its neighbours and comes back there when restored. A deleted page travels with the visible page that
// follows it (or, at the end of a document, the one before it) when pages are moved, split off or merged.
//
// A document that the delivery to the zaaksysteem has started on (its outbox row froze the content, holds a
// lease, or went past `pending`) is not edited: what was sent must stay what is stored.

export interface EditHost {
  readonly store: Store;
  emit(name: EventName, data: unknown): void;
}

type EditCommand = keyof typeof editCommands;
type EditHandlers = { [C in EditCommand]: (input: CommandParsedInput<C>, ctx: CallContext) => Promise<CommandOutput<C>> | CommandOutput<C> };

// --- pure helpers -------------------------------------------------------------------------------------------

/** A box on an image `width`×`height` after the image is turned clockwise by `degrees` (x1/y1 exclusive). */
export function rotateBox(b: Box, degrees: Rotation, width: number, height: number): Box {
  switch (degrees) {
    case 0: return { ...b };
    case 90: return { x0: height - b.y1, y0: b.x0, x1: height - b.y0, y1: b.x1 };
    case 180: return { x0: width - b.x1, y0: height - b.y1, x1: width - b.x0, y1: height - b.y0 };
    case 270: return { x0: b.y0, y0: width - b.x1, x1: b.y1, y1: width - b.x0 };
  }
}

/** What a page row keeps of its recognition: the text, and the words with boxes in the page image's pixels. */
export interface StoredOcr {
  textSource?: string;
  text?: string;
  words: OcrWord[];
  lines?: OcrLine[];
  [k: string]: unknown;
}

/** The stored OCR with every box moved along with an image turned clockwise by `degrees`. */
export function rotateOcr(ocr: StoredOcr, degrees: Rotation, width: number, height: number): StoredOcr {
  const word = (w: OcrWord): OcrWord => ({ ...w, bbox: rotateBox(w.bbox, degrees, width, height) });
  return {
    ...ocr,
    words: (ocr.words ?? []).map(word),
    ...(ocr.lines ? { lines: ocr.lines.map((l) => ({ ...l, bbox: rotateBox(l.bbox, degrees, width, height), words: (l.words ?? []).map(word) })) } : {}),
  };
}

const unionBox = (boxes: Box[]): Box => boxes.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));

/**
 * The lines extraction reads, rebuilt from the stored text (one OCR line per text line) and the words in reading
 * order. When the words do not line up with the text, [] — extraction then reads the plain text, without boxes.
 */
export function ocrLines(ocr: StoredOcr | null): OcrLine[] {
  if (!ocr) return [];
  if (ocr.lines && ocr.lines.length > 0) return ocr.lines;
  const words = ocr.words ?? [];
  if (words.length === 0 || typeof ocr.text !== 'string') return [];
  const lines: OcrLine[] = [];
  let k = 0;
  for (const raw of ocr.text.split('\n')) {
    const text = raw.trim();
    if (!text) continue;
    const ws: OcrWord[] = [];
    let cursor = 0;
    while (k < words.length) {
      const at = text.indexOf(words[k]!.text, cursor);
      if (at < 0) break;
      ws.push(words[k]!);
      cursor = at + words[k]!.text.length;
      k++;
    }
    if (ws.length === 0) return [];
    const confidence = ws.reduce((s, w) => s + w.confidence, 0) / ws.length;
    lines.push({ text, confidence, bbox: unionBox(ws.map((w) => w.bbox)), words: ws });
  }
  return k === words.length ? lines : [];
}

/** The title of a part split off: "… (deel 2)", counting on from a part that was split before. */
export function partTitle(title: string): string {
  const m = /^(.*) \(deel (\d+)\)$/.exec(title);
  return m ? `${m[1]} (deel ${Number(m[2]) + 1})` : `${title} (deel 2)`;
}

export interface OrderedPage { id: string; removed: boolean }

/**
 * The full page order (visible and deleted) of each document after a change, from the full order before it
 * (`before`, per document) and the new visible order (`visible`, per document, from the pure rules). A deleted
 * page travels with the next visible page of its old document, or with the last one when none follows.
 * `removedAfter` holds the pages that are deleted once the change is made.
 */
export function weavePages(before: Map<string, OrderedPage[]>, visible: Map<string, string[]>, removedAfter: Set<string>): Map<string, string[]> {
  const prefix = new Map<string, string[]>();
  const suffix = new Map<string, string[]>();
  for (const pages of before.values()) {
    let waiting: string[] = [];
    let last: string | null = null;
    for (const p of pages) {
      if (removedAfter.has(p.id)) {
        waiting.push(p.id);
      } else {
        prefix.set(p.id, waiting);
        waiting = [];
        last = p.id;
      }
    }
    if (waiting.length > 0) {
      if (last === null) throw new PostkamerError('invalid-input', 'Een document moet minstens één pagina houden.');
      suffix.set(last, waiting);
    }
  }
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [doc, ids] of visible) {
    const full: string[] = [];
    for (const id of ids) full.push(...(prefix.get(id) ?? []), id, ...(suffix.get(id) ?? []));
    for (const id of full) {
      if (seen.has(id)) throw new Error(`page ${id} placed twice`);
      seen.add(id);
    }
    out.set(doc, full);
  }
  const all = [...before.values()].flat();
  if (all.length !== seen.size || all.some((p) => !seen.has(p.id))) throw new Error('a page was lost in the new order');
  return out;
}

// --- rows ---------------------------------------------------------------------------------------------------

interface DocRow {
  rowid: number; id: string; batch_id: string; item_id: string | null; seq: number; title: string; file_name: string;
  status: string; source_blob_id: string | null; pdf_blob_id: string | null; extracted: string; created_at: string; updated_at: string;
}
interface PageRow {
  id: string; document_id: string; seq: number; image_blob_id: string | null; width: number; height: number; dpi: number;
  colour: string; rotation: number; blank: number; qc_flags: string; removed: number;
}

const DOC_COLUMNS = 'rowid, id, batch_id, item_id, seq, title, file_name, status, source_blob_id, pdf_blob_id, extracted, created_at, updated_at';
const PAGE_COLUMNS = 'id, document_id, seq, image_blob_id, width, height, dpi, colour, rotation, blank, qc_flags, removed';

function loadDoc(db: Db, id: string): DocRow {
  const d = db.prepare(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocRow | undefined;
  if (!d) throw new PostkamerError('not-found', `(document ${id})`, { id });
  return d;
}

function loadPages(db: Db, documentId: string): PageRow[] {
  return db.prepare(`SELECT ${PAGE_COLUMNS} FROM pages WHERE document_id = ? ORDER BY seq`).all(documentId) as PageRow[];
}

/** What must not change between reading a change and recording it (ocr text is left out: it changes only with the image). */
function fingerprint(db: Db, ids: string[]): string {
  return JSON.stringify(ids.map((id) => [
    db.prepare(`SELECT ${DOC_COLUMNS} FROM documents WHERE id = ?`).get(id) ?? null,
    db.prepare(`SELECT ${PAGE_COLUMNS} FROM pages WHERE document_id = ? ORDER BY seq`).all(id),
  ]));
}

function pageInfos(rows: PageRow[], includeRemoved: boolean): PageInfo[] {
  const out: PageInfo[] = [];
  let visible = 0;
  for (const r of rows) {
    const info: PageInfo = {
      pageId: r.id, seq: visible, rotation: r.rotation, blank: r.blank === 1, qcFlags: JSON.parse(r.qc_flags) as QcFlag[],
      width: r.width, height: r.height, dpi: r.dpi, removed: r.removed === 1,
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

function editResult(db: Db, documentId: string): EditResult {
  const pages = pageInfos(loadPages(db, documentId), false);
  return { documentId, pageCount: pages.length, pages };
}

// --- who may edit -------------------------------------------------------------------------------------------

interface OutboxFacts { state: string; sha256: string | null; claimed_by: string | null; claimed_until: number | null }

function outboxOf(db: Db, documentId: string): OutboxFacts | undefined {
  return db.prepare('SELECT state, sha256, claimed_by, claimed_until FROM zgw_outbox WHERE document_id = ?').get(documentId) as OutboxFacts | undefined;
}

/** Refuses a document whose delivery has begun: its content is frozen, leased, or (being) sent. */
function assertEditable(db: Db, doc: Pick<DocRow, 'id'>, now = Date.now()): void {
  const o = outboxOf(db, doc.id);
  if (!o) return;
  const started = o.state !== 'pending' || o.sha256 !== null || (o.claimed_by !== null && (o.claimed_until ?? 0) > now);
  if (!started) return;
  const why = o.state === 'done'
    ? '(dit document is al aan het zaaksysteem geleverd en kan niet meer worden bewerkt)'
    : '(dit document wordt naar het zaaksysteem verstuurd en kan niet meer worden bewerkt)';
  throw new PostkamerError('forbidden', why, { documentId: doc.id, outboxState: o.state });
}

/** A document that disappears in a merge may not be waiting for delivery: its link to a zaak would be lost. */
function assertNotQueued(db: Db, doc: Pick<DocRow, 'id'>): void {
  assertEditable(db, doc);
  if (outboxOf(db, doc.id)) {
    throw new PostkamerError('forbidden', '(een document dat klaarstaat om naar het zaaksysteem te gaan, kan niet in een ander document opgaan)', { documentId: doc.id });
  }
}

// --- a change -----------------------------------------------------------------------------------------------

interface PagePlan {
  row: PageRow;
  removed: boolean;
  /** Set when the page is turned: by how much, from its current image. */
  turn?: Rotation;
}

interface DocPlan {
  id: string;
  /** The row it is (or, for a new document, is made from). */
  base: DocRow;
  isNew: boolean;
  title: string | null;
  /** Full order, visible and deleted pages. */
  pages: PagePlan[];
}

interface Change {
  action: string;
  objectId: string;
  details: AuditDetails;
  docs: DocPlan[];
  /** Documents merged away (their pages are in `docs`). */
  gone: DocRow[];
  /** Documents that must keep their state until the change is recorded. */
  watched: string[];
  batchChanged: boolean;
}

interface PreparedPage { plan: PagePlan; documentId: string; seq: number; image: Buffer; imageBlob: StoredBlob | null; width: number; height: number; rotation: number; ocr: StoredOcr | null; qcFlags: QcFlag[] }
interface PreparedDoc { plan: DocPlan; title: string; pages: PreparedPage[]; pdf: StoredBlob; text: string; extracted: Record<string, unknown>; zaaknummer: string | null; containsBsn: boolean; qcFlags: QcFlag[] }

function parseOcr(db: Db, pageId: string): StoredOcr | null {
  const r = db.prepare('SELECT ocr FROM pages WHERE id = ?').get(pageId) as { ocr: string | null };
  return r.ocr ? (JSON.parse(r.ocr) as StoredOcr) : null;
}

function imageModeFor(db: Db, batchId: string) {
  const b = db.prepare('SELECT profile, created_at FROM batches WHERE id = ?').get(batchId) as { profile: string | null; created_at: string };
  let profile;
  try {
    profile = profileByName(db, b.profile);
  } catch {
    // The batch's profile was renamed or removed since: the default profile decides.
    profile = profileByName(db, null);
  }
  return { mode: profile.imageMode, scanDate: b.created_at.slice(0, 10) };
}


function metadataOf(doc: DocRow): Record<string, string> | undefined {
  try {
    const m = (JSON.parse(doc.extracted) as { metadata?: Record<string, string> }).metadata;
    return m && typeof m === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Turns page images, extracts, and writes the new PDFs; everything written is returned for commit or cleanup. */
async function prepare(store: Store, change: Change, written: StoredBlob[]): Promise<PreparedDoc[]> {
  const { db, vault } = store;
  const out: PreparedDoc[] = [];
  for (const plan of change.docs) {
    const { mode, scanDate } = imageModeFor(db, plan.base.batch_id);
    const pages: PreparedPage[] = [];
    for (const [seq, p] of plan.pages.entries()) {
      const prepared: PreparedPage = {
        plan: p, documentId: plan.id, seq, image: Buffer.alloc(0), imageBlob: null, width: p.row.width, height: p.row.height,
        rotation: p.row.rotation, ocr: null, qcFlags: JSON.parse(p.row.qc_flags) as QcFlag[],
      };
      if (!p.removed || p.turn) {
        if (!p.row.image_blob_id) throw new PostkamerError('invalid-input', '(deze pagina heeft geen afbeelding om een PDF van te maken)', { pageId: p.row.id });
        prepared.image = vault.read(p.row.image_blob_id);
        prepared.ocr = parseOcr(db, p.row.id);
      }
      if (p.turn) {
        const turned = await straighten({ index: seq, image: prepared.image, width: p.row.width, height: p.row.height, dpi: p.row.dpi, colour: p.row.colour as Colour }, p.turn, 0);
        const blob = await vault.write(turned.image, 'image/png');
        written.push(blob);
        prepared.image = turned.image;
        prepared.imageBlob = blob;
        prepared.width = turned.width;
        prepared.height = turned.height;
        prepared.rotation = (p.row.rotation + p.turn) % 360;
        if (prepared.ocr) prepared.ocr = rotateOcr(prepared.ocr, p.turn, p.row.width, p.row.height);
        // The clerk has looked at the page and set it upright: the automatic doubt is answered.
        prepared.qcFlags = prepared.qcFlags.filter((f) => f !== 'orientation-uncertain');
      }
      pages.push(prepared);
    }
    const visible = pages.filter((p) => !p.plan.removed);
    const ocrPages: OcrPage[] = visible.map((p, i) => ({ pageIndex: i, width: p.width, height: p.height, text: p.ocr?.text ?? '', lines: ocrLines(p.ocr) }));
    const metadata = metadataOf(plan.base);
    const found = extractMetadata(ocrPages, { scanDate });
    const { zaaknummer, summary } = summariseExtraction(found, metadata);
    const title = plan.title ?? findSubject(ocrPages) ?? partTitle(plan.base.title);
    const pdf = await buildPdfA(
      visible.map((p) => ({ image: p.image, width: p.width, height: p.height, dpi: p.plan.row.dpi, colour: p.plan.row.colour as Colour, words: p.ocr?.words ?? [] })),
      { documentId: plan.id, title, createdAt: new Date(), language: 'nl-NL' },
      { mode },
    );
    const pdfBlob = await vault.write(pdf, 'application/pdf');
    written.push(pdfBlob);
    // Pages are done with their pixels once the PDF holds them.
    for (const p of pages) p.image = Buffer.alloc(0);
    out.push({
      plan, title, pages, pdf: pdfBlob, text: ocrPages.map((p) => p.text).join('\n\f\n'), extracted: summary, zaaknummer,
      containsBsn: found.containsBsn, qcFlags: [...new Set(visible.flatMap((p) => p.qcFlags))],
    });
  }
  return out;
}

/** Drops a superseded PDF's row (in the transaction) unless something still refers to it; true when dropped. */
function dropBlobRow(db: Db, id: string): boolean {
  const used = db.prepare(
    `SELECT 1 FROM documents WHERE pdf_blob_id = @id OR source_blob_id = @id
     UNION ALL SELECT 1 FROM pages WHERE image_blob_id = @id
     UNION ALL SELECT 1 FROM items WHERE blob_id = @id
     UNION ALL SELECT 1 FROM zgw_outbox WHERE content_blob_id = @id LIMIT 1`,
  ).get({ id });
  if (used) return false;
  db.prepare('DELETE FROM blobs WHERE id = ?').run(id);
  return true;
}

function record(store: Store, ctx: CallContext, change: Change, docs: PreparedDoc[], expected: string): string[] {
  const { db, vault } = store;
  const dropped: string[] = [];
  db.transaction(() => {
    if (fingerprint(db, change.watched) !== expected) throw new PostkamerError('edit-conflict');
    for (const id of change.watched) assertEditable(db, { id });
    for (const d of change.gone) assertNotQueued(db, d);
    const now = new Date().toISOString();
    for (const d of docs) {
      vault.commit(d.pdf);
      for (const p of d.pages) if (p.imageBlob) vault.commit(p.imageBlob);
    }
    // New documents first: their pages point at them.
    for (const d of docs.filter((x) => x.plan.isNew)) {
      const base = d.plan.base;
      // Right after its original: the documents in the way move up by one, up to the first free place (ingest
      // numbers documents item × 1000 + k, so there usually is one at once).
      const later = db.prepare('SELECT seq FROM documents WHERE batch_id = ? AND seq > ? ORDER BY seq').all(base.batch_id, base.seq) as { seq: number }[];
      let end = base.seq + 1;
      for (const r of later) if (r.seq === end) end++;
      db.prepare('UPDATE documents SET seq = seq + 1 WHERE batch_id = ? AND seq > ? AND seq < ?').run(base.batch_id, base.seq, end);
      db.prepare(
        `INSERT INTO documents (id, batch_id, item_id, seq, title, file_name, mime, size, sha256, source_blob_id, pdf_blob_id, status,
           page_count, qc_flags, contains_bsn, extracted, zaaknummer, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, 'application/pdf', ?, ?, ?, ?, 'ready', 0, '[]', 0, '{}', NULL, ?, ?)`,
      ).run(d.plan.id, base.batch_id, base.item_id, base.seq + 1, d.title, base.file_name, d.pdf.size, d.pdf.sha256, base.source_blob_id, d.pdf.id, base.created_at, now);
      const rowid = (db.prepare('SELECT rowid FROM documents WHERE id = ?').get(d.plan.id) as { rowid: number }).rowid;
      db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(rowid, d.title, d.text);
    }
    // Two passes over the pages, because (document_id, seq) is unique at every step: first out of the way, then home.
    const all = docs.flatMap((d) => d.pages);
    const park = db.prepare('UPDATE pages SET document_id = ?, seq = ? WHERE id = ?');
    all.forEach((p, i) => park.run(p.documentId, -1 - i, p.plan.row.id));
    const place = db.prepare('UPDATE pages SET seq = ?, removed = ?, rotation = ?, width = ?, height = ?, image_blob_id = ?, qc_flags = ? WHERE id = ?');
    const setOcr = db.prepare('UPDATE pages SET ocr = ? WHERE id = ?');
    for (const p of all) {
      place.run(p.seq, p.plan.removed ? 1 : 0, p.rotation, p.width, p.height, p.imageBlob?.id ?? p.plan.row.image_blob_id, JSON.stringify(p.qcFlags), p.plan.row.id);
      if (p.plan.turn && p.ocr) setOcr.run(JSON.stringify(p.ocr), p.plan.row.id);
    }
    for (const g of change.gone) {
      db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(g.rowid);
      db.prepare('DELETE FROM documents WHERE id = ?').run(g.id);
      appendAudit(db, {
        actor: ctx.actor, origin: ctx.origin, action: 'document.delete', objectType: 'document', objectId: g.id, result: 'ok',
        details: { reason: 'merged', into: change.objectId, itemId: g.item_id, previousPdfBlobId: g.pdf_blob_id },
      });
      if (g.pdf_blob_id && dropBlobRow(db, g.pdf_blob_id)) dropped.push(g.pdf_blob_id);
    }
    const update = db.prepare(
      `UPDATE documents SET title = ?, mime = 'application/pdf', size = ?, sha256 = ?, pdf_blob_id = ?, status = 'ready', page_count = ?,
         qc_flags = ?, contains_bsn = ?, extracted = ?, zaaknummer = ?, updated_at = ? WHERE id = ?`,
    );
    for (const d of docs) {
      const visible = d.pages.filter((p) => !p.plan.removed).length;
      update.run(d.title, d.pdf.size, d.pdf.sha256, d.pdf.id, visible, JSON.stringify(d.qcFlags), d.containsBsn ? 1 : 0, JSON.stringify(d.extracted), d.zaaknummer, now, d.plan.id);
      if (!d.plan.isNew) {
        const rowid = (db.prepare('SELECT rowid FROM documents WHERE id = ?').get(d.plan.id) as { rowid: number }).rowid;
        db.prepare('DELETE FROM documents_fts WHERE rowid = ?').run(rowid);
        db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)').run(rowid, d.title, d.text);
      }
    }
    appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: change.action, objectType: 'document', objectId: change.objectId, result: 'ok', details: change.details });
    for (const d of docs) {
      const previous = d.plan.isNew ? null : d.plan.base.pdf_blob_id;
      appendAudit(db, {
        actor: ctx.actor, origin: ctx.origin, action: d.plan.isNew ? 'document.create' : 'document.rebuild', objectType: 'document', objectId: d.plan.id, result: 'ok',
        details: {
          pages: d.pages.filter((p) => !p.plan.removed).length,
          removedPages: d.pages.filter((p) => p.plan.removed).length,
          pdfBlobId: d.pdf.id,
          previousPdfBlobId: previous,
          ...(d.plan.isNew ? { splitFrom: change.objectId, itemId: d.plan.base.item_id } : {}),
        },
      });
      // A turned page has a new image; the one it replaces stays in the vault.
      for (const p of d.pages.filter((x) => x.imageBlob)) {
        appendAudit(db, {
          actor: ctx.actor, origin: ctx.origin, action: 'page.image', objectType: 'page', objectId: p.plan.row.id, result: 'ok',
          details: { documentId: d.plan.id, rotation: p.rotation, imageBlobId: p.imageBlob!.id, previousImageBlobId: p.plan.row.image_blob_id },
        });
      }
      if (previous && dropBlobRow(db, previous)) dropped.push(previous);
    }
  }).immediate();
  return dropped;
}

/** Reads, prepares and records one change; on any failure the blobs it wrote are removed again. */
async function apply(host: EditHost, ctx: CallContext, plan: () => Change): Promise<Change> {
  const { store } = host;
  const change = plan();
  const expected = fingerprint(store.db, change.watched);
  const written: StoredBlob[] = [];
  let dropped: string[];
  try {
    const docs = await prepare(store, change, written);
    dropped = record(store, ctx, change, docs, expected);
  } catch (e) {
    for (const b of written) {
      try {
        store.vault.shred(b.id);
      } catch {
        // Left as 'writing': vault recovery removes it at the next start.
      }
    }
    throw e;
  }
  // The rows are gone with the commit; the files follow (a crash here leaves files without rows, which recovery removes).
  for (const id of dropped) store.vault.shred(id);
  const batches = new Set<string>();
  for (const d of [...change.docs.map((x) => x.base), ...change.gone]) batches.add(d.batch_id);
  for (const d of change.docs) host.emit('document.changed', { documentId: d.id, batchId: d.base.batch_id });
  for (const g of change.gone) host.emit('document.changed', { documentId: g.id, batchId: g.batch_id });
  if (change.batchChanged) for (const b of batches) host.emit('batch.changed', { batchId: b });
  return change;
}

// --- from a command to a change ------------------------------------------------------------------------------

interface Loaded { doc: DocRow; pages: PageRow[]; visible: PageRow[] }

function load(db: Db, id: string): Loaded {
  const doc = loadDoc(db, id);
  const pages = loadPages(db, id);
  const visible = pages.filter((p) => p.removed === 0);
  if (visible.length === 0) throw new PostkamerError('invalid-input', '(dit document heeft geen pagina\'s om te bewerken)', { id });
  return { doc, pages, visible };
}

function pageAt(l: Loaded, index: number): PageRow {
  const p = l.visible[index];
  if (!p) throw new PostkamerError('invalid-input', `(pagina ${index + 1} bestaat niet; dit document heeft ${l.visible.length} pagina's)`, { page: index });
  return p;
}

const modelOf = (ls: Loaded[]): EditModel => ({
  documents: ls.map((l) => ({ id: l.doc.id, pages: l.visible.map((p) => ({ id: p.id, rotation: (p.rotation % 360) as Rotation })) })),
});

/** Builds the plans of the documents after a change from the pure model's result and the old full orders. */
function plansFrom(before: Loaded[], after: EditModel, removedAfter: Set<string>, fresh: Map<string, DocRow>, turns: Map<string, Rotation> = new Map()): DocPlan[] {
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
      pages: order.get(d.id)!.map((pid) => ({ row: rows.get(pid)!, removed: removedAfter.has(pid), ...(turns.has(pid) ? { turn: turns.get(pid)! } : {}) })),
    };
  });
}

const removedOf = (ls: Loaded[]) => new Set(ls.flatMap((l) => l.pages.filter((p) => p.removed === 1).map((p) => p.id)));

/** Runs edits one after another: each reads, builds and records against the state the previous one left. */
function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function createEditHandlers(host: EditHost): EditHandlers {
  const db = () => host.store.db;
  const queue = serial();

  return {
    'documents.pages': (i) => {
      loadDoc(db(), i.id);
      return pageInfos(loadPages(db(), i.id), i.includeRemoved);
    },

    'documents.split': (i, ctx) => queue(async () => {
      const newId = randomUUID();
      await apply(host, ctx, () => {
        const l = load(db(), i.id);
        assertEditable(db(), l.doc);
        const after = splitDocument(modelOf([l]), l.doc.id, i.atPage, newId);
        return {
          action: 'document.split', objectId: l.doc.id,
          details: { newDocumentId: newId, atPage: i.atPage, pagesKept: i.atPage, pagesMoved: l.visible.length - i.atPage },
          docs: plansFrom([l], after, removedOf([l]), new Map([[newId, l.doc]])),
          gone: [], watched: [l.doc.id], batchChanged: true,
        };
      });
      return { documents: [i.id, newId] as [string, string] };
    }),

    'documents.merge': (i, ctx) => queue(async () => {
      await apply(host, ctx, () => {
        const target = load(db(), i.targetId);
        assertEditable(db(), target.doc);
        const sources = i.sourceIds.map((id) => {
          if (id === i.targetId) throw new PostkamerError('invalid-input', '(een document kan niet met zichzelf worden samengevoegd)');
          const s = load(db(), id);
          if (s.doc.batch_id !== target.doc.batch_id) throw new PostkamerError('invalid-input', '(alleen documenten uit dezelfde batch kunnen worden samengevoegd)', { id });
          assertNotQueued(db(), s.doc);
          return s;
        });
        const all = [target, ...sources];
        const after = mergeDocuments(modelOf(all), target.doc.id, i.sourceIds);
        return {
          action: 'document.merge', objectId: target.doc.id,
          details: { sources: sources.map((s) => s.doc.id).join(','), pagesAdded: sources.reduce((n, s) => n + s.visible.length, 0), pages: after.documents.find((d) => d.id === target.doc.id)!.pages.length },
          docs: plansFrom(all, after, removedOf(all), new Map()),
          gone: sources.map((s) => s.doc), watched: all.map((l) => l.doc.id), batchChanged: true,
        };
      });
      return editResult(db(), i.targetId);
    }),

    'documents.movePage': (i, ctx) => queue(async () => {
      await apply(host, ctx, () => {
        const l = load(db(), i.id);
        assertEditable(db(), l.doc);
        const page = pageAt(l, i.from);
        const after = movePage(modelOf([l]), page.id, { documentId: l.doc.id, index: i.to });
        return {
          action: 'page.move', objectId: l.doc.id, details: { pageId: page.id, from: i.from, to: i.to },
          docs: plansFrom([l], after, removedOf([l]), new Map()), gone: [], watched: [l.doc.id], batchChanged: false,
        };
      });
      return editResult(db(), i.id);
    }),

    'documents.rotatePage': (i, ctx) => queue(async () => {
      await apply(host, ctx, () => {
        const l = load(db(), i.id);
        assertEditable(db(), l.doc);
        const page = pageAt(l, i.page);
        const after = rotatePage(modelOf([l]), page.id, i.rotation);
        const rotation = after.documents[0]!.pages[i.page]!.rotation;
        return {
          action: 'page.rotate', objectId: l.doc.id, details: { pageId: page.id, page: i.page, degrees: i.rotation, rotation },
          docs: plansFrom([l], after, removedOf([l]), new Map(), new Map([[page.id, i.rotation]])), gone: [], watched: [l.doc.id], batchChanged: false,
        };
      });
      return editResult(db(), i.id);
    }),

    'documents.deletePage': (i, ctx) => queue(async () => {
      let removedPageId = '';
      await apply(host, ctx, () => {
        const l = load(db(), i.id);
        assertEditable(db(), l.doc);
        const page = pageAt(l, i.page);
        if (l.visible.length === 1) {
          throw new PostkamerError('invalid-input', '(de laatste pagina van een document kan niet worden verwijderd; voeg het document eventueel samen met een ander)');
        }
        removedPageId = page.id;
        const after = deletePage(modelOf([l]), page.id);
        return {
          action: 'page.delete', objectId: l.doc.id, details: { pageId: page.id, page: i.page, imageBlobId: page.image_blob_id },
          docs: plansFrom([l], after, new Set([...removedOf([l]), page.id]), new Map()), gone: [], watched: [l.doc.id], batchChanged: false,
        };
      });
      return { ...editResult(db(), i.id), removedPageId };
    }),

    'documents.restorePage': (i, ctx) => queue(async () => {
      await apply(host, ctx, () => {
        const l = load(db(), i.id);
        assertEditable(db(), l.doc);
        const k = l.pages.findIndex((p) => p.id === i.pageId && p.removed === 1);
        if (k < 0) throw new PostkamerError('not-found', '(deze verwijderde pagina hoort niet bij dit document)', { pageId: i.pageId });
        const at = l.pages.slice(0, k).filter((p) => p.removed === 0).length;
        const page = l.pages[k]!;
        const model: EditModel = { ...modelOf([l]), removed: [{ page: { id: page.id, rotation: (page.rotation % 360) as Rotation }, fromDocument: l.doc.id, at }] };
        const after = restorePage(model, page.id);
        const removed = removedOf([l]);
        removed.delete(page.id);
        return {
          action: 'page.restore', objectId: l.doc.id, details: { pageId: page.id, page: at },
          docs: plansFrom([l], after, removed, new Map()), gone: [], watched: [l.doc.id], batchChanged: false,
        };
      });
      return editResult(db(), i.id);
    }),
  };
}
