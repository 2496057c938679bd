// The contract's entities as they cross the boundary.
import { z } from 'zod';
import { Classification } from './classification-schema';
import { SelectielijstBases } from './selectielijst-settings';
import { plainText } from './text';
import { DESTRUCTION_WAIT_DAYS, QcSampleRule, Vervangingsbesluit } from './vervanging-settings';

// Dates are ISO strings; ids are UUIDs.

export const Id = z.uuid();
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const IsoDateTime = z.string().datetime({ offset: true });

export const QcFlag = z.enum([
  'low-resolution',
  'too-dark',
  'too-light',
  'strong-skew',
  'low-ocr-confidence',
  'blank',
  'orientation-uncertain',
]);
export type QcFlag = z.infer<typeof QcFlag>;

export const Box = z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() });

/** One extracted value with where it came from. BSN values are always masked. */
export const Found = <T extends z.ZodType>(value: T) =>
  z.object({ value, confidence: z.number().min(0).max(1), page: z.number().int(), bbox: Box.nullable() });

export const ExtractedSummary = z.object({
  zaaknummer: z.string().nullable(),
  letterDate: IsoDate.nullable(),
  kenmerk: z.string().nullable(),
  kvk: z.string().nullable(),
  iban: z.string().nullable(),
  postcode: z.string().nullable(),
  sender: z.string().nullable(),
});
export type ExtractedSummary = z.infer<typeof ExtractedSummary>;

/** One extracted value with where it came from (a BSN only masked). */
export const FoundValue = z.object({
  value: z.string(),
  confidence: z.number().min(0).max(1),
  page: z.number().int(),
  bbox: Box.nullable(),
});
export const ExtractedDetail = z.record(z.string(), FoundValue.nullable());

export const DocumentStatus = z.enum(['stored', 'processing', 'ready', 'failed']);

// stage
/** Where a document stands in the clerk's flow (the rule: src/domain/stage.ts; the same names in the UI and the CLI). */
export const DocumentStage = z.enum(['aandacht-nodig', 'afgeleverd', 'in-outbox', 'nieuw', 'te-controleren', 'klaar-om-te-koppelen']);
export type DocumentStage = z.infer<typeof DocumentStage>;
export const STAGE_LABELS: Record<DocumentStage, { nl: string; en: string }> = {
  'aandacht-nodig': { nl: 'Aandacht nodig', en: 'Needs attention' },
  afgeleverd: { nl: 'Afgeleverd', en: 'Delivered' },
  'in-outbox': { nl: 'In de outbox', en: 'In the outbox' },
  nieuw: { nl: 'Nieuw', en: 'New' },
  'te-controleren': { nl: 'Te controleren', en: 'To check' },
  'klaar-om-te-koppelen': { nl: 'Klaar om te koppelen', en: 'Ready to link' },
};
/** Where a zaaknummer came from: read on the page, a separator sheet, or typed by the clerk for a link. */
export const ZaaknummerSource = z.enum(['page', 'separator', 'manual']);
export const StageCounts = z.record(DocumentStage, z.number().int().nonnegative());
// end stage

// fields
/** The fields a clerk corrects (the rule: src/domain/fields.ts; `documents --json` lists them under `fields`). */
export const FieldName = z.enum([
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
]);
export type FieldName = z.infer<typeof FieldName>;
export const FieldSource = z.enum(['extracted', 'separator', 'manual']);
export const FieldValue = z.object({
  value: z.string().nullable(),
  /** extracted (read on the page, with its confidence), separator (a separator sheet), manual (set by a person); null: no value. */
  source: FieldSource.nullable(),
  confidence: z.number().min(0).max(1).nullable(),
  /** documenttype: the informatieobjecttype's URL once known. */
  url: z.string().nullable().optional(),
  /** An extracted value: the page (0-based) and the box (page pixels) where it was read. */
  page: z.number().int().optional(),
  bbox: Box.nullable().optional(),
});
export type FieldValue = z.infer<typeof FieldValue>;
export const DocumentFields = z.record(FieldName, FieldValue);
export type DocumentFields = z.infer<typeof DocumentFields>;
// end fields

export const DocumentSummary = z.object({
  id: Id,
  batchId: Id,
  title: z.string(),
  fileName: z.string(),
  /** Position in its batch (the order of the pages in the stack). */
  seq: z.number().int().nonnegative(),
  /** What is delivered: the PDF/A once made, otherwise the original file. */
  mime: z.string(),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The type of the file as it came in. */
  originalMime: z.string(),
  hasPdf: z.boolean(),
  status: DocumentStatus,
  pageCount: z.number().int().nonnegative(),
  qcFlags: z.array(QcFlag),
  containsBsn: z.boolean(),
  extracted: ExtractedSummary,
  /** Per extracted value: confidence, page and box. Absent for documents kept as they came. */
  extractedDetail: ExtractedDetail.optional(),
  /** Values from a separator sheet (zaaknummer, documenttype). */
  metadata: z.record(z.string(), z.string()).optional(),
  zaaknummer: z.string().nullable(),
  /** Its stage (see DocumentStage); for `aandacht-nodig` the server's reason (masked), otherwise null. */
  stage: DocumentStage,
  stageReason: z.string().nullable(),
  zaaknummerSource: ZaaknummerSource.nullable(),
  /** Each correctable field with its value and source (what is delivered). */
  fields: DocumentFields,
  /** Made by an automatic split the clerk has not confirmed (or undone) yet. */
  autoSplit: z.boolean(),
  /** Raised by every change; `documents.edit` takes the version it was read at (optimistic concurrency). */
  version: z.number().int().positive(),
  /** A supervisor handed it back to the clerk from attention, with a note (until it is linked again). */
  handBack: z.object({ note: z.string(), by: z.string(), at: IsoDateTime }).nullable().optional(),
  /** The archivist's view: classification state, type, confidentiality and the zaak's retention (documents --json). */
  classification: Classification.optional(),
  /** Its first visible page (for a thumbnail in lists); null when it has none (purged, kept as it came). */
  firstPage: z.object({ id: Id, width: z.number().int(), height: z.number().int() }).nullable().optional(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  /**
   * When the document's content was purged from the workstation after its delivery (`purge.run`): what is left is a
   * stub (id, zaak, checksum, dates; title and file name empty, no pages, no text). Absent while the content is here.
   */
  purgedAt: IsoDateTime.optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const BatchSource = z.enum(['cli', 'import', 'watch', 'escl', 'sane']);
export const Batch = z.object({
  id: Id,
  createdAt: IsoDateTime,
  source: BatchSource,
  profile: z.string().nullable(),
  label: z.string(),
  status: z.enum(['open', 'processing', 'done']),
  documentCount: z.number().int(),
  rejectedCount: z.number().int(),
});
export type Batch = z.infer<typeof Batch>;

export const Rejection = z.object({
  id: Id,
  batchId: Id.nullable(),
  fileName: z.string(),
  code: z.string(),
  message: z.string(),
  quarantined: z.boolean(),
  createdAt: IsoDateTime,
});
export type Rejection = z.infer<typeof Rejection>;

export const IngestResult = z.object({
  batchId: Id,
  documents: z.array(z.object({ id: Id, fileName: z.string(), pageCount: z.number().int() })),
  errors: z.array(z.object({ file: z.string(), code: z.string(), message: z.string() })),
});
export type IngestResult = z.infer<typeof IngestResult>;

/**
 * One stage on the supervisor's desk: how many documents, when the oldest arrived (for `afgeleverd`: the oldest
 * delivery of today), and whether that is longer ago than the setting stageWarnHours in working hours.
 */
export const StageAge = z.object({ count: z.number().int(), oldestAt: IsoDateTime.nullable(), warn: z.boolean() });
export type StageAge = z.infer<typeof StageAge>;

export const OutboxState = z.enum(['pending', 'document-created', 'content-uploaded', 'linked', 'done', 'attention']);
export const Status = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  batches: z.number().int(),
  documents: z.number().int(),
  pages: z.number().int(),
  /** Received items still waiting to be processed (e.g. after a crash; resumed by the next run). */
  pendingItems: z.number().int(),
  rejected: z.number().int(),
  vault: z.object({ blobs: z.number().int(), bytes: z.number().int() }),
  outbox: z.record(z.string(), z.number().int()),
  audit: z.object({ entries: z.number().int(), chainValid: z.boolean() }),
  /** Every stage (src/domain/stage.ts STAGES) with its count and oldest item; `afgeleverd`: delivered since local midnight. */
  stages: z.record(DocumentStage, StageAge),
});
export type Status = z.infer<typeof Status>;

export const SearchHit = z.object({ id: Id, title: z.string(), snippet: z.string(), rank: z.number() });
export type SearchHit = z.infer<typeof SearchHit>;

export const Locale = z.enum(['nl', 'en']);
/**
 * Hard bounds of the largest file accepted (maxFileBytes): below 1 MiB an ordinary scanned letter is refused,
 * above 2 GiB one file would not fit in memory while it is received and checked.
 */
export const FILE_SIZE_LIMIT = { min: 1024 * 1024, max: 2 * 1024 ** 3 } as const;

/** Minutes of inactivity after which a session locks (BIO: a workstation left alone locks itself). */
export const AUTO_LOCK_MINUTES = { min: 1, max: 60, default: 10 } as const;
/** Days after its delivery that a document's content is purged from the workstation (AVG: data minimisation). */
export const PURGE_AFTER_DAYS = { min: 1, max: 3650, default: 30 } as const;
/**
 * Working hours (Monday–Friday 08:00–17:00 Amsterdam time, src/domain/working-hours.ts) after which the oldest item
 * of a stage is shown with a warning on the supervisor's desk.
 */
export const STAGE_WARN_HOURS = { min: 1, max: 168, default: 8 } as const;

export const Settings = z.object({
  locale: Locale,
  maxFileBytes: z.number().int().positive(),
  autoLockMinutes: z.number().int(),
  purgeAfterDays: z.number().int(),
  stageWarnHours: z.number().int(),
  /** Throughput per person, not only per team: off unless the administrator switches it on (DPIA, WOR art. 27). */
  perPersonStats: z.boolean(),
  /** The organisation that forms the archive (MDTO `archiefvormer`), named in an e-depot export; null until set. */
  archiefvormer: z.string().nullable(),
  /**
   * The folder on this workstation where an export started in the UI is written (the UI never names a path itself: a
   * hostile page must not choose where files go); null until the administrator sets it.
   */
  exportDir: z.string().nullable(),
  /** How many pages of a batch a second person checks (vervangende digitalisering; src/domain/qc-sample.ts). */
  qcSampleRule: QcSampleRule,
  /** Days after a batch's approval before its paper may be destroyed. */
  destructionWaitDays: z.number().int(),
  /** The vervangingsbesluit that allows destroying the paper; null until the administrator sets it (then nothing may go). */
  vervangingsbesluit: Vervangingsbesluit.nullable(),
  /** The informatieobjecttype (omschrijving or URL) of the verklaring van vervanging delivered to each zaak; null: none. */
  verklaringDocumenttype: z.string().nullable(),
  /**
   * The Selectielijst API base URLs whose resultaten are asked for the selectielijstklasse of the cached resultaattypen
   * (no credentials); a selectielijstklasse under none of them is never requested. Default: the public Selectielijst.
   */
  selectielijstBases: z.array(z.string()),
});
/** What settings.set accepts: the same fields, each limit within its hard bounds. */
export const SettingsChange = z
  .object({
    locale: Locale,
    maxFileBytes: z
      .number()
      .int()
      .min(FILE_SIZE_LIMIT.min, `de grootste bestandsgrootte is minstens ${FILE_SIZE_LIMIT.min} bytes (1 MiB)`)
      .max(FILE_SIZE_LIMIT.max, `de grootste bestandsgrootte is hoogstens ${FILE_SIZE_LIMIT.max} bytes (2 GiB)`),
    autoLockMinutes: z
      .number()
      .int()
      .min(AUTO_LOCK_MINUTES.min, `automatisch vergrendelen na minstens ${AUTO_LOCK_MINUTES.min} minuut`)
      .max(AUTO_LOCK_MINUTES.max, `automatisch vergrendelen na hoogstens ${AUTO_LOCK_MINUTES.max} minuten`),
    purgeAfterDays: z
      .number()
      .int()
      .min(PURGE_AFTER_DAYS.min, `opschonen na minstens ${PURGE_AFTER_DAYS.min} dag`)
      .max(PURGE_AFTER_DAYS.max, `opschonen na hoogstens ${PURGE_AFTER_DAYS.max} dagen`),
    stageWarnHours: z
      .number()
      .int()
      .min(STAGE_WARN_HOURS.min, `waarschuwen na minstens ${STAGE_WARN_HOURS.min} werkuur`)
      .max(STAGE_WARN_HOURS.max, `waarschuwen na hoogstens ${STAGE_WARN_HOURS.max} werkuren`),
    perPersonStats: z.boolean(),
    archiefvormer: plainText().trim().min(1, 'de archiefvormer is leeg').max(200).nullable(),
    exportDir: plainText()
      .trim()
      .max(1024)
      .regex(/^(\/|[A-Za-z]:[\\/]|\\\\)/, 'een volledig pad (zoals /srv/export of D:\\export)')
      .nullable(),
    qcSampleRule: QcSampleRule,
    destructionWaitDays: z
      .number()
      .int()
      .min(DESTRUCTION_WAIT_DAYS.min, 'vernietigen na minstens 0 dagen')
      .max(DESTRUCTION_WAIT_DAYS.max, `vernietigen na hoogstens ${DESTRUCTION_WAIT_DAYS.max} dagen`),
    vervangingsbesluit: Vervangingsbesluit.nullable(),
    verklaringDocumenttype: plainText().trim().min(1, 'het documenttype is leeg').max(1000).nullable(),
    selectielijstBases: SelectielijstBases,
  })
  .partial()
  .strict();
/** Settings that are the user's own preference; every other one is the administrator's (role beheerder). */
export const USER_PREFERENCES: readonly (keyof Settings)[] = ['locale'];
export type Settings = z.infer<typeof Settings>;

export const ScanProfile = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'kleine letters, cijfers en streepjes (max. 40)'),
  label: plainText().trim().min(1).max(80),
  resolution: z.union([z.literal(200), z.literal(300), z.literal(400), z.literal(600)]),
  colour: z.enum(['colour', 'gray', 'bilevel', 'auto']),
  duplex: z.boolean(),
  source: z.enum(['feeder', 'flatbed']),
  blankPages: z.enum(['flag', 'drop', 'separate']),
  imageMode: z.enum(['lossless', 'standard']),
  documentType: plainText().trim().min(1).max(100).nullable(),
  separatorSheets: z.boolean(),
  patchT: z.boolean(),
  locked: z.boolean(),
});
export type ScanProfileDto = z.infer<typeof ScanProfile>;

/** A scanner the clerk can pick: an eSCL (AirScan) device found on the network or entered by hand, or a SANE device. */
export const Scanner = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('escl'), url: z.url({ protocol: /^https?$/ }).max(300), name: z.string() }),
  z.object({
    kind: z.literal('sane'),
    device: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[\w.:/@+-]+$/),
    name: z.string(),
  }),
]);
export type Scanner = z.infer<typeof Scanner>;

export const ScanJob = z.object({
  batchId: Id,
  state: z.enum(['scanning', 'completed', 'cancelled', 'failed']),
  pages: z.number().int(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ScanJob = z.infer<typeof ScanJob>;
