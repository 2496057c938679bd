import { describe, expect, it } from 'vitest';
import { bulkInput, changesOf, previewOrder, previewSummary } from '../../../renderer/features/archive/bulk-model';
import {
  allState,
  filterProblem,
  missingPages,
  moveRow,
  NO_FILTERS,
  OVERSCAN,
  PAGE_ROWS,
  pageInput,
  queryKey,
  queueFilter,
  ROW_HEIGHT,
  scrollFor,
  selectRange,
  toggleAll,
  toggleSelected,
  visibleRange,
} from '../../../renderer/features/archive/queue-model';

describe('archive queue: filters', () => {
  it('sends only what is set, trimmed, delivered as a boolean', () => {
    expect(queueFilter(NO_FILTERS)).toEqual({});
    expect(
      queueFilter({
        ...NO_FILTERS,
        state: 'te-controleren',
        zaaktype: ' https://zgw.test/zt/1 ',
        documenttype: 'Inkomende brief',
        vertrouwelijkheid: 'intern',
        from: '2026-01-01',
        to: '2026-01-31',
        afzender: '  Jansen ',
        stage: 'afgeleverd',
        delivered: 'nee',
      }),
    ).toEqual({
      state: 'te-controleren',
      zaaktype: 'https://zgw.test/zt/1',
      documenttype: 'Inkomende brief',
      vertrouwelijkheid: 'intern',
      from: '2026-01-01',
      to: '2026-01-31',
      afzender: 'Jansen',
      stage: 'afgeleverd',
      delivered: false,
    });
    expect(queueFilter({ ...NO_FILTERS, delivered: 'ja', afzender: '   ' })).toEqual({ delivered: true });
    expect(queueFilter({ ...NO_FILTERS, afzender: 'x'.repeat(300) }).afzender).toHaveLength(200);
  });

  it('refuses a period that runs backwards', () => {
    expect(filterProblem({ ...NO_FILTERS, from: '2026-02-01', to: '2026-01-01' })).toBe('period-reversed');
    expect(filterProblem({ ...NO_FILTERS, from: '2026-01-01', to: '2026-01-01' })).toBeNull();
    expect(filterProblem({ ...NO_FILTERS, from: '2026-01-01' })).toBeNull();
  });

  it('pages through the core and keys a list by filter and sort', () => {
    expect(pageInput({ state: 'geclassificeerd' }, 'title', 3)).toEqual({
      filter: { state: 'geclassificeerd' },
      sort: 'title',
      limit: PAGE_ROWS,
      offset: 3 * PAGE_ROWS,
    });
    expect(queryKey({}, 'oldest')).not.toBe(queryKey({}, 'newest'));
    expect(queryKey({ afzender: 'a' }, 'oldest')).toBe(queryKey({ afzender: 'a' }, 'oldest'));
  });
});

describe('archive queue: the virtual window', () => {
  it('renders only the rows in view with the overscan, within the list', () => {
    expect(visibleRange(0, 10 * ROW_HEIGHT, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(0, 10 * ROW_HEIGHT, 50_000)).toEqual({ start: 0, end: 11 + OVERSCAN });
    const mid = visibleRange(25_000 * ROW_HEIGHT, 10 * ROW_HEIGHT, 50_000);
    expect(mid).toEqual({ start: 25_000 - OVERSCAN, end: 25_011 + OVERSCAN });
    expect(mid.end - mid.start).toBeLessThan(40);
    const last = visibleRange(50_000 * ROW_HEIGHT, 10 * ROW_HEIGHT, 50_000);
    expect(last.end).toBe(50_000);
    expect(last.start).toBeLessThan(50_000);
    expect(visibleRange(0, 10 * ROW_HEIGHT, 3)).toEqual({ start: 0, end: 3 });
  });

  it('asks only for the pages not yet loaded or asked for', () => {
    expect(missingPages(0, 19, new Set())).toEqual([0]);
    expect(missingPages(95, 110, new Set())).toEqual([0, 1]);
    expect(missingPages(95, 110, new Set([0]))).toEqual([1]);
    expect(missingPages(95, 110, new Set([0, 1]))).toEqual([]);
    expect(missingPages(200, 200, new Set())).toEqual([]);
    expect(missingPages(199, 200, new Set())).toEqual([1]);
  });

  it('scrolls just enough to bring a row into view', () => {
    const vp = 10 * ROW_HEIGHT;
    expect(scrollFor(5, 0, vp)).toBe(0);
    expect(scrollFor(10, 0, vp)).toBe(ROW_HEIGHT);
    expect(scrollFor(3, 20 * ROW_HEIGHT, vp)).toBe(3 * ROW_HEIGHT);
    expect(scrollFor(49_999, 0, vp)).toBe(50_000 * ROW_HEIGHT - vp);
  });

  it('moves with arrows, Home/End and a screenful, never outside the list', () => {
    expect(moveRow('ArrowDown', 0, 10, 5)).toBe(1);
    expect(moveRow('ArrowDown', 9, 10, 5)).toBe(9);
    expect(moveRow('ArrowUp', 0, 10, 5)).toBe(0);
    expect(moveRow('Home', 7, 10, 5)).toBe(0);
    expect(moveRow('End', 2, 10, 5)).toBe(9);
    expect(moveRow('PageDown', 2, 10, 5)).toBe(6);
    expect(moveRow('PageUp', 2, 10, 5)).toBe(0);
    expect(moveRow('a', 2, 10, 5)).toBeNull();
    expect(moveRow('ArrowDown', 0, 0, 5)).toBeNull();
  });
});

describe('archive queue: selection', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  it('toggles one, a shift-range of loaded rows, and all in view', () => {
    expect([...toggleSelected(new Set(), 'a')]).toEqual(['a']);
    expect([...toggleSelected(new Set(['a']), 'a')]).toEqual([]);
    expect([...selectRange(new Set(['a']), 1, 3, (i) => ids[i], true)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...selectRange(new Set(['a']), 3, 1, (i) => ids[i], true)].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...selectRange(new Set(ids), 0, 2, (i) => ids[i], false)].sort()).toEqual(['d', 'e']);
    // A row whose page is not loaded is left as it is.
    expect([...selectRange(new Set(), 0, 4, (i) => (i === 2 ? undefined : ids[i]), true)].sort()).toEqual(['a', 'b', 'd', 'e']);
    expect([...toggleAll(new Set(['a']), ['a', 'b'])].sort()).toEqual(['a', 'b']);
    expect([...toggleAll(new Set(['a', 'b', 'z']), ['a', 'b'])]).toEqual(['z']);
    expect([...toggleAll(new Set(), [])]).toEqual([]);
    expect(allState(new Set(['a']), ['a', 'b'])).toBe('some');
    expect(allState(new Set(['a', 'b']), ['a', 'b'])).toBe('all');
    expect(allState(new Set(['z']), ['a', 'b'])).toBe('none');
  });
});

describe('archive bulk actions', () => {
  it('builds the classification.bulk input for each action', () => {
    expect(bulkInput({ kind: 'documenttype', documenttype: 'Brief' }, ['x'], true)).toEqual({
      ids: ['x'],
      preview: true,
      documenttype: 'Brief',
    });
    expect(bulkInput({ kind: 'vertrouwelijkheid', vertrouwelijkheid: 'intern' }, ['x', 'y'], false)).toEqual({
      ids: ['x', 'y'],
      preview: false,
      vertrouwelijkheid: 'intern',
    });
    expect(bulkInput({ kind: 'reviewed' }, ['x'], false)).toEqual({ ids: ['x'], preview: false, reviewed: true });
  });

  const row = (outcome: 'changed' | 'unchanged' | 'refused', n: number) => ({
    id: String(n),
    outcome,
    before: { documenttype: 'Brief', vertrouwelijkheid: 'openbaar', reviewed: false },
    after: { documenttype: outcome === 'changed' ? 'Bezwaar' : 'Brief', vertrouwelijkheid: 'openbaar', reviewed: false },
  });

  it('counts a preview, orders refused first, and names what changes', () => {
    const rows = [row('changed', 1), row('unchanged', 2), row('refused', 3), row('changed', 4)];
    expect(previewSummary(rows)).toEqual({ changed: 2, unchanged: 1, refused: 1, nothing: false });
    expect(previewSummary([row('refused', 1)]).nothing).toBe(true);
    expect(previewOrder(rows).map((r) => r.id)).toEqual(['3', '1', '4', '2']);
    expect(changesOf(rows[0]!)).toEqual([{ field: 'documenttype', before: 'Brief', after: 'Bezwaar' }]);
    expect(changesOf(rows[1]!)).toEqual([]);
    expect(changesOf({ before: rows[0]!.before, after: { ...rows[0]!.before, reviewed: true } })).toEqual([
      { field: 'reviewed', before: false, after: true },
    ]);
  });
});
