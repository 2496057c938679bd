// Holds the clerk's scan job, one per window, so that it outlives the scan screen.
import { useSyncExternalStore } from 'react';
import type { PostkamerApi, ScanProfileDto, Scanner } from '../../../src/contract';
import { useApi } from '../../app/api';
import { isFinal, scanReducer, startJob, type IngestProgress, type ScanAction, type ScanJobState, type ScanProgress } from './scanJob';

// The scan job outlives the screen: the clerk may look at the inbox while the feeder runs and come back to see
// how far it got. So the job lives here, one per window (per API), listening to the core's events from just
// before scanners.scan is sent until the job has ended.

type ProfileRef = Pick<ScanProfileDto, 'name' | 'label'>;

export class ScanSession {
  private state: ScanJobState | null = null;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | null = null;
  /** Events that came before the answer to scanners.scan told us which batch is ours. */
  private early: ScanAction[] = [];

  constructor(private readonly api: Pick<PostkamerApi, 'call' | 'on'>) {}

  readonly get = (): ScanJobState | null => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get running(): boolean {
    return this.state !== null && !isFinal(this.state.phase);
  }

  /** `scannerLabel`: how the clerk knows the scanner (shown with the job). */
  async start(scanner: Scanner, profile: ProfileRef, scannerLabel: string = scanner.name): Promise<void> {
    if (this.running) return;
    this.early = [];
    this.set(startJob(scannerLabel, profile.label));
    this.listen();
    const r = await this.api.call('scanners.scan', { scanner, profile: profile.name });
    if (!r.ok) {
      this.dispatch({ type: 'start-failed', error: r.error });
      this.unlisten();
      return;
    }
    this.dispatch({ type: 'started', batchId: r.data.batchId });
    const early = this.early;
    this.early = [];
    for (const a of early) this.apply(a);
  }

  async stop(): Promise<void> {
    const s = this.state;
    if (!s || !this.running) return;
    this.dispatch({ type: 'stop' });
    if (s.batchId) await this.api.call('scanners.cancel', { batchId: s.batchId });
  }

  /** Forget an ended job (the clerk closed its message). */
  dismiss(): void {
    if (this.running) return;
    this.set(null);
  }

  private listen(): void {
    this.unlisten();
    const offScan = this.api.on('scan.progress', (e) => this.apply({ type: 'scan', event: e }));
    const offIngest = this.api.on('ingest.progress', (e) => this.apply({ type: 'ingest', event: e }));
    this.unsubscribe = () => {
      offScan();
      offIngest();
    };
  }

  private unlisten(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private apply(a: ScanAction): void {
    const s = this.state;
    if (!s) return;
    if (s.batchId === null) {
      this.early.push(a);
      return;
    }
    if (a.type === 'scan' && a.event.batchId === s.batchId && a.event.state !== 'scanning') {
      void this.end(a.event);
      return;
    }
    this.dispatch(a);
  }

  /** The job ended: count the documents made from its pages, then say it once, complete. */
  private async end(event: ScanProgress): Promise<void> {
    this.unlisten();
    const r = await this.api.call('documents.list', { batchId: event.batchId, limit: 5000 });
    this.dispatch({ type: 'ended', event, documents: r.ok ? r.data.length : null });
  }

  private dispatch(a: ScanAction): void {
    if (this.state) this.set(scanReducer(this.state, a));
  }

  private set(s: ScanJobState | null): void {
    if (s === this.state) return;
    this.state = s;
    for (const l of this.listeners) l();
  }
}

const sessions = new WeakMap<object, ScanSession>();

export function sessionFor(api: Pick<PostkamerApi, 'call' | 'on'>): ScanSession {
  let s = sessions.get(api);
  if (!s) sessions.set(api, (s = new ScanSession(api)));
  return s;
}

export function useScanSession(): { session: ScanSession; job: ScanJobState | null } {
  const session = sessionFor(useApi());
  const job = useSyncExternalStore(session.subscribe, session.get);
  return { session, job };
}

export type { IngestProgress, ScanProgress };
