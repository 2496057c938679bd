// An outbox row as the contract shows it: what a person needs to follow a delivery, never its content or secrets.
import type { OutboxItem } from '../contract/sync';
import type { OutboxRow } from './outbox-machine';

/** The row as an `OutboxItem`, with the document's title (`title`) that the row may not hold itself. */
export function outboxItem(row: OutboxRow, title: string): OutboxItem {
  return {
    documentId: row.documentId,
    title,
    env: row.env,
    state: row.state,
    target: row.target,
    zaaknummer: row.zaaknummer,
    zaakUrl: row.zaakUrl,
    newZaak: row.newZaak ? { zaaktype: row.newZaak.zaaktype, omschrijving: row.newZaak.omschrijving } : null,
    identificatie: row.identificatie,
    eioUrl: row.eioUrl,
    zioUrl: row.zioUrl,
    attempts: row.attempts,
    nextAttemptAt:
      row.state === 'done' || row.state === 'attention' || row.nextAttemptAt === 0 ? null : new Date(row.nextAttemptAt).toISOString(),
    lastErrorCode: row.lastErrorCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    doneAt: row.doneAt,
  };
}
