// The sync worker's knobs that tests and benchmarks set through the environment (never secrets).
import type { WorkerOptions } from './worker-options';

/** Knobs for tests and benchmarks, read from the environment once (never secrets). */
export function envOverrides(env: NodeJS.ProcessEnv): Partial<WorkerOptions> {
  const num = (k: string) => (env[k] !== undefined && /^\d+$/.test(env[k]!) ? Number(env[k]) : undefined);
  const out: Partial<WorkerOptions> = {};
  const base = num('POSTKAMER_SYNC_BACKOFF_MS');
  if (base !== undefined) out.backoff = { baseMs: base, capMs: Math.max(base, num('POSTKAMER_SYNC_BACKOFF_CAP_MS') ?? base * 16) };
  const timeout = num('POSTKAMER_SYNC_TIMEOUT_MS');
  if (timeout !== undefined) out.timeoutMs = timeout;
  return out;
}
