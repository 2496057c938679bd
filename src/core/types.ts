// The types the core's modules share, kept apart so that the modules on both sides (core and its handlers, the two
// ingest stages) import them from here instead of from each other: no import cycles (.dependency-cruiser.cjs).
import type { CommandName, CommandOutput, CommandParsedInput } from '../contract/commands';
import type { EventName } from '../contract/events';
import type { ExtractedSummary, QcFlag, Settings } from '../contract/schemas';
import type { Store } from '../store/store';
import type { Person } from '../contract/people';
import type { StoredBlob } from '../store/vault';

/**
 * Where a call comes from. Only trusted origins may call `local` commands. `connection` names the channel a call
 * came over (set by serveChannel): uploads belong to it and are released when it closes.
 */
export interface CallContext {
  origin: 'cli' | 'main' | 'renderer' | 'web';
  connection?: string;
}

/**
 * A call as its handler sees it: the host's context and who is calling, as the core established it from the
 * connection's session (`person` null only for the commands answered before sign-in). `actor` is the person's login
 * (the workstation's own background work acts as `postkamer`).
 */
export interface HandlerContext extends CallContext {
  actor: string;
  person: Person | null;
}

/** The core as the services it creates (sync) see it: its store and its events. `Core` (core.ts) is one. */
export interface CoreHandle {
  readonly store: Store;
  emit(name: EventName, data: unknown): void;
  on(listener: (name: EventName, data: unknown) => void): () => void;
}

/** One command's handler: the contract's parsed input in, its output out (validated again by the core). */
export type Handler<C extends CommandName> = (
  input: CommandParsedInput<C>,
  ctx: HandlerContext,
) => Promise<CommandOutput<C>> | CommandOutput<C>;

/** Handlers for some of the contract's commands: a feature module's table (src/core/commands/*.ts). */
export type SomeHandlers = { [C in CommandName]?: Handler<C> };

/** A handler for every command of the contract, no more: what src/core/handlers.ts merges the features into. */
export type HandlerTable = { [C in CommandName]: Handler<C> };

/** The core as its feature modules see it: the store, events, settings, and the context ingest runs in. */
export interface CoreServices extends CoreHandle {
  settings(): Settings;
  /** Copies of the audit anchor kept outside the data folder (the OS keychain's, handed over by Electron main). */
  auditAnchors(): string[];
  ingestContext(ctx: HandlerContext): IngestContext;
}

/** What both ingest stages (receive.ts, process.ts) work with. */
export interface IngestContext {
  store: Store;
  actor: string;
  origin: string;
  maxFileBytes: number;
  emit: (name: 'ingest.progress' | 'document.changed' | 'batch.changed', data: Record<string, unknown>) => void;
  processor: Processor;
  /** Called when a batch starts, so the pipeline can get ready while files are received. */
  warmUp?: () => void;
}

export interface ItemToProcess {
  id: string;
  batchId: string;
  seq: number;
  fileName: string;
  mime: string;
  size: number;
  sha256: string;
  blobId: string;
  bytes: Buffer;
}

export interface ProcessedPageRecord {
  imageBlob: StoredBlob | null;
  width: number;
  height: number;
  dpi: number;
  colour: string;
  rotation: number;
  skew: number;
  blank: boolean;
  ocrConfidence: number | null;
  qcFlags: QcFlag[];
  ocr: unknown;
  /** The page's 0-based place among the unit's input pages (for its position in the scanned batch). */
  sourceIndex?: number;
}

export interface ProcessedDocument {
  /** Fixed by the processor (it is written into the PDF). */
  id: string;
  title: string;
  /** The item the document's pages came from (the first one, for a document spanning scanned pages). */
  itemId: string;
  pages: ProcessedPageRecord[];
  pdfBlob: StoredBlob | null;
  text: string;
  qcFlags: QcFlag[];
  containsBsn: boolean;
  extracted: ExtractedSummary & Record<string, unknown>;
  zaaknummer: string | null;
  /** Metadata from a separator sheet or the profile (document type, …). */
  metadata?: Record<string, string>;
}

export interface ProcessProgress {
  page: number;
  pages: number;
  stage: 'decoding' | 'recognising' | 'storing';
}
/** What went into a unit and what came out of it, for the batch's dossier (src/store/batch-dossier.ts UnitTally). */
export interface UnitTally {
  pagesIn: number;
  pagesOut: number;
  blankRemoved: number;
  blankFlagged: number;
  separatorSheets: number;
}

/**
 * Turns one unit (items in order) into documents; throws a PostkamerError to reject the whole unit. `tally` receives
 * the unit's page counts (a processor that does not read pages gives none).
 */
export type Processor = (
  unit: ItemToProcess[],
  ctx: IngestContext,
  progress: (p: ProcessProgress) => void,
  tally?: (t: UnitTally) => void,
) => Promise<ProcessedDocument[]>;
