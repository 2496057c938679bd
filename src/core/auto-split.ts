// Automatic separation of a stack scanned without separator sheets: a unit's split plan divided where the letter-start
// rule (src/domain/letter-starts.ts) finds a new letter, each part marked for the clerk to confirm, and the audit entry.
import { appendAudit } from '../audit/audit';
import type { CapturedPage, DocumentPlan, SplitRules } from '../capture/split';
import { findLetterStarts, type LetterStart, type StackPage } from '../domain/letter-starts';
import type { ProcessedPage } from '../recognise/page-pipeline';
import type { Db } from '../store/db';
import { setAutoSplit } from '../store/document-fields';
import type { ProcessedDocument } from './types';

/** What an automatic split made of one part: which part of how many, and why it starts where it does. */
export interface AutoSplitPart {
  part: number;
  parts: number;
  /** The unit's page index the part starts on. */
  startPage: number;
  /** The letter-start weight of that page (null for the first part). */
  score: number | null;
  reasons: string[];
}

/** A processed document that may carry its automatic split (set by the recogniser, recorded by `recordAutoSplit`). */
export type MaybeAutoSplit = ProcessedDocument & { autoSplit?: AutoSplitPart };

/** The unit's pages as the letter-start rule reads them (blank as the capture step decided). */
export function stackPagesOf(pages: readonly ProcessedPage[], captured: readonly CapturedPage[]): StackPage[] {
  return pages.map((p, i) => ({
    pageIndex: p.index,
    width: p.width,
    height: p.height,
    text: p.ocr?.text ?? '',
    lines: p.ocr?.lines ?? [],
    blank: captured[i]?.blank ?? p.blank,
  }));
}

export interface AutoSplitResult {
  plans: DocumentPlan[];
  /** One entry per plan, or null when the unit was not split automatically. */
  parts: AutoSplitPart[] | null;
}

/**
 * Divides the unit's single plan where letters start, when the unit was not already divided by the operator: no
 * separator sheet the profile accepts, no blank pages used as separators ('separate'), and the profile does not turn
 * it off (`autoSplit: false`, a profile field this code reads when the contract has it).
 */
export function autoSplitPlans(plans: DocumentPlan[], captured: CapturedPage[], pages: StackPage[], rules: SplitRules): AutoSplitResult {
  const unchanged = { plans, parts: null };
  if (plans.length !== 1 || pages.length < 2) return unchanged;
  if ((rules as { autoSplit?: boolean }).autoSplit === false) return unchanged;
  const accepted = captured.some(
    (p) => p.separator && ((p.separator.kind === 'postkamer' && rules.separatorSheets) || (p.separator.kind === 'patch-t' && rules.patchT)),
  );
  if (accepted) return unchanged;
  if (rules.blankPages === 'separate' && captured.some((p) => p.blank)) return unchanged;
  const plan = plans[0]!;
  if (plan.pages.filter((i) => !pages[i]?.blank).length < 2) return unchanged;
  const starts = new Map<number, LetterStart>(findLetterStarts(pages).map((s) => [s.index, s]));
  const groups: DocumentPlan[] = [];
  const firsts: number[] = [];
  for (const i of plan.pages) {
    const current = groups[groups.length - 1];
    if (!current || (starts.has(i) && current.pages.length > 0)) {
      groups.push({ pages: [], metadata: { ...plan.metadata }, flaggedBlank: [] });
      firsts.push(i);
    }
    const g = groups[groups.length - 1]!;
    g.pages.push(i);
    if (plan.flaggedBlank.includes(i)) g.flaggedBlank.push(i);
  }
  if (groups.length < 2) return unchanged;
  return {
    plans: groups,
    parts: firsts.map((first, k) => {
      const s = k === 0 ? null : starts.get(first)!;
      return { part: k + 1, parts: groups.length, startPage: first, score: s?.score ?? null, reasons: s?.reasons ?? [] };
    }),
  };
}

/**
 * Inside the transaction that records a unit's documents: marks every part of an automatic split (the first part
 * too) as unconfirmed and writes one audit entry per split unit, on its first part, with the counts.
 */
export function recordAutoSplit(db: Db, ctx: { actor: string; origin: string }, docs: readonly MaybeAutoSplit[], now: string): void {
  const parts = docs.filter((d) => d.autoSplit);
  if (parts.length === 0) return;
  setAutoSplit(
    db,
    parts.map((d) => d.id),
    true,
    now,
  );
  for (const first of parts.filter((d) => d.autoSplit!.part === 1)) {
    const group = parts.slice(parts.indexOf(first), parts.indexOf(first) + first.autoSplit!.parts);
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'document.auto-split',
      objectType: 'document',
      objectId: first.id,
      result: 'ok',
      details: {
        itemId: first.itemId,
        documents: group.length,
        pages: group.reduce((n, d) => n + d.pages.length, 0),
        documentIds: group.map((d) => d.id).join(','),
        startPages: group.map((d) => d.autoSplit!.startPage).join(','),
        scores: group
          .slice(1)
          .map((d) => d.autoSplit!.score)
          .join(','),
        reasons: group
          .slice(1)
          .map((d) => d.autoSplit!.reasons.join('+'))
          .join(','),
      },
    });
  }
}
