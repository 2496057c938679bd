// The state of the clerk's scan job, from the moment "Scannen" is pressed until its end, driven by the answer of
// scanners.scan and the core's events.
import type { EventPayload } from '../../../src/contract';

// Pure: tested under Node.
//
// The core emits `scan.progress` while pages arrive ("scanning", with the count) and once more at the very end
// (completed / cancelled / failed) — after the received pages have been recognised and stored. In between it
// reports that recognition as `ingest.progress` for the same batch: that is when the scanner is done and the
// pages are being processed.

export type ScanProgress = EventPayload<'scan.progress'>;
export type IngestProgress = EventPayload<'ingest.progress'>;
export type ScanPhase = 'starting' | 'scanning' | 'stopping' | 'processing' | 'completed' | 'cancelled' | 'failed';
export interface ScanError {
  code: string;
  message: string;
}

export interface ScanJobState {
  batchId: string | null;
  scannerName: string;
  profileLabel: string;
  phase: ScanPhase;
  /** Pages received from the scanner (each is already stored). */
  pages: number;
  /** The page being recognised, once processing started. */
  processing: number;
  error: ScanError | null;
  /** Documents made from the batch; known when the job has ended. */
  documents: number | null;
}

export type ScanAction =
  | { type: 'started'; batchId: string }
  | { type: 'start-failed'; error: ScanError }
  | { type: 'stop' }
  | { type: 'scan'; event: ScanProgress }
  | { type: 'ingest'; event: IngestProgress }
  | { type: 'ended'; event: ScanProgress; documents: number | null };

export const isFinal = (p: ScanPhase): boolean => p === 'completed' || p === 'cancelled' || p === 'failed';

export function startJob(scannerName: string, profileLabel: string): ScanJobState {
  return { batchId: null, scannerName, profileLabel, phase: 'starting', pages: 0, processing: 0, error: null, documents: null };
}

export function scanReducer(s: ScanJobState, a: ScanAction): ScanJobState {
  if (isFinal(s.phase)) return s; // the end is the end: a late event changes nothing
  switch (a.type) {
    case 'started':
      return s.batchId === null ? { ...s, batchId: a.batchId, phase: s.phase === 'starting' ? 'scanning' : s.phase } : s;
    case 'start-failed':
      return { ...s, phase: 'failed', error: a.error, documents: 0 };
    case 'stop':
      return s.phase === 'scanning' || s.phase === 'starting' ? { ...s, phase: 'stopping' } : s;
    case 'scan': {
      if (a.event.batchId !== s.batchId) return s;
      const pages = Math.max(s.pages, a.event.pages);
      // The final event goes through 'ended' (with the number of documents); here only the running count.
      return a.event.state === 'scanning' ? { ...s, pages, phase: s.phase === 'starting' ? 'scanning' : s.phase } : { ...s, pages };
    }
    case 'ingest': {
      if (a.event.batchId !== s.batchId) return s;
      if (a.event.stage !== 'recognising' && a.event.stage !== 'storing') return s;
      return { ...s, phase: 'processing', processing: Math.max(s.processing, a.event.page ?? 0) };
    }
    case 'ended': {
      if (a.event.batchId !== s.batchId || a.event.state === 'scanning') return s;
      return { ...s, phase: a.event.state, pages: Math.max(s.pages, a.event.pages), error: a.event.error, documents: a.documents };
    }
  }
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** The one sentence the live region says for a state (errors are told separately, as an alert). */
export function statusLine(t: T, s: ScanJobState): string {
  const pages = t('scan.pagesCount', { count: s.pages });
  const documents = s.documents === null ? t('scan.documentsUnknown') : t('scan.documentsCount', { count: s.documents });
  switch (s.phase) {
    case 'starting':
      return t('scan.state.starting');
    case 'scanning':
      return s.pages === 0 ? t('scan.state.waiting') : t('scan.state.scanning', { count: s.pages });
    case 'stopping':
      return t('scan.state.stopping', { pages });
    case 'processing':
      return t('scan.state.processing', { pages, page: Math.max(1, s.processing) });
    case 'completed':
      return t('scan.state.completed', { pages, documents });
    case 'cancelled':
      return t('scan.state.cancelled', { pages, documents });
    case 'failed':
      if (s.batchId === null) return t('scan.state.notStarted');
      return s.pages === 0 ? t('scan.state.failedNothing') : t('scan.state.failed', { pages, documents });
  }
}
