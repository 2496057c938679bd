// The sender: the address block of whoever wrote the letter. Mail to the municipality carries two
// address blocks: the sender's (letterhead, top-left above the date for a citizen, or the footer)
// and the municipality's own in the window-envelope position ("Gemeente …", "t.a.v. …"). The
// addressee is recognised by its wording and position and never taken for the sender.

import { findDates } from './dates';
import { spanBox, spanConfidence, splitCells, verticalPosition, type Doc, type Line } from './layout';
import { findPostcodes, parseStreetLine, streetBefore, type PostcodeMatch, type StreetLine } from './postcode';
import type { Box } from './types';

export interface Seg {
  line: Line;
  start: number;
  end: number;
  text: string;
  bbox: Box | null;
}

const RECIPIENT_STRONG =
  /(?<![\p{L}])(?:aan\s+het\s+college|college\s+van\s+(?:burgemeester|b\s?(?:&|en)\s?w)|burgemeester\s+en\s+wethouders|t\.\s?a\.\s?v\.?|tav|ter\s+attentie\s+van|(?:aan\s+)?de\s+gemeenteraad|aan\s*:)(?![\p{L}])|^\s*aan\s+(?:de|het)\s/iu;
const RECIPIENT_WEAK = /^\s*(?:[Aa]an\s+)?(?:[Dd]e\s+)?[Gg]emeente(?:bestuur)?\s+(?:van\s+)?\p{Lu}/u;
const CONTACT =
  /(?<![\p{L}])(?:tel(?:efoon)?|fax|e-?mail|mobiel|www\.|https?:|kvk|k\.v\.k\.|iban|btw|bic|rsin|bsn|burgerservicenummer|rekening(?:nummer)?)(?![\p{L}])|@|^\s*[tefm]\s*[:.]?\s*[+0(]/iu;
const NOT_A_NAME =
  /^\s*(?:betreft|onderwerp|datum|uw\s+kenmerk|ons\s+kenmerk|kenmerk|geachte|beste|bijlagen?|pagina|blad|namens|met\s+vriendelijke|hoogachtend|afdeling|team|bezwaar(?:schrift)?|beroep|verzoek|aanvraag|zienswijze|klacht|melding|aangetekend|per\s+e-?mail|spoed|vertrouwelijk|persoonlijk|concept|factuur|herinnering|aanmaning|offerte)(?![\p{L}])/iu;
const SIGN_OFF =
  /^\s*(?:met\s+(?:vriendelijke|hartelijke|beleefde)\s+groet(?:en)?|vriendelijke\s+groet(?:en)?|hoogachtend|groet(?:en)?|mvg)\s*[,.]?\s*$/iu;

const PARTICLES = new Set([
  'van',
  'de',
  'der',
  'den',
  'het',
  "'t",
  'te',
  'ter',
  'ten',
  'tot',
  'en',
  'voor',
  'in',
  'op',
  'aan',
  'la',
  'le',
  'du',
  'da',
  'di',
  'bin',
  'el',
  'al',
]);

/** A sentence, not a name: ends like one, or has several ordinary lower-case words. */
function sentenceLike(t: string): boolean {
  const words = t.split(/\s+/);
  if (words.length >= 3 && /\p{Ll}[.!?]$/u.test(t)) return true;
  return words.filter((w) => /^\p{Ll}/u.test(w) && !PARTICLES.has(w.toLowerCase())).length > 2;
}

export function looksLikeName(text: string): boolean {
  const t = text.trim();
  if (t.length < 2 || t.length > 80 || !/\p{L}{2}/u.test(t) || sentenceLike(t)) return false;
  if ((t.match(/\d/g) ?? []).length > 2) return false;
  if (parseStreetLine(t) || findPostcodes(t).length > 0 || findDates(t).length > 0) return false;
  return !CONTACT.test(t) && !NOT_A_NAME.test(t) && !RECIPIENT_STRONG.test(t) && !SIGN_OFF.test(t);
}

/** Cells of a line, and the pieces of a cell written with separators ('Postbus 1 | 1000 AA Stad'). */
function segmentLine(line: Line): { stacked: Seg[]; inline: Seg[][] } {
  const stacked: Seg[] = [];
  const inline: Seg[][] = [];
  for (const cell of splitCells(line)) {
    if (!/[|•·]/.test(cell.text)) {
      stacked.push({ line, start: cell.start, end: cell.end, text: cell.text, bbox: cell.bbox });
      continue;
    }
    const pieces: Seg[] = [];
    const re = /[^|•·]+/g;
    for (const m of cell.text.matchAll(re)) {
      const lead = m[0].length - m[0].trimStart().length;
      const text = m[0].trim();
      if (!text) continue;
      const start = cell.start + (m.index ?? 0) + lead;
      pieces.push({ line, start, end: start + text.length, text, bbox: spanBox(line, start, start + text.length) });
    }
    if (pieces.length > 0) inline.push(pieces);
  }
  return { stacked, inline };
}

function height(s: Seg): number {
  return s.bbox ? s.bbox.y1 - s.bbox.y0 : 0;
}

/** Does `lower` continue the block that `upper` ends (next line, same alignment)? */
function continues(upper: Seg, lower: Seg): boolean {
  if (lower.line.index <= upper.line.index) return false;
  const a = upper.bbox;
  const b = lower.bbox;
  if (!a || !b || upper.line.words.length === 0 || lower.line.words.length === 0) {
    return lower.line.index === upper.line.index + 1;
  }
  const h = Math.max(height(upper), height(lower), 1);
  const gap = b.y0 - a.y1;
  if (gap > 0.9 * h || gap < -0.5 * h) return false;
  const near = 2 * h;
  return Math.abs(a.x0 - b.x0) <= near || Math.abs(a.x1 - b.x1) <= near || Math.abs((a.x0 + a.x1) / 2 - (b.x0 + b.x1) / 2) <= near;
}

/** Address-like blocks of one page, in reading order. A postcode line ends a block. */
export function blocksOfPage(lines: Line[]): Seg[][] {
  const blocks: Seg[][] = [];
  const open: Seg[][] = [];
  for (const line of lines) {
    if (!line.text.trim()) continue;
    const { stacked, inline } = segmentLine(line);
    for (const pieces of inline) blocks.push(pieces);
    for (const seg of stacked) {
      let target: Seg[] | null = null;
      for (const b of open) {
        const last = b[b.length - 1] as Seg;
        if (last.line.index < line.index && continues(last, seg)) {
          target = b;
          break;
        }
      }
      if (target) target.push(seg);
      else {
        const b = [seg];
        open.push(b);
        blocks.push(b);
      }
      if (findPostcodes(seg.text).length > 0) {
        const b = target ?? (open[open.length - 1] as Seg[]);
        open.splice(open.indexOf(b), 1); // nothing below a postcode line belongs to the same address
      }
    }
  }
  const firstLine = (b: Seg[]) => (b[0] as Seg).line.index;
  return blocks.sort((x, y) => firstLine(x) - firstLine(y) || (x[0] as Seg).start - (y[0] as Seg).start);
}

interface AddressBlock {
  segs: Seg[];
  ordinal: number;
  pcIdx: number;
  pc: PostcodeMatch;
  street: StreetLine | null;
  streetIdx: number;
  nameIdx: number;
  recipientScore: number;
  top: number;
  left: number;
}

function recipientScore(segs: Seg[]): number {
  if (segs.some((s) => RECIPIENT_STRONG.test(s.text))) return 3;
  if (RECIPIENT_WEAK.test((segs[0] as Seg).text)) return 2;
  return 0;
}

function analyse(segs: Seg[]): AddressBlock | null {
  const pcIdx = segs.findIndex((s) => findPostcodes(s.text).length > 0);
  if (pcIdx < 0) return null;
  const pcSeg = segs[pcIdx] as Seg;
  const pc = findPostcodes(pcSeg.text)[0] as PostcodeMatch;
  // The street: in front of the postcode in the same piece, on the piece or line above, or earlier on the
  // same line in another column.
  let street = streetBefore(pcSeg.text.slice(0, pc.start));
  let streetIdx = street ? pcIdx : -1;
  if (!street && pcIdx > 0) {
    street = parseStreetLine((segs[pcIdx - 1] as Seg).text);
    if (street) streetIdx = pcIdx - 1;
  }
  if (!street) {
    const lineBefore = pcSeg.line.text.slice(0, pcSeg.start + pc.start);
    street = lineBefore.trim() ? streetBefore(lineBefore) : null;
    if (street) streetIdx = pcIdx;
  }
  const limit = streetIdx >= 0 ? streetIdx : pcIdx;
  let nameIdx = -1;
  for (let i = 0; i < limit; i++)
    if (looksLikeName((segs[i] as Seg).text)) {
      nameIdx = i;
      break;
    }
  if (nameIdx < 0 && streetIdx === pcIdx) {
    // Footer piece 'Jansen B.V., Postbus 1, 1000 AA Stad': the name before the street on the same piece.
    const head = pcSeg.text.slice(0, pc.start).split(/\s*[,;]\s*/)[0] ?? '';
    if (head && looksLikeName(head)) nameIdx = -2;
  }
  const first = segs[0] as Seg;
  const box = first.bbox;
  const top = box && first.line.pageHeight > 0 ? box.y0 / first.line.pageHeight : verticalPosition(first.line);
  const left = box && first.line.pageWidth > 0 ? box.x0 / first.line.pageWidth : 0;
  return { segs, ordinal: first.line.ordinal, pcIdx, pc, street, streetIdx, nameIdx, recipientScore: recipientScore(segs), top, left };
}

export interface SenderAddress {
  postcode: string;
  huisnummer: string | null;
  certainty: number;
  /** The postcode in its line, for its own box and confidence. */
  line: Line;
  start: number;
  end: number;
  source: string;
}

export interface SenderResult {
  name: string | null;
  /** Address lines of the block, without the name. */
  lines: string[];
  certainty: number;
  page: number;
  bbox: Box | null;
  /** Mean OCR confidence (0..1) of the lines used. */
  ocr: number;
  address: SenderAddress | null;
}

function senderScore(b: AddressBlock, all: AddressBlock[]): number {
  let score = 0;
  if (b.ordinal === 0) score += 1;
  if (b.top < 0.15) score += 2;
  if (b.top > 0.8) score += 1.5;
  const samePage = all.filter((o) => o.ordinal === b.ordinal);
  const firstRecipient = samePage.find((o) => o.recipientScore >= 2);
  if (firstRecipient && (b.segs[0] as Seg).line.index < (firstRecipient.segs[0] as Seg).line.index && b.top < 0.5) score += 2;
  const firstPlain = samePage.find((o) => o.recipientScore < 2);
  if (b.ordinal === 0 && firstPlain === b) score += 1;
  if (b.nameIdx !== -1) score += 0.5;
  const others = samePage.filter((o) => o !== b && o.recipientScore < 2);
  const windowPosition = b.top >= 0.12 && b.top <= 0.4 && b.left < 0.45;
  if (windowPosition && others.length > 0) score -= 1.5;
  return score;
}

/** First name-like line after the sign-off ('Met vriendelijke groet,'). */
function signatureName(doc: Doc): { text: string; line: Line } | null {
  for (const page of doc) {
    for (let i = 0; i < page.length; i++) {
      if (!SIGN_OFF.test((page[i] as Line).text)) continue;
      for (const l of page.slice(i + 1, i + 6)) {
        const t = l.text.trim();
        if (!t || /namens|handtekening|^\(.*\)$/i.test(t)) continue;
        const name = t.replace(/,\s+\p{Ll}.*$/u, ''); // 'A. de Wit, teamleider' → 'A. de Wit'
        if (looksLikeName(name)) return { text: name, line: l };
      }
    }
  }
  return null;
}

/** A letterhead line: a name-like line at the very top of page 1 outside the addressee's block. */
function letterheadName(recipientSegs: Set<Seg>, blocks: Seg[][]): Seg | null {
  for (const b of blocks) {
    for (const s of b) {
      if (s.line.ordinal !== 0 || recipientSegs.has(s)) continue;
      const top = s.bbox && s.line.pageHeight > 0 ? s.bbox.y0 / s.line.pageHeight : verticalPosition(s.line);
      if (top < 0.15 && looksLikeName(s.text)) return s;
    }
  }
  return null;
}

function union(boxes: Array<Box | null>): Box | null {
  const bs = boxes.filter((b): b is Box => b !== null);
  if (bs.length === 0) return null;
  return bs.reduce((a, b) => ({ x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) }));
}

export function findSender(doc: Doc): SenderResult | null {
  const pageBlocks = doc.map((lines) => blocksOfPage(lines));
  const all: AddressBlock[] = pageBlocks.flat().flatMap((segs) => analyse(segs) ?? []);
  const plain = all.filter((b) => b.recipientScore < 2);
  let chosen: AddressBlock | null = null;
  let certainty = 0;
  const pool = plain.some((b) => b.ordinal === 0) ? plain.filter((b) => b.ordinal === 0) : plain;
  let bestScore = -Infinity;
  for (const b of pool) {
    const s = senderScore(b, all);
    if (s > bestScore) {
      bestScore = s;
      chosen = b;
    }
  }
  if (chosen) certainty = bestScore >= 3 ? 0.9 : 0.7;
  else {
    // Only "Gemeente …" blocks: one at the very top or in the footer is a letterhead (another
    // municipality writing), the one in the window is the addressee.
    chosen = all.find((b) => b.recipientScore === 2 && (b.top < 0.12 || b.top > 0.8)) ?? null;
    certainty = 0.5;
  }

  const recipientSegs = new Set(all.filter((b) => b.recipientScore >= 2).flatMap((b) => b.segs));
  if (!chosen) {
    // No address of the sender, but perhaps a letterhead with a name.
    const head = letterheadName(recipientSegs, pageBlocks[0] ?? []);
    if (!head) return null;
    return {
      name: head.text.trim(),
      lines: [],
      certainty: 0.4,
      page: head.line.page,
      bbox: head.bbox,
      ocr: spanConfidence(head.line, head.start, head.end),
      address: null,
    };
  }

  const segs = chosen.segs;
  const pcSeg = segs[chosen.pcIdx] as Seg;
  let name: string | null = null;
  let nameBox: Box | null = null;
  if (chosen.nameIdx >= 0) {
    name = (segs[chosen.nameIdx] as Seg).text.trim();
  } else if (chosen.nameIdx === -2) {
    name = (pcSeg.text.slice(0, chosen.pc.start).split(/\s*[,;]\s*/)[0] ?? '').trim() || null;
  } else {
    const head = letterheadName(recipientSegs, pageBlocks[0] ?? []);
    const sig = head ? null : signatureName(doc);
    name = head?.text.trim() ?? sig?.text ?? null;
    if (head && head.line.page === pcSeg.line.page) nameBox = head.bbox;
  }
  const used: Seg[] = [];
  const from = chosen.nameIdx >= 0 ? chosen.nameIdx : chosen.streetIdx >= 0 ? chosen.streetIdx : chosen.pcIdx;
  for (let i = from; i <= chosen.pcIdx; i++) {
    const s = segs[i] as Seg;
    const essential = i === chosen.nameIdx || i === chosen.pcIdx || i === chosen.streetIdx;
    if (!essential && (CONTACT.test(s.text) || RECIPIENT_STRONG.test(s.text))) continue;
    used.push(s);
  }
  // `lines` are the address without the name, so that name + lines is the whole block.
  const lines = used.filter((_, i) => i !== 0 || chosen.nameIdx < 0).map((s) => s.text.trim());
  const ocr = used.reduce((acc, s) => acc + spanConfidence(s.line, s.start, s.end), 0) / Math.max(used.length, 1);
  const streetSeg = chosen.streetIdx >= 0 ? (segs[chosen.streetIdx] as Seg) : null;
  const source = streetSeg && streetSeg !== pcSeg ? `${streetSeg.text.trim()}, ${pcSeg.text.trim()}` : pcSeg.text.trim();
  return {
    name,
    lines,
    certainty: name ? certainty : certainty * 0.8,
    page: pcSeg.line.page,
    bbox: union([nameBox, ...used.map((s) => s.bbox)]),
    ocr,
    address: {
      postcode: chosen.pc.postcode,
      huisnummer: chosen.street?.huisnummer ?? null,
      certainty: certainty * (chosen.pc.noisy ? 0.9 : 1) * (chosen.street ? 1 : 0.9),
      line: pcSeg.line,
      start: pcSeg.start + chosen.pc.start,
      end: pcSeg.start + chosen.pc.end,
      source,
    },
  };
}
