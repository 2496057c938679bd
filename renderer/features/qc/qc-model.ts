// Pure rules of the QC screen: which key does what (judging, choosing the reason, moving through the sample), where
// the checker goes after a verdict, and whether the round may be closed.
import type { QcReason, QcView } from '../../../src/contract';

/** The five reasons in the order of the checklist: number key n chooses the n-th. */
export const REASONS: readonly QcReason[] = ['onleesbaar', 'incompleet', 'verkeerde-volgorde', 'ontbrekende-pagina', 'scheef-afgesneden'];

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key was typed in takes text (letters typed there are text, not commands). */
  inField: boolean;
}

export type PageKeyAction = 'goed' | 'fout' | 'next' | 'previous';

/** The keys of the page view (no reason being chosen): G, F, N / →, P / ←; none in a text field or with a modifier. */
export function pageKeyOf(e: KeyLike): PageKeyAction | null {
  if (e.inField || e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'g':
    case 'G':
      return 'goed';
    case 'f':
    case 'F':
      return 'fout';
    case 'n':
    case 'N':
    case 'ArrowRight':
      return 'next';
    case 'p':
    case 'P':
    case 'ArrowLeft':
      return 'previous';
    default:
      return null;
  }
}

export type ReasonKeyAction =
  { kind: 'choose'; reason: QcReason } | { kind: 'move'; index: number } | { kind: 'confirm' } | { kind: 'cancel' };

/**
 * The keys while a reason is chosen: 1–5 choose that reason and record it, the arrow keys move through the five
 * (round), Enter records the one chosen, Escape cancels. `current` is the index of the reason chosen now.
 */
export function reasonKeyOf(e: Omit<KeyLike, 'inField'>, current: number): ReasonKeyAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  if (/^[1-5]$/.test(e.key)) return { kind: 'choose', reason: REASONS[Number(e.key) - 1]! };
  const n = REASONS.length;
  if (e.key === 'ArrowDown' || e.key === 'ArrowRight') return { kind: 'move', index: (current + 1) % n };
  if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') return { kind: 'move', index: (current - 1 + n) % n };
  if (e.key === 'Enter') return { kind: 'confirm' };
  if (e.key === 'Escape') return { kind: 'cancel' };
  return null;
}

/** Whether pages may be judged now: while the sample is being checked, again after a rescan. */
export const judging = (state: QcView['state']): boolean => state === 'steekproef' || state === 'nascan';

/** Whether the round may be closed: judging, and every sampled page has a verdict. */
export function mayClose(view: Pick<QcView, 'state' | 'sample'>): boolean {
  return judging(view.state) && view.sample.length > 0 && view.sample.every((p) => p.verdict !== null);
}

/** Where to start: the first sampled page without a verdict, else the first. */
export function firstOpen(sample: QcView['sample']): number {
  const i = sample.findIndex((p) => p.verdict === null);
  return i >= 0 ? i : 0;
}

/**
 * After a verdict on `index`: the next page without a verdict after it (round to the start), or, when every page has
 * one, the page after it (staying on the last).
 */
export function afterVerdict(sample: QcView['sample'], index: number): number {
  const n = sample.length;
  for (let step = 1; step < n; step++) {
    const i = (index + step) % n;
    if (sample[i]!.verdict === null) return i;
  }
  return Math.min(index + 1, n - 1);
}

/** Moves through the sample without wrapping. */
export const step = (index: number, delta: 1 | -1, length: number): number => Math.max(0, Math.min(length - 1, index + delta));
