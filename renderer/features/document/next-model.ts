// Pure rules of "Gereed": which document the clerk handles next, and which keys the document view answers to.
import type { DocumentStage, DocumentSummary } from '../../../src/contract';

/** The stages that still need the clerk: checked and linked. */
export const TO_HANDLE: readonly DocumentStage[] = ['te-controleren', 'klaar-om-te-koppelen'];

type Doc = Pick<DocumentSummary, 'id' | 'batchId' | 'seq' | 'createdAt' | 'stage'>;

/**
 * The next document to handle, in the inbox's order (oldest batch first, each batch in the order of its stack); the
 * one after `currentId` when it is in the list, otherwise the first; never `currentId` itself.
 */
export function nextToHandle<T extends Doc>(docs: readonly T[], currentId: string): T | null {
  const open = docs.filter((d) => TO_HANDLE.includes(d.stage));
  // A batch's age is that of its first document: all of a batch's documents stay together.
  const batchAge = new Map<string, string>();
  for (const d of open) {
    const a = batchAge.get(d.batchId);
    if (a === undefined || d.createdAt < a) batchAge.set(d.batchId, d.createdAt);
  }
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ordered = [...open].sort(
    (a, b) => cmp(batchAge.get(a.batchId)!, batchAge.get(b.batchId)!) || cmp(a.batchId, b.batchId) || a.seq - b.seq,
  );
  const at = ordered.findIndex((d) => d.id === currentId);
  const rest = at >= 0 ? [...ordered.slice(at + 1), ...ordered.slice(0, at)] : ordered;
  return rest.find((d) => d.id !== currentId) ?? null;
}

export type ShortcutAction = 'done' | 'confirmSplit' | 'undoSplit' | 'help';

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** The element the key was typed in: letters typed into a field are text, not commands. */
  inField: boolean;
}

/** The document view's shortcuts: Ctrl+Enter anywhere; B, O and ? only outside a text field. */
export function shortcutOf(e: KeyLike, autoSplit: boolean): ShortcutAction | null {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) return 'done';
  if (e.inField || e.ctrlKey || e.metaKey || e.altKey) return null;
  if (e.key === '?') return 'help';
  if (!autoSplit) return null;
  if (e.key === 'b' || e.key === 'B') return 'confirmSplit';
  if (e.key === 'o' || e.key === 'O') return 'undoSplit';
  return null;
}

/** Whether an element takes typed text (an input other than a button/checkbox/radio, a textarea, a select, editable). */
export function takesText(el: { tagName: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!el) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['button', 'submit', 'reset', 'checkbox', 'radio', 'file', 'image', 'range', 'color'].includes((el.type ?? 'text').toLowerCase());
}
