// A scan batch's quality control (its recorded sample and state), its verklaring van vervanging, the registration
// that its paper was destroyed, and the facts the destruction list is decided on.
import type { Db } from './db';
import { stmt } from './statements';

export type QcRowState = 'steekproef' | 'goedgekeurd' | 'afgekeurd' | 'nascan';

export interface QcRow {
  batch_id: string;
  state: QcRowState;
  seed: string;
  rule: string;
  sample: string;
  started_by: string;
  started_at: string;
  closed_by: string | null;
  closed_at: string | null;
  approved_checksums: string | null;
}

export function qcRow(db: Db, batchId: string): QcRow | undefined {
  return stmt(db, 'SELECT * FROM batch_qc WHERE batch_id = ?').get(batchId) as QcRow | undefined;
}

/** The QC state of these batches (absent: not started). */
export function qcStates(db: Db, batchIds: string[]): Map<string, QcRowState> {
  if (batchIds.length === 0) return new Map();
  const rows = db
    .prepare('SELECT batch_id, state FROM batch_qc WHERE batch_id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(batchIds)) as { batch_id: string; state: QcRowState }[];
  return new Map(rows.map((r) => [r.batch_id, r.state]));
}

/** Records a batch's sample; false when one is recorded already (the caller then returns that one). */
export function insertQc(db: Db, q: { batchId: string; seed: string; rule: unknown; sample: number[]; by: string; at: string }): boolean {
  return (
    stmt(
      db,
      `INSERT OR IGNORE INTO batch_qc (batch_id, state, seed, rule, sample, started_by, started_at) VALUES (?, 'steekproef', ?, ?, ?, ?, ?)`,
    ).run(q.batchId, q.seed, JSON.stringify(q.rule), JSON.stringify(q.sample), q.by, q.at).changes > 0
  );
}

export function setQcState(db: Db, batchId: string, state: QcRowState, closed: { by: string; at: string } | null): void {
  stmt(db, 'UPDATE batch_qc SET state = ?, closed_by = ?, closed_at = ? WHERE batch_id = ?').run(
    state,
    closed?.by ?? null,
    closed?.at ?? null,
    batchId,
  );
}

export function insertVerklaring(db: Db, v: { batchId: string; blobId: string; sha256: string; size: number; at: string }): void {
  stmt(db, 'INSERT INTO batch_verklaringen (batch_id, blob_id, sha256, size, made_at) VALUES (?, ?, ?, ?, ?)').run(
    v.batchId,
    v.blobId,
    v.sha256,
    v.size,
    v.at,
  );
}

export function verklaringOf(db: Db, batchId: string): { blob_id: string; sha256: string; size: number; made_at: string } | undefined {
  return stmt(db, 'SELECT blob_id, sha256, size, made_at FROM batch_verklaringen WHERE batch_id = ?').get(batchId) as
    { blob_id: string; sha256: string; size: number; made_at: string } | undefined;
}

export function insertDestruction(db: Db, d: { batchId: string; by: string; at: string; method: string }): void {
  stmt(db, 'INSERT INTO batch_destructions (batch_id, by, at, method) VALUES (?, ?, ?, ?)').run(d.batchId, d.by, d.at, d.method);
}

export interface DestructionFacts {
  batch_id: string;
  label: string;
  state: QcRowState;
  closed_at: string | null;
  closed_by: string | null;
  scanned_by: string | null;
  documents: number;
  pages: number;
  /** Documents whose EIO holds the approved scan: delivered, and the content sent last has the checksum approved. */
  delivered_matching: number;
  /** Delivered documents whose EIO holds other content than the approved scan (or a new version still on its way). */
  mismatched: number;
  destroyed_by: string | null;
  destroyed_at: string | null;
  method: string | null;
}

/**
 * Per batch with a QC record: its documents, how many are delivered with the content that was approved (the checksum
 * sent last — by the delivery or a later content correction — equal to the one recorded at approval), how many differ
 * (or were changed since), and its destruction registration.
 */
export function destructionFacts(db: Db): DestructionFacts[] {
  return db
    .prepare(
      `WITH docs AS (
         SELECT d.batch_id, d.id, d.sha256, d.page_count, o.state AS ostate,
           COALESCE((SELECT json_extract(c.changes, '$.inhoud.sha256') FROM zgw_eio_corrections c
                     WHERE c.document_id = d.id AND json_extract(c.changes, '$.inhoud') IS NOT NULL AND c.state = 'done'
                     ORDER BY c.id DESC LIMIT 1), o.sha256) AS sent,
           (SELECT count(*) FROM zgw_eio_corrections c
             WHERE c.document_id = d.id AND json_extract(c.changes, '$.inhoud') IS NOT NULL AND c.state <> 'done') AS content_open
         FROM documents d JOIN batch_qc q ON q.batch_id = d.batch_id LEFT JOIN zgw_outbox o ON o.document_id = d.id)
       SELECT q.batch_id, b.label, q.state, q.closed_at, q.closed_by, bd.scanned_by,
         (SELECT count(*) FROM docs WHERE docs.batch_id = q.batch_id) AS documents,
         COALESCE(bd.pages_out, (SELECT sum(page_count) FROM docs WHERE docs.batch_id = q.batch_id), 0) AS pages,
         (SELECT count(*) FROM docs WHERE docs.batch_id = q.batch_id AND ostate = 'done' AND content_open = 0 AND sent = docs.sha256) AS delivered_matching,
         (SELECT count(*) FROM docs WHERE docs.batch_id = q.batch_id AND ostate = 'done' AND (content_open > 0 OR sent IS NOT docs.sha256)) AS mismatched,
         x.by AS destroyed_by, x.at AS destroyed_at, x.method
       FROM batch_qc q JOIN batches b ON b.id = q.batch_id LEFT JOIN batch_dossiers bd ON bd.batch_id = q.batch_id
         LEFT JOIN batch_destructions x ON x.batch_id = q.batch_id
       ORDER BY q.closed_at, q.batch_id`,
    )
    .all() as DestructionFacts[];
}
