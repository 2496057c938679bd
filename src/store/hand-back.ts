// A supervisor's hand-back of a document to the clerk: the link undone while nothing of it reached the zaaksysteem,
// and the note that goes with it on the document until it is linked again.
import type { Db } from './db';
import { stmt } from './statements';

/**
 * Removes the document's outbox row when it is in attention, not claimed by a delivery now, has no EIO on record, and
 * made no zaak (a new zaak's number not even reserved: the zaak is created only after that). An EIO create may still
 * have gone out with its answer lost: the row's EIO attempts are returned, so that the next link of the document
 * (the same deterministic identificatie) counts them and looks the EIO up before it creates one. Returns undefined
 * when the row was not removed.
 */
export function unlinkUnsent(db: Db, documentId: string, nowMs: number): { reason: string | null; eioAttempts: number } | undefined {
  const row = stmt(
    db,
    `SELECT last_error_code, eio_attempts FROM zgw_outbox WHERE document_id = ? AND state = 'attention' AND eio_url IS NULL
      AND (target = 'zaaknummer' OR zaak_identificatie IS NULL) AND (claimed_until IS NULL OR claimed_until < ?)`,
  ).get(documentId, nowMs) as { last_error_code: string | null; eio_attempts: number } | undefined;
  if (!row) return undefined;
  stmt(db, 'DELETE FROM zgw_outbox WHERE document_id = ?').run(documentId);
  return { reason: row.last_error_code, eioAttempts: row.eio_attempts };
}

/** The EIO attempts an earlier link counted, carried to the document's new link (never lowered). */
export function carryEioAttempts(db: Db, documentId: string, attempts: number): void {
  stmt(db, 'UPDATE zgw_outbox SET eio_attempts = max(eio_attempts, ?) WHERE document_id = ? AND eio_url IS NULL').run(attempts, documentId);
}

/** The stored hand-back of a document (JSON), or null. */
export function handBackOf(db: Db, documentId: string): string | null {
  return (
    (stmt(db, 'SELECT hand_back FROM documents WHERE id = ?').get(documentId) as { hand_back: string | null } | undefined)?.hand_back ??
    null
  );
}

/** Sets (JSON { note, by, at }) or clears (null) the hand-back note of a document; its version rises when set. */
export function setHandBack(db: Db, documentId: string, handBack: string | null, at: string): void {
  if (handBack === null) stmt(db, 'UPDATE documents SET hand_back = NULL WHERE id = ? AND hand_back IS NOT NULL').run(documentId);
  else stmt(db, 'UPDATE documents SET hand_back = ?, version = version + 1, updated_at = ? WHERE id = ?').run(handBack, at, documentId);
}
