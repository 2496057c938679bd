// The hash that chains audit entries: which fields each row format covers, and the chain's starting value.
import { createHash } from 'node:crypto';
import type { AuditEntryRow } from '../store/audit-log';

export const GENESIS = '0'.repeat(64);
/** The format new entries are written in (see `entryHash`). */
export const CURRENT_FORMAT = 2;

/** The fields an entry's hash covers, as stored. */
export type HashedFields = Pick<
  AuditEntryRow,
  | 'format'
  | 'at'
  | 'actor'
  | 'actor_name'
  | 'actor_roles'
  | 'origin'
  | 'workstation'
  | 'action'
  | 'object_type'
  | 'object_id'
  | 'result'
  | 'details'
>;

/**
 * The hash of an entry chained to `prev`. Format 1 (entries from before people) covers what those rows have; format 2
 * adds the person's name and roles and the workstation, and the format itself, so a row cannot pass as the other one.
 */
export function entryHash(prev: string, e: HashedFields): string {
  const canonical =
    e.format === 1
      ? JSON.stringify([prev, e.at, e.actor, e.origin, e.action, e.object_type, e.object_id, e.result, e.details])
      : JSON.stringify([
          `v${e.format}`,
          prev,
          e.at,
          e.actor,
          e.actor_name,
          e.actor_roles,
          e.origin,
          e.workstation,
          e.action,
          e.object_type,
          e.object_id,
          e.result,
          e.details,
        ]);
  return createHash('sha256').update(canonical).digest('hex');
}
