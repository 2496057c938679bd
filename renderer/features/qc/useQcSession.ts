// The QC screen's state: the batch's QC view from the core, the sampled page in view, the verdicts sent one at a
// time (each answer is the new view), starting and closing the round, and what is announced for screen readers.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommandOutput, QcReason, QcView, WireError } from '../../../src/contract';
import { useAnnounce } from '../../app/announcer';
import { useApi, useReconnectCount } from '../../app/api';
import { afterVerdict, firstOpen, mayClose, step } from './qc-model';

export type CloseResult = CommandOutput<'qc.close'>;

export function useQcSession(batchId: string) {
  const api = useApi();
  const { t } = useTranslation();
  const announce = useAnnounce();
  const reconnects = useReconnectCount();
  const [view, setView] = useState<QcView | null>(null);
  const [loadError, setLoadError] = useState<WireError | undefined>();
  const [error, setError] = useState<WireError | null>(null);
  const [index, setIndex] = useState(0);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CloseResult | null>(null);
  const busyRef = useRef(false);
  const placed = useRef(false);

  const load = useCallback(async () => {
    const r = await api.call('qc.get', { batchId });
    if (!r.ok) {
      setLoadError(r.error);
      return;
    }
    setLoadError(undefined);
    setView(r.data);
    // The first time: start at the first page still to judge.
    if (!placed.current && r.data.sample.length > 0) {
      placed.current = true;
      setIndex(firstOpen(r.data.sample));
    }
  }, [api, batchId]);

  useEffect(() => {
    void load();
  }, [load, reconnects]);

  /** Runs one call at a time; a key pressed while one runs is ignored (the screen shows the verdict it got). */
  const run = useCallback(async <T>(work: () => Promise<T>): Promise<T | undefined> => {
    if (busyRef.current) return undefined;
    busyRef.current = true;
    setBusy(true);
    try {
      return await work();
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  }, []);

  const start = useCallback(
    () =>
      run(async () => {
        const r = await api.call('qc.start', { batchId });
        if (!r.ok) return setError(r.error);
        setError(null);
        placed.current = true;
        setView(r.data.qc);
        setIndex(firstOpen(r.data.qc.sample));
      }),
    [api, batchId, run],
  );

  const judge = useCallback(
    (verdict: 'goed' | 'fout', reason?: QcReason) =>
      run(async () => {
        const page = view?.sample[index];
        if (!page) return;
        const r = await api.call('qc.judge', { batchId, page: page.page, verdict, ...(reason ? { reason } : {}) });
        if (!r.ok) return setError(r.error);
        setError(null);
        const next = r.data;
        setView(next);
        const judged = next.progress.judged;
        const total = next.progress.total;
        const words =
          verdict === 'goed'
            ? t('qcCheck.announceGood', { page: page.page, judged, total })
            : t('qcCheck.announceFault', { page: page.page, reason: t(`qcCheck.reason.${reason}`), judged, total });
        announce(mayClose(next) ? `${words} ${t('qcCheck.announceAll')}` : words);
        setIndex(afterVerdict(next.sample, index));
      }),
    [announce, api, batchId, index, run, t, view],
  );

  const close = useCallback(
    () =>
      run(async () => {
        const r = await api.call('qc.close', { batchId });
        if (!r.ok) return setError(r.error);
        setError(null);
        setResult(r.data);
        const pages = r.data.faults
          .map((f) => t('qcCheck.resultPage', { page: f.page, reason: t(`qcCheck.reason.${f.reden}`) }))
          .join(', ');
        announce(
          r.data.qc === 'goedgekeurd' ? t('qcCheck.resultApproved') : t('qcCheck.resultRejected', { count: r.data.faults.length, pages }),
        );
        await load();
      }),
    [announce, api, batchId, load, run, t],
  );

  const move = useCallback(
    (delta: 1 | -1) => {
      if (!view || view.sample.length === 0) return;
      const next = step(index, delta, view.sample.length);
      if (next === index) return;
      setIndex(next);
      const p = view.sample[next]!;
      const verdict =
        p.verdict === null
          ? t('qcCheck.verdictNone')
          : p.verdict === 'goed'
            ? t('qcCheck.verdictGood')
            : t('qcCheck.verdictFault', { reason: t(`qcCheck.reason.${p.reason}`) });
      announce(t('qcCheck.announcePage', { page: p.page, index: next + 1, total: view.sample.length, verdict }));
    },
    [announce, index, t, view],
  );

  return { view, loadError, reload: load, error, index, setIndex, busy, result, start, judge, close, move };
}
