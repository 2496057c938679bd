// Splitting one scanned batch into documents. Pure: pages in (already analysed: blank? separator?), plans out.
// The pages themselves are never touched; a plan only lists indexes, so the original scan survives whatever
// the rules or the clerk decide (manual edits: ./edit).
import type { ScanProfile } from './profiles';
import type { SeparatorFound } from './separator';
import type { SeparatorValues } from './separator-payload';

export interface CapturedPage {
  index: number;
  blank: boolean;
  separator: null | SeparatorFound;
}

export interface DocumentPlan {
  /** Indexes into the batch, in order. */
  pages: number[];
  metadata: SeparatorValues;
  /** Blank pages kept in `pages` for a person to look at (profile blankPages: 'flag'). */
  flaggedBlank: number[];
}

export type SplitRules = Pick<ScanProfile, 'blankPages' | 'separatorSheets' | 'patchT'> &
  Partial<Pick<ScanProfile, 'duplex' | 'documentType'>>;

/** Whether the page is a separator sheet the profile accepts (a Postkamer sheet, a Patch-T sheet). */
export function acceptsSeparator(p: CapturedPage | undefined, profile: SplitRules): boolean {
  return (
    !!p?.separator && ((p.separator.kind === 'postkamer' && profile.separatorSheets) || (p.separator.kind === 'patch-t' && profile.patchT))
  );
}

/**
 * What a unit's split kept and removed, for the batch's dossier: pages in and out, blank pages removed (and kept with a
 * flag), separator sheets (a duplex sheet once; its blank back goes with it).
 */
export function splitTally(pages: CapturedPage[], plans: DocumentPlan[], profile: SplitRules) {
  const kept = new Set(plans.flatMap((p) => p.pages));
  const sheets = new Set<number>();
  const separatorPages = new Set<number>();
  pages.forEach((p, i) => {
    if (!acceptsSeparator(p, profile)) return;
    separatorPages.add(i);
    sheets.add(profile.duplex === true ? i >> 1 : i);
    const mate = profile.duplex === true ? pages[i ^ 1] : undefined;
    if (mate?.blank && !kept.has(i ^ 1)) separatorPages.add(i ^ 1);
  });
  const removed = pages.map((_, i) => i).filter((i) => !kept.has(i) && !separatorPages.has(i));
  return {
    pagesIn: pages.length,
    pagesOut: kept.size,
    blankRemoved: removed.length,
    blankFlagged: plans.reduce((n, p) => n + p.flaggedBlank.length, 0),
    separatorSheets: sheets.size,
  };
}

/**
 * Rules, in order of precedence:
 * - A separator the profile accepts (a Postkamer sheet when `separatorSheets`, a Patch-T sheet when `patchT`)
 *   ends the current document, is dropped, and its values become the next document's metadata. A separator the
 *   profile does not accept is an ordinary page.
 * - Duplex: every sheet gives two pages, so the pages pair up (0,1), (2,3), …; a blank other side of a separator
 *   sheet is part of that sheet and dropped with it, whatever the blank rule says.
 * - Blank pages: 'drop' leaves them out; 'flag' keeps them and lists them in `flaggedBlank`; 'separate' makes a
 *   blank page (duplex: a sheet blank on both sides) end the document; it is dropped. In duplex, a single blank
 *   back of an otherwise printed sheet is dropped under 'separate' (it is the back of a one-sided letter).
 * - A document without pages is not a document: two separators in a row give one split, and the later
 *   separator's values win.
 * - `documentType` of the profile fills `documenttype` when no separator gave one.
 */
export function splitBatch(pages: CapturedPage[], profile: SplitRules): DocumentPlan[] {
  const duplex = profile.duplex === true;
  const accepted = (p: CapturedPage | undefined) => acceptsSeparator(p, profile);
  const byPos = pages;
  const mate = (pos: number) => (duplex ? byPos[pos ^ 1] : undefined);

  const plans: DocumentPlan[] = [];
  let pending: SeparatorValues = {};
  let cur: DocumentPlan | null = null;
  const close = () => {
    if (cur && cur.pages.length > 0) plans.push(cur);
    cur = null;
  };
  const open = (): DocumentPlan => {
    cur ??= { pages: [], metadata: withDefaultType(pending, profile.documentType), flaggedBlank: [] };
    return cur;
  };

  for (let pos = 0; pos < byPos.length; pos++) {
    const p = byPos[pos]!;
    const sep = p.separator;
    if (sep && accepted(p)) {
      close();
      pending = sep.kind === 'postkamer' ? { ...sep.values } : {};
      continue;
    }
    if (p.blank) {
      // The blank side of a separator sheet belongs to the sheet.
      if (accepted(mate(pos))) continue;
      if (profile.blankPages === 'drop') continue;
      if (profile.blankPages === 'flag') {
        const d = open();
        d.pages.push(p.index);
        d.flaggedBlank.push(p.index);
        continue;
      }
      // 'separate'
      const other = mate(pos);
      if (duplex && other && !other.blank) continue; // the back of a one-sided sheet
      // In duplex the blank sheet is handled once, at its first side.
      if (duplex && pos % 2 === 1) continue;
      close();
      pending = {};
      continue;
    }
    open().pages.push(p.index);
  }
  close();
  return plans;
}

function withDefaultType(values: SeparatorValues, documentType: string | null | undefined): SeparatorValues {
  const out: SeparatorValues = { ...values };
  if (out.documenttype === undefined && documentType) out.documenttype = documentType;
  return out;
}

export {
  splitDocument,
  mergeDocuments,
  movePage,
  rotatePage,
  deletePage,
  restorePage,
  type EditModel,
  type EditDocument,
  type EditPage,
} from './edit';
