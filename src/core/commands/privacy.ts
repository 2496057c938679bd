// Personal data: revealing a document's BSN for a stated reason, and purging delivered documents.
import { PostkamerError } from '../../contract/errors';
import { purgedAtOf } from '../../store/purge';
import { PROCESSING_ACTIVITY, recordBsnAccess } from '../bsn-access';
import { knownBsnsOf } from '../display';
import { runPurge } from '../purge';
import type { CoreServices, SomeHandlers } from '../types';

export function privacyCommands(core: CoreServices) {
  const db = () => core.store.db;
  return {
    // The role (archivaris, teamleider) is checked by Core.call from the role table before this runs.
    'documents.revealBsn': (i, ctx) => {
      const purgedAt = purgedAtOf(db(), i.id);
      if (purgedAt === undefined) throw new PostkamerError('not-found');
      if (purgedAt !== null) throw new PostkamerError('document-purged', `(op ${purgedAt})`);
      // The same detection as the masking: a BSN word beside an 11-proef-valid number, in the OCR and in the text.
      const bsns = [...(knownBsnsOf(db(), [i.id]).get(i.id) ?? [])].sort();
      recordBsnAccess(db(), ctx, {
        action: 'document.bsn-revealed',
        activity: PROCESSING_ACTIVITY.reveal,
        objectType: 'document',
        objectId: i.id,
        reason: i.reason,
        bsns,
      });
      return { id: i.id, bsns };
    },
    'purge.run': (i, ctx) => runPurge(core, { dryRun: i.dryRun, now: new Date(), actor: ctx.actor, origin: ctx.origin }),
  } satisfies SomeHandlers;
}
