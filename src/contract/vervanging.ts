// Vervangende digitalisering in the contract: a scan batch's dossier, its quality control with four eyes (sample,
// judge, rescan, close), the verklaring van vervanging and the paper destruction list.
import { z } from 'zod';
import { cmd } from './define';
import { Batch, Id, IsoDateTime, Scanner } from './schemas';
import { plainText } from './text';
import { QcSampleRule, Vervangingsbesluit } from './vervanging-settings';

export { DEFAULT_QC_SAMPLE_RULE, DESTRUCTION_WAIT_DAYS, QcSampleRule, Vervangingsbesluit } from './vervanging-settings';

/** Where a batch stands in quality control (src/domain/qc.ts). */
export const QcState = z.enum(['open', 'steekproef', 'goedgekeurd', 'afgekeurd', 'nascan']);
export type QcState = z.infer<typeof QcState>;

/** Why a checked page is wrong, as the checker says it against the paper. */
export const QcReason = z.enum(['onleesbaar', 'incompleet', 'verkeerde-volgorde', 'ontbrekende-pagina', 'scheef-afgesneden']);
export type QcReason = z.infer<typeof QcReason>;

/** A person as the dossier names them: login and name at the time (the name may change later; the login does not). */
export const DossierPerson = z.object({ login: z.string(), name: z.string() });

/** What a batch's dossier records as it happens: who, where, with what, and the page counts in and out. */
export const BatchDossier = z.object({
  batchId: Id,
  scannedBy: DossierPerson,
  origin: z.string(),
  workstation: z.string(),
  startedAt: IsoDateTime,
  /** When processing of the batch ended and the dossier was closed (its capture facts immutable from then on). */
  closedAt: IsoDateTime.nullable(),
  scanner: z.object({
    kind: z.string(),
    /** eSCL URL or SANE device name; null for files. */
    device: z.string().nullable(),
    make: z.string().nullable(),
    model: z.string().nullable(),
    serial: z.string().nullable(),
  }),
  /** The scan profile as it was when the batch was scanned. */
  profile: z.object({
    name: z.string().nullable(),
    resolution: z.number().int().nullable(),
    colour: z.string().nullable(),
    compression: z.string().nullable(),
    duplex: z.boolean().nullable(),
    source: z.string().nullable(),
    blankPages: z.string().nullable(),
    separatorSheets: z.boolean().nullable(),
    patchT: z.boolean().nullable(),
    locked: z.boolean().nullable(),
  }),
  software: z.object({ postkamer: z.string(), ocrEngine: z.string(), ocrModel: z.string() }),
  pages: z.object({
    /** Pages received (every side the scanner or the files gave). */
    in: z.number().int(),
    /** Pages kept in documents. */
    out: z.number().int(),
    blankRemoved: z.number().int(),
    blankFlagged: z.number().int(),
    separatorSheets: z.number().int(),
  }),
  documents: z.number().int(),
  /** The quality flags the pipeline raised: per flag how many pages. */
  qcFlags: z.record(z.string(), z.number().int()),
  /** Each flagged page (by its position in the batch) with its flags. */
  flaggedPages: z.array(z.object({ page: z.number().int(), flags: z.array(z.string()) })),
  /** What happened after closing, in order: rescans, QC rounds. Append-only. */
  events: z.array(
    z.object({
      at: IsoDateTime,
      /** The person's login (who, for good) and name (as it reads). */
      by: z.string(),
      byName: z.string(),
      kind: z.enum(['qc-start', 'qc-judge', 'rescan', 'qc-close', 'verklaring', 'vernietigd']),
      page: z.number().int().nullable(),
      detail: z.string(),
    }),
  ),
});
export type BatchDossier = z.infer<typeof BatchDossier>;

/** One sampled page as the QC screen shows it. `page` is its 1-based position in the scanned batch. */
export const QcSamplePage = z.object({
  page: z.number().int().min(1),
  documentId: Id,
  pageId: Id,
  /** The current verdict: null while (again, after a rescan) to be judged. */
  verdict: z.enum(['goed', 'fout']).nullable(),
  reason: QcReason.nullable(),
  judgedBy: z.string().nullable(),
  judgedAt: IsoDateTime.nullable(),
  rescans: z.number().int(),
});

export const QcView = z.object({
  batchId: Id,
  state: QcState,
  seed: z.string().nullable(),
  rule: z
    .object({
      rule: QcSampleRule,
      population: z.number().int(),
      sampleSize: z.number().int(),
      /** ISO 2859-1: acceptance and rejection numbers; null for the percentage rule. */
      ac: z.number().int().nullable(),
      re: z.number().int().nullable(),
    })
    .nullable(),
  sample: z.array(QcSamplePage),
  progress: z.object({ judged: z.number().int(), total: z.number().int() }),
  faults: z.array(z.object({ page: z.number().int(), reden: QcReason })),
  startedBy: z.string().nullable(),
  closedBy: z.string().nullable(),
  closedAt: IsoDateTime.nullable(),
  /** The person who scanned the batch: never its checker. */
  scannedBy: z.string().nullable(),
});
export type QcView = z.infer<typeof QcView>;

const BatchRef = z.object({ batchId: Id }).strict();
const PageRef = { batchId: Id, page: z.number().int().min(1).max(1_000_000) };

const RescanResult = z.object({
  page: z.number().int(),
  documentId: Id,
  pageId: Id,
  /** The document was delivered: a new version of its EIO is on its way through the outbox. */
  newEioVersion: z.boolean(),
  qc: QcView,
});

/** An approved batch's verklaring van vervanging and where it is delivered, per zaak. */
export const Verklaring = z.object({
  sha256: z.string(),
  size: z.number().int(),
  madeAt: IsoDateTime,
  deliveries: z.array(
    z.object({
      zaaknummer: z.string().nullable(),
      state: z.enum(['pending', 'eio-created', 'done', 'attention']),
      lastError: z.string().nullable(),
      doneAt: IsoDateTime.nullable(),
    }),
  ),
});

/** A batch on the paper destruction list. */
export const DestructionEntry = z.object({
  batchId: Id,
  label: z.string(),
  approvedAt: IsoDateTime,
  destroyFrom: z.iso.date(),
  documents: z.number().int(),
  pages: z.number().int(),
  checkedBy: z.string(),
  scannedBy: z.string(),
  vervangingsbesluit: Vervangingsbesluit,
  destroyed: z.object({ by: z.string(), at: IsoDateTime, method: z.string() }).nullable(),
});
export type DestructionEntry = z.infer<typeof DestructionEntry>;

export const vervangingCommands = {
  /** A batch (as the list shows it) with its dossier, its quality control and its verklaring's deliveries. */
  'batches.get': cmd(BatchRef, z.object({ batch: Batch, dossier: BatchDossier.nullable(), qc: QcView, verklaring: Verklaring.nullable() })),
  /** The batch's verklaring deliveries in attention (or waiting after a fault) are tried again now. */
  'qc.verklaringRetry': cmd(BatchRef, z.object({ retried: z.number().int() })),
  /**
   * Starts the batch's quality control: draws the sample by the setting qcSampleRule with a random seed, recorded.
   * Started before (or after a rescan): the recorded sample, never a new one. Never by the person who scanned it.
   */
  'qc.start': cmd(
    BatchRef,
    z.object({ seed: z.string(), sample: z.array(z.object({ page: z.number().int(), documentId: Id })), qc: QcView }),
  ),
  'qc.get': cmd(BatchRef, QcView),
  /** Judges a sampled page against the paper: goed, or fout with the reason. */
  'qc.judge': cmd(
    z
      .object({ ...PageRef, verdict: z.enum(['goed', 'fout']), reason: QcReason.optional() })
      .strict()
      .refine((v) => (v.verdict === 'fout') === (v.reason !== undefined), 'een fout heeft een reden, goed heeft er geen'),
    QcView,
  ),
  /** Ends the round: goedgekeurd when every sampled page is goed; otherwise afgekeurd, with the faulty pages. */
  'qc.close': cmd(
    BatchRef,
    z.object({ qc: z.enum(['goedgekeurd', 'afgekeurd']), faults: z.array(z.object({ page: z.number().int(), reden: QcReason })) }),
  ),
  /** Rescans a page judged fout from a scanner; the new image replaces it in place (the old one kept in the dossier). */
  'qc.rescanScan': cmd(z.object({ ...PageRef, scanner: Scanner, profile: plainText().max(60).optional() }).strict(), RescanResult),
  /** The same from a file (image or PDF, its first page); local only, it takes a path. */
  'qc.rescanFile': cmd(z.object({ ...PageRef, path: z.string().min(1).max(4096) }).strict(), RescanResult, 'local'),
  /** The approved batch's verklaring van vervanging (PDF/A) written to a file; local only. */
  'qc.verklaring': cmd(
    z.object({ batchId: Id, path: z.string().min(1).max(4096) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() }),
    'local',
  ),
  /**
   * The paper destruction list: approved batches whose paper may be destroyed (or was, registered), and those still
   * waiting with the reasons.
   */
  'vernietiging.list': cmd(
    z.object({}).strict(),
    z.object({
      entries: z.array(DestructionEntry),
      waiting: z.array(z.object({ batchId: Id, label: z.string(), qc: QcState, reasons: z.array(z.string()) })),
    }),
  ),
  /** Registers that the paper of a batch on the list was destroyed: by the signed-in person, now, with the method. */
  'vernietiging.register': cmd(
    z.object({ batchId: Id, method: plainText().trim().min(1, 'de methode is leeg').max(200) }).strict(),
    DestructionEntry,
  ),
  /** The destruction list and its registrations as CSV or PDF/A, for the archive; local only. */
  'vernietiging.export': cmd(
    z.object({ format: z.enum(['csv', 'pdf']), path: z.string().min(1).max(4096) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string(), rows: z.number().int() }),
    'local',
  ),
} as const;
