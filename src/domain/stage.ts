// Where a document stands in the clerk's flow (its stage): the first rule of STAGE_RULES that applies.

/** The six stages, in the order their rules are tried (the contract's `DocumentStage` holds the same names). */
export const STAGES = ['aandacht-nodig', 'afgeleverd', 'in-outbox', 'nieuw', 'te-controleren', 'klaar-om-te-koppelen'] as const;
export type Stage = (typeof STAGES)[number];

/** The outbox states (src/contract/schemas.ts `OutboxState`) as the rule reads them. */
export type OutboxStateName = 'pending' | 'document-created' | 'content-uploaded' | 'linked' | 'done' | 'attention';

/** What the stage is decided from: one document's row and its outbox row. */
export interface StageFacts {
  /** The document's own status: `stored`/`processing` while recognition has not finished. */
  status: 'stored' | 'processing' | 'ready' | 'failed';
  /** Its outbox row (null when it was never queued for delivery), with the server's reason when it needs attention. */
  outbox: { state: OutboxStateName; reason: string | null } | null;
  /** Quality flags of its pages (too dark, blank, low OCR confidence …). */
  qcFlags: readonly string[];
  /**
   * Seam for later issues — "te controleren" also when a split made automatically is not yet confirmed by the clerk,
   * and when a field's confidence lies below the threshold. Nothing sets these yet; absent means no.
   */
  unconfirmedAutoSplit?: boolean;
  fieldsBelowThreshold?: readonly string[];
  /** A supervisor handed it back to the clerk from attention, with this note (until it is linked again). */
  handBackNote?: string | null;
}

export interface StageResult {
  stage: Stage;
  /** Why: the server's reason for `aandacht-nodig`, the supervisor's note for a document handed back; otherwise null. */
  reason: string | null;
}

/** True when a person should look at the document before it is linked (the `te-controleren` rule). */
export function needsReview(f: StageFacts): boolean {
  return (
    f.status === 'failed' ||
    f.qcFlags.length > 0 ||
    f.unconfirmedAutoSplit === true ||
    (f.fieldsBelowThreshold?.length ?? 0) > 0 ||
    (f.handBackNote ?? null) !== null
  );
}

/** The rules in order; the first that applies names the stage. */
const STAGE_RULES: readonly { stage: Stage; applies: (f: StageFacts) => boolean }[] = [
  { stage: 'aandacht-nodig', applies: (f) => f.outbox?.state === 'attention' },
  { stage: 'afgeleverd', applies: (f) => f.outbox?.state === 'done' },
  { stage: 'in-outbox', applies: (f) => f.outbox !== null },
  { stage: 'nieuw', applies: (f) => f.status === 'stored' || f.status === 'processing' },
  { stage: 'te-controleren', applies: needsReview },
  { stage: 'klaar-om-te-koppelen', applies: () => true },
];

/** A document's stage, and for `aandacht-nodig` the server's reason. */
export function documentStage(f: StageFacts): StageResult {
  const stage = STAGE_RULES.find((r) => r.applies(f))?.stage ?? 'klaar-om-te-koppelen';
  const reason = stage === 'aandacht-nodig' ? (f.outbox?.reason ?? null) : stage === 'te-controleren' ? (f.handBackNote ?? null) : null;
  return { stage, reason };
}

/** Where a document's zaaknummer came from: read on its page, a separator sheet, or typed by the clerk for a link. */
export type ZaaknummerSource = 'page' | 'separator' | 'manual';

/**
 * The zaaknummer's source. `linked` is the zaaknummer the clerk linked it to (its outbox row), `separator` the
 * separator sheet's, `found` the one read on the page. A link to another zaak than the one found was typed.
 */
export function zaaknummerSource(z: { linked: string | null; separator: string | null; found: string | null }): ZaaknummerSource | null {
  const same = (a: string | null, b: string | null) => a !== null && b !== null && a.trim().toUpperCase() === b.trim().toUpperCase();
  if (z.linked !== null && z.linked.trim() !== '') {
    if (same(z.linked, z.separator)) return 'separator';
    if (same(z.linked, z.found)) return 'page';
    return 'manual';
  }
  if (z.separator) return 'separator';
  if (z.found) return 'page';
  return null;
}
