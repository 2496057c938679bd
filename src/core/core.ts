// The core: the contract's commands over one open store, validated, dispatched to their feature and checked on the
// way out. Transport-agnostic: the CLI calls it in-process, the web harness over WebSocket, the app over a MessagePort.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { commands, type CommandName } from '../contract/commands';
import { PostkamerError, type WireError } from '../contract/errors';
import type { ReplacementPage } from './pages/change';
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
import type { CallContext, CoreServices, Handler, HandlerContext, HandlerTable, IngestContext, Processor } from './types';
import { UploadBuffer } from './uploads';
import { commandRoles, mayCall, ROLE_LABELS } from '../contract/roles';
import { Sessions } from './sessions';
import { enabledPerson } from './people';
import { runPurge } from './purge';
import { anchorAuditHead } from '../audit/anchor';
import { appendAudit } from '../audit/audit';
import { BACKGROUND_ACTOR } from '../sync/identity';

/** Where a call comes from, and a call as its handler sees it (types.ts). */
export type { CallContext, HandlerContext } from './types';

type Listener = (name: EventName, data: unknown) => void;

/** Who the workstation's own background work (the delivery loop, resuming interrupted work, the purge) acts as. */
export const SYSTEM_ACTOR = BACKGROUND_ACTOR;
/** Events every connection gets, signed in or not: the session's own state. */
const PUBLIC_EVENTS: ReadonlySet<EventName> = new Set(['session.changed']);

export interface Pipeline {
  processor: Processor;
  /** Starts what processing needs (the OCR workers) while the files are still being received; never throws. */
  warmUp?(dataDir: string): void;
  /** What documents are built with besides their batch's profile; page edits rebuild with the same. */
  readonly buildSettings?: BuildSettings;
  /** One page scanned again, recognised as at ingest (quality control's rescan); absent: rescans are refused. */
  recognisePage?(bytes: Uint8Array, fileName: string, dataDir: string): Promise<ReplacementPage>;
  close(): Promise<void>;
}

export class Core implements CoreServices {
  private readonly listeners = new Map<Listener, string | undefined>();
  readonly sessions = new Sessions();
  private readonly timers: NodeJS.Timeout[] = [];
  private externalAnchors: string[] = [];
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
      sessions: this.sessions,
      connectionOf: (ctx) => this.connectionOf(ctx),
      recognisePage: (bytes, name) => {
        if (!this.pipeline.recognisePage)
          throw new PostkamerError('invalid-input', '(deze werkplek herkent geen pagina’s: opnieuw scannen kan hier niet)');
        return this.pipeline.recognisePage(bytes, name, this.store.dataDir);
      },
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

  auditAnchors(): string[] {
    return this.externalAnchors;
  }

  /** Main hands over the anchor copies the OS keychain kept (at most 4, each at most 4 KiB; the MAC is checked on use). */
  setAuditAnchors(texts: readonly unknown[]): void {
    this.externalAnchors = texts.filter((t): t is string => typeof t === 'string' && t.length <= 4096).slice(0, 4);
  }

  /** A connection closed: its unfinished uploads are dropped and their budget released, its session ended. */
  releaseConnection(connection: string): void {
    this.uploads.releaseOwner(connection);
    this.sessions.release(connection);
  }

  /** The connection a call's session lives on: its channel's, or for Electron main's own calls the window's. */
  private connectionOf(ctx: CallContext): string | undefined {
    return ctx.connection ?? (ctx.origin === 'main' ? this.sessions.latestConnection() : undefined);
  }

  /** The enabled person whose open session the call comes over, or null. */
  private personOf(ctx: CallContext) {
    const login = this.sessions.active(this.connectionOf(ctx), this.settings().autoLockMinutes * 60_000);
    return login ? enabledPerson(this.store.db, login) : null;
  }

  /**
   * The call as a handler sees it, for trusted in-process callers that run core functions directly (the CLI's scan
   * and watch): throws `unauthenticated` unless a person is signed in on the connection.
   */
  signedIn(ctx: CallContext): HandlerContext {
    const person = this.personOf(ctx);
    if (!person) throw new PostkamerError('unauthenticated');
    return { ...ctx, actor: person.login, person };
  }

  /** The OS session locked or the machine suspends (Electron powerMonitor): every session locks. */
  lockAllSessions(): void {
    if (this.sessions.lockAll() > 0) this.emit('session.changed', {});
  }

  /** Bytes reserved by unfinished uploads (read-only; for the tests and status). */
  get uploadBytesReserved(): number {
    return this.uploads.reservedBytes;
  }

  /** What ingest runs with for this caller (also for trusted in-process callers: the CLI's scan and watch). */
  ingestContext(ctx: HandlerContext): IngestContext {
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

  /** Listens to the core's events; with a `connection`, only while a person is signed in on it (and `session.changed`). */
  on(listener: Listener, connection?: string): () => void {
    this.listeners.set(listener, connection);
    return () => this.listeners.delete(listener);
  }

  emit(name: EventName, data: unknown): void {
    const parsed = events[name].safeParse(data);
    if (!parsed.success) throw new Error(`event ${name} does not match the contract: ${parsed.error.message}`);
    const shown = showEvent(name, parsed.data);
    const idleMs = PUBLIC_EVENTS.has(name) ? 0 : this.settings().autoLockMinutes * 60_000;
    for (const [l, connection] of this.listeners)
      if (connection === undefined || PUBLIC_EVENTS.has(name) || this.sessions.active(connection, idleMs)) l(name, shown);
  }

  /** Validates, authorises and runs one command. Never throws: errors come back as `{ ok: false }`. */
  async call(cmd: string, rawInput: unknown, ctx: CallContext): Promise<Result<unknown>> {
    if (!Object.hasOwn(commands, cmd)) return fail(new PostkamerError('unknown-command', `(${String(cmd).slice(0, 100)})`));
    const name = cmd as CommandName;
    const def = commands[name];
    if (def.audience === 'local' && fromUi(ctx)) return fail(new PostkamerError('forbidden'));
    // Who calls, from the connection's session; the role table is the guard (the UI only hides what a role lacks).
    let person;
    try {
      person = this.personOf(ctx);
    } catch (e) {
      return fail(e, this.store.db.name);
    }
    const permission = commandRoles[name];
    if (permission !== 'before-sign-in') {
      if (!person) return fail(new PostkamerError('unauthenticated'));
      if (!mayCall(name, person.roles)) {
        // A refused attempt is on the record too (BIO: access control is logged); what was asked is not.
        appendAudit(this.store.db, {
          actor: person.login,
          origin: ctx.origin,
          action: 'access.refused',
          objectType: 'command',
          objectId: name,
          result: 'rejected',
        });
        anchorAuditHead(this.store);
        const held = person.roles.map((r) => ROLE_LABELS[r].nl).join(', ');
        const needed = permission.map((r) => ROLE_LABELS[r].nl).join(' of ');
        return fail(
          new PostkamerError('forbidden', `(${name}: nodig is de rol ${needed}; u bent ${held})`, {
            command: name,
            needed: [...permission],
          }),
        );
      }
      // A call from a trusted process is the person at work; the UI says so with auth.activity (polling is not work).
      if (!fromUi(ctx)) this.sessions.touch(this.connectionOf(ctx)!);
    }
    const hctx: HandlerContext = { ...ctx, actor: person?.login ?? 'onbekend', person };
    const input = def.input.safeParse(rawInput ?? {});
    if (!input.success) {
      const issues = input.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message }));
      return fail(new PostkamerError('invalid-input', undefined, { issues }));
    }
    try {
      const out = await (this.handlers[name] as Handler<CommandName>)(input.data as never, hctx);
      const checked = (def.output as z.ZodType).safeParse(out);
      if (!checked.success) throw new Error(`output of ${name} does not match the contract: ${checked.error.message}`);
      return { ok: true, data: checked.data };
    } catch (e) {
      return fail(e, this.store.db.name);
    } finally {
      // What the call wrote to the audit trail is anchored outside the table (cheap when nothing was written).
      anchorAuditHead(this.store);
    }
  }

  /** Background work (the delivery loop). Started by long-running hosts: the app and the web harness. */
  startBackground(): void {
    this.sync.start();
    // A UI session idle past the auto-lock locks even when its window makes no calls (it is told by an event).
    this.every(15_000, () => {
      if (this.sessions.lockIdle(this.settings().autoLockMinutes * 60_000) > 0) this.emit('session.changed', {});
    });
    // Delivered documents past purgeAfterDays leave the workstation: a minute after start, then every six hours.
    const purge = () => {
      try {
        const out = runPurge(this, { dryRun: false, now: new Date(), actor: SYSTEM_ACTOR, origin: 'main' });
        if (out.purged.length > 0) this.emit('status.changed', {});
      } catch (e) {
        process.stderr.write(`[postkamer] purge failed: ${e instanceof PostkamerError ? e.code : 'internal'}\n`);
      }
    };
    this.timers.push(setTimeout(purge, 60_000).unref());
    this.every(6 * 3600_000, purge);
    // The delivery loop and ingest write entries outside any call: their head is anchored every few seconds.
    this.every(5_000, () => anchorAuditHead(this.store));
    // Items a crashed process left half-done are processed again.
    void resumeInterruptedWork(this.ingestContext({ origin: 'main', actor: SYSTEM_ACTOR, person: null })).catch((e) =>
      process.stderr.write(`[postkamer] resume failed: ${(e as Error).message}\n`),
    );
  }

  /** Runs `fn` every `ms` in long-running hosts; never keeps the process alive, stopped by close(). */
  private every(ms: number, fn: () => void): void {
    this.timers.push(setInterval(fn, ms).unref());
  }

  async close(): Promise<void> {
    for (const t of this.timers.splice(0)) clearTimeout(t);
    await this.sync.stop();
    await this.pipeline.close();
    anchorAuditHead(this.store); // what the background work wrote last
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
