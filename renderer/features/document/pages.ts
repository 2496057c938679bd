// Pure rules of the page list in the document view: which actions a page offers, how its size reads, which documents
// it can be merged with.
import type { DocumentSummary } from '../../../src/contract';
import type { PageInfo } from '../../../src/contract/edit';

export type PageAction = 'rotate90' | 'rotate180' | 'up' | 'down' | 'delete' | 'split';

/** The actions that make sense for the page at `index` of `count` visible pages (the core refuses the rest). */
export function pageActions(index: number, count: number): PageAction[] {
  const out: PageAction[] = ['rotate90', 'rotate180'];
  if (index > 0) out.push('up');
  if (index < count - 1) out.push('down');
  // A document keeps at least one page; splitting before the first page would leave nothing behind.
  if (count > 1) out.push('delete');
  if (index > 0) out.push('split');
  return out;
}

/** Visible pages in order, and deleted ones (each with the position it returns to). */
export function splitPages(pages: readonly PageInfo[]): { visible: PageInfo[]; removed: PageInfo[] } {
  const bySeq = [...pages].sort((a, b) => a.seq - b.seq);
  return { visible: bySeq.filter((p) => !p.removed), removed: bySeq.filter((p) => p.removed) };
}

const PAPER: { name: string; w: number; h: number }[] = [
  { name: 'A4', w: 210, h: 297 },
  { name: 'A5', w: 148, h: 210 },
  { name: 'A3', w: 297, h: 420 },
  { name: 'Letter', w: 216, h: 279 },
];

export interface PageSize {
  paper: string | null;
  landscape: boolean;
  widthMm: number;
  heightMm: number;
}

/** The page's size on paper (as scanned, after turns), and the paper format it matches within 6 mm. */
export function pageSize(p: Pick<PageInfo, 'width' | 'height' | 'dpi'>): PageSize {
  const dpi = p.dpi > 0 ? p.dpi : 300;
  const widthMm = Math.round((p.width / dpi) * 25.4);
  const heightMm = Math.round((p.height / dpi) * 25.4);
  const short = Math.min(widthMm, heightMm);
  const long = Math.max(widthMm, heightMm);
  const match = PAPER.find((f) => Math.abs(f.w - short) <= 6 && Math.abs(f.h - long) <= 6);
  return { paper: match?.name ?? null, landscape: widthMm > heightMm, widthMm, heightMm };
}

/** Rotation as the clerk reads it: 0, 90, 180 or 270 degrees clockwise. */
export const normalRotation = (deg: number): number => ((deg % 360) + 360) % 360;

/** Other documents of the same batch, in the order of the stack (`seq`). */
export function mergeCandidates(docs: readonly DocumentSummary[], self: Pick<DocumentSummary, 'id' | 'batchId'>): DocumentSummary[] {
  return docs.filter((d) => d.batchId === self.batchId && d.id !== self.id).sort((a, b) => a.seq - b.seq);
}

/** Whole-number percentage of a 0–1 confidence. */
export const confidencePercent = (c: number): number => Math.round(Math.min(1, Math.max(0, c)) * 100);
