// The desk's data kept live by events: app.status and sync.status re-fetched (debounced, one at a time) when work
// moves, the period's figures when the period changes and, more slowly, when work moves; no polling.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { CommandOutput, WireError } from '../../../src/contract';
import { useApi, useEvent, useReconnectCount } from '../../app/api';
import { coalesced, type PeriodReport } from './model';

/** After an event, wait this long for more before re-fetching the stages and the sync health. */
export const LIVE_WAIT_MS = 1000;
/** The period's figures move slowly and cost more: re-computed at most this often by events. */
export const REPORT_WAIT_MS = 10_000;

interface Loaded<T> {
  data?: T;
  error?: WireError;
  loading: boolean;
}

export function useDeskLive() {
  const api = useApi();
  const reconnects = useReconnectCount();
  const [status, setStatus] = useState<Loaded<CommandOutput<'app.status'>>>({ loading: true });
  const [sync, setSync] = useState<Loaded<CommandOutput<'sync.status'>>>({ loading: true });
  const live = useRef(true);

  const fetchBoth = useCallback(async () => {
    const [a, s] = await Promise.all([api.call('app.status', {}), api.call('sync.status', {})]);
    if (!live.current) return;
    setStatus(a.ok ? { data: a.data, loading: false } : { error: a.error, loading: false });
    setSync(s.ok ? { data: s.data, loading: false } : { error: s.error, loading: false });
  }, [api]);

  const refetch = useRef<ReturnType<typeof coalesced> | null>(null);
  useEffect(() => {
    live.current = true;
    const c = coalesced(fetchBoth, LIVE_WAIT_MS);
    refetch.current = c;
    void fetchBoth();
    return () => {
      live.current = false;
      c.cancel();
    };
  }, [fetchBoth, reconnects]);

  const request = () => refetch.current?.request();
  useEvent('status.changed', request);
  useEvent('document.changed', request);
  useEvent('batch.changed', request);
  const reload = useCallback(() => void fetchBoth(), [fetchBoth]);
  return { status, sync, reload };
}

/** The figures of [from, to]; null input: no valid period chosen (nothing is asked). */
export function usePeriodReport(period: { from: string; to: string } | null) {
  const api = useApi();
  const reconnects = useReconnectCount();
  const [state, setState] = useState<Loaded<PeriodReport>>({ loading: period !== null });
  const key = period ? `${period.from}/${period.to}` : null;
  const refetch = useRef<ReturnType<typeof coalesced> | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    const [from, to] = key.split('/') as [string, string];
    let live = true;
    const fetch = async () => {
      const r = await api.call('report.summary', { from, to });
      if (live) setState(r.ok ? { data: r.data, loading: false } : { error: r.error, loading: false });
    };
    setState((s) => ({ ...s, loading: true }));
    void fetch();
    const c = coalesced(fetch, REPORT_WAIT_MS);
    refetch.current = c;
    return () => {
      live = false;
      c.cancel();
    };
  }, [api, key, reconnects, tick]);

  const request = () => refetch.current?.request();
  useEvent('status.changed', request);
  useEvent('document.changed', request);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
