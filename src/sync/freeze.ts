// Fixing what will be sent, before the first request: which bytes (the PDF when there is one, otherwise the
// original), their SHA-256 and size, the file name, the title and the dates.
import { selectDocumentFacts, selectStoredBlob, type DocumentFacts } from '../store/document-facts';
import type { Store } from '../store/store';
import { amsterdamDate } from './dates';
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

export function extracted(d: DocumentFacts): { letterDate?: string | null; sender?: string | null } {
  try {
    return JSON.parse(d.extracted) as { letterDate?: string | null; sender?: string | null };
  } catch {
    return {};
  }
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
  const ex = extracted(d);
  const received = amsterdamDate(new Date(d.created_at));
  const letterDate =
    typeof ex.letterDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(ex.letterDate) && ex.letterDate <= received ? ex.letterDate : null;
  return {
    contentBlobId: blobId,
    sha256: blob.sha256,
    size: blob.size,
    formaat: isPdf ? 'application/pdf' : d.mime || blob.mime,
    bestandsnaam: clip(isPdf ? `${base}.pdf` : d.file_name, 255),
    titel: clip(d.title || base || 'Document', 200),
    ontvangstdatum: received,
    verzenddatum: letterDate,
  };
}
