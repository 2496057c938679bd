// A small XML writer for the MDTO documents: elements in the order given, text escaped, empty optionals left out.

/** An element: its name and either text or child elements (null/undefined children are skipped). */
export interface XmlElement {
  name: string;
  text?: string;
  children?: (XmlElement | null | undefined)[];
}

/** Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF): dropped. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;');
}

export function el(name: string, content: string | (XmlElement | null | undefined)[]): XmlElement {
  return typeof content === 'string' ? { name, text: content } : { name, children: content };
}

/** An element with text, or nothing when the text is empty or absent. */
export function opt(name: string, text: string | null | undefined): XmlElement | null {
  return text === null || text === undefined || text.trim() === '' ? null : { name, text };
}

function render(e: XmlElement, depth: number, out: string[]): void {
  const pad = '\t'.repeat(depth);
  if (e.children === undefined) {
    out.push(`${pad}<${e.name}>${escapeXml(e.text ?? '')}</${e.name}>`);
    return;
  }
  const kids = e.children.filter((c): c is XmlElement => c !== null && c !== undefined);
  out.push(`${pad}<${e.name}>`);
  for (const k of kids) render(k, depth + 1, out);
  out.push(`${pad}</${e.name}>`);
}

export const MDTO_NS = 'https://www.nationaalarchief.nl/mdto';

/** A whole MDTO document around one `informatieobject` or `bestand` element. */
export function mdtoDocument(body: XmlElement): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MDTO xmlns="${MDTO_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ` +
      `xsi:schemaLocation="${MDTO_NS} ${MDTO_NS}/MDTO-XML1.0.1.xsd">`,
  ];
  render(body, 1, out);
  out.push('</MDTO>', '');
  return out.join('\n');
}
