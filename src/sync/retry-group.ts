// A group retry: the documents in attention (or waiting after an error) of a selection or a reason, made due now in
// one transaction with one audit entry.
import { appendAudit } from '../audit/audit';
import type { Db } from '../store/db';
import { resetOutboxAttempts } from '../store/outbox';
import { selectRetryable } from '../store/zgw-health';
import { resumeState } from './outbox-machine';
import { getRow, type Who } from './outbox';

export interface RetryGroupQuery {
  documentIds?: readonly string[];
  /** A last error code (`zgw-http-500`, `unknown-zaak` …). */
  reason?: string;
}

/**
 * Takes up every matching document as `sync.retry` does one (attention → the state its records allow; a row waiting
 * after an error → due now), all or none, audited once as `zgw.retry-group` with the count and the reason.
 */
export function retryGroup(db: Db, q: RetryGroupQuery, who: Who, now = new Date()): { retried: number; skipped: number } {
  return db
    .transaction(() => {
      const ids = selectRetryable(db, q);
      const at = now.toISOString();
      for (const id of ids) {
        const row = getRow(db, id)!;
        resetOutboxAttempts(db, id, row.state === 'attention' ? resumeState(row) : row.state, at);
        // Per document too, as `sync.retry` records it: the trail says when each left attention (the period report).
        appendAudit(
          db,
          {
            actor: who.actor,
            origin: who.origin,
            action: 'zgw.outbox.retry',
            objectType: 'document',
            objectId: id,
            result: 'ok',
            details: { group: true },
          },
          now,
        );
      }
      appendAudit(
        db,
        {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.retry-group',
          objectType: 'outbox',
          objectId: null,
          result: 'ok',
          details: { count: ids.length, reason: q.reason ?? null, selected: q.documentIds?.length ?? null },
        },
        now,
      );
      return { retried: ids.length, skipped: q.documentIds ? new Set(q.documentIds).size - ids.length : 0 };
    })
    .immediate();
}
