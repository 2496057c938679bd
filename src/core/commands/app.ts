// The app's own commands: the shell's lock state, the workstation's status, and its settings.
import { PostkamerError } from '../../contract/errors';
import { USER_PREFERENCES, type Settings, type StageAge } from '../../contract/schemas';
import { verifyAuditTrailSinceLastCheck } from '../../audit/anchor';
import { STAGES, type Stage } from '../../domain/stage';
import { amsterdamMidnight, workingHoursBetween } from '../../domain/working-hours';
import { checkDatabase, schemaVersion } from '../../store/db';
import { counts } from '../../store/documents';
import { putSettings } from '../../store/settings';
import { stageAges } from '../../store/stage-ages';
import { appendAudit } from '../../audit/audit';
import { normaliseSelectielijstBases } from '../../sync/selectielijst-bases';
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
      // Only the entries since the last status are walked (audit.verify walks them all); the anchors are checked always.
      const chain = verifyAuditTrailSinceLastCheck(core.store, core.auditAnchors());
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
        stages: stagesNow(db, core.settings().stageWarnHours, new Date()),
      };
    },
    'settings.get': () => core.settings(),
    'settings.set': (input, ctx) => {
      // A preference (the language) is everyone's own; every other setting is the administrator's, audited.
      const changed = Object.entries(input).filter(([, v]) => v !== undefined) as [keyof Settings, unknown][];
      const limits = changed.map(([k]) => k).filter((k) => !USER_PREFERENCES.includes(k));
      if (limits.length > 0 && !ctx.person?.roles.includes('beheerder'))
        throw new PostkamerError('forbidden', `(${limits.join(', ')}: alleen de beheerder stelt dit in)`, { needed: ['beheerder'] });
      // The Selectielijst's addresses pass the rule for the zaaksysteem's base URLs and are kept in their normal form.
      for (const c of changed) if (c[0] === 'selectielijstBases') c[1] = normaliseSelectielijstBases(c[1] as string[]);
      const before = core.settings();
      const db = core.store.db;
      db.transaction(() => {
        putSettings(
          db,
          changed.map(([k, v]) => [k, JSON.stringify(v)]),
        );
        for (const [k, v] of changed)
          if (!USER_PREFERENCES.includes(k) && JSON.stringify(before[k]) !== JSON.stringify(v))
            appendAudit(db, {
              actor: ctx.actor,
              origin: ctx.origin,
              action: 'settings.changed',
              objectType: 'setting',
              objectId: k,
              result: 'ok',
              details: { old: auditValue(before[k]), new: auditValue(v) },
            });
      })();
      return core.settings();
    },
  } satisfies SomeHandlers;
}

/**
 * Every stage's count and oldest item at `now`; a warning where the oldest waits longer than `warnHours` working
 * hours. Delivered documents (`afgeleverd`, counted since local midnight) wait for nothing: never a warning.
 */
export function stagesNow(db: CoreServices['store']['db'], warnHours: number, now: Date): Record<Stage, StageAge> {
  const ages = stageAges(db, amsterdamMidnight(now).toISOString());
  return Object.fromEntries(
    STAGES.map((s) => {
      const { count, oldestAt } = ages[s];
      const warn = s !== 'afgeleverd' && oldestAt !== null && workingHoursBetween(new Date(oldestAt), now) > warnHours;
      return [s, { count, oldestAt, warn }];
    }),
  ) as Record<Stage, StageAge>;
}

/** A setting's value as an audit detail: a number, text or flag as it is, a structured value (a rule, a besluit) as JSON. */
function auditValue(v: unknown): string | number | boolean | null {
  return v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as string | number | boolean);
}
