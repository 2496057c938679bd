// The archivist's classification state of a document (niet geclassificeerd, te controleren, geclassificeerd) and why;
// pure, with its twin in SQL (src/store/classification.ts) that the queue filters and counts by.

/** As the contract names them (src/contract/classification-schema.ts). */
export type ClassificationState = 'niet-geclassificeerd' | 'te-controleren' | 'geclassificeerd';
export type ClassificationReason = 'afwijkend-van-voorstel' | 'standaardtype';

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
}

/** Case and outer spaces aside, ASCII only — as SQLite's lower() and trim() compare. */
export function sameType(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
  return norm(a) === norm(b);
}

/**
 * The first that applies: reviewed by an archivist → geclassificeerd; no type and not linked → niet geclassificeerd;
 * a type nobody chose (the connection's default on delivery) or a person's choice that differs from the separator
 * sheet's → te controleren (with the reasons); otherwise geclassificeerd.
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
    !sameType(f.documenttype.value, f.suggestion)
  ) {
    reasons.push('afwijkend-van-voorstel');
  }
  return { state: reasons.length > 0 ? 'te-controleren' : 'geclassificeerd', reasons };
}
