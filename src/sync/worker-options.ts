// The delivery loop's settings (SyncWorker, worker.ts) with their defaults, and what a run-once reports.
import { DEFAULT_BACKOFF, type BackoffPolicy } from './outbox-machine';
import { LEASE_MS } from './outbox';

export interface WorkerOptions {
  concurrency: number;
  backoff: BackoffPolicy;
  inlineLimit: number;
  leaseMs: number;
  zaakMaxAgeMs: number;
  timeoutMs: number;
  /** First probe delay after going offline; doubles up to probeMaxMs. */
  probeMinMs: number;
  probeMaxMs: number;
  idlePollMs: number;
  refreshIntervalMs: number;
  /** In a run-once, how long an environment that just went offline may take to come back before the run ends. */
  offlineGraceMs: number;
  /** Who the background work (catalogue refresh, probes) acts as in the JWT. */
  systemActor: string;
  random: () => number;
  now: () => number;
  onChange?: () => void;
  onRequest?: (method: string, url: string) => void;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  concurrency: 4,
  backoff: DEFAULT_BACKOFF,
  inlineLimit: 4 * 1024 * 1024,
  leaseMs: LEASE_MS,
  zaakMaxAgeMs: 5 * 60_000,
  timeoutMs: 60_000,
  probeMinMs: 250,
  probeMaxMs: 30_000,
  idlePollMs: 30_000,
  refreshIntervalMs: 15 * 60_000,
  offlineGraceMs: 3_000,
  systemActor: 'postkamer',
  random: Math.random,
  now: Date.now,
};

export interface RunSummary {
  delivered: number;
  attention: number;
  retried: number;
  /** Rows not finished (waiting for a retry, offline, or still in processing). */
  remaining: number;
  offline: string[];
}
