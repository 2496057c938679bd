// A queued delivery row as generated data needs it (benchmarks and store-level tests that fill a store without a
// zaaksysteem): every column of the outbox with a neutral default, the caller's values on top.
import type { OutboxRow } from '../../src/sync/outbox-machine';

export function generatedOutboxRow(o: Partial<OutboxRow> & Pick<OutboxRow, 'documentId' | 'createdAt'>): OutboxRow {
  const state = o.state ?? 'pending';
  const done = state === 'done';
  return {
    env: 'test',
    state,
    actor: 'beheerder',
    target: 'zaaknummer',
    zaaknummer: null,
    zaakUrl: null,
    newZaak: null,
    zaakIdentificatie: null,
    informatieobjecttype: null,
    vertrouwelijkheidaanduiding: null,
    identificatie: `PK-${o.documentId}`,
    contentBlobId: null,
    sha256: null,
    size: null,
    formaat: 'application/pdf',
    bestandsnaam: 'brief.pdf',
    titel: 'Brief',
    ontvangstdatum: o.createdAt.slice(0, 10),
    verzenddatum: null,
    eioUrl: null,
    lock: null,
    parts: null,
    zioUrl: null,
    previousZioUrl: null,
    attempts: 0,
    nextAttemptAt: 0,
    lastErrorCode: null,
    lastError: null,
    claimedBy: null,
    claimedUntil: null,
    updatedAt: o.createdAt,
    doneAt: done ? o.createdAt : null,
    eioAttempts: 0,
    ...o,
  };
}
