// The new-zaak form's rules without React: the contract's limits per field, the initiator drawn from a letter, and
// which document types a zaaktype allows.
import type { ExtractedSummary } from '../../../src/contract';
import { findPostcodes, parseStreetLine } from '../../../src/domain/postcode';
import { Initiator } from '../../../src/contract/sync';

// The contract's limits, so that a field stops where the core would refuse.
export const MAX_OMSCHRIJVING = 80;
export const MAX = {
  naam: Initiator.shape.naam.maxLength ?? 200,
  adres: Initiator.shape.adres.unwrap().maxLength ?? 200,
  postcode: Initiator.shape.postcode.unwrap().maxLength ?? 10,
  woonplaats: Initiator.shape.woonplaats.unwrap().maxLength ?? 80,
  email: Initiator.shape.email.unwrap().maxLength ?? 254,
  telefoon: Initiator.shape.telefoon.unwrap().maxLength ?? 20,
} as const;

export type InitiatorDraft = Record<keyof typeof MAX, string>;
export const INITIATOR_FIELDS = Object.keys(MAX) as (keyof InitiatorDraft)[];
export const EMPTY_INITIATOR: InitiatorDraft = { naam: '', adres: '', postcode: '', woonplaats: '', email: '', telefoon: '' };

export interface CatalogueData {
  env: string | null;
  zaaktypen: { url: string; identificatie: string; omschrijving: string; informatieobjecttypen: string[] }[];
  informatieobjecttypen: { url: string; omschrijving: string; zaaktypen: string[] }[];
}

export const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n).trimEnd() : s);

/**
 * The initiator as far as recognition found it. `sender` is the sender's block joined with ", " (name first when
 * one was found, then the address lines, the postcode line last); `postcode` the postcode of that block.
 */
export function initiatorFromLetter(extracted: Pick<ExtractedSummary, 'sender' | 'postcode'>): InitiatorDraft {
  const out = { ...EMPTY_INITIATOR };
  const parts = (extracted.sender ?? '')
    .split(/\s*[,;]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  // The postcode line ends the block; what follows the postcode on it is the place.
  let pcIdx = -1;
  for (let i = parts.length - 1; i >= 0 && pcIdx < 0; i--) if (findPostcodes(parts[i]!).length > 0) pcIdx = i;
  let adresIdx = -1;
  if (pcIdx >= 0) {
    const line = parts[pcIdx]!;
    const pc = findPostcodes(line)[0]!;
    out.postcode = pc.postcode;
    out.woonplaats = line
      .slice(pc.end)
      .replace(/^[\s,.;:-]+/, '')
      .trim();
    const before = line
      .slice(0, pc.start)
      .replace(/[\s,;|-]+$/, '')
      .trim();
    if (before && parseStreetLine(before)) out.adres = before;
    else {
      for (let i = pcIdx - 1; i >= 0 && adresIdx < 0; i--) if (parseStreetLine(parts[i]!)) adresIdx = i;
      if (adresIdx >= 0) out.adres = parts[adresIdx]!;
    }
  }
  // A name is the first part unless that part is already the address (a block found without a name).
  const first = parts[0];
  if (first && pcIdx !== 0 && adresIdx !== 0 && !parseStreetLine(first)) out.naam = first;
  if (!out.postcode && extracted.postcode) out.postcode = findPostcodes(extracted.postcode)[0]?.postcode ?? '';
  for (const k of INITIATOR_FIELDS) out[k] = clip(out[k], MAX[k]);
  return out;
}

/** The document types that may go into a zaak of this type (both sides of the relation are in the catalogue). */
export function allowedTypes(catalogue: CatalogueData, zaaktypeUrl: string): CatalogueData['informatieobjecttypen'] {
  const zt = catalogue.zaaktypen.find((z) => z.url === zaaktypeUrl);
  if (!zt) return [];
  const linked = catalogue.informatieobjecttypen.filter((i) => zt.informatieobjecttypen.includes(i.url) || i.zaaktypen.includes(zt.url));
  // A zaaktype that names no types does not restrict them (the core treats it the same way).
  return zt.informatieobjecttypen.length === 0 && linked.length === 0 ? catalogue.informatieobjecttypen : linked;
}

/** The type to start with: the connection's own when this zaaktype allows it, the only one, or none (the clerk chooses). */
export function initialType(options: { url: string }[], current: string, connectionDefault: string | null): string {
  if (current && options.some((o) => o.url === current)) return current;
  if (connectionDefault && options.some((o) => o.url === connectionDefault)) return connectionDefault;
  return options.length === 1 ? options[0]!.url : '';
}

export type FieldKey = 'zaaktype' | 'informatieobjecttype' | 'omschrijving' | 'naam';
export const ORDER: FieldKey[] = ['zaaktype', 'informatieobjecttype', 'omschrijving', 'naam'];
