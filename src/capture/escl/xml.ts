// A small XML reader for eSCL documents (capabilities, status, scan settings). eSCL XML is plain: elements,
// attributes, text, namespace prefixes that vary between vendors (scan:, pwg:, escl:, or none). We match by
// local name and never resolve entities beyond the five predefined ones, so a hostile scanner cannot expand
// anything. A DTD is refused; processing instructions and comments are skipped.

export interface XmlElement {
  /** Local name, prefix stripped. */
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export class XmlError extends Error {}

/** Parses a document and returns its root element. Throws XmlError on malformed input. */
export function parseXml(text: string, maxLength = 4_000_000): XmlElement {
  if (text.length > maxLength) throw new XmlError('XML too large');
  // eSCL documents have no DTD; one here is at best noise and at worst an entity-expansion attack.
  if (/<!DOCTYPE/i.test(text)) throw new XmlError('DTD not allowed');
  const root: XmlElement = { name: '#document', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<\/\s*([^\s>]+)\s*>|<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    m = re.exec(text);
    if (!m || m.index !== pos) throw new XmlError(`Malformed XML at ${pos}`);
    pos = re.lastIndex;
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[2] !== undefined) {
      if (stack.length < 2 || top.name !== local(m[2])) throw new XmlError(`Unexpected </${m[2]}>`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const el: XmlElement = { name: local(m[3]), attrs: {}, children: [], text: '' };
      for (const a of (m[4] ?? '').matchAll(/([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        el.attrs[local(a[1]!)] = decode(a[2] ?? a[3] ?? '');
      top.children.push(el);
      if (m[5] !== '/') stack.push(el);
    } else if (m[6] !== undefined) {
      if (stack.length > 1) top.text += decode(m[6]);
      else if (m[6].trim() !== '') throw new XmlError('Text outside the root element');
    }
  }
  if (stack.length !== 1) throw new XmlError('Unclosed element');
  const el = root.children[0];
  if (!el || root.children.length !== 1) throw new XmlError('Expected one root element');
  return el;
}

/** First descendant (depth-first) with this local name. */
export function find(el: XmlElement | undefined, name: string): XmlElement | undefined {
  if (!el) return undefined;
  for (const c of el.children) {
    if (c.name === name) return c;
    const d = find(c, name);
    if (d) return d;
  }
  return undefined;
}

/** All descendants with this local name. */
export function findAll(el: XmlElement | undefined, name: string, out: XmlElement[] = []): XmlElement[] {
  if (!el) return out;
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    findAll(c, name, out);
  }
  return out;
}

/** Direct child with this local name. */
export const child = (el: XmlElement | undefined, name: string) => el?.children.find((c) => c.name === name);

export const textOf = (el: XmlElement | undefined): string | undefined => (el ? el.text.trim() : undefined);

export function numberOf(el: XmlElement | undefined): number | undefined {
  const t = textOf(el);
  if (t === undefined || t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
