// Reading the audit trail: entries by person, action, object and period (paged back by sequence number), the action
// codes with their labels, the chain's verification, and a period's export to a CSV or JSON Lines file.
import { anchorAuditHead, verifyAuditTrail } from '../../audit/anchor';
import { appendAudit } from '../../audit/audit';
import { toAuditEntry } from '../../audit/entries';
import { exportFormat, renderAuditExport } from '../../audit/export';
import { periodBounds } from '../../audit/period';
import { AUDIT_ACTIONS } from '../../contract/audit-actions';
import { PostkamerError } from '../../contract/errors';
import { findAuditEntries, type AuditQuery } from '../../store/audit-log';
import { writeExport } from '../export-file';
import type { CoreServices, SomeHandlers } from '../types';

/** The filters as the table is queried; a day is the whole day in the workstation's own time zone. */
function query(i: { actor?: string; action?: string; objectId?: string; from?: string; to?: string; beforeSeq?: number }): AuditQuery {
  let bounds: { fromAt?: string; toAt?: string };
  try {
    bounds = periodBounds(i.from, i.to);
  } catch (e) {
    throw new PostkamerError('invalid-input', `(${(e as Error).message})`);
  }
  const blank = (s?: string) => (s === undefined || s.trim() === '' ? undefined : s.trim());
  return { actor: blank(i.actor), action: blank(i.action), objectId: blank(i.objectId), beforeSeq: i.beforeSeq, ...bounds };
}

export function auditCommands(core: CoreServices) {
  const db = () => core.store.db;
  return {
    'audit.list': (i) => findAuditEntries(db(), query(i), i.limit).map(toAuditEntry),
    'audit.actions': () => Object.entries(AUDIT_ACTIONS).map(([code, label]) => ({ code, label: label.nl })),
    'audit.verify': () => {
      anchorAuditHead(core.store); // what this process wrote is anchored before it is checked
      return verifyAuditTrail(core.store, core.auditAnchors());
    },
    'audit.export': (i, ctx) => {
      const q = query({ from: i.from, to: i.to });
      if (q.fromAt !== undefined && q.toAt !== undefined && q.fromAt >= q.toAt) {
        throw new PostkamerError('invalid-input', '(de periode eindigt vóór ze begint)');
      }
      const format = exportFormat(i.path, i.format);
      const { data, entries } = renderAuditExport(db(), q, format);
      writeExport(i.path, data);
      // Reading the trail is itself a processing of personal data (names, roles): recorded, without the path.
      appendAudit(db(), {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'audit.exported',
        result: 'ok',
        details: { from: i.from, to: i.to, format, entries },
      });
      return { path: i.path, entries, format };
    },
  } satisfies SomeHandlers;
}
