// Pure rules of the fields panel: how each field's source reads, which input it takes, what a save sends.
import type { DocumentFields, DocumentStage, FieldValue } from '../../../src/contract';
import { CLASSIFICATION_FIELDS, FIELD_CONFIDENCE_THRESHOLD, FIELD_NAMES, type FieldName } from '../../../src/domain/fields';

export { FIELD_NAMES, type FieldName };

/** How a field's source is told (as text, never by colour alone): an i18n key with its values, and whether to check it. */
export interface SourceView {
  key:
    'filing.source.extracted' | 'filing.source.extractedSure' | 'filing.source.separator' | 'filing.source.manual' | 'filing.source.empty';
  params: { percent?: number };
  /** Read below the confidence threshold: the clerk should look at it ("controleren"). */
  check: boolean;
}

export function sourceView(f: FieldValue): SourceView {
  if (f.value === null || f.value === '' || f.source === null) {
    // A person who cleared a field set it to empty on purpose: that is still "Handmatig".
    return f.source === 'manual'
      ? { key: 'filing.source.manual', params: {}, check: false }
      : { key: 'filing.source.empty', params: {}, check: false };
  }
  if (f.source === 'manual') return { key: 'filing.source.manual', params: {}, check: false };
  if (f.source === 'separator') return { key: 'filing.source.separator', params: {}, check: false };
  if (f.confidence === null) return { key: 'filing.source.extracted', params: {}, check: false };
  const percent = Math.round(Math.min(1, Math.max(0, f.confidence)) * 100);
  return { key: 'filing.source.extractedSure', params: { percent }, check: f.confidence < FIELD_CONFIDENCE_THRESHOLD };
}

export type InputKind = 'text' | 'date' | 'textarea' | 'vertrouwelijkheid';

export function inputKind(name: FieldName): InputKind {
  if (name === 'datumBrief' || name === 'ontvangstdatum') return 'date';
  if (name === 'onderwerp' || name === 'afzenderAdres') return 'textarea';
  if (name === 'vertrouwelijkheid') return 'vertrouwelijkheid';
  return 'text';
}

/** The longest value the contract takes per field, so that an input stops where the core would refuse. */
export const MAX_LENGTH: Record<FieldName, number> = {
  titel: 200,
  afzender: 200,
  afzenderAdres: 200,
  afzenderPostcode: 12,
  datumBrief: 10,
  ontvangstdatum: 10,
  kenmerk: 100,
  onderwerp: 1000,
  documenttype: 1000,
  vertrouwelijkheid: 40,
};

/** After delivery the classification is the archivist's: the clerk sees it but cannot change it. */
export function isReadOnly(name: FieldName, stage: DocumentStage): boolean {
  return stage === 'afgeleverd' && CLASSIFICATION_FIELDS.includes(name);
}

export type Draft = Record<FieldName, string>;

/** The inputs' starting values: each field's value, empty where there is none. */
export function draftOf(fields: DocumentFields): Draft {
  return Object.fromEntries(FIELD_NAMES.map((n) => [n, fields[n]?.value ?? ''])) as Draft;
}

/** Fields that may not be empty (the core refuses an empty titel or ontvangstdatum). */
export const REQUIRED: readonly FieldName[] = ['titel', 'ontvangstdatum'];

export interface Changes {
  /** What `documents.edit` gets as `set`: only the fields whose value differs from what is shown; empty → null. */
  set: Partial<Record<FieldName, string | null>>;
  /** Required fields left empty (nothing is sent while there are any). */
  missing: FieldName[];
}

/** Compares the inputs with the values the document had when they were filled in. */
export function changesOf(fields: DocumentFields, draft: Draft, stage: DocumentStage): Changes {
  const set: Changes['set'] = {};
  const missing: FieldName[] = [];
  for (const n of FIELD_NAMES) {
    if (isReadOnly(n, stage)) continue;
    const now = draft[n].trim();
    const before = (fields[n]?.value ?? '').trim();
    if (now === before) continue;
    if (now === '' && REQUIRED.includes(n)) {
      missing.push(n);
      continue;
    }
    set[n] = now === '' ? null : now;
  }
  return { set, missing };
}

export const hasChanges = (c: Changes): boolean => Object.keys(c.set).length > 0;

/** A field's region on its page, when recognition said where it read the value. */
export function regionOf(f: FieldValue): { page: number; box: { x0: number; y0: number; x1: number; y1: number } } | null {
  if (f.source !== 'extracted' || !f.bbox || f.page === undefined) return null;
  return { page: f.page, box: f.bbox };
}
