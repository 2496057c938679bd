// Fixing what will be sent, before the first request: which bytes (the PDF when there is one, otherwise the
// original), their SHA-256 and size, the file name, the title and the dates.
import { eioValues, type EioValues } from '../domain/fields';
import { selectDocumentFacts, selectStoredBlob, type DocumentFacts } from '../store/document-facts';
import { getDocument } from '../store/documents';
import type { Store } from '../store/store';
import { SyncError } from './failure';
import type { OutboxRow } from './outbox-machine';

// Local reads only.

export type { DocumentFacts };

const local = (code: string, message: string): SyncError => new SyncError({ kind: 'local', code, message });

export function documentFacts(store: Store, id: string): DocumentFacts {
  const d = selectDocumentFacts(store.db, id);
  if (!d) throw local('zgw-document-missing', 'Het document bestaat niet meer in de lokale opslag.');
  return d;
}

/** What the EIO carries of the document's fields now (what the clerk set wins over what was read). */
export function deliveryValues(store: Store, id: string): EioValues {
  const d = getDocument(store.db, id);
  if (!d) throw local('zgw-document-missing', 'Het document bestaat niet meer in de lokale opslag.');
  return eioValues(d.fields, d.fileName.replace(/\.[^.]+$/, ''));
}

export function clip(s: string, max: number): string {
  return s.length <= max ? s : s.slice(0, max - 1) + '…';
}

/** The frozen facts, or 'processing' while the document is still being recognised (it must not be sent yet). */
export function freeze(store: Store, row: Pick<OutboxRow, 'documentId'>): Partial<OutboxRow> | 'processing' {
  const d = documentFacts(store, row.documentId);
  if (d.status === 'processing') return 'processing';
  const blobId = d.pdf_blob_id ?? d.source_blob_id;
  if (!blobId) throw local('zgw-no-content', 'Het document heeft geen inhoud om te versturen.');
  const blob = selectStoredBlob(store.db, blobId);
  if (!blob) throw local('zgw-no-content', 'Het document heeft geen inhoud om te versturen.');
  const isPdf = blobId === d.pdf_blob_id;
  const base = d.file_name.replace(/\.[^.]+$/, '');
  const v = deliveryValues(store, row.documentId);
  return {
    contentBlobId: blobId,
    sha256: blob.sha256,
    size: blob.size,
    formaat: isPdf ? 'application/pdf' : d.mime || blob.mime,
    bestandsnaam: clip(isPdf ? `${base}.pdf` : d.file_name, 255),
    titel: v.titel,
    ontvangstdatum: v.ontvangstdatum,
    verzenddatum: v.verzenddatum,
  };
}
