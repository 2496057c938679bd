// The orchestrator: runs every rule over the OCR result of one document and returns what it found,
// each with the page, box and confidence the UI needs to show where it came from. A BSN never
// leaves this function unmasked, not in a value and not in a source text.

import { findBsns } from './bsn';
import { isIsoDate } from './dates';
import { DomainError } from './errors';
import { findIbans } from './iban';
import { findKenmerken, type KenmerkHit } from './kenmerk';
import { findKvkNumbers } from './kvk';
import { buildDoc, roundConfidence, spanBox, spanConfidence, splitCells, type Doc, type Line } from './layout';
import { dateCertainty, findLetterDate } from './letter-date';
import { maskBsn, maskKnownBsns } from './mask';
import { findSender } from './sender';
import { findSubject } from './subject';
import type { ExtractOptions, Extracted, Found, OcrPage, PostcodeValue, SenderValue } from './types';
import { compileZaakPattern, DEFAULT_ZAAKNUMMER_PATTERN, findZaaknummers } from './zaaknummer';

const IBAN_LABEL = /(?<![\p{L}])(?:iban|rekening(?:nummer)?|bankrekening|t\.n\.v\.)(?![\p{L}])/iu;
const ZAAK_LABEL = /(?<![\p{L}])(?:zaak(?:nummer|nr\.?)?|zaak-?id)(?![\p{L}])/iu;

export function extractMetadata(pages: OcrPage[], opts: ExtractOptions = {}): Extracted {
  if (opts.scanDate !== undefined && !isIsoDate(opts.scanDate)) throw new DomainError('invalid-scan-date');
  const pattern =
    opts.zaaknummerPattern && opts.zaaknummerPattern !== DEFAULT_ZAAKNUMMER_PATTERN
      ? compileZaakPattern(opts.zaaknummerPattern)
      : DEFAULT_ZAAKNUMMER_PATTERN;
  const doc = buildDoc(pages);

  const bsns = findBsns(doc);
  const known = new Set(bsns.map((b) => b.digits));
  const mask = (s: string) => maskKnownBsns(s, known);

  function found<T>(value: T, line: Line, start: number, end: number, certainty: number, source: string): Found<T> {
    return {
      value,
      confidence: roundConfidence(certainty * spanConfidence(line, start, end)),
      page: line.page,
      bbox: spanBox(line, start, end),
      source: mask(source.trim()),
    };
  }
  /** The column of the line a match sits in: 'Datum: 3 maart 2026', not the whole header row. */
  function cellText(line: Line, start: number, end: number): string {
    const cell = splitCells(line).find((c) => c.start <= start && end <= c.end);
    return cell ? cell.text : line.text.slice(start, end);
  }

  const kenmerken = findKenmerken(doc);
  const kenmerkFound = (k: KenmerkHit | null): Found<string> | null =>
    k ? found(mask(k.value), k.line, k.start, k.end, k.certainty, k.line.text.slice(Math.min(k.sourceStart, k.start), k.end)) : null;
  const uwKenmerk = kenmerkFound(kenmerken.uw);
  const onsKenmerk = kenmerkFound(kenmerken.ons);

  const date = findLetterDate(doc, opts.scanDate);
  const sender = findSender(doc);
  const firstBsn = bsns[0];

  return {
    letterDate: date
      ? found(
          date.match.iso,
          date.line,
          date.match.start,
          date.match.end,
          dateCertainty(date.score, date.match.noisy),
          cellText(date.line, date.match.start, date.match.end),
        )
      : null,
    zaaknummer: first(doc, (line) =>
      findZaaknummers(line.text, pattern).map((z) =>
        found(
          z.value,
          line,
          z.start,
          z.end,
          Math.min(0.99, z.certainty + (ZAAK_LABEL.test(line.text.slice(0, z.start)) ? 0.02 : 0)),
          line.text.slice(z.start, z.end),
        ),
      ),
    ),
    kenmerk: uwKenmerk ?? onsKenmerk,
    onsKenmerk,
    uwKenmerk,
    kvk: first(doc, (line) =>
      findKvkNumbers(line.text).map((k) =>
        found(k.kvk, line, k.start, k.end, 0.95 * (k.noisy ? 0.9 : 1), line.text.slice(k.labelStart, k.end)),
      ),
    ),
    iban: first(doc, (line) =>
      findIbans(line.text).map((i) =>
        found(
          i.iban,
          line,
          i.start,
          i.end,
          (IBAN_LABEL.test(line.text) ? 0.95 : 0.85) * (i.noisy ? 0.9 : 1),
          line.text.slice(i.start, i.end),
        ),
      ),
    ),
    postcode: sender?.address
      ? found<PostcodeValue>(
          { postcode: sender.address.postcode, huisnummer: sender.address.huisnummer },
          sender.address.line,
          sender.address.start,
          sender.address.end,
          sender.address.certainty,
          sender.address.source,
        )
      : null,
    sender: sender
      ? {
          value: { name: sender.name === null ? null : mask(sender.name), lines: sender.lines.map(mask) } satisfies SenderValue,
          confidence: roundConfidence(sender.certainty * sender.ocr),
          page: sender.page,
          bbox: sender.bbox,
          source: mask([sender.name, ...sender.lines].filter((l) => l).join(', ')),
        }
      : null,
    bsn: firstBsn
      ? found(
          maskBsn(firstBsn.digits),
          firstBsn.line,
          firstBsn.start,
          firstBsn.end,
          firstBsn.certainty,
          cellText(firstBsn.line, firstBsn.start, firstBsn.end),
        )
      : null,
    subject: maskSubject(findSubject(pages), mask),
    containsBsn: bsns.length > 0,
  };
}

function maskSubject(subject: string | null, mask: (s: string) => string): string | null {
  return subject === null ? null : mask(subject);
}

/** The first hit in reading order (page 1 first). */
function first<T>(doc: Doc, find: (line: Line) => Array<Found<T>>): Found<T> | null {
  for (const page of doc)
    for (const line of page) {
      const hit = find(line)[0];
      if (hit) return hit;
    }
  return null;
}
