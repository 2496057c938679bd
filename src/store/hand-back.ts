// A supervisor's hand-back of a document to the clerk: the link undone while nothing of it reached the zaaksysteem,
// and the note that goes with it on the document until it is linked again.
import type { Db } from './db';
import { stmt } from './statements';

/**
 * Removes the document's outbox row when nothing of it can have reached the server: pending or in attention, not
 * claimed by a delivery now, and either its zaak not yet found or made (the EIO is only created after that:
 * src/sync/outbox-machine.ts `nextStep`; finding a zaak is a read, and a zaaknummer reserved for a new zaak is no zaak),
 * or — for a link to an existing zaak — no EIO attempted. Returns the reason it was in attention (its last error
 * code), or undefined when the row was not removed.
 */
export function unlinkUnsent(db: Db, documentId: string, nowMs: number): { reason: string | null } | undefined {
  const row = stmt(
    db,
    `SELECT last_error_code FROM zgw_outbox WHERE document_id = ? AND state IN ('pending', 'attention') AND eio_url IS NULL
      AND (zaak_url IS NULL OR (target = 'zaaknummer' AND eio_attempts = 0)) AND (claimed_until IS NULL OR claimed_until < ?)`,
  ).get(documentId, nowMs) as { last_error_code: string | null } | undefined;
  if (!row) return undefined;
  stmt(db, 'DELETE FROM zgw_outbox WHERE document_id = ?').run(documentId);
  return { reason: row.last_error_code };
}

/** Sets (JSON { note, by, at }) or clears (null) the hand-back note of a document; its version rises when set. */
export function setHandBack(db: Db, documentId: string, handBack: string | null, at: string): void {
  if (handBack === null) stmt(db, 'UPDATE documents SET hand_back = NULL WHERE id = ? AND hand_back IS NOT NULL').run(documentId);
  else stmt(db, 'UPDATE documents SET hand_back = ?, version = version + 1, updated_at = ? WHERE id = ?').run(handBack, at, documentId);
}
