import type { DocumentSummary } from '../../../src/contract';

// Which preview a document gets. Browsers show PNG/JPEG as an image and PDFs in a frame (their PDF viewer), not
// TIFF. A scanned image is shown as the original image: that works wherever images load, with no PDF viewer.
// Other documents show their searchable PDF once processed (`ready`), or the original PDF before that.
// Once processed, `mime` is that of the PDF, so the original's type comes from the file name.

export type Preview = { kind: 'pdf'; blob: 'pdf' | 'original' } | { kind: 'image' } | { kind: 'none' };

const IMAGE_EXT = /\.(png|jpe?g)$/i;
const IMAGE_MIME = new Set(['image/png', 'image/jpeg']);

export function previewFor(doc: Pick<DocumentSummary, 'status' | 'mime' | 'fileName'>): Preview {
  if (IMAGE_EXT.test(doc.fileName) || (doc.status !== 'ready' && IMAGE_MIME.has(doc.mime))) return { kind: 'image' };
  if (doc.status === 'ready') return { kind: 'pdf', blob: 'pdf' };
  if (doc.mime === 'application/pdf') return { kind: 'pdf', blob: 'original' };
  return { kind: 'none' };
}
