// The core: the contract's commands over one open store, validated, dispatched to their feature and checked on the
// way out. Transport-agnostic: the CLI calls it in-process, the web harness over WebSocket, the app over a MessagePort.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { commands, type CommandName } from '../contract/commands';
import { PostkamerError, type WireError } from '../contract/errors';
import { events, type EventName } from '../contract/events';
import type { Settings } from '../contract/schemas';
import type { Result } from '../contract/wire';
import { isCorruption, storeCorrupt } from '../store/db';
import type { Store } from '../store/store';
import { syncFailureAsError } from '../sync/explain';
import { SyncError } from '../sync/failure';
import type { BuildSettings } from './build-document';
import { showError, showEvent } from './display';
import { createHandlers } from './handlers';
import { configureHeap } from './heap';
import { fromUi } from './origin';
import { Recognition } from './recognition';
import { resumeInterruptedWork } from './resume';
import type { ScannerRef } from './scan';
import { ScannerTrust } from './scanner-trust';
import { readSettings } from './settings';
import { createSyncService, type SyncService } from './sync-service';
import type { CallContext, CoreServices, Handler, HandlerTable, IngestContext, Processor } from './types';
import { UploadBuffer } from './uploads';

/** Where a call comes from (types.ts). */
export type { CallContext } from './types';

type Listener = (name: EventName, data: unknown) => void;

export interface Pipeline {
  processor: Processor;
  /** Starts what processing needs (the OCR workers) while the files are still being received; never throws. */
  warmUp?(dataDir: string): void;
  /** What documents are built with besides their batch's profile; page edits rebuild with the same. */
  readonly buildSettings?: BuildSettings;
  close(): Promise<void>;
}

export class Core implements CoreServices {
  private readonly listeners = new Set<Listener>();
  private readonly uploads = new UploadBuffer();
  private readonly scanners = new ScannerTrust(() => this.store.db);
  private readonly handlers: HandlerTable;
  readonly sync: SyncService;

  /** `pipeline` turns received items into documents; by default the full recognition pipeline. */
  constructor(
    readonly store: Store,
    private readonly pipeline: Pipeline = new Recognition(),
  ) {
    configureHeap();
    this.sync = createSyncService(this);
    this.handlers = createHandlers(this, {
      buildSettings: this.buildSettings,
      sync: this.sync,
      uploads: this.uploads,
      scanners: this.scanners,
    });
  }

  /** The pipeline's build settings (the zaaknummerPattern, …): ingest and page edits build documents alike. */
  get buildSettings(): BuildSettings {
    return this.pipeline.buildSettings ?? {};
  }

  /** Records a scanner an administrator set up (CLI --escl/--sane, Electron main); refused from the UI. */
  configureScanner(ref: ScannerRef, ctx: CallContext): void {
    this.scanners.configure(ref, ctx);
  }

  settings(): Settings {
    return readSettings(this.store.db);
  }

  /** A connection closed: its unfinished uploads are dropped and their budget released. */
  releaseConnection(connection: string): void {
    this.uploads.releaseOwner(connection);
  }

  /** Bytes reserved by unfinished uploads (read-only; for the tests and status). */
  get uploadBytesReserved(): number {
    return this.uploads.reservedBytes;
  }

  /** What ingest runs with for this caller (also for trusted in-process callers: the CLI's scan and watch). */
  ingestContext(ctx: CallContext): IngestContext {
    return {
      store: this.store,
      actor: ctx.actor,
      origin: ctx.origin,
      maxFileBytes: this.settings().maxFileBytes,
      emit: (n, d) => this.emit(n, d),
      processor: this.pipeline.processor,
      warmUp: () => this.pipeline.warmUp?.(this.store.dataDir),
    };
  }

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(name: EventName, data: unknown): void {
    const parsed = events[name].safeParse(data);
    if (!parsed.success) throw new Error(`event ${name} does not match the contract: ${parsed.error.message}`);
    const shown = showEvent(name, parsed.data);
    for (const l of this.listeners) l(name, shown);
  }

  /** Validates, authorises and runs one command. Never throws: errors come back as `{ ok: false }`. */
  async call(cmd: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!Object.hasOwn(commands, cmd)) return fail(new PostkamerError('unknown-command', `(${String(cmd).slice(0, 100)})`));
    const name = cmd as CommandName;
    const def = commands[name];
    if (def.audience === 'local' && fromUi(ctx)) return fail(new PostkamerError('forbidden'));
    const input = def.input.safeParse(rawInput ?? {});
    if (!input.success) {
      const issues = input.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
      return fail(new PostkamerError('invalid-input', undefined, { issues }));
    }
    try {
      const out = await (this.handlers[name] as Handler<CommandName>)(input.data as never, ctx);
      const checked = (def.output as z.ZodType).safeParse(out);
      if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
      return { ok: true, data: checked.data };
    } catch (e) {
      return fail(e, this.store.db.name);
    }
  }

  /** Background work (the delivery loop). Started by long-running hosts: the app and the web harness. */
  startBackground(): void {
    this.sync.start();
    // Items a crashed process left half-done are processed again.
    void resumeInterruptedWork(this.ingestContext({ origin: 'main', actor: 'postkamer' })).catch((e) =>
      process.stderr.write(`[postkamer] resume failed: ${(e as Error).message}\n`),
    );
  }

  async close(): Promise<void> {
    await this.sync.stop();
    await this.pipeline.close();
    this.store.close();
  }
}

/** Every error leaves the core through here: its message and the file it names are shown masked (a BSN in a name). */
function fail(e: unknown, dbFile?: string): { ok: false; error: WireError } {
  const out = failUnmasked(e, dbFile);
  return { ok: false, error: showError(out.error) };
}

function failUnmasked(e: unknown, dbFile?: string): { ok: false; error: WireError } {
  if (e instanceof PostkamerError) return { ok: false, error: e.toWire() };
  if (dbFile && isCorruption(e)) return { ok: false, error: storeCorrupt(dbFile).toWire() };
  // A zaaksysteem failure that reaches a caller (a refresh, a look-up) is unreachable or refused, with its reason.
  if (e instanceof SyncError) return { ok: false, error: syncFailureAsError(e.failure).toWire() };
  // Unexpected: keep the details out of the wire (they may contain paths or content); log a reference.
  const ref = randomUUID().slice(0, 8);
  process.stderr.write(`[postkamer] internal error ${ref}: ${(e as Error)?.stack ?? String(e)}\n`);
  return { ok: false, error: { code: 'internal', message: `${new PostkamerError('internal').message} (ref ${ref})` } };
}
