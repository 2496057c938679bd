// An audit row as the contract shows it: who with name and roles, the action with its Dutch label, details parsed.
import { auditActionLabel } from '../contract/audit-actions';
import type { AuditEntry } from '../contract/audit';
import type { AuditEntryRow } from '../store/audit-log';

type Detail = string | number | boolean | null;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The details as stored (a JSON object of codes and ids); anything else in there is left out, never thrown on. */
export function parseDetails(text: string): Record<string, Detail> {
  const v = parseJson(text);
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: Record<string, Detail> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x))) out[k] = x;
  }
  return out;
}

function parseRoles(text: string): string[] {
  const v = parseJson(text);
  return Array.isArray(v) ? v.filter((r): r is string => typeof r === 'string') : [];
}

export function toAuditEntry(r: AuditEntryRow): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actor: r.actor,
    actorName: r.actor_name,
    roles: parseRoles(r.actor_roles),
    origin: r.origin,
    workstation: r.workstation,
    action: r.action,
    actionLabel: auditActionLabel(r.action, 'nl'),
    objectType: r.object_type,
    objectId: r.object_id,
    result: r.result,
    details: parseDetails(r.details),
  };
}
