// Every command the core serves.
import { z } from 'zod';
import { plainText } from './text';
import { syncCommands } from './sync';
import { editCommands } from './edit';
import { fieldCommands } from './fields';
import { cmd, type Audience } from './define';
import { peopleCommands } from './people';
import { auditCommands } from './audit';
import { privacyCommands, Reason } from './privacy';
import { reportCommands } from './report';
import { classificationCommands } from './classification';
import { exportCommands } from './export';
import { vervangingCommands, QcState, BatchDossier } from './vervanging';
import {
  ScanJob,
  ScanProfile,
  Scanner,
  Batch,
  DocumentSummary,
  DocumentStage,
  StageCounts,
  Id,
  IngestResult,
  Rejection,
  SearchHit,
  Settings,
  SettingsChange,
  Status,
} from './schemas';
export type { Audience };

const Empty = z.object({}).strict();
/** A search text: words and numbers. Control characters (NUL, escape, …) are never part of one. */
const SearchQuery = plainText()
  .min(1)
  .max(500)
  .refine((q) => q.trim().length > 0, 'de zoekterm is leeg');
const MAX_CHUNK_BASE64 = 8 * 1024 * 1024; // 6 MiB of payload per chunk

/** The single source of truth for the renderer client, the preload and the CLI. */
export const commands = {
  /**
   * Shell state: in the app, Electron main answers these two itself (before the core runs) — the store may be
   * locked until a passphrase is given where no OS keychain is usable. Where the core answers, it is unlocked.
   */
  'shell.state': cmd(Empty, z.object({ locked: z.boolean(), reason: z.enum(['first-run', 'no-keychain', 'keychain-failed']).nullable() })),
  'shell.unlock': cmd(
    z.object({ passphrase: z.string().min(8).max(1024), create: z.boolean().default(false) }).strict(),
    z.object({ locked: z.boolean() }),
  ),
  'app.status': cmd(Empty, Status),
  'settings.get': cmd(Empty, Settings),
  /** The renderer and the web harness may change preferences (locale) only; limits need a trusted origin (CLI, main). */
  'settings.set': cmd(SettingsChange, Settings),
  /** The batches, newest first, each with its dossier (vervangende digitalisering) and where its quality control stands. */
  'batches.list': cmd(
    z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    z.array(Batch.extend({ qc: QcState, dossier: BatchDossier.nullable() })),
  ),
  'documents.list': cmd(
    z
      .object({
        batchId: Id.optional(),
        limit: z.number().int().min(1).max(5000).default(500),
        offset: z.number().int().min(0).default(0),
        /** Only the documents in this stage. */
        stage: DocumentStage.optional(),
        /** `newest` first (the default, as the CLI lists), or `oldest` first (the inbox). A batch lists in stack order. */
        order: z.enum(['newest', 'oldest']).default('newest'),
        /** With each document's `classification` (state, type, confidentiality, the zaak's retention). */
        classification: z.boolean().default(false),
      })
      .strict(),
    z.array(DocumentSummary),
  ),
  /** How many documents are in each stage (the inbox's filter chips). */
  'documents.stageCounts': cmd(Empty, StageCounts),
  'documents.get': cmd(z.object({ id: Id }).strict(), DocumentSummary),
  /** A whole document id or the unambiguous start of one (at least 4 characters) → the id; over every document. */
  'documents.resolve': cmd(z.object({ prefix: plainText().min(1).max(100) }).strict(), z.object({ id: Id })),
  /** The recognised text of a document; a BSN in it is masked. */
  'documents.text': cmd(z.object({ id: Id }).strict(), z.object({ id: Id, text: z.string() })),
  /** Writes a document's PDF (or its original file) to a path the user chose. Local only: it takes a path. */
  'documents.export': cmd(
    z.object({ id: Id, kind: z.enum(['pdf', 'original']), path: z.string().min(1).max(4096) }).strict(),
    z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() }),
    'local',
  ),
  'documents.search': cmd(
    /** A query that is a BSN needs the right to reveal one and a `reason` (recorded in the audit trail). */
    z.object({ query: SearchQuery, limit: z.number().int().min(1).max(200).default(50), reason: Reason.optional() }).strict(),
    z.array(SearchHit),
  ),
  'rejections.list': cmd(z.object({ batchId: Id.optional() }).strict(), z.array(Rejection)),
  /** Upload of a file chosen or dropped in the UI, in chunks (the renderer never hands the core a path). */
  'upload.begin': cmd(z.object({ name: plainText().min(1).max(255), size: z.number().int().min(0) }).strict(), z.object({ uploadId: Id })),
  'upload.chunk': cmd(
    z
      .object({
        uploadId: Id,
        offset: z.number().int().min(0),
        data: z
          .string()
          .max(MAX_CHUNK_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    z.object({ received: z.number().int() }),
  ),
  'upload.commit': cmd(z.object({ uploadIds: z.array(Id).min(1).max(1000) }).strict(), IngestResult),
  'upload.abort': cmd(z.object({ uploadId: Id }).strict(), z.object({})),
  /** Ingest files by path: only for trusted callers (CLI, main after a native dialog). */
  'ingest.paths': cmd(
    z
      .object({
        paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
        source: z.enum(['cli', 'import', 'watch']).default('cli'),
        profile: z.string().max(100).optional(),
      })
      .strict(),
    IngestResult,
    'local',
  ),
  'profiles.list': cmd(Empty, z.array(ScanProfile)),
  /** Saves a scan profile. A clerk (the UI) cannot change a locked profile, nor lock or unlock one. */
  'profiles.save': cmd(z.object({ profile: ScanProfile }).strict(), z.array(ScanProfile)),
  'scanners.list': cmd(z.object({ discoverMs: z.number().int().min(0).max(10_000).default(1500) }).strict(), z.array(Scanner)),
  /** Starts a scan job; pages are stored as they arrive; returns at once (follow `scan.progress`). */
  'scanners.scan': cmd(z.object({ scanner: Scanner, profile: plainText().max(60) }).strict(), ScanJob),
  'scanners.cancel': cmd(z.object({ batchId: Id }).strict(), z.object({})),
  ...syncCommands,
  ...editCommands,
  ...fieldCommands,
  ...peopleCommands,
  ...auditCommands,
  ...privacyCommands,
  ...reportCommands,
  ...classificationCommands,
  ...exportCommands,
  ...vervangingCommands,
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>;
export type CommandParsedInput<C extends CommandName> = z.output<Commands[C]['input']>;
export type CommandOutput<C extends CommandName> = z.output<Commands[C]['output']>;
export const rendererCommands = (Object.keys(commands) as CommandName[]).filter((c) => commands[c].audience === 'renderer');
export type RendererCommandName = { [C in CommandName]: Commands[C]['audience'] extends 'renderer' ? C : never }[CommandName];
