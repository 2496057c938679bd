// Running one page edit: plan against the current state, rebuild, record — and on failure remove what was written.
import type { EventName } from '../../contract/events';
import type { Store } from '../../store/store';
import type { StoredBlob } from '../../store/vault';
import type { BuildSettings } from '../build-document';
import type { HandlerContext } from '../types';
import { fingerprint, type Change } from './change';
import { prepare } from './rebuild';
import { record } from './record';

export interface EditHost {
  readonly store: Store;
  /** What documents are built with besides their batch's profile: the same as at ingest. */
  readonly buildSettings: BuildSettings;
  emit(name: EventName, data: unknown): void;
}

/** Reads, prepares and records one change; on any failure the blobs it wrote are removed again. */
export async function apply(host: EditHost, ctx: HandlerContext, plan: () => Change): Promise<Change> {
  const { store } = host;
  const change = plan();
  const expected = fingerprint(store.db, change.watched);
  const written: StoredBlob[] = [];
  let dropped: string[];
  try {
    const docs = await prepare(store, host.buildSettings, change, written);
    dropped = record(store, ctx, change, docs, expected);
  } catch (e) {
    for (const b of written) {
      try {
        store.vault.shred(b.id);
      } catch {
        // Left as 'writing': vault recovery removes it at the next start.
      }
    }
    throw e;
  }
  // The rows are gone with the commit; the files follow (a crash here leaves files without rows, which recovery removes).
  for (const id of dropped) store.vault.shred(id);
  const batches = new Set<string>();
  for (const d of [...change.docs.map((x) => x.base), ...change.gone]) batches.add(d.batch_id);
  for (const d of change.docs) host.emit('document.changed', { documentId: d.id, batchId: d.base.batch_id });
  for (const g of change.gone) host.emit('document.changed', { documentId: g.id, batchId: g.batch_id });
  if (change.batchChanged) for (const b of batches) host.emit('batch.changed', { batchId: b });
  return change;
}

/** Runs edits one after another: each reads, builds and records against the state the previous one left. */
export function serial() {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
