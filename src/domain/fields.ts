// A document's descriptive fields as the clerk sees and the zaaksysteem receives them: what a person set by hand wins
// over a separator sheet, which wins over what was read on the page; each value says where it came from.

/** The fields a clerk can correct, in the order the UI shows them. */
export const FIELD_NAMES = [
  'titel',
  'afzender',
  'afzenderAdres',
  'afzenderPostcode',
  'datumBrief',
  'ontvangstdatum',
  'kenmerk',
  'onderwerp',
  'documenttype',
  'vertrouwelijkheid',
] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

/** The descriptive fields: after delivery the clerk may still correct these (the EIO is updated). */
export const DESCRIPTIVE_FIELDS: readonly FieldName[] = [
  'titel',
  'afzender',
  'afzenderAdres',
  'afzenderPostcode',
  'datumBrief',
  'ontvangstdatum',
  'kenmerk',
  'onderwerp',
];
/** The classification: once delivered, the archivist's to change. */
export const CLASSIFICATION_FIELDS: readonly FieldName[] = ['documenttype', 'vertrouwelijkheid'];

export type FieldSource = 'extracted' | 'separator' | 'manual';

export interface FieldValue {
  value: string | null;
  /** Null when there is no value at all. */
  source: FieldSource | null;
  /** 0..1 for an extracted value (the rule's certainty times the OCR's); null for a value a person or sheet gave. */
  confidence: number | null;
  /** For `documenttype`: the informatieobjecttype's URL once known. */
  url?: string | null;
  /** For an extracted value: the page (0-based) and the box in that page's pixels where it was read. */
  page?: number;
  bbox?: { x0: number; y0: number; x1: number; y1: number } | null;
}
export type DocumentFields = Record<FieldName, FieldValue>;

/** A value a person set: who and when (the audit trail has the same). `value` null: the person cleared the field. */
export interface ManualValue {
  value: string | null;
  by: string;
  at: string;
  url?: string | null;
}
export type ManualFields = Partial<Record<FieldName, ManualValue>>;

/** One extracted value as recognition stores it (src/core/extraction-summary.ts). */
export interface StoredFound {
  value: string;
  confidence: number;
  page?: number;
  bbox?: { x0: number; y0: number; x1: number; y1: number } | null;
}

/** What the fields are worked out from (the stored row of a document, read by the store). */
export interface FieldFacts {
  /** The document's title (a letter's subject line, otherwise its file name). */
  title: string;
  /** The extracted summary and detail (`documents.extracted`). */
  extracted: {
    letterDate?: string | null;
    kenmerk?: string | null;
    postcode?: string | null;
    sender?: string | null;
    detail?: Partial<Record<string, StoredFound | null>>;
    metadata?: Record<string, string>;
  };
  /** The calendar date (Amsterdam) on which the document came in. */
  receivedDate: string;
  manual: ManualFields;
}

/** Below this an extracted value of a key field needs a person's look (stage `te-controleren`). */
export const FIELD_CONFIDENCE_THRESHOLD = 0.5;
/**
 * The key fields the stage rule looks at (what the delivery's EIO rests on), each with the key of its value in the
 * stored extraction (`extracted[key]` and `extracted.detail[key].confidence`). src/store/documents.ts mirrors this in
 * SQL (document-stage.test.ts: they agree).
 */
export const CHECKED_FIELDS = [
  { field: 'afzender', key: 'sender' },
  { field: 'datumBrief', key: 'letterDate' },
  { field: 'kenmerk', key: 'kenmerk' },
] as const satisfies readonly { field: FieldName; key: string }[];

const NONE: FieldValue = { value: null, source: null, confidence: null };

function extractedValue(value: string | null | undefined, found: StoredFound | null | undefined): FieldValue {
  if (value === null || value === undefined || value.trim() === '') return NONE;
  if (!found) return { value, source: 'extracted', confidence: null };
  return { value, source: 'extracted', confidence: found.confidence, page: found.page ?? 0, bbox: found.bbox ?? null };
}

/** The sender's name and address from the stored detail; older documents kept only "name, line, line". */
function senderParts(ex: FieldFacts['extracted']): { name: string | null; address: string | null } {
  const d = ex.detail ?? {};
  if (d.senderName || d.senderAddress) return { name: d.senderName?.value ?? null, address: d.senderAddress?.value ?? null };
  const joined = ex.sender ?? null;
  if (!joined) return { name: null, address: null };
  const [name, ...rest] = joined.split(', ');
  return { name: name || null, address: rest.join(', ') || null };
}

/** Each field's value and source: manual, else the separator sheet's, else extracted. */
export function documentFields(f: FieldFacts): DocumentFields {
  const ex = f.extracted;
  const d = ex.detail ?? {};
  const meta = ex.metadata ?? {};
  const sender = senderParts(ex);
  const fromSheet = (key: string): FieldValue | null =>
    typeof meta[key] === 'string' && meta[key].trim() !== '' ? { value: meta[key].trim(), source: 'separator', confidence: null } : null;
  const auto: DocumentFields = {
    titel: fromSheet('titel') ?? { value: f.title || null, source: f.title ? 'extracted' : null, confidence: null },
    afzender: extractedValue(sender.name, d.senderName ?? d.sender),
    afzenderAdres: extractedValue(sender.address, d.senderAddress ?? d.sender),
    afzenderPostcode: extractedValue(ex.postcode, d.postcode),
    datumBrief: extractedValue(ex.letterDate, d.letterDate),
    ontvangstdatum: { value: f.receivedDate, source: 'extracted', confidence: 1 },
    kenmerk: extractedValue(ex.kenmerk, d.kenmerk),
    onderwerp: extractedValue(d.onderwerp?.value, d.onderwerp),
    documenttype: fromSheet('documenttype') ?? NONE,
    vertrouwelijkheid: fromSheet('vertrouwelijkheid') ?? NONE,
  };
  const out = { ...auto };
  for (const name of FIELD_NAMES) {
    const m = f.manual[name];
    if (m) out[name] = { value: m.value, source: 'manual', confidence: null, ...(m.url !== undefined ? { url: m.url } : {}) };
  }
  return out;
}

/** The key fields read with a confidence below the threshold that no person has set since. */
export function fieldsBelowThreshold(f: Pick<FieldFacts, 'extracted' | 'manual'>): FieldName[] {
  const detail = f.extracted.detail ?? {};
  const ex = f.extracted as Record<string, unknown>;
  return CHECKED_FIELDS.filter(({ field, key }) => {
    const c = detail[key]?.confidence;
    return (
      f.manual[field] === undefined && ex[key] !== null && ex[key] !== undefined && typeof c === 'number' && c < FIELD_CONFIDENCE_THRESHOLD
    );
  }).map((c) => c.field);
}

/** Reads the stored JSON of hand-set values; anything malformed counts as nothing set. */
export function parseManualFields(json: string): ManualFields {
  try {
    const o = JSON.parse(json) as unknown;
    if (!o || typeof o !== 'object') return {};
    const out: ManualFields = {};
    for (const name of FIELD_NAMES) {
      const v = (o as Record<string, unknown>)[name] as ManualValue | undefined;
      if (v && typeof v === 'object' && (typeof v.value === 'string' || v.value === null) && typeof v.by === 'string') out[name] = v;
    }
    return out;
  } catch {
    return {};
  }
}

/** The EIO's description from the subject and the sender's reference (what `beschrijving` carries). */
export function eioDescription(fields: DocumentFields): string {
  const parts = [
    fields.onderwerp.value ? `Onderwerp: ${fields.onderwerp.value}` : null,
    fields.kenmerk.value ? `Kenmerk afzender: ${fields.kenmerk.value}` : null,
  ].filter((p): p is string => p !== null);
  return parts.join('; ');
}

/** The EIO's author: the sender's name; without one, the workstation. */
export function eioAuthor(fields: DocumentFields): string {
  return fields.afzender.value?.trim() || 'Postkamer';
}

/** What the EIO carries of a document's fields (the delivery's create and a later correction use the same rule). */
export interface EioValues {
  titel: string;
  auteur: string;
  beschrijving: string;
  ontvangstdatum: string;
  /** The letter's date when known and not after its receipt. */
  verzenddatum: string | null;
  creatiedatum: string;
}

const clipTo = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');

/** The EIO values from the fields (`fallbackTitle`: the file name without extension, for a document without title). */
export function eioValues(fields: DocumentFields, fallbackTitle: string): EioValues {
  const received = fields.ontvangstdatum.value!;
  const letter = fields.datumBrief.value;
  const verzenddatum = letter !== null && /^\d{4}-\d{2}-\d{2}$/.test(letter) && letter <= received ? letter : null;
  return {
    titel: clipTo(fields.titel.value?.trim() || fallbackTitle || 'Document', 200),
    auteur: clipTo(eioAuthor(fields), 200),
    beschrijving: clipTo(eioDescription(fields), 1000),
    ontvangstdatum: received,
    verzenddatum,
    creatiedatum: verzenddatum ?? received,
  };
}

/** The EIO fields that differ between two sets of values: what a correction of a delivered document sends. */
export function eioChanges(before: EioValues, after: EioValues): Partial<EioValues> {
  const out: Partial<EioValues> = {};
  for (const k of Object.keys(after) as (keyof EioValues)[]) {
    if (before[k] !== after[k]) (out as Record<string, unknown>)[k] = after[k];
  }
  return out;
}

/** A sender's name as a key to compare filings by: case, punctuation and legal-form words aside ("B.V." = "BV" = ""). */
export function senderKey(name: string | null): string | null {
  if (!name) return null;
  const words = name
    .toLocaleLowerCase('nl')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/\b(b\.?\s?v\.?|n\.?\s?v\.?|v\.?\s?o\.?\s?f\.?|c\.?\s?v\.?)(?=\s|$)/g, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return words.length >= 3 ? words : null;
}

/** A reference as a key: case, spaces and separators aside ("BVL-113" = "bvl 113"). */
export function kenmerkKey(k: string | null): string | null {
  if (!k) return null;
  const key = k.toLocaleLowerCase('nl').replace(/[^\p{L}\p{N}]+/gu, '');
  return key.length >= 3 ? key : null;
}
