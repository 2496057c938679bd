// "Uw kenmerk" / "Ons kenmerk" / "Kenmerk:" with the value after the label, in the next column, or
// (table-like header) in the same column on the next line.
// "Uw kenmerk" in a letter to the municipality is the municipality's own reference as the sender
// quotes it, which is why the orchestrator prefers it: it leads to the case.

import { findDates } from './dates';
import { alignedCell, lineHeight, nextLine, spanBox, splitCells, type Cell, type Doc, type Line } from './layout';

export type KenmerkKind = 'uw' | 'ons';

interface Label {
  start: number;
  end: number;
  kind: KenmerkKind | 'other';
  bare: boolean;
}

const UW = /(?<![\p{L}])uw\s*(?:kenmerk|ref(?:erentie)?(?:nummer)?\.?|refnr\.?)(?![\p{L}])/giu;
const ONS = /(?<![\p{L}])(?:ons|onze)\s*(?:kenmerk|ref(?:erentie)?(?:nummer)?\.?|refnr\.?)(?![\p{L}])/giu;
const BARE = /(?<![\p{L}])(?:kenmerk|referentie)(?![\p{L}])/giu;
// Other header labels: a value stops where the next label begins.
const OTHER =
  /(?<![\p{L}])(?:datum|onderwerp|betreft|bijlagen?|behandeld\s+door|contactpersoon|telefoon(?:nummer)?|doorkies(?:nummer)?|e-?mail|zaaknummer|uw\s+brief(?:\s+(?:van|d\.\s?d\.))?|verzonden|afdeling|dossiernummer|factuurnummer|klantnummer|bsn|burgerservicenummer|iban|kvk)(?![\p{L}])/giu;

function collect(re: RegExp, text: string, kind: Label['kind'], bare = false): Label[] {
  return [...text.matchAll(re)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind, bare }));
}

function labelsOf(text: string): Label[] {
  const out: Label[] = [];
  for (const l of [
    ...collect(UW, text, 'uw'),
    ...collect(ONS, text, 'ons'),
    ...collect(BARE, text, 'ons', true),
    ...collect(OTHER, text, 'other'),
  ]) {
    if (!out.some((o) => o.start < l.end && l.start < o.end)) out.push(l);
  }
  return out.sort((a, b) => a.start - b.start);
}

const NONE = /^(?:n\.?v\.?t\.?|nvt|geen|onbekend|-+|—|–)$/i;

/** The reference at the start of `s` (offset of the value inside `s`), or null. */
export function cleanKenmerkValue(s: string): { value: string; offset: number } | null {
  const lead = /^[\s:.\-–—=]*/.exec(s)?.[0].length ?? 0;
  const rest = s.slice(lead).trim();
  if (!rest) return null;
  if (findDates(rest)[0]?.start === 0) return null; // a date column, not a reference
  const tokens = rest.split(/\s+/);
  const keep = [tokens[0] as string];
  // A reference may contain spaces ('JZ 2026 123') but stops where words begin ('12345 betreffende').
  for (const t of tokens.slice(1)) {
    if (/\d/.test(t) || /^[A-Z0-9][A-Z0-9/\-._]*$/.test(t)) keep.push(t);
    else break;
  }
  const value = keep.join(' ').replace(/[,.;:)]+$/, '');
  if (!value || NONE.test(value) || value.length > 60) return null;
  if (!/\d/.test(value) && !/^[A-Z]{2,}[A-Z0-9/\-._]*$/.test(value)) return null;
  if (labelsOf(value).length > 0) return null;
  return { value, offset: lead };
}

export interface KenmerkHit {
  kind: KenmerkKind;
  value: string;
  line: Line;
  start: number;
  end: number;
  certainty: number;
  sourceStart: number;
}

function fromCell(cell: Cell, certainty: number, kind: KenmerkKind): KenmerkHit | null {
  if (labelsOf(cell.text).some((l) => l.start === 0)) return null;
  const v = cleanKenmerkValue(cell.text);
  if (!v) return null;
  const start = cell.start + v.offset;
  return { kind, value: v.value, line: cell.line, start, end: start + v.value.length, certainty, sourceStart: start };
}

function hitForLabel(doc: Doc, line: Line, labels: Label[], i: number): KenmerkHit | null {
  const label = labels[i] as Label;
  const kind = label.kind as KenmerkKind;
  const cells = splitCells(line);
  const cellIdx = cells.findIndex((c) => c.start <= label.start && label.start < c.end);
  const cell = cells[cellIdx];
  // The label's column ends with the last cell the label itself reaches into.
  let lastIdx = cellIdx;
  while (lastIdx >= 0 && lastIdx + 1 < cells.length && (cells[lastIdx + 1] as Cell).start < label.end) lastIdx++;
  const cellEnd = lastIdx >= 0 ? (cells[lastIdx] as Cell).end : line.text.length;
  const nextLabel = labels[i + 1];
  const limit = Math.min(nextLabel ? nextLabel.start : line.text.length, cellEnd);
  const rest = line.text.slice(label.end, limit);
  const hasColon = /^\s*[:=]/.test(rest);
  // A bare "kenmerk" inside a sentence ("het kenmerk van uw brief") is not a label.
  const leadsCell = !cell || cell.start === label.start;
  if (label.bare && !hasColon && !leadsCell) return null;

  const inline = cleanKenmerkValue(rest);
  if (inline) {
    const start = label.end + inline.offset;
    return { kind, value: inline.value, line, start, end: start + inline.value.length, certainty: 0.95, sourceStart: label.start };
  }
  if (rest.replace(/[\s:.\-=]/g, '') !== '') return null;

  // Value in the next column on the same line ("Ons kenmerk      2026/0123").
  const right = lastIdx >= 0 ? cells[lastIdx + 1] : undefined;
  if (cell && right && cellEnd <= label.end + 2 && !labelsOf(right.text).some((l) => l.start === 0)) {
    const hit = fromCell(right, 0.9, kind);
    if (hit) return { ...hit, sourceStart: label.start };
  }

  // Value below the label, in the same column.
  const below = nextLine(doc, line);
  if (!below) return null;
  const belowCells = splitCells(below);
  const box = spanBox(line, label.start, label.end);
  let target: Cell | null = null;
  if (box && line.words.length > 0 && below.words.length > 0) {
    target = alignedCell(box, belowCells, 3 * Math.max(lineHeight(line), 1));
  } else if (labels.length === 1) {
    target = belowCells[0] ?? null;
  } else if (belowCells.length === labels.length) {
    target = belowCells[i] ?? null;
  }
  return target ? fromCell(target, 0.85, kind) : null;
}

/** The first "uw kenmerk" and the first "ons kenmerk" of the document, in reading order. */
export function findKenmerken(doc: Doc): { uw: KenmerkHit | null; ons: KenmerkHit | null } {
  let uw: KenmerkHit | null = null;
  let ons: KenmerkHit | null = null;
  for (const page of doc) {
    for (const line of page) {
      const labels = labelsOf(line.text);
      for (let i = 0; i < labels.length; i++) {
        const l = labels[i] as Label;
        if (l.kind === 'other' || (l.kind === 'uw' && uw) || (l.kind === 'ons' && ons)) continue;
        const hit = hitForLabel(doc, line, labels, i);
        if (hit?.kind === 'uw') uw = hit;
        else if (hit) ons = hit;
      }
      if (uw && ons) return { uw, ons };
    }
  }
  return { uw, ons };
}
