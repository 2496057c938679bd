// The audit screen's pure parts: the filter form as the audit.list input, paging back by sequence number, and how a
// verification result is told.
import type { AuditProblem, AuditVerification } from '../../../src/contract/audit';

export const PAGE_SIZE = 50;

export interface AuditFilters {
  actor: string;
  action: string;
  objectId: string;
  /** yyyy-mm-dd from the date inputs ('' when not set). */
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = { actor: '', action: '', objectId: '', from: '', to: '' };

/** What is wrong with the filters before they are sent (the period backwards), or null. */
export function filterProblem(f: AuditFilters): 'period-reversed' | null {
  return f.from && f.to && f.from > f.to ? 'period-reversed' : null;
}

/** The audit.list input for the applied filters and the page (`beforeSeq`); one more than a page, to know if there is more. */
export function listInput(f: AuditFilters, beforeSeq: number | undefined) {
  const text = (s: string) => (s.trim() === '' ? undefined : s.trim().slice(0, 100));
  return {
    limit: PAGE_SIZE + 1,
    ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    ...(text(f.actor) ? { actor: text(f.actor) } : {}),
    ...(text(f.action) ? { action: text(f.action) } : {}),
    ...(text(f.objectId) ? { objectId: text(f.objectId) } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

/** The page to show out of what audit.list answered, whether there are older entries, and the next page's cursor. */
export function pageOf<T extends { seq: number }>(rows: T[]): { rows: T[]; older: number | undefined } {
  const shown = rows.slice(0, PAGE_SIZE);
  return { rows: shown, older: rows.length > PAGE_SIZE ? shown[shown.length - 1].seq : undefined };
}

export type ChainState =
  | { tone: 'success'; key: 'intact' | 'intactUnanchored'; count: number; anchorSeq: number | null }
  | { tone: 'error'; key: 'broken'; seq: number; kind: AuditProblem['kind'] };

export function chainState(v: AuditVerification): ChainState {
  if (v.problem) return { tone: 'error', key: 'broken', seq: v.problem.seq, kind: v.problem.kind };
  return { tone: 'success', key: v.anchored ? 'intact' : 'intactUnanchored', count: v.entries, anchorSeq: v.anchorSeq };
}

/**
 * An entry's details as one line: a pair `xOud`/`xNieuw` (a classification's old and new value) as "x: old → new",
 * the rest as "key: value"; `none` stands for an empty value. '' when there are no details.
 */
export function detailsText(details: Record<string, string | number | boolean | null>, none: string): string {
  const shown = (v: string | number | boolean | null | undefined) => (v === null || v === undefined || v === '' ? none : String(v));
  const parts: string[] = [];
  const done = new Set<string>();
  for (const [k, v] of Object.entries(details)) {
    if (done.has(k)) continue;
    const pair = /^(.+)(Oud|Nieuw)$/.exec(k);
    if (pair && `${pair[1]}Oud` in details && `${pair[1]}Nieuw` in details) {
      done.add(`${pair[1]}Oud`).add(`${pair[1]}Nieuw`);
      parts.push(`${pair[1]}: ${shown(details[`${pair[1]}Oud`])} → ${shown(details[`${pair[1]}Nieuw`])}`);
      continue;
    }
    done.add(k);
    parts.push(`${k}: ${shown(v)}`);
  }
  return parts.join('; ');
}
