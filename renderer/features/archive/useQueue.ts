// The archive queue's data: pages of classification.queue fetched as the rows come into view, forgotten when the
// filter or the sort changes, the total and the counts per state from the latest answer.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueueFilter, QueueItem } from '../../../src/contract/classification';
import type { ClassificationState, WireError } from '../../../src/contract';
import { useApi } from '../../app/api';
import { missingPages, PAGE_ROWS, pageInput, queryKey, type QueueSort } from './queue-model';

export interface QueueData {
  /** null until the first page answered. */
  total: number | null;
  counts: Record<ClassificationState, number> | null;
  error: WireError | undefined;
  /** The row at `index`, or undefined while its page is on its way. */
  itemAt(index: number): QueueItem | undefined;
  /** Asks for the pages that hold rows [start, end). */
  ensure(start: number, end: number): void;
  /** Forgets every page (after a change) and fetches what is in view again. */
  reload(): void;
  /** Changes with every page that arrives (a dependency for memoised views). */
  version: number;
}

export function useQueue(filter: QueueFilter, sort: QueueSort): QueueData {
  const api = useApi();
  const key = queryKey(filter, sort);
  const pages = useRef(new Map<number, QueueItem[]>());
  const asked = useRef(new Set<number>());
  const generation = useRef(0);
  const lastRange = useRef<[number, number]>([0, PAGE_ROWS]);
  const [version, setVersion] = useState(0);
  const [total, setTotal] = useState<number | null>(null);
  const [counts, setCounts] = useState<Record<ClassificationState, number> | null>(null);
  const [error, setError] = useState<WireError | undefined>();

  const fetchPage = useCallback(
    (page: number, gen: number, input: ReturnType<typeof pageInput>) => {
      asked.current.add(page);
      void api.call('classification.queue', input).then((r) => {
        if (gen !== generation.current) return;
        if (!r.ok) {
          asked.current.delete(page);
          setError(r.error);
          return;
        }
        setError(undefined);
        pages.current.set(page, r.data.items);
        setTotal(r.data.total);
        setCounts(r.data.counts as Record<ClassificationState, number>);
        setVersion((v) => v + 1);
      });
    },
    [api],
  );

  const ensure = useCallback(
    (start: number, end: number) => {
      lastRange.current = [start, end];
      const parsed = JSON.parse(key) as [QueueFilter, QueueSort];
      for (const p of missingPages(start, end, asked.current)) fetchPage(p, generation.current, pageInput(parsed[0], parsed[1], p));
    },
    [key, fetchPage],
  );

  const restart = useCallback(
    (keepTotal: boolean) => {
      generation.current += 1;
      pages.current = new Map();
      asked.current = new Set();
      if (!keepTotal) setTotal(null);
      setVersion((v) => v + 1);
      const parsed = JSON.parse(key) as [QueueFilter, QueueSort];
      const [start, end] = keepTotal ? lastRange.current : [0, PAGE_ROWS];
      for (const p of new Set([0, ...missingPages(start, end, new Set())]))
        fetchPage(p, generation.current, pageInput(parsed[0], parsed[1], p));
    },
    [key, fetchPage],
  );

  // A new filter or sort: a new list from its first row.
  useEffect(() => restart(false), [restart]);

  const reload = useCallback(() => restart(true), [restart]);
  const itemAt = useCallback(
    (i: number) => pages.current.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS],
    // The pages live in a ref; `version` says when they changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [version],
  );
  return { total, counts, error, itemAt, ensure, reload, version };
}
