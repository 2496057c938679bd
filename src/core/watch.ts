// A file taken from a watched folder becomes its own batch; new content of a file taken before becomes a new version.
import type { WatchedFile, WatchOutcome } from '../capture/watch';
import { appendAudit } from '../audit/audit';
import type { Core } from './core';
import type { HandlerContext } from './types';
import { expandPaths, ingestSources } from './ingest';
import { itemWithContentExists } from '../store/items';

// A file seen again after a crash (attempt > 1) whose bytes are already stored is not stored twice: its earlier item
// stands.
//
// A new version (file.replaces: the file changed after it was taken, e.g. a TIFF that gained a page) is ingested whole
// as a new batch labelled "<name> (nieuwe versie)"; the earlier batch and its documents stay as they are — nothing of
// either is lost — and the audit entry `watch.new-version` links the two batches, so the clerk can file the whole one
// and delete the partial one. The watcher's `version` event tells whoever runs it (the CLI prints a line).

export async function watchedFileToBatch(core: Core, ctx: HandlerContext, file: WatchedFile, profile?: string): Promise<WatchOutcome> {
  if (file.attempt > 1) {
    const known = itemWithContentExists(core.store.db, file.sha256);
    if (known) return { ok: true };
  }
  const { sources, errors } = await expandPaths([file.path]);
  const label = file.replaces ? `${file.name} (nieuwe versie)` : file.name;
  const result = await ingestSources(core.ingestContext(ctx), sources, { source: 'watch', profile, label, preErrors: errors });
  if (result.errors.length > 0) return { ok: false, reason: result.errors.map((e) => e.message.replace(file.path, file.name)).join('; ') };
  if (file.replaces) {
    appendAudit(core.store.db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'watch.new-version',
      objectType: 'batch',
      objectId: result.batchId,
      result: 'ok',
      details: {
        replacesBatchId: file.replaces.ref ?? null,
        replacesSha256: file.replaces.sha256,
        sha256: file.sha256,
        documents: result.documents.length,
      },
    });
  }
  return { ok: true, ref: result.batchId };
}
