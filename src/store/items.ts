// The `items` table: each received file (or scanned page) and where it is in processing (received → processing
// → done | rejected), with the unit it is processed in and the process that claimed it.
import type { Db } from './db';

const PENDING = `state IN ('received', 'processing')`;

export interface NewItem {
  id: string;
  batchId: string;
  seq: number;
  unit: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  blobId: string;
  at: string;
}

export function insertItem(db: Db, i: NewItem): void {
  db.prepare(
    `INSERT INTO items (id, batch_id, seq, unit, file_name, mime, size, sha256, blob_id, state, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
  ).run(i.id, i.batchId, i.seq, i.unit, i.fileName, i.mime, i.size, i.sha256, i.blobId, i.at, i.at);
}

/** The pending items of a unit in order, with who claimed each and whether its scanner job still runs. */
export function pendingItemsOfUnit(db: Db, unit: string): { id: string; claimed_by: string | null; job_state: string | null }[] {
  return db
    .prepare(
      `SELECT i.id, i.claimed_by, b.job_state FROM items i JOIN batches b ON b.id = i.batch_id WHERE i.unit = ? AND i.${PENDING} ORDER BY i.seq`,
    )
    .all(unit) as { id: string; claimed_by: string | null; job_state: string | null }[];
}

/** Marks a unit's pending items as being processed by `writer` (one more attempt). */
export function claimUnitItems(db: Db, unit: string, writer: string, at: string): void {
  db.prepare(
    `UPDATE items SET state = 'processing', claimed_by = ?, attempts = attempts + 1, updated_at = ? WHERE unit = ? AND ${PENDING}`,
  ).run(writer, at, unit);
}

/** Units with pending items: of one batch in stack order, or of every batch oldest first. */
export function pendingUnits(db: Db, batchId?: string): string[] {
  const rows = (
    batchId
      ? db.prepare(`SELECT unit, min(seq) AS s FROM items WHERE batch_id = ? AND ${PENDING} GROUP BY unit ORDER BY s`).all(batchId)
      : db.prepare(`SELECT unit, min(created_at) AS c FROM items WHERE ${PENDING} GROUP BY unit ORDER BY c`).all()
  ) as { unit: string }[];
  return rows.map((r) => r.unit);
}

export interface ItemRow {
  id: string;
  batch_id: string;
  seq: number;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  blob_id: string;
}

/** One item's row; throws when there is none. */
export function itemRow(db: Db, id: string): ItemRow {
  const r = db.prepare(`SELECT id, batch_id, seq, file_name, mime, size, sha256, blob_id FROM items WHERE id = ?`).get(id) as
    ItemRow | undefined;
  if (!r) throw new Error(`item ${id} not found`);
  return r;
}

/** An item could not be processed: rejected, released. */
export function rejectItem(db: Db, id: string, at: string): void {
  db.prepare(`UPDATE items SET state = 'rejected', claimed_by = NULL, updated_at = ? WHERE id = ?`).run(at, id);
}

/** A unit's items this process worked on are done, released. */
export function finishUnitItems(db: Db, unit: string, writer: string, at: string): void {
  db.prepare(
    `UPDATE items SET state = 'done', claimed_by = NULL, updated_at = ? WHERE unit = ? AND state = 'processing' AND claimed_by = ?`,
  ).run(at, unit, writer);
}

/** True when a file with these bytes was received before and is waiting, in processing or done. */
export function itemWithContentExists(db: Db, sha256: string): boolean {
  return (
    db.prepare(`SELECT state FROM items WHERE sha256 = ? AND state IN ('received', 'processing', 'done') LIMIT 1`).get(sha256) !== undefined
  );
}
