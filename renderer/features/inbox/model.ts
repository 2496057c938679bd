// The inbox's view model: batches oldest (or newest) first, each with its documents in the order of the stack.
import type { Batch, DocumentStage, DocumentSummary, EventPayload } from '../../../src/contract';

// Pure.

export interface BatchGroup {
  batchId: string;
  batch: Batch | null;
  documents: DocumentSummary[];
}

const byCreatedDesc = (a: { createdAt: string }, b: { createdAt: string }) =>
  a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0;

export type InboxOrder = 'oldest' | 'newest';

/** Groups documents by batch; batches newest first unless `order` is `oldest` (the inbox's default). */
export function groupByBatch(batches: readonly Batch[], documents: Iterable<DocumentSummary>, order: InboxOrder = 'newest'): BatchGroup[] {
  const byBatch = new Map<string, DocumentSummary[]>();
  for (const d of documents) {
    const list = byBatch.get(d.batchId);
    if (list) list.push(d);
    else byBatch.set(d.batchId, [d]);
  }
  const known = new Set(batches.map((b) => b.id));
  // A document can arrive (event) before its batch is re-listed: show it first, under a batch without details.
  const orphans: BatchGroup[] = [...byBatch.keys()]
    .filter((id) => !known.has(id))
    .map((id) => ({ batchId: id, batch: null, documents: sortDocs(byBatch.get(id)!) }));
  const sorted = [...batches].sort(order === 'oldest' ? (a, b) => byCreatedDesc(b, a) : byCreatedDesc);
  const groups = sorted.map((b) => ({ batchId: b.id, batch: b, documents: sortDocs(byBatch.get(b.id) ?? []) }));
  return [...orphans, ...groups];
}

/** In the order of the stack (`seq`, which a split or merge keeps right); time and name only break ties. */
function sortDocs(docs: DocumentSummary[]): DocumentSummary[] {
  return docs.sort(
    (a, b) =>
      a.seq - b.seq ||
      (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.fileName.localeCompare(b.fileName, 'nl', { numeric: true })),
  );
}

/** Only the groups' documents in `stage` (null: all); a batch left without documents is left out. */
export function onlyStage(groups: readonly BatchGroup[], stage: DocumentStage | null): BatchGroup[] {
  if (stage === null) return [...groups];
  return groups.map((g) => ({ ...g, documents: g.documents.filter((d) => d.stage === stage) })).filter((g) => g.documents.length > 0);
}

/** The documents in on-screen order: what the arrow keys walk through. */
export const flatDocuments = (groups: readonly BatchGroup[]): DocumentSummary[] => groups.flatMap((g) => g.documents);

/** Changes whenever another process could have added or finished something: cheap to compare while polling. */
export function batchesFingerprint(batches: readonly Batch[]): string {
  return batches.map((b) => `${b.id}:${b.status}:${b.documentCount}:${b.rejectedCount}`).join('|');
}

/** Keyboard movement in the document grid. Returns the new index, or null when the key is not ours. */
export function moveIndex(key: string, current: number, count: number, page = 10): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const at = Math.min(Math.max(current, 0), last);
  switch (key) {
    case 'ArrowDown':
      return Math.min(at + 1, last);
    case 'ArrowUp':
      return Math.max(at - 1, 0);
    case 'PageDown':
      return Math.min(at + page, last);
    case 'PageUp':
      return Math.max(at - page, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

export type IngestProgress = EventPayload<'ingest.progress'>;

type ProgressKey = 'inbox.progressPage' | 'inbox.progressFile' | 'inbox.progressFileDone' | 'inbox.progressFileFailed';
export interface ProgressView {
  value: number;
  max: number;
  text: { key: ProgressKey; params: Record<string, string | number> };
}

/**
 * What the progress bar shows for the latest `ingest.progress` of a batch. Receiving files reports "file i of n";
 * recognition reports pages of one file (its `total` is 0 there: the number of files is not known to it).
 */
export function progressView(p: IngestProgress): ProgressView {
  if (p.stage === 'done' || p.stage === 'failed') {
    return {
      value: 1,
      max: 1,
      text: { key: p.stage === 'done' ? 'inbox.progressFileDone' : 'inbox.progressFileFailed', params: { file: p.file } },
    };
  }
  if (p.page !== undefined && p.pages !== undefined && p.pages > 0) {
    const page = Math.min(Math.max(p.page, 1), p.pages);
    return {
      value: p.stage === 'storing' ? page : page - 1,
      max: p.pages,
      text: { key: 'inbox.progressPage', params: { page, pages: p.pages, file: p.file } },
    };
  }
  const total = Math.max(p.total, p.index + 1);
  return { value: p.index, max: total, text: { key: 'inbox.progressFile', params: { index: p.index + 1, total, file: p.file } } };
}
