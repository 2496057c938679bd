// The archive queue's pure parts: the filter form as the classification.queue input, which rows a scrolled window
// shows, which pages of the core to fetch for them, multi-select with a shift-range, and keyboard movement.
import type { ClassificationState, QUEUE_SORTS, QueueFilter } from '../../../src/contract/classification';
import type { DocumentStage } from '../../../src/contract';

export type QueueSort = (typeof QUEUE_SORTS)[number];

/** The filter form as typed (strings; '' is "any"). */
export interface QueueFilters {
  state: ClassificationState | '';
  zaaktype: string;
  documenttype: string;
  vertrouwelijkheid: string;
  from: string;
  to: string;
  afzender: string;
  stage: DocumentStage | '';
  delivered: '' | 'ja' | 'nee';
}

export const NO_FILTERS: QueueFilters = {
  state: '',
  zaaktype: '',
  documenttype: '',
  vertrouwelijkheid: '',
  from: '',
  to: '',
  afzender: '',
  stage: '',
  delivered: '',
};

/** Rows fetched per call (a page of the core, not of the screen). */
export const PAGE_ROWS = 100;
/** Height of one row in pixels: fixed, so that the window is arithmetic and not measured. */
export const ROW_HEIGHT = 44;
/** Rows rendered above and below the visible ones. */
export const OVERSCAN = 8;

/** What is wrong with the filters before they are sent (the period backwards), or null. */
export function filterProblem(f: QueueFilters): 'period-reversed' | null {
  return f.from && f.to && f.from > f.to ? 'period-reversed' : null;
}

/** The contract's filter for the form: only what is set, trimmed. */
export function queueFilter(f: QueueFilters): QueueFilter {
  const text = (s: string, max: number) => (s.trim() === '' ? undefined : s.trim().slice(0, max));
  const out: QueueFilter = {};
  if (f.state) out.state = f.state;
  const zaaktype = text(f.zaaktype, 1000);
  if (zaaktype) out.zaaktype = zaaktype;
  const documenttype = text(f.documenttype, 1000);
  if (documenttype) out.documenttype = documenttype;
  if (f.vertrouwelijkheid) out.vertrouwelijkheid = f.vertrouwelijkheid as NonNullable<QueueFilter['vertrouwelijkheid']>;
  if (f.from) out.from = f.from;
  if (f.to) out.to = f.to;
  const afzender = text(f.afzender, 200);
  if (afzender) out.afzender = afzender;
  if (f.stage) out.stage = f.stage;
  if (f.delivered) out.delivered = f.delivered === 'ja';
  return out;
}

/** One call's input for the page starting at row `pageIndex * PAGE_ROWS`. */
export function pageInput(filter: QueueFilter, sort: QueueSort, pageIndex: number) {
  return { filter, sort, limit: PAGE_ROWS, offset: pageIndex * PAGE_ROWS };
}

/** Identifies a query: a new key starts a new list (the cached pages belong to the old one). */
export const queryKey = (filter: QueueFilter, sort: QueueSort) => JSON.stringify([filter, sort]);

/** The rows to render for a scroll position: [start, end) within `total`, with the overscan. */
export function visibleRange(scrollTop: number, viewport: number, total: number, overscan = OVERSCAN): { start: number; end: number } {
  if (total <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / ROW_HEIGHT);
  const count = Math.ceil(Math.max(viewport, ROW_HEIGHT) / ROW_HEIGHT) + 1;
  const start = Math.max(0, Math.min(total - 1, first) - overscan);
  const end = Math.min(total, first + count + overscan);
  return { start, end: Math.max(end, start + 1) };
}

/** The core's pages that hold rows [start, end), and are not yet loaded or asked for. */
export function missingPages(start: number, end: number, have: ReadonlySet<number>): number[] {
  if (end <= start) return [];
  const out: number[] = [];
  for (let p = Math.floor(start / PAGE_ROWS); p <= Math.floor((end - 1) / PAGE_ROWS); p++) if (!have.has(p)) out.push(p);
  return out;
}

/** Where the grid scrolls so that row `index` is in view (unchanged when it already is). */
export function scrollFor(index: number, scrollTop: number, viewport: number): number {
  const top = index * ROW_HEIGHT;
  if (top < scrollTop) return top;
  if (top + ROW_HEIGHT > scrollTop + viewport) return top + ROW_HEIGHT - viewport;
  return scrollTop;
}

/** The row a key moves to (arrows, Home/End, PageUp/PageDown by a screenful), or null for other keys. */
export function moveRow(key: string, index: number, total: number, pageRows: number): number | null {
  if (total <= 0) return null;
  const step = Math.max(1, pageRows - 1);
  const to = (i: number) => Math.min(total - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return to(index + 1);
    case 'ArrowUp':
      return to(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return total - 1;
    case 'PageDown':
      return to(index + step);
    case 'PageUp':
      return to(index - step);
    default:
      return null;
  }
}

/** The most documents one bulk action takes (the contract's limit). */
export const MAX_SELECTION = 1000;

/** Adds or removes one document. */
export function toggleSelected(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/**
 * Shift-click or Shift+Space: every loaded row between the anchor and `index` (both included) takes the state the
 * clicked row gets. `idAt` answers undefined for a row not loaded, which is left as it is.
 */
export function selectRange(
  selected: ReadonlySet<string>,
  anchor: number,
  index: number,
  idAt: (i: number) => string | undefined,
  select: boolean,
): Set<string> {
  const next = new Set(selected);
  const [a, b] = anchor <= index ? [anchor, index] : [index, anchor];
  for (let i = a; i <= b; i++) {
    const id = idAt(i);
    if (id === undefined) continue;
    if (select) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** "Select all on this page": every id given selected, or — when all of them already are — none of them. */
export function toggleAll(selected: ReadonlySet<string>, ids: readonly string[]): Set<string> {
  const next = new Set(selected);
  const all = ids.length > 0 && ids.every((id) => next.has(id));
  for (const id of ids) {
    if (all) next.delete(id);
    else next.add(id);
  }
  return next;
}

/** The header checkbox's state for the ids in view. */
export function allState(selected: ReadonlySet<string>, ids: readonly string[]): 'all' | 'some' | 'none' {
  const n = ids.filter((id) => selected.has(id)).length;
  return n === 0 ? 'none' : n === ids.length ? 'all' : 'some';
}
