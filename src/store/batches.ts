// The `batches` table: a stack of received files or a scanner job, with its profile and its job state.
import type { Db } from './db';
import { closeDossier } from './batch-dossier';

export interface BatchFacts {
  profile: string | null;
  created_at: string;
  label: string;
}

export function insertBatch(db: Db, b: { id: string; createdAt: string; source: string; profile: string | null; label: string }): void {
  db.prepare(`INSERT INTO batches (id, created_at, source, profile, label, status) VALUES (?, ?, ?, ?, ?, 'processing')`).run(
    b.id,
    b.createdAt,
    b.source,
    b.profile,
    b.label,
  );
}

/** The profile name, creation time and label of a batch; throws when there is no such batch. */
export function batchFacts(db: Db, id: string): BatchFacts {
  const b = db.prepare('SELECT profile, created_at, label FROM batches WHERE id = ?').get(id) as BatchFacts | undefined;
  if (!b) throw new Error(`batch ${id} not found`);
  return b;
}

/** Marks a batch done, and closes its dossier (src/store/batch-dossier.ts). */
export function markBatchDone(db: Db, id: string): void {
  db.transaction(() => {
    db.prepare(`UPDATE batches SET status = 'done' WHERE id = ?`).run(id);
    closeDossier(db, id, new Date().toISOString());
  }).immediate();
}

/** Marks a batch done when none of its items is still waiting or being processed. */
export function markBatchDoneIfSettled(db: Db, id: string): void {
  db.transaction(() => {
    const done = db
      .prepare(
        `UPDATE batches SET status = 'done' WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE batch_id = ? AND state IN ('received', 'processing'))`,
      )
      .run(id, id).changes;
    if (done > 0) closeDossier(db, id, new Date().toISOString());
  }).immediate();
}

/** A scanner job starts: the batch is 'scanning', held by `owner`. */
export function startScanJob(db: Db, id: string, owner: string): void {
  db.prepare(`UPDATE batches SET job_state = 'scanning', job_owner = ? WHERE id = ?`).run(owner, id);
}

/** A scanner job ends with `state` (and the error, JSON, when it failed). */
export function endScanJob(db: Db, id: string, state: string, error: string | null): void {
  db.prepare(`UPDATE batches SET job_state = ?, job_owner = NULL, job_error = ? WHERE id = ?`).run(state, error, id);
}

/** Batches whose scanner job is (recorded as) running, with who holds it. */
export function scanningBatches(db: Db): { id: string; job_owner: string | null }[] {
  return db.prepare(`SELECT id, job_owner FROM batches WHERE job_state = 'scanning'`).all() as { id: string; job_owner: string | null }[];
}

/** Marks a still-scanning job failed (its owner is gone); false when it had ended meanwhile. */
export function failScanJob(db: Db, id: string, error: string): boolean {
  return (
    db
      .prepare(`UPDATE batches SET job_state = 'failed', job_owner = NULL, job_error = ? WHERE id = ? AND job_state = 'scanning'`)
      .run(error, id).changes > 0
  );
}

/**
 * The documents of a batch that a newer version of the same file may replace: all of them, when the batch is done and
 * none has been touched by a person (linked, fields set, pages edited, held); otherwise null, and both stay.
 */
export function untouchedDocumentsOf(db: Db, batchId: string): string[] | null {
  const b = db.prepare('SELECT status FROM batches WHERE id = ?').get(batchId) as { status: string } | undefined;
  if (!b || b.status !== 'done') return null;
  const rows = db
    .prepare(
      `SELECT d.id, d.fields, d.held_at, d.purged_at, d.version, d.auto_split,
         (SELECT count(*) FROM zgw_outbox o WHERE o.document_id = d.id) AS linked
       FROM documents d WHERE d.batch_id = ?`,
    )
    .all(batchId) as {
    id: string;
    fields: string;
    held_at: string | null;
    purged_at: string | null;
    version: number;
    auto_split: number;
    linked: number;
  }[];
  // A page edit raises the version (an automatic split does too, but marks its parts).
  const touched = rows.some(
    (r) => r.linked > 0 || r.fields !== '{}' || r.held_at !== null || r.purged_at !== null || (r.version > 1 && r.auto_split === 0),
  );
  return touched ? null : rows.map((r) => r.id);
}

export interface BatchRow {
  id: string;
  label: string;
  status: 'open' | 'processing' | 'done';
  source: string;
  created_at: string;
  job_state: string | null;
}

/** A batch's row, or undefined. */
export function findBatch(db: Db, id: string): BatchRow | undefined {
  return db.prepare('SELECT id, label, status, source, created_at, job_state FROM batches WHERE id = ?').get(id) as BatchRow | undefined;
}
