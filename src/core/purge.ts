// Data minimisation: delivered documents leave the workstation `purgeAfterDays` after their delivery (crypto-shredding
// their blobs, deleting their text, pages and search entry); the rules for which stay and why, and the run itself.
import { appendAudit } from '../audit/audit';
import type { PurgeOutcome } from '../contract/privacy';
import type { Settings } from '../contract/schemas';
import type { EventName } from '../contract/events';
import { checkpointAfterPurge, purgeDocuments, purgeFacts, withSecureDelete, type PurgeFacts } from '../store/purge';
import type { Store } from '../store/store';

/** Why a document stays (the keys of `kept`), in the order they are judged: the first that applies counts. */
export const KEEP_REASONS = ['held', 'attention', 'not-delivered', 'correction-pending', 'qc-open', 'too-recent'] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

const DAY_MS = 24 * 60 * 60 * 1000;
/** Documents purged per transaction: other processes sharing the store wait for one chunk at most, not a whole run. */
const CHUNK = 50;

/**
 * Whether the quality control of a document's batch no longer needs its content here: the batch is done (every item
 * processed, no scanner job running) and its QC is not under way (a sampled page is judged against its image, a
 * rejected one is rescanned). Where the organisation replaces paper (a vervangingsbesluit is set), a captured batch
 * whose QC has not started waits for it too; approved, it may go.
 */
export function batchQualityControlClosed(
  f: Pick<PurgeFacts, 'batchStatus' | 'batchJobState' | 'qcState' | 'hasDossier'>,
  replacing: boolean,
): boolean {
  if (f.batchStatus !== 'done' || f.batchJobState === 'scanning') return false;
  if (f.qcState === 'steekproef' || f.qcState === 'afgekeurd' || f.qcState === 'nascan') return false;
  return !(replacing && f.qcState === null && f.hasDossier === 1);
}

/** Why `f` stays on the workstation at `nowMs`, or null when it is purged: delivered longer than `afterDays` ago. */
export function keepReason(f: PurgeFacts, nowMs: number, afterDays: number, replacing = false): KeepReason | null {
  if (f.heldAt !== null) return 'held';
  if (f.outboxState === 'attention') return 'attention';
  if (f.outboxState !== 'done' || f.deliveredAt === null) return 'not-delivered';
  if (f.openCorrections > 0) return 'correction-pending';
  if (!batchQualityControlClosed(f, replacing)) return 'qc-open';
  const delivered = Date.parse(f.deliveredAt);
  // An unreadable date is never old enough.
  if (!Number.isFinite(delivered) || nowMs - delivered <= afterDays * DAY_MS) return 'too-recent';
  return null;
}

/** What the purge needs of the core (`Core` is one): the store, the settings, and events for the open windows. */
export interface PurgeDeps {
  readonly store: Store;
  settings(): Settings;
  emit?(name: EventName, data: unknown): void;
}

export interface PurgeRun {
  /** Only tell what would go; change nothing and write no audit entry. */
  dryRun: boolean;
  now: Date;
  /** Who runs it: the person's login, or the workstation itself (SYSTEM_ACTOR) in the daily background run. */
  actor: string;
  origin: string;
}

/**
 * Purges every delivered document older than the setting `purgeAfterDays` and tells which stayed and why. Each chunk
 * of documents is judged again inside its own write transaction (a document linked anew or held meanwhile stays), and
 * audited there: one `document.purged` entry per document (its history ends with it) and one `purge.run` entry with
 * the counts. The blobs' keys leave with the transaction; their files are removed after it.
 */
export function runPurge(deps: PurgeDeps, run: PurgeRun): PurgeOutcome {
  const { db, vault } = deps.store;
  const afterDays = deps.settings().purgeAfterDays;
  const replacing = deps.settings().vervangingsbesluit !== null;
  const nowMs = run.now.getTime();
  const kept: Partial<Record<KeepReason, number>> = {};
  const keep = (r: KeepReason) => (kept[r] = (kept[r] ?? 0) + 1);
  const candidates: string[] = [];
  for (const f of purgeFacts(db)) {
    const reason = keepReason(f, nowMs, afterDays, replacing);
    if (reason) keep(reason);
    else candidates.push(f.id);
  }
  if (run.dryRun) return { purged: candidates, kept };

  const purged: { id: string; batchId: string }[] = [];
  const at = run.now.toISOString();
  withSecureDelete(db, () => {
    for (let i = 0; i < candidates.length; i += CHUNK) {
      const shredded = db
        .transaction(() => {
          const go: PurgeFacts[] = [];
          for (const f of purgeFacts(db, candidates.slice(i, i + CHUNK))) {
            const reason = keepReason(f, nowMs, afterDays, replacing);
            if (reason) keep(reason);
            else go.push(f);
          }
          const { blobIds } = purgeDocuments(
            db,
            go.map((f) => f.id),
            at,
          );
          for (const f of go) {
            appendAudit(db, {
              actor: run.actor,
              origin: run.origin,
              action: 'document.purged',
              objectType: 'document',
              objectId: f.id,
              result: 'ok',
              details: { deliveredAt: f.deliveredAt, purgeAfterDays: afterDays },
            });
          }
          purged.push(...go.map((f) => ({ id: f.id, batchId: f.batchId })));
          return blobIds;
        })
        .immediate();
      vault.removeShredded(shredded);
    }
    db.transaction(() => {
      appendAudit(db, {
        actor: run.actor,
        origin: run.origin,
        action: 'purge.run',
        result: 'ok',
        details: { purged: purged.length, purgeAfterDays: afterDays, ...prefixed(kept) },
      });
    }).immediate();
  });
  if (purged.length > 0) checkpointAfterPurge(db);
  for (const p of purged) deps.emit?.('document.changed', { documentId: p.id, batchId: p.batchId });
  return { purged: purged.map((p) => p.id), kept };
}

/** The kept counts as flat audit details: `kept.attention: 1`, … */
function prefixed(kept: Partial<Record<KeepReason, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(kept).map(([k, n]) => [`kept.${k}`, n]));
}
