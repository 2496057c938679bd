// The core's search snippets mark hits as `[hit]` (FTS5 snippet()). We turn them into parts to render as
// <mark> elements: text stays text, never HTML.

export interface SnippetPart {
  text: string;
  hit: boolean;
}

export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const push = (text: string, hit: boolean) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.hit === hit) last.text += text;
    else parts.push({ text, hit });
  };
  let i = 0;
  while (i < snippet.length) {
    const open = snippet.indexOf('[', i);
    if (open === -1) break;
    const close = snippet.indexOf(']', open + 1);
    if (close === -1) break; // an unmatched "[" is plain text
    push(snippet.slice(i, open), false);
    const inner = snippet.slice(open + 1, close);
    // "[]" carries no hit; keep it literal rather than render an empty mark.
    if (inner) push(inner, true);
    else push('[]', false);
    i = close + 1;
  }
  push(snippet.slice(i), false);
  return parts;
}
