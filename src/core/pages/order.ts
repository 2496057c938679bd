// Pure rules of a page edit's outcome: the full page order (deleted pages travel with their neighbours) and part titles.
import { PostkamerError } from '../../contract/errors';

/** The title of a part split off: "… (deel 2)", counting on from a part that was split before. */
export function partTitle(title: string): string {
  const m = /^(.*) \(deel (\d+)\)$/.exec(title);
  return m ? `${m[1]} (deel ${Number(m[2]) + 1})` : `${title} (deel 2)`;
}

export interface OrderedPage {
  id: string;
  removed: boolean;
}

/**
 * The full page order (visible and deleted) of each document after a change, from the full order before it
 * (`before`, per document) and the new visible order (`visible`, per document, from the pure rules). A deleted
 * page travels with the next visible page of its old document, or with the last one when none follows.
 * `removedAfter` holds the pages that are deleted once the change is made.
 */
export function weavePages(
  before: Map<string, OrderedPage[]>,
  visible: Map<string, string[]>,
  removedAfter: Set<string>,
): Map<string, string[]> {
  const prefix = new Map<string, string[]>();
  const suffix = new Map<string, string[]>();
  for (const pages of before.values()) {
    let waiting: string[] = [];
    let last: string | null = null;
    for (const p of pages) {
      if (removedAfter.has(p.id)) {
        waiting.push(p.id);
      } else {
        prefix.set(p.id, waiting);
        waiting = [];
        last = p.id;
      }
    }
    if (waiting.length > 0) {
      if (last === null) throw new PostkamerError('invalid-input', 'Een document moet minstens één pagina houden.');
      suffix.set(last, waiting);
    }
  }
  const out = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const [doc, ids] of visible) {
    const full: string[] = [];
    for (const id of ids) full.push(...(prefix.get(id) ?? []), id, ...(suffix.get(id) ?? []));
    for (const id of full) {
      if (seen.has(id)) throw new Error(`page ${id} placed twice`);
      seen.add(id);
    }
    out.set(doc, full);
  }
  const all = [...before.values()].flat();
  if (all.length !== seen.size || all.some((p) => !seen.has(p.id))) throw new Error('a page was lost in the new order');
  return out;
}
