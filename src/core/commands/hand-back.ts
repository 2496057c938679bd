// The supervisor hands a document in attention back to the clerk with a note (sync.handBack): the link is undone while
// nothing of it reached the zaaksysteem, and the document waits in `te-controleren` with the note as its reason.
import { appendAudit } from '../../audit/audit';
import { PostkamerError } from '../../contract/errors';
import { getDocument } from '../../store/documents';
import { setHandBack, unlinkUnsent } from '../../store/hand-back';
import { knownBsnsOf, showDocument, showShort } from '../display';
import type { CoreServices, SomeHandlers } from '../types';

export function handBackCommands(core: CoreServices) {
  const db = () => core.store.db;
  return {
    'sync.handBack': (i, ctx) => {
      const now = new Date();
      db()
        .transaction(() => {
          if (!getDocument(db(), i.documentId)) throw new PostkamerError('not-found');
          const unlinked = unlinkUnsent(db(), i.documentId, now.getTime());
          if (!unlinked) throw new PostkamerError('hand-back-refused');
          // The EIO attempts go with the note, for the next link (src/store/hand-back.ts).
          const handBack = { note: i.note, by: ctx.actor, at: now.toISOString(), eioAttempts: unlinked.eioAttempts };
          setHandBack(db(), i.documentId, JSON.stringify(handBack), now.toISOString());
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'document.handed-back',
            objectType: 'document',
            objectId: i.documentId,
            result: 'ok',
            // The reason it was in attention; the note itself is free text and stays with the document.
            details: { reason: unlinked.reason },
          });
        })
        .immediate();
      const d = getDocument(db(), i.documentId)!;
      core.emit('document.changed', { documentId: d.id, batchId: d.batchId });
      core.emit('status.changed', {});
      // As every document is shown: a BSN in its title, fields or the note masked.
      const shown = showDocument(d, knownBsnsOf(db(), [d.id]).get(d.id));
      return { ...shown, stageReason: shown.stageReason === null ? null : showShort(shown.stageReason) };
    },
  } satisfies SomeHandlers;
}
