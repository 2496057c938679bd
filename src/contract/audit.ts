// The audit trail in the contract: reading it with filters, verifying its chain and exporting a period of it.
import { z } from 'zod';
import { cmd } from './define';
import { IsoDateTime } from './schemas';
import { plainText } from './text';

/** A day (yyyy-mm-dd) or a moment (ISO 8601 with offset). */
const DayOrMoment = z.union([z.iso.date(), IsoDateTime]);

/** One entry as the audit screen and the export show it: who, in which role, did what to which object, where from, when. */
export const AuditEntry = z.object({
  seq: z.number().int(),
  at: IsoDateTime,
  /** The person's login (or `postkamer` for the workstation's own background work). */
  actor: z.string(),
  /** The person's display name when the entry was written; null for the workstation itself. */
  actorName: z.string().nullable(),
  /** The roles the person held when the entry was written. */
  roles: z.array(z.string()),
  /** Where from: the app, the CLI, the web harness, the workstation's own background work. */
  origin: z.string(),
  /** The workstation's host name. */
  workstation: z.string(),
  /** A stable action code (`document.bsn-revealed`, …) and its Dutch label. */
  action: z.string(),
  actionLabel: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.string(),
  /** Codes and ids only (a reason given for a BSN reveal is kept here), never content or a full BSN. */
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * What went wrong at the first bad entry: `changed` — a row's content no longer matches its hash (or a row was changed
 * and its hash recomputed, so the next row no longer follows it); `missing` — a row deleted in the middle; `reordered`
 * — rows swapped, the sequence order no longer follows the chain; `tail-removed` — the anchor outside the table names a
 * head the table no longer has (the newest rows deleted, or deleted and replaced); `anchor-invalid` — the anchor file
 * itself was changed or belongs to another store (its MAC does not match). `seq` is the first bad entry's number (for a
 * missing or removed range, the first missing one; for `anchor-invalid`, the number the anchor claims, 0 when unreadable).
 */
export const AuditProblem = z.object({
  seq: z.number().int(),
  kind: z.enum(['changed', 'missing', 'reordered', 'tail-removed', 'anchor-invalid']),
  /** The problem in Dutch, for the CLI and the log. */
  message: z.string(),
});
export type AuditProblem = z.infer<typeof AuditProblem>;
export const AuditVerification = z.object({
  valid: z.boolean(),
  /** Rows in the table. */
  entries: z.number().int(),
  /** The newest row's number, null when the trail is empty. */
  headSeq: z.number().int().nullable(),
  /** Whether the chain's head was checked against an anchor outside the table (the keyed MAC file) and held. */
  anchored: z.boolean(),
  /** The row the anchor names (rows after it were written since the last anchoring); null without an anchor. */
  anchorSeq: z.number().int().nullable(),
  problem: AuditProblem.nullable(),
});
export type AuditVerification = z.infer<typeof AuditVerification>;

const AuditFilter = {
  actor: plainText().max(100).optional(),
  action: plainText().max(100).optional(),
  objectId: plainText().max(100).optional(),
  from: DayOrMoment.optional(),
  to: DayOrMoment.optional(),
};

export const auditCommands = {
  /** Newest first; `beforeSeq` pages further back. */
  'audit.list': cmd(
    z
      .object({ limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().min(1).optional(), ...AuditFilter })
      .strict(),
    z.array(AuditEntry),
  ),
  /** The action codes with their Dutch labels (for the audit screen's filter). */
  'audit.actions': cmd(z.object({}).strict(), z.array(z.object({ code: z.string(), label: z.string() }))),
  'audit.verify': cmd(z.object({}).strict(), AuditVerification),
  /** Writes the entries of a period to a CSV or JSON Lines file. Local only: it takes a path. */
  'audit.export': cmd(
    z
      .object({ from: DayOrMoment, to: DayOrMoment, path: z.string().min(1).max(4096), format: z.enum(['csv', 'jsonl']).optional() })
      .strict(),
    z.object({ path: z.string(), entries: z.number().int(), format: z.enum(['csv', 'jsonl']) }),
    'local',
  ),
} as const;
