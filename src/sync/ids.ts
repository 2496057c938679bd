// The identificaties of what a delivery creates, fixed before the first request.
import { createHash } from 'node:crypto';

// They are a pure function of the local document id, so a retry, a restart or another process working the same
// outbox row always asks the server for the same object, and `identificatie-niet-uniek` can only ever mean "we
// already created it". ≤ 40 characters (EIO and Zaak).

function shortHash(purpose: string, documentId: string): string {
  return createHash('sha256').update(`postkamer/${purpose}/${documentId}`).digest('hex').slice(0, 24).toUpperCase();
}

/** Identificatie of the EnkelvoudigInformatieObject for a document, e.g. `PK-1F3A…` (27 characters). */
export function documentIdentificatie(documentId: string): string {
  return `PK-${shortHash('eio', documentId)}`;
}

/** Identificatie of a new zaak created for a document when the server reserves none (28 characters). */
export function zaakIdentificatie(documentId: string): string {
  return `PKZ-${shortHash('zaak', documentId)}`;
}
