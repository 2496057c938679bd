// A file taken from a watched folder becomes its own batch; new content of a file taken before becomes a new version.
import type { WatchedFile, WatchOutcome } from '../capture/watch';
import { appendAudit } from '../audit/audit';
import type { Core } from './core';
import type { HandlerContext } from './types';
import { expandPaths, ingestSources } from './ingest';
import { itemWithContentExists } from '../store/items';
import { untouchedDocumentsOf } from '../store/batches';
import { deleteDocument } from '../store/documents';

// A file seen again after a crash (attempt > 1) whose bytes are already stored is not stored twice: its earlier item
// stands.
//
// A new version (file.replaces: the file changed after it was taken, e.g. a TIFF that gained a page) is ingested whole
// as a new batch labelled "<name> (nieuwe versie)". When nobody has touched the earlier version's documents yet (not
// linked, no field set, no page edited, not held), they are replaced: removed, so the letter ends as one document with
// every page — nothing is lost, the new version begins with the earlier bytes and the earlier received file stays in
// its batch. When someone has (it may even be delivered), both stay, and the clerk is told. The audit entry
// `watch.new-version` links the two batches and says which happened; the watcher's `version` event tells whoever runs
// it (the CLI prints a line).

export async function watchedFileToBatch(core: Core, ctx: HandlerContext, file: WatchedFile, profile?: string): Promise<WatchOutcome> {
  if (file.attempt > 1) {
    const known = itemWithContentExists(core.store.db, file.sha256);
    if (known) return { ok: true };
  }
  const { sources, errors } = await expandPaths([file.path]);
  const label = file.replaces ? `${file.name} (nieuwe versie)` : file.name;
  const result = await ingestSources(core.ingestContext(ctx), sources, { source: 'watch', profile, label, preErrors: errors });
  if (result.errors.length > 0) return { ok: false, reason: result.errors.map((e) => e.message.replace(file.path, file.name)).join('; ') };
  let replaced: string[] = [];
  if (file.replaces) {
    const db = core.store.db;
    const earlierBatch = file.replaces.ref;
    db.transaction(() => {
      const untouched = earlierBatch ? untouchedDocumentsOf(db, earlierBatch) : null;
      if (untouched && result.documents.length > 0) {
        for (const id of untouched) deleteDocument(db, id);
        replaced = untouched;
      }
    }).immediate();
    for (const id of replaced) core.emit('document.changed', { documentId: id, batchId: earlierBatch! });
    appendAudit(db, {
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
        // The earlier version's documents removed (untouched), or 0: someone had worked on them, both stay.
        replacedDocuments: replaced.length,
        replacedDocumentIds: replaced.join(','),
      },
    });
  }
  return { ok: true, ref: result.batchId, ...(file.replaces ? { replaced: replaced.length > 0 } : {}) };
}
