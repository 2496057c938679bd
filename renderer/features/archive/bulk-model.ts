// Bulk classification's pure parts: the action as the classification.bulk input, what a preview says in numbers, and
// which values of a row change (before → after).
import type { BulkOutcome } from '../../../src/contract/classification';

export type BulkAction =
  { kind: 'documenttype'; documenttype: string } | { kind: 'vertrouwelijkheid'; vertrouwelijkheid: string } | { kind: 'reviewed' };

type Vh = 'openbaar' | 'beperkt_openbaar' | 'intern' | 'zaakvertrouwelijk' | 'vertrouwelijk' | 'confidentieel' | 'geheim' | 'zeer_geheim';

/** The classification.bulk input for an action on `ids`. */
export function bulkInput(action: BulkAction, ids: readonly string[], preview: boolean) {
  const base = { ids: [...ids], preview };
  switch (action.kind) {
    case 'documenttype':
      return { ...base, documenttype: action.documenttype };
    case 'vertrouwelijkheid':
      return { ...base, vertrouwelijkheid: action.vertrouwelijkheid as Vh };
    case 'reviewed':
      return { ...base, reviewed: true as const };
  }
}

export interface PreviewSummary {
  changed: number;
  unchanged: number;
  refused: number;
  /** Nothing would change: confirming is pointless. */
  nothing: boolean;
}

export function previewSummary(results: readonly Pick<BulkOutcome, 'outcome'>[]): PreviewSummary {
  const count = (o: BulkOutcome['outcome']) => results.filter((r) => r.outcome === o).length;
  const changed = count('changed');
  return { changed, unchanged: count('unchanged'), refused: count('refused'), nothing: changed === 0 };
}

export interface Change {
  field: 'documenttype' | 'vertrouwelijkheid' | 'reviewed';
  before: string | boolean | null;
  after: string | boolean | null;
}

/** The values of one row that differ before and after (in a fixed order). */
export function changesOf(r: Pick<BulkOutcome, 'before' | 'after'>): Change[] {
  return (['documenttype', 'vertrouwelijkheid', 'reviewed'] as const)
    .filter((f) => r.before[f] !== r.after[f])
    .map((f) => ({ field: f, before: r.before[f], after: r.after[f] }));
}

/** Refused rows first (they need attention), then changed, then unchanged; stable within each. */
export function previewOrder<T extends Pick<BulkOutcome, 'outcome'>>(results: readonly T[]): T[] {
  const rank = { refused: 0, changed: 1, unchanged: 2 } as const;
  return results
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank[a.r.outcome] - rank[b.r.outcome] || a.i - b.i)
    .map((x) => x.r);
}
