// Which preview a document gets, from what the core says it has (no guessing from file names).
import type { DocumentSummary } from '../../../src/contract';

// The searchable PDF once there is one: it holds every page as the clerk last arranged them (turned, moved,
// deleted), where the original of a scan is only its first page as it came from the scanner. Before that, an
// original the browser can show: PNG/JPEG as an image, a PDF in its viewer; TIFF and the like not at all.

export type Preview = { kind: 'pdf'; blob: 'pdf' | 'original' } | { kind: 'image' } | { kind: 'none' };

const IMAGE_MIME = new Set(['image/png', 'image/jpeg']);

export function previewFor(doc: Pick<DocumentSummary, 'hasPdf' | 'originalMime'>): Preview {
  if (doc.hasPdf) return { kind: 'pdf', blob: 'pdf' };
  if (IMAGE_MIME.has(doc.originalMime)) return { kind: 'image' };
  if (doc.originalMime === 'application/pdf') return { kind: 'pdf', blob: 'original' };
  return { kind: 'none' };
}

/**
 * The URL of a preview after `version` changes in this view: each page operation rebuilds the document's PDF
 * under the same address. The counter goes in the fragment, not the query: the app's own protocol refuses a
 * blob URL with a query (main/urls.ts), and neither it nor the harness sees the fragment. The frame is also
 * re-created for each version (keyed), so the new PDF is fetched, not the old one re-shown.
 */
export function versionedUrl(url: string, version: number): string {
  if (version <= 0) return url;
  return `${url.replace(/#.*$/, '')}#v=${version}`;
}
