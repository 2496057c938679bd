// The app's own commands: the shell's lock state, the workstation's status, and its settings.
import { PostkamerError } from '../../contract/errors';
import { USER_PREFERENCES, type Settings } from '../../contract/schemas';
import { verifyAuditChain } from '../../audit/audit';
import { checkDatabase, schemaVersion } from '../../store/db';
import { counts } from '../../store/documents';
import { putSettings } from '../../store/settings';
import { fromUi } from '../origin';
import type { CoreServices, SomeHandlers } from '../types';
import { version } from '../version';

export function appCommands(core: CoreServices, outboxCounts: () => Record<string, number>) {
  let databaseChecked = false;
  return {
    'shell.state': () => ({ locked: false, reason: null }),
    'shell.unlock': () => ({ locked: false }),
    'app.status': () => {
      const db = core.store.db;
      // Every page read and HMAC-checked once per process (≈5 ms per MB): each CLI `status` checks the whole store,
      // the app at its first status; later damage still surfaces as store-corrupt on the read that meets it.
      if (!databaseChecked) {
        checkDatabase(db);
        databaseChecked = true;
      }
      const c = counts(db);
      const chain = verifyAuditChain(db);
      return {
        version,
        schemaVersion: schemaVersion(db),
        batches: c.batches,
        documents: c.documents,
        pages: c.pages,
        pendingItems: c.pendingItems,
        rejected: c.rejected,
        vault: { blobs: c.blobs, bytes: c.bytes },
        outbox: outboxCounts(),
        audit: { entries: chain.entries, chainValid: chain.valid },
      };
    },
    'settings.get': () => core.settings(),
    'settings.set': (input, ctx) => {
      // Changing a limit is an administrator's act; until there are people and roles, that is a trusted origin.
      const changed = Object.entries(input).filter(([, v]) => v !== undefined);
      const limits = changed.map(([k]) => k).filter((k) => !USER_PREFERENCES.includes(k as keyof Settings));
      if (limits.length > 0 && fromUi(ctx)) {
        const what = limits.includes('maxFileBytes') ? 'de limiet voor de bestandsgrootte' : `de limiet ${limits.join(', ')}`;
        throw new PostkamerError('forbidden', `(${what} stelt alleen de beheerder in, op deze computer)`);
      }
      putSettings(
        core.store.db,
        changed.map(([k, v]) => [k, JSON.stringify(v)]),
      );
      return core.settings();
    },
  } satisfies SomeHandlers;
}
