// The archivist's classification state of a document (niet geclassificeerd, te controleren, geclassificeerd) and why;
// pure, with its twin in SQL (src/store/classification.ts) that the queue filters and counts by.

/** As the contract names them (src/contract/classification-schema.ts). */
export type ClassificationState = 'niet-geclassificeerd' | 'te-controleren' | 'geclassificeerd';
export type ClassificationReason = 'afwijkend-van-voorstel' | 'standaardtype' | 'lage-zekerheid' | 'zelden-gebruikt';

export interface ClassificationFacts {
  /** The document's type as its fields hold it (set by a person, or from a separator sheet) and where it came from. */
  documenttype: { value: string | null; source: 'extracted' | 'separator' | 'manual' | null };
  /** What the separator sheet said the type is (the suggestion), or null. */
  suggestion: string | null;
  /** Linked to a zaak (an outbox row exists). */
  linked: boolean;
  /** The type the link carries (null: the connection's default applies on delivery). */
  linkedType: string | null;
  /** An archivist classified it or marked it reviewed. */
  reviewed: boolean;
  /** A page was read with an OCR confidence below the threshold (quality flag `low-ocr-confidence`). */
  lowConfidence: boolean;
  /** The type is one the documents of its zaaktype rarely carry (see `rarelyUsed`). */
  rarelyUsed: boolean;
}

/** Below this share of its zaaktype's typed documents a type counts as rarely used… */
export const RARE_SHARE = 0.1;
/** …once the zaaktype has at least this many typed documents to judge by. */
export const RARE_MIN_DOCUMENTS = 10;

/**
 * Whether a type is rare for a zaaktype: `pair` documents of the zaaktype carry it (this one included) out of `total`
 * typed documents of that zaaktype in this store. Fewer than RARE_MIN_DOCUMENTS: too little to say, never rare.
 */
export function rarelyUsed(pair: number, total: number): boolean {
  return total >= RARE_MIN_DOCUMENTS && pair < RARE_SHARE * total;
}

/** What counts as outer space around a type's name (the SQL twin trims the same characters). */
export const TYPE_SPACE = ' \t\n\r\v\f\u00a0';
const OUTER_SPACE = new RegExp(`^[${TYPE_SPACE}]+|[${TYPE_SPACE}]+$`, 'g');

/** A type's name as compared: outer space and case aside, ASCII only — as SQLite's lower(trim(x, space)) makes it. */
export function typeKey(name: string): string {
  return name.replace(OUTER_SPACE, '').replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function sameType(a: string, b: string): boolean {
  return typeKey(a) === typeKey(b);
}

/**
 * The first that applies: reviewed by an archivist → geclassificeerd; no type and not linked → niet geclassificeerd;
 * a type nobody chose (the connection's default on delivery), a person's choice that differs from the separator
 * sheet's, a document read with low confidence, or a type its zaaktype rarely uses → te controleren (with the
 * reasons); otherwise geclassificeerd.
 */
export function classificationState(f: ClassificationFacts): { state: ClassificationState; reasons: ClassificationReason[] } {
  if (f.reviewed) return { state: 'geclassificeerd', reasons: [] };
  const reasons: ClassificationReason[] = [];
  if (f.documenttype.value === null) {
    if (!f.linked) return { state: 'niet-geclassificeerd', reasons: [] };
    if (f.linkedType === null) reasons.push('standaardtype');
  }
  if (
    f.documenttype.source === 'manual' &&
    f.documenttype.value !== null &&
    f.suggestion &&
    typeKey(f.suggestion) !== '' &&
    !sameType(f.documenttype.value, f.suggestion)
  ) {
    reasons.push('afwijkend-van-voorstel');
  }
  if (f.lowConfidence) reasons.push('lage-zekerheid');
  if (f.rarelyUsed) reasons.push('zelden-gebruikt');
  return { state: reasons.length > 0 ? 'te-controleren' : 'geclassificeerd', reasons };
}
