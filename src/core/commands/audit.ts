// Reading the audit trail: its latest entries, without details (those may name files).
import { recentAuditEntries } from '../../store/audit-log';
import type { CoreServices, SomeHandlers } from '../types';

export function auditCommands(core: CoreServices) {
  return {
    'audit.list': (i) =>
      recentAuditEntries(core.store.db, i.limit).map((r) => ({
        seq: r.seq,
        at: r.at,
        actor: r.actor,
        origin: r.origin,
        action: r.action,
        objectType: r.object_type,
        objectId: r.object_id,
        result: r.result,
      })),
  } satisfies SomeHandlers;
}
