// Pure rules of the delivery view: the six outbox states told to the clerk as three, grouped and ordered.
import type { OutboxItem } from '../../../src/contract/sync';

/** What the clerk needs to know: still on its way (wacht), delivered (verzonden), or needs a person (aandacht). */
export type Phase = 'waiting' | 'delivered' | 'attention';

export function phaseOf(state: OutboxItem['state']): Phase {
  if (state === 'done') return 'delivered';
  if (state === 'attention') return 'attention';
  // pending, document-created, content-uploaded, linked: the delivery loop is still busy with it.
  return 'waiting';
}

/** Attention first (someone must act), then what is still underway, then what is done. */
export const PHASE_ORDER: readonly Phase[] = ['attention', 'waiting', 'delivered'];

export function groupByPhase<T extends Pick<OutboxItem, 'state' | 'updatedAt'>>(items: readonly T[]): { phase: Phase; items: T[] }[] {
  return PHASE_ORDER.map((phase) => ({
    phase,
    // Newest change first within a group: what just happened is what the clerk looks for.
    items: items
      .filter((i) => phaseOf(i.state) === phase)
      .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0)),
  })).filter((g) => g.items.length > 0);
}

/** There are no outbox events: poll while something is on its way, stop once it has settled. */
export function shouldPoll(items: readonly Pick<OutboxItem, 'state'>[]): boolean {
  return items.some((i) => phaseOf(i.state) === 'waiting');
}

/** A search is worth sending from two characters on (a zaaknummer or a word of the omschrijving). */
export function searchQuery(input: string): string | null {
  const q = input.trim();
  return q.length >= 2 ? q.slice(0, 100) : null;
}
