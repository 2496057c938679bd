// The inbox's data: batches and documents, as the inbox screen shows them.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Batch, DocumentStage, DocumentSummary, WireError } from '../../../src/contract';
import { useApi, useEvent, useReconnectCount } from '../../app/api';
import { batchesFingerprint, groupByBatch, type BatchGroup, type InboxOrder, type IngestProgress } from './model';

// Kept current three ways —
//  1. events from the core this window is connected to (document.changed → fetch that one document);
//  2. a cheap poll of batches.list while the window is visible, for documents another process added
//     (the CLI, a second app instance): when the batches' fingerprint changes, the documents are re-listed;
//  3. a full reload after a reconnect, because events were missed meanwhile.

export const POLL_MS = 3000;
const DOC_LIMIT = 5000;
const BATCH_LIMIT = 1000;

export interface InboxData {
  groups: BatchGroup[];
  count: number;
  loading: boolean;
  error?: WireError;
  progress: Map<string, IngestProgress>;
  /** Documents per stage over the whole store (documents.stageCounts); null until first loaded. */
  stageCounts: Record<DocumentStage, number> | null;
  reload(): void;
}

export function useInbox(order: InboxOrder = 'oldest'): InboxData {
  const api = useApi();
  const reconnects = useReconnectCount();
  const [batches, setBatches] = useState<Batch[]>([]);
  const [docs, setDocs] = useState<Map<string, DocumentSummary>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<WireError | undefined>();
  const [progress, setProgress] = useState<Map<string, IngestProgress>>(new Map());
  const [stageCounts, setStageCounts] = useState<Record<DocumentStage, number> | null>(null);
  const fingerprint = useRef<string | null>(null);
  const live = useRef(true);

  const loadCounts = useCallback(async () => {
    const r = await api.call('documents.stageCounts', {});
    if (live.current && r.ok) setStageCounts(r.data);
  }, [api]);

  const loadDocs = useCallback(async () => {
    const [r] = await Promise.all([api.call('documents.list', { limit: DOC_LIMIT }), loadCounts()]);
    if (!live.current) return;
    if (r.ok) setDocs(new Map(r.data.map((d) => [d.id, d])));
    else setError(r.error);
  }, [api, loadCounts]);

  const loadBatches = useCallback(async (): Promise<boolean> => {
    const r = await api.call('batches.list', { limit: BATCH_LIMIT });
    if (!live.current) return false;
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setError(undefined);
    const fp = batchesFingerprint(r.data);
    const changed = fp !== fingerprint.current;
    fingerprint.current = fp;
    if (changed) setBatches(r.data);
    return changed;
  }, [api]);

  const reload = useCallback(() => {
    setLoading(true);
    fingerprint.current = null;
    void Promise.all([loadBatches(), loadDocs()]).then(() => live.current && setLoading(false));
  }, [loadBatches, loadDocs]);

  useEffect(() => {
    live.current = true;
    reload();
    return () => {
      live.current = false;
    };
  }, [reload, reconnects]);

  // Events: batch one fetch per changed document, a few at a time, rather than re-listing everything.
  const pendingDocs = useRef(new Set<string>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const flushDocs = useCallback(() => {
    flushTimer.current = null;
    const ids = [...pendingDocs.current];
    pendingDocs.current.clear();
    void Promise.all(ids.map((id) => api.call('documents.get', { id }))).then((results) => {
      if (!live.current) return;
      setDocs((prev) => {
        const next = new Map(prev);
        results.forEach((r, i) => {
          if (r.ok) next.set(r.data.id, r.data);
          else if (r.error.code === 'not-found') next.delete(ids[i]);
        });
        return next;
      });
    });
    void loadCounts();
  }, [api, loadCounts]);
  useEvent('document.changed', ({ documentId }) => {
    pendingDocs.current.add(documentId);
    flushTimer.current ??= setTimeout(flushDocs, 100);
  });

  const batchTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvent('batch.changed', () => {
    batchTimer.current ??= setTimeout(() => {
      batchTimer.current = null;
      void loadBatches();
    }, 100);
  });

  // The outbox moved on (delivered, attention): stages changed without a document.changed; re-list, at most every 2 s.
  const statusTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvent('status.changed', () => {
    statusTimer.current ??= setTimeout(() => {
      statusTimer.current = null;
      void loadDocs();
    }, 2000);
  });

  useEvent('ingest.progress', (p) => {
    setProgress((prev) => new Map(prev).set(p.batchId, p));
  });

  useEffect(
    () => () => {
      if (flushTimer.current) clearTimeout(flushTimer.current);
      if (batchTimer.current) clearTimeout(batchTimer.current);
      if (statusTimer.current) clearTimeout(statusTimer.current);
    },
    [],
  );

  // Poll while visible: another process may have added documents (its events do not reach us).
  useEffect(() => {
    const tick = async () => {
      if (document.visibilityState !== 'visible') return;
      if (await loadBatches()) await loadDocs();
    };
    const timer = setInterval(() => void tick(), POLL_MS);
    const onVisible = () => void tick();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [loadBatches, loadDocs]);

  const groups = useMemo(() => groupByBatch(batches, docs.values(), order), [batches, docs, order]);
  return { groups, count: docs.size, loading, error, progress, stageCounts, reload };
}
