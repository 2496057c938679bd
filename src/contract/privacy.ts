// Personal data in the contract: revealing a BSN with a stated reason, and purging delivered documents from the
// workstation after their retention on it.
import { z } from 'zod';
import { cmd } from './define';
import { Id } from './schemas';
import { plainText } from './text';

/** Why a person needs to see a BSN: recorded in the audit trail as a processing record. */
export const Reason = plainText().trim().min(5, 'geef een reden van minstens 5 tekens').max(500);

export const PurgeOutcome = z.object({
  purged: z.array(Id),
  /** Documents not purged (yet), counted by why: `not-delivered`, `too-recent`, `attention`, `held`, `qc-open`,
   * `correction-pending` (a correction of its EIO not yet applied). */
  kept: z.record(z.string(), z.number().int()),
});
export type PurgeOutcome = z.infer<typeof PurgeOutcome>;

export const privacyCommands = {
  /** The full BSNs in a document, for a stated reason (masked everywhere else). */
  'documents.revealBsn': cmd(z.object({ id: Id, reason: Reason }).strict(), z.object({ id: Id, bsns: z.array(z.string()) })),
  /** Purges delivered documents older than `purgeAfterDays` (crypto-shredding their blobs); `dryRun` only tells. */
  'purge.run': cmd(z.object({ dryRun: z.boolean().default(false) }).strict(), PurgeOutcome),
} as const;
