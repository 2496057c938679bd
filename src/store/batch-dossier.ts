// A scan batch's dossier (vervangende digitalisering): the capture facts recorded as the batch is made, each unit's
// page tally, the batch's pages by their position in the scanned stack, and the events that follow (append-only).
import type { Db } from './db';
import { stmt } from './statements';

export interface DossierStart {
  batchId: string;
  scannedBy: string;
  scannedByName: string;
  origin: string;
  workstation: string;
  startedAt: string;
  scanner: Record<string, unknown>;
  profile: Record<string, unknown>;
  software: Record<string, unknown>;
}

export interface DossierRow {
  batch_id: string;
  scanned_by: string;
  scanned_by_name: string;
  origin: string;
  workstation: string;
  started_at: string;
  scanner: string;
  profile: string;
  software: string;
  closed_at: string | null;
  pages_in: number | null;
  pages_out: number | null;
  blank_removed: number | null;
  blank_flagged: number | null;
  separator_sheets: number | null;
  documents: number | null;
  qc_flags: string | null;
}

export interface UnitTally {
  pagesIn: number;
  pagesOut: number;
  blankRemoved: number;
  blankFlagged: number;
  separatorSheets: number;
}

export interface BatchEventRow {
  seq: number;
  batch_id: string;
  at: string;
  by: string;
  kind: 'qc-start' | 'qc-judge' | 'rescan' | 'qc-close' | 'verklaring' | 'vernietigd';
  page: number | null;
  verdict: 'goed' | 'fout' | null;
  reason: string | null;
  old_blob_id: string | null;
  new_blob_id: string | null;
  detail: string;
}

/** Opens a batch's dossier as the batch is created, in the caller's transaction. */
export function insertDossier(db: Db, d: DossierStart): void {
  stmt(
    db,
    `INSERT INTO batch_dossiers (batch_id, scanned_by, scanned_by_name, origin, workstation, started_at, scanner, profile, software)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    d.batchId,
    d.scannedBy,
    d.scannedByName,
    d.origin,
    d.workstation,
    d.startedAt,
    JSON.stringify(d.scanner),
    JSON.stringify(d.profile),
    JSON.stringify(d.software),
  );
}

/** What the scanner told about itself (make, model, serial) while the dossier is still open; false once closed or absent. */
export function setDossierScanner(db: Db, batchId: string, scanner: Record<string, unknown>): boolean {
  return (
    stmt(db, 'UPDATE batch_dossiers SET scanner = ? WHERE batch_id = ? AND closed_at IS NULL').run(JSON.stringify(scanner), batchId)
      .changes > 0
  );
}

/** One processed unit's pages in and out, in the transaction that stores its documents. */
export function insertUnitTally(db: Db, batchId: string, unit: string, firstSeq: number, t: UnitTally): void {
  stmt(
    db,
    `INSERT OR REPLACE INTO batch_units (batch_id, unit, first_seq, pages_in, pages_out, blank_removed, blank_flagged, separator_sheets)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(batchId, unit, firstSeq, t.pagesIn, t.pagesOut, t.blankRemoved, t.blankFlagged, t.separatorSheets);
}

export function dossierRow(db: Db, batchId: string): DossierRow | undefined {
  return stmt(db, 'SELECT * FROM batch_dossiers WHERE batch_id = ?').get(batchId) as DossierRow | undefined;
}

/** The dossiers of these batches, by batch id (for the batch list). */
export function dossierRows(db: Db, batchIds: string[]): Map<string, DossierRow> {
  const out = new Map<string, DossierRow>();
  if (batchIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT * FROM batch_dossiers WHERE batch_id IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(batchIds)) as DossierRow[];
  for (const r of rows) out.set(r.batch_id, r);
  return out;
}

/**
 * Closes the dossier when the batch's processing ends: the page counts from the units' tallies, the documents, the
 * pages' quality flags, and each kept page's 1-based position in the scanned stack (its unit's offset — the pages
 * received before it — plus its place in the unit). Once closed, nothing of it changes (a trigger refuses). A batch
 * without a dossier (made before dossiers existed) or one closed already is left alone.
 */
export function closeDossier(db: Db, batchId: string, now: string): void {
  db.transaction(() => {
    const d = dossierRow(db, batchId);
    if (!d || d.closed_at !== null) return;
    const units = db
      .prepare(
        'SELECT unit, first_seq, pages_in, pages_out, blank_removed, blank_flagged, separator_sheets FROM batch_units WHERE batch_id = ? ORDER BY first_seq',
      )
      .all(batchId) as {
      unit: string;
      first_seq: number;
      pages_in: number;
      pages_out: number;
      blank_removed: number;
      blank_flagged: number;
      separator_sheets: number;
    }[];
    const offset = new Map<string, number>();
    let received = 0;
    for (const u of units) {
      offset.set(u.unit, received);
      received += u.pages_in;
    }
    const pages = db
      .prepare(
        `SELECT p.id, p.source_index, p.qc_flags, i.unit, d.seq AS dseq, p.seq AS pseq
         FROM pages p JOIN documents d ON d.id = p.document_id LEFT JOIN items i ON i.id = d.item_id
         WHERE d.batch_id = ? ORDER BY d.seq, p.seq`,
      )
      .all(batchId) as { id: string; source_index: number | null; qc_flags: string; unit: string | null; dseq: number; pseq: number }[];
    // A page's position from its unit's offset and its place in the unit; where that is unknown (a store-as-is unit)
    // or would collide, the pages are numbered in the batch's order instead.
    let positions = pages.map((p) =>
      p.source_index !== null && p.unit !== null && offset.has(p.unit) ? offset.get(p.unit)! + p.source_index + 1 : null,
    );
    if (positions.some((n) => n === null) || new Set(positions).size !== positions.length) positions = pages.map((_, i) => i + 1);
    const insert = db.prepare('INSERT INTO batch_pages (batch_id, page, page_id) VALUES (?, ?, ?)');
    pages.forEach((p, i) => insert.run(batchId, positions[i], p.id));
    // The pipeline's quality flags: per flag how many pages, and per flagged page (by position) which.
    const flags: Record<string, number> = {};
    const flagged: { page: number; flags: string[] }[] = [];
    pages.forEach((p, i) => {
      const fs = JSON.parse(p.qc_flags) as string[];
      for (const f of fs) flags[f] = (flags[f] ?? 0) + 1;
      if (fs.length > 0) flagged.push({ page: positions[i]!, flags: fs });
    });
    flagged.sort((a, b) => a.page - b.page);
    const sum = (k: keyof (typeof units)[number]) => units.reduce((n, u) => n + (u[k] as number), 0);
    const documents = (db.prepare('SELECT count(*) AS n FROM documents WHERE batch_id = ?').get(batchId) as { n: number }).n;
    db.prepare(
      `UPDATE batch_dossiers SET closed_at = ?, pages_in = ?, pages_out = ?, blank_removed = ?, blank_flagged = ?, separator_sheets = ?,
         documents = ?, qc_flags = ? WHERE batch_id = ?`,
    ).run(
      now,
      Math.max(received, pages.length),
      sum('pages_out') || pages.length,
      sum('blank_removed'),
      sum('blank_flagged'),
      sum('separator_sheets'),
      documents,
      JSON.stringify({ counts: flags, pages: flagged }),
      batchId,
    );
  })();
}

/** The batch's pages by position, with the document each is in now (null when the page is gone: purged). */
export function batchPages(db: Db, batchId: string): { page: number; pageId: string; documentId: string | null; removed: boolean }[] {
  const rows = stmt(
    db,
    `SELECT bp.page, bp.page_id, p.document_id, p.removed FROM batch_pages bp LEFT JOIN pages p ON p.id = bp.page_id
     WHERE bp.batch_id = ? ORDER BY bp.page`,
  ).all(batchId) as { page: number; page_id: string; document_id: string | null; removed: number | null }[];
  return rows.map((r) => ({ page: r.page, pageId: r.page_id, documentId: r.document_id, removed: r.removed === 1 }));
}

/** Appends an event to the batch's dossier history. */
export function appendBatchEvent(
  db: Db,
  e: Omit<BatchEventRow, 'seq' | 'verdict' | 'reason' | 'old_blob_id' | 'new_blob_id' | 'detail' | 'page'> &
    Partial<Pick<BatchEventRow, 'page' | 'verdict' | 'reason' | 'old_blob_id' | 'new_blob_id' | 'detail'>>,
): void {
  stmt(
    db,
    `INSERT INTO batch_events (batch_id, at, by, kind, page, verdict, reason, old_blob_id, new_blob_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    e.batch_id,
    e.at,
    e.by,
    e.kind,
    e.page ?? null,
    e.verdict ?? null,
    e.reason ?? null,
    e.old_blob_id ?? null,
    e.new_blob_id ?? null,
    e.detail ?? '',
  );
}

export function batchEvents(db: Db, batchId: string): BatchEventRow[] {
  return stmt(db, 'SELECT * FROM batch_events WHERE batch_id = ? ORDER BY seq').all(batchId) as BatchEventRow[];
}

/** A batch id from its unambiguous start (as documents are named by the first 8 characters). */
export function batchIdsStartingWith(db: Db, prefix: string, limit: number): string[] {
  return (
    stmt(db, `SELECT id FROM batches WHERE id >= ? AND id < ? ORDER BY id LIMIT ?`).all(prefix, `${prefix}\uffff`, limit) as {
      id: string;
    }[]
  ).map((r) => r.id);
}
