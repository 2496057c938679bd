// The workstation's settings as the contract shows them, read from the store within their hard bounds.
import { DEFAULT_QC_SAMPLE_RULE, DESTRUCTION_WAIT_DAYS, QcSampleRule, Vervangingsbesluit } from '../contract/vervanging';
import { AUTO_LOCK_MINUTES, FILE_SIZE_LIMIT, PURGE_AFTER_DAYS, STAGE_WARN_HOURS, type Settings } from '../contract/schemas';
import type { Db } from '../store/db';
import { allSettings } from '../store/settings';
import { readSelectielijstBases } from '../sync/selectielijst-bases';

export const DEFAULT_MAX_FILE_BYTES = 500 * 1000 * 1000;

/** The settings; a stored value outside the hard bounds (an older version, a hand edit) is never used as it is. */
export function readSettings(db: Db): Settings {
  const m = Object.fromEntries(allSettings(db).map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const stored = m.maxFileBytes;
  const maxFileBytes =
    typeof stored === 'number' && Number.isFinite(stored)
      ? Math.min(FILE_SIZE_LIMIT.max, Math.max(FILE_SIZE_LIMIT.min, Math.floor(stored)))
      : DEFAULT_MAX_FILE_BYTES;
  return {
    locale: m.locale === 'en' ? 'en' : 'nl',
    maxFileBytes,
    autoLockMinutes: bounded(m.autoLockMinutes, AUTO_LOCK_MINUTES),
    purgeAfterDays: bounded(m.purgeAfterDays, PURGE_AFTER_DAYS),
    stageWarnHours: bounded(m.stageWarnHours, STAGE_WARN_HOURS),
    // Off unless switched on explicitly: anything but a stored `true` is off.
    perPersonStats: m.perPersonStats === true,
    archiefvormer: typeof m.archiefvormer === 'string' && m.archiefvormer.trim() !== '' ? m.archiefvormer.slice(0, 200) : null,
    exportDir: typeof m.exportDir === 'string' && m.exportDir.trim() !== '' ? m.exportDir : null,
    // A stored rule or besluit that no longer passes its schema is not used: the default rule, no besluit.
    qcSampleRule: QcSampleRule.safeParse(m.qcSampleRule).data ?? DEFAULT_QC_SAMPLE_RULE,
    destructionWaitDays: bounded(m.destructionWaitDays, DESTRUCTION_WAIT_DAYS),
    vervangingsbesluit: Vervangingsbesluit.safeParse(m.vervangingsbesluit).data ?? null,
    verklaringDocumenttype:
      typeof m.verklaringDocumenttype === 'string' && m.verklaringDocumenttype.trim() !== ''
        ? m.verklaringDocumenttype.slice(0, 1000)
        : null,
    // Never set: the public Selectielijst; an entry that no longer passes the rule for base URLs is left out.
    selectielijstBases: readSelectielijstBases(m.selectielijstBases),
  };
}

/** A stored whole number clamped to its bounds; the default when it is missing or not a number. */
function bounded(v: unknown, b: { min: number; max: number; default: number }): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(b.max, Math.max(b.min, Math.floor(v))) : b.default;
}
