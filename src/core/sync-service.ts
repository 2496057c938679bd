// The ZGW delivery (src/sync) as the core runs it: one Sync over the store, and its background loop.
import { SyncService as Sync } from '../sync/service';
import type { CoreHandle } from './types';

export interface SyncService {
  /** The delivery the sync commands (commands/sync.ts) call into. */
  readonly sync: Sync;
  /** Starts the background delivery loop (app and web harness; not short CLI commands). */
  start(): void;
  stop(): Promise<void>;
  /** Outbox counts per state, for `app.status`. */
  outboxCounts(): Record<string, number>;
}

export function createSyncService(core: CoreHandle): SyncService {
  const sync = new Sync(core.store, { onChange: () => core.emit('status.changed', {}) });
  return {
    sync,
    start: () => {
      sync.start();
      // A document that became ready (processed, edited, linked) is delivered without waiting for the next round; so
      // is a batch's verklaring (approved, or retried).
      core.on((name) => {
        if (name === 'document.changed' || name === 'batch.changed') sync.documentReady();
      });
    },
    stop: () => sync.stop(),
    outboxCounts: () => sync.outboxCounts(),
  };
}
