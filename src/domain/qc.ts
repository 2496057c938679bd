// The rules of a batch's quality control and of destroying its paper: each sampled page's current verdict from the
// dossier's events, what closing a round gives, who may check (never who scanned), and why paper may not go yet.
import { amsterdamDate } from './amsterdam-date';

/** Where a batch stands in quality control (the contract's QcState; the domain imports nothing of the contract). */
export type QcState = 'open' | 'steekproef' | 'goedgekeurd' | 'afgekeurd' | 'nascan';
/** Why a checked page is wrong (the contract's QcReason). */
export type QcReason = 'onleesbaar' | 'incompleet' | 'verkeerde-volgorde' | 'ontbrekende-pagina' | 'scheef-afgesneden';

/** A dossier event as these rules read it (src/store/batch-dossier.ts BatchEventRow). */
export interface QcEvent {
  kind: string;
  page: number | null;
  by: string;
  at: string;
  verdict: 'goed' | 'fout' | null;
  reason: string | null;
}

export interface PageVerdict {
  page: number;
  verdict: 'goed' | 'fout' | null;
  reason: QcReason | null;
  judgedBy: string | null;
  judgedAt: string | null;
  rescans: number;
  /** Who rescanned the page last (a person never judges their own rescan). */
  rescannedBy: string | null;
}

/**
 * Each sampled page's current verdict: the last judgement after its last rescan (a rescanned page is to be judged
 * again, so a rescan clears the verdict before it).
 */
export function currentVerdicts(sample: readonly number[], events: readonly QcEvent[]): PageVerdict[] {
  const byPage = new Map<number, PageVerdict>(
    sample.map((page) => [page, { page, verdict: null, reason: null, judgedBy: null, judgedAt: null, rescans: 0, rescannedBy: null }]),
  );
  for (const e of events) {
    const v = e.page === null ? undefined : byPage.get(e.page);
    if (!v) continue;
    if (e.kind === 'rescan')
      Object.assign(v, { verdict: null, reason: null, judgedBy: null, judgedAt: null, rescans: v.rescans + 1, rescannedBy: e.by });
    else if (e.kind === 'qc-judge')
      Object.assign(v, {
        verdict: e.verdict,
        reason: e.verdict === 'fout' ? (e.reason as QcReason) : null,
        judgedBy: e.by,
        judgedAt: e.at,
      });
  }
  return [...byPage.values()];
}

export type CloseOutcome =
  { ok: true; qc: 'goedgekeurd' | 'afgekeurd'; faults: { page: number; reden: QcReason }[] } | { ok: false; unjudged: number[] };

/** Closing a round: every sampled page needs a verdict; all goed approves, any fout rejects with the faulty pages. */
export function closeRound(verdicts: readonly PageVerdict[]): CloseOutcome {
  const unjudged = verdicts.filter((v) => v.verdict === null).map((v) => v.page);
  if (unjudged.length > 0) return { ok: false, unjudged };
  const faults = verdicts.filter((v) => v.verdict === 'fout').map((v) => ({ page: v.page, reden: v.reason! }));
  return { ok: true, qc: faults.length === 0 ? 'goedgekeurd' : 'afgekeurd', faults };
}

/** The states in which a checker judges pages and closes the round. */
export const JUDGING_STATES: readonly QcState[] = ['steekproef', 'nascan'];

/** After a rescan: a rejected batch goes to `nascan` (the rescanned pages are checked again); otherwise it stays. */
export function stateAfterRescan(state: QcState): QcState {
  return state === 'afgekeurd' ? 'nascan' : state;
}

/** The facts the destruction list decides on, per batch. */
export interface DestructionInput {
  qc: QcState;
  approvedAt: string | null;
  besluit: boolean;
  documents: number;
  deliveredMatching: number;
  mismatched: number;
}

/** Why the paper of a batch may not be destroyed (Dutch, for the list); empty when it may. */
export function destructionReasons(f: DestructionInput): string[] {
  const out: string[] = [];
  if (f.qc !== 'goedgekeurd') out.push(`de kwaliteitscontrole is niet goedgekeurd (${f.qc})`);
  if (!f.besluit) out.push('er is geen vervangingsbesluit ingesteld');
  if (f.documents === 0) out.push('de batch heeft geen documenten');
  if (f.mismatched > 0)
    out.push(
      `${f.mismatched} ${f.mismatched === 1 ? 'document heeft' : 'documenten hebben'} in het zaaksysteem niet de inhoud van de goedgekeurde scan`,
    );
  const waiting = f.documents - f.deliveredMatching - f.mismatched;
  if (waiting > 0) out.push(`${waiting} van ${f.documents} documenten ${waiting === 1 ? 'is' : 'zijn'} nog niet afgeleverd`);
  return out;
}

/** The first Amsterdam day the paper may be destroyed: the day of approval plus the waiting days. */
export function destroyFrom(approvedAt: string, waitDays: number): string {
  const day = amsterdamDate(new Date(approvedAt));
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + waitDays);
  return d.toISOString().slice(0, 10);
}
