import { describe, expect, it } from 'vitest';
import { groupByPhase, phaseOf, searchQuery, shouldPoll } from '../../../renderer/features/sync/outbox';
import { OutboxState } from '../../../src/contract';

describe('delivery phases', () => {
  it('tells every outbox state as wacht, verzonden or aandacht', () => {
    const phases = Object.fromEntries(OutboxState.options.map((s) => [s, phaseOf(s)]));
    expect(phases).toEqual({
      pending: 'waiting',
      'document-created': 'waiting',
      'content-uploaded': 'waiting',
      linked: 'waiting',
      done: 'delivered',
      attention: 'attention',
    });
  });

  it('groups attention first, then waiting, then delivered, newest first, and leaves out empty groups', () => {
    const items = [
      { id: 'a', state: 'done' as const, updatedAt: '2026-01-01T10:00:00.000Z' },
      { id: 'b', state: 'pending' as const, updatedAt: '2026-01-01T09:00:00.000Z' },
      { id: 'c', state: 'done' as const, updatedAt: '2026-01-01T11:00:00.000Z' },
      { id: 'd', state: 'linked' as const, updatedAt: '2026-01-01T12:00:00.000Z' },
    ];
    const groups = groupByPhase(items);
    expect(groups.map((g) => [g.phase, g.items.map((i) => i.id)])).toEqual([
      ['waiting', ['d', 'b']],
      ['delivered', ['c', 'a']],
    ]);
    expect(groupByPhase([{ id: 'x', state: 'attention' as const, updatedAt: '2026-01-01T00:00:00.000Z' }, ...items])[0].phase).toBe(
      'attention',
    );
  });

  it('polls only while something is on its way', () => {
    expect(shouldPoll([])).toBe(false);
    expect(shouldPoll([{ state: 'done' }, { state: 'attention' }])).toBe(false);
    expect(shouldPoll([{ state: 'done' }, { state: 'content-uploaded' }])).toBe(true);
  });

  it('searches zaken from two characters on, trimmed and bounded to what the core accepts', () => {
    expect(searchQuery('')).toBeNull();
    expect(searchQuery('  Z ')).toBeNull();
    expect(searchQuery(' ZAAK-2026 ')).toBe('ZAAK-2026');
    expect(searchQuery('x'.repeat(150))).toHaveLength(100);
  });
});
