// A file taken from a watched folder becomes its own batch.
import type { WatchedFile, WatchOutcome } from '../capture/watch';
import type { Core } from './core';
import type { HandlerContext } from './types';
import { expandPaths, ingestSources } from './ingest';
import { itemWithContentExists } from '../store/items';

// A file seen again after a crash (attempt > 1) whose bytes are already stored is not stored twice: its earlier item
// stands.

export async function watchedFileToBatch(core: Core, ctx: HandlerContext, file: WatchedFile, profile?: string): Promise<WatchOutcome> {
  if (file.attempt > 1) {
    const known = itemWithContentExists(core.store.db, file.sha256);
    if (known) return { ok: true };
  }
  const { sources, errors } = await expandPaths([file.path]);
  const result = await ingestSources(core.ingestContext(ctx), sources, { source: 'watch', profile, label: file.name, preErrors: errors });
  if (result.errors.length > 0) return { ok: false, reason: result.errors.map((e) => e.message.replace(file.path, file.name)).join('; ') };
  return { ok: true };
}
