import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commands, type CommandName, type CommandOutput, type CommandParsedInput } from '../contract/commands';
import { PostkamerError, type WireError } from '../contract/errors';
import { events, type EventName } from '../contract/events';
import { FILE_SIZE_LIMIT, USER_PREFERENCES, type Settings } from '../contract/schemas';
import type { Result } from '../contract/wire';
import { verifyAuditChain } from '../audit/audit';
import { counts, documentText, getDocument, listBatches, listDocuments, listRejections, searchDocuments } from '../store/documents';
import type { Store } from '../store/store';
import { checkDatabase, isCorruption, storeCorrupt } from '../store/db';
import { expandPaths, ingestSources, type IngestContext, type IngestSource } from './ingest';
import type { Processor } from './process';
import { recordRejection } from './receive';
import { resumeInterruptedWork } from './resume';
import { loadProfiles, profileByName, saveProfile } from './profiles';
import { runScanJob, type ScannerRef } from './scan';
import { discoverEscl, esclAddressKey } from '../capture/escl/discover';
import { listSaneDevices, saneAvailable } from '../capture/sane';
import { Recognition } from './recognition';
import { allSettings, getSetting, putSetting, putSettings } from '../store/settings';
import { recentAuditEntries } from '../store/audit-log';
import type { BuildSettings } from './build-document';

export interface Pipeline {
  processor: Processor;
  /** Starts what processing needs (the OCR workers) while the files are still being received; never throws. */
  warmUp?(dataDir: string): void;
  /** What documents are built with besides their batch's profile; page edits rebuild with the same. */
  readonly buildSettings?: BuildSettings;
  close(): Promise<void>;
}
import { createSyncService, type SyncService } from './sync-handlers';
import { createEditHandlers } from './edit';
import { resolveDocumentPrefix } from './documents-resolve';
import { UploadBuffer } from './uploads';
import { version } from './version';
import { configureHeap } from './heap';
import { knownBsnsOf, queryNamesBsn, showDocument, showError, showEvent, showIngestResult, showRejection, showSearchHits, showText } from './display';
import { writeExport } from './export-file';
import { SyncError } from '../sync/failure';
import { syncFailureAsError } from '../sync/explain';
import { getDocumentBlobIds } from '../store/documents';
import { createHash } from 'node:crypto';

import type { CallContext } from './types';

/** Where a call comes from (types.ts). */
export type { CallContext } from './types';

type Handler<C extends CommandName> = (input: CommandParsedInput<C>, ctx: CallContext) => Promise<CommandOutput<C>> | CommandOutput<C>;
type Listener = (name: EventName, data: unknown) => void;

export const DEFAULT_MAX_FILE_BYTES = 500 * 1000 * 1000;

/** The settings key of the scanners an administrator set up (JSON array of scannerKey values). */
const CONFIGURED_SCANNERS = 'scanners.configured';

/** One key per scanner: 'escl:' + its normalised address, or 'sane:' + the device name; null when unusable. */
function scannerKey(ref: ScannerRef): string | null {
  if (ref.kind === 'escl') {
    const k = esclAddressKey(ref.url);
    return k ? `escl:${k}` : null;
  }
  return ref.device ? `sane:${ref.device}` : null;
}

/**
 * The core: the contract's commands over one open store. Transport-agnostic: the CLI calls it in-process,
 * the web harness over WebSocket, the app over a MessagePort. Every input is validated here.
 */
export class Core {
  private readonly listeners = new Set<Listener>();
  private readonly uploads = new UploadBuffer();
  private readonly scans = new Map<string, AbortController>();
  /** Scanners scanners.list found (keys from scannerKey). */
  private readonly discoveredScanners = new Set<string>();
  private databaseChecked = false;
  private readonly handlers: { [C in CommandName]: Handler<C> };
  readonly sync: SyncService;

  private readonly processor: Processor;

  /** The pipeline's build settings (the zaaknummerPattern, …): ingest and page edits build documents alike. */
  get buildSettings(): BuildSettings {
    return this.pipeline.buildSettings ?? {};
  }

  /** `pipeline` turns received items into documents; by default the full recognition pipeline. */
  constructor(readonly store: Store, private readonly pipeline: Pipeline = new Recognition()) {
    configureHeap();
    this.processor = pipeline.processor;
    this.sync = createSyncService(this);
    this.handlers = {
      ...this.sync.handlers,
      ...createEditHandlers(this),
      'shell.state': () => ({ locked: false, reason: null }),
      'shell.unlock': () => ({ locked: false }),
      'app.status': () => {
        // Every page read and HMAC-checked once per process (≈5 ms per MB): each CLI `status` checks the whole store,
        // the app at its first status; later damage still surfaces as store-corrupt on the read that meets it.
        if (!this.databaseChecked) {
          checkDatabase(this.store.db);
          this.databaseChecked = true;
        }
        const c = counts(this.store.db);
        const chain = verifyAuditChain(this.store.db);
        return {
          version,
          schemaVersion: this.store.db.pragma('user_version', { simple: true }) as number,
          batches: c.batches, documents: c.documents, pages: c.pages, pendingItems: c.pendingItems, rejected: c.rejected,
          vault: { blobs: c.blobs, bytes: c.bytes },
          outbox: this.sync.outboxCounts(),
          audit: { entries: chain.entries, chainValid: chain.valid },
        };
      },
      'settings.get': () => this.settings(),
      'settings.set': (input, ctx) => {
        const db = this.store.db;
        // Changing a limit is an administrator's act; until there are people and roles, that is a trusted origin.
        const limits = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined && !USER_PREFERENCES.includes(k as keyof Settings));
        if (limits.length > 0 && (ctx.origin === 'renderer' || ctx.origin === 'web')) {
          throw new PostkamerError('forbidden', `(${limits.includes('maxFileBytes') ? 'de limiet voor de bestandsgrootte' : `de limiet ${limits.join(', ')}`} stelt alleen de beheerder in, op deze computer)`);
        }
        putSettings(db, Object.entries(input).filter(([, v]) => v !== undefined).map(([k, v]) => [k, JSON.stringify(v)]));
        return this.settings();
      },
      'batches.list': (i) => listBatches(this.store.db, i.limit),
      // Shown texts leave through src/core/display.ts (the one BSN masking); see there.
      'documents.list': (i) => listDocuments(this.store.db, i).map((d) => showDocument(d)),
      'documents.resolve': (i) => resolveDocumentPrefix(this.store.db, i),
      'documents.get': (i) => {
        const d = getDocument(this.store.db, i.id);
        if (!d) throw new PostkamerError('not-found');
        return showDocument(d, knownBsnsOf(this.store.db, [d.id]).get(d.id));
      },
      'documents.text': (i) => {
        const body = documentText(this.store.db, i.id);
        if (body === null) throw new PostkamerError('not-found');
        return { id: i.id, text: showText(body, knownBsnsOf(this.store.db, [i.id]).get(i.id) ?? new Set()) };
      },
      'documents.export': (i) => {
        const ids = getDocumentBlobIds(this.store.db, i.id);
        const blobId = ids && (i.kind === 'pdf' ? ids.pdf : ids.source);
        if (!blobId) throw new PostkamerError('not-found', i.kind === 'pdf' ? '(dit document heeft (nog) geen PDF)' : undefined);
        const data = this.store.vault.read(blobId);
        writeExport(i.path, data);
        return { path: i.path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
      },
      'documents.search': (i, ctx) => {
        // Which documents hold a BSN is itself personal data: not a question the UI may ask (a renderer could find any
        // masked number by trying the 11-proef's candidates). The local CLI, run with the store's passphrase, may.
        if ((ctx.origin === 'renderer' || ctx.origin === 'web') && queryNamesBsn(i.query)) {
          throw new PostkamerError('forbidden', '(zoeken op een BSN mag hier niet: het laat zien welke documenten dat nummer bevatten)');
        }
        return showSearchHits(this.store.db, searchDocuments(this.store.db, i.query, i.limit));
      },
      'rejections.list': (i) => listRejections(this.store.db, i.batchId).map(showRejection),
      'audit.list': (i) =>
        recentAuditEntries(this.store.db, i.limit).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, origin: r.origin, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result })),
      'profiles.list': () => loadProfiles(this.store.db),
      'profiles.save': (i, ctx) => saveProfile(this.store.db, i.profile, ctx.origin === 'renderer' || ctx.origin === 'web' ? 'clerk' : 'admin'),
      'scanners.list': async (i) => {
        const [escl, sane] = await Promise.all([
          i.discoverMs > 0 ? discoverEscl({ timeoutMs: i.discoverMs }).catch(() => []) : Promise.resolve([]),
          saneAvailable().then((ok) => (ok ? listSaneDevices() : [])).catch(() => []),
        ]);
        // What was found may be scanned from (scanners.scan); remembered for as long as the core runs.
        for (const ref of [...escl.map((s): ScannerRef => ({ kind: 'escl', url: s.baseUrl })), ...sane.map((d): ScannerRef => ({ kind: 'sane', device: d.name }))]) {
          const key = scannerKey(ref);
          if (key) this.discoveredScanners.add(key);
        }
        return [
          ...escl.map((s) => ({ kind: 'escl' as const, url: s.baseUrl, name: s.name })),
          ...sane.map((d) => ({ kind: 'sane' as const, device: d.name, name: d.label })),
        ];
      },
      'scanners.scan': async (i, ctx) => {
        const profile = profileByName(this.store.db, i.profile);
        const ref: ScannerRef = i.scanner.kind === 'escl' ? { kind: 'escl', url: i.scanner.url } : { kind: 'sane', device: i.scanner.device };
        // Refused before any traffic: the UI may only name a scanner the core found or an administrator set up.
        if (ctx.origin === 'renderer' || ctx.origin === 'web') {
          if (!this.scannerKnown(ref)) throw new PostkamerError('forbidden', `(de scanner ${ref.kind === 'escl' ? ref.url : ref.device} is niet op het netwerk gevonden en niet door de beheerder ingesteld)`.slice(0, 300));
        } else {
          this.configureScanner(ref, ctx);
        }
        const abort = new AbortController();
        let pages = 0;
        const started = new Promise<string>((resolveStart) => {
          void runScanJob(this.ingestContext(ctx), ref, profile, {
            signal: abort.signal,
            onStart: (batchId) => {
              this.scans.set(batchId, abort);
              resolveStart(batchId);
              this.emit('scan.progress', { batchId, state: 'scanning', pages: 0, error: null });
            },
            onPage: (n) => {
              pages = n;
              for (const [batchId, a] of this.scans) if (a === abort) this.emit('scan.progress', { batchId, state: 'scanning', pages, error: null });
            },
          }).then((out) => {
            this.scans.delete(out.batchId);
            this.emit('scan.progress', { batchId: out.batchId, state: out.outcome, pages: out.pages, error: out.error });
            this.emit('status.changed', {});
          }).catch((e) => process.stderr.write(`[postkamer] scan job failed: ${(e as Error).message}\n`));
        });
        return { batchId: await started, state: 'scanning' as const, pages, error: null };
      },
      'scanners.cancel': (i) => {
        this.scans.get(i.batchId)?.abort();
        return {};
      },
      'upload.begin': (i, ctx) => {
        try {
          return { uploadId: this.uploads.begin(i.name, i.size, this.settings().maxFileBytes, ctx.connection) };
        } catch (e) {
          // Refused before it was read (empty, too large): listed with the other rejections, as from the CLI.
          if (e instanceof PostkamerError) {
            recordRejection(this.ingestContext(ctx), null, i.name, e.code, `${i.name}: ${e.message}`);
            this.emit('status.changed', {});
          }
          throw e;
        }
      },
      'upload.chunk': (i, ctx) => ({ received: this.uploads.chunk(i.uploadId, i.offset, Buffer.from(i.data, 'base64'), ctx.connection) }),
      'upload.abort': (i, ctx) => {
        this.uploads.abort(i.uploadId, ctx.connection);
        return {};
      },
      'upload.commit': async (i, ctx) => {
        const sources: IngestSource[] = this.uploads.takeAll(i.uploadIds, ctx.connection).map((u) => ({ name: u.name, kind: 'buffer', data: u.data }));
        return showIngestResult(await ingestSources(this.ingestContext(ctx), sources, { source: 'import' }));
      },
      'ingest.paths': async (i, ctx) => {
        const { sources, errors } = await expandPaths(i.paths);
        return showIngestResult(await ingestSources(this.ingestContext(ctx), sources, { source: i.source, profile: i.profile, preErrors: errors }));
      },
    };
  }

  /**
   * Records a scanner an administrator set up (a trusted origin: the CLI's --escl/--sane, Electron main), in the
   * store, so the UI may scan from it too. Throws for a call from the renderer or the web harness.
   */
  configureScanner(ref: ScannerRef, ctx: CallContext): void {
    if (ctx.origin === 'renderer' || ctx.origin === 'web') throw new PostkamerError('forbidden', '(een scanner instellen doet de beheerder, op deze computer)');
    const key = scannerKey(ref);
    if (!key) return;
    const list = this.configuredScanners();
    if (list.includes(key)) return;
    putSetting(this.store.db, CONFIGURED_SCANNERS, JSON.stringify([...list, key].slice(-200)));
  }

  private configuredScanners(): string[] {
    const value = getSetting(this.store.db, CONFIGURED_SCANNERS);
    try {
      const v = value !== undefined ? (JSON.parse(value) as unknown) : [];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }

  private scannerKnown(ref: ScannerRef): boolean {
    const key = scannerKey(ref);
    return key !== null && (this.discoveredScanners.has(key) || this.configuredScanners().includes(key));
  }

  settings(): Settings {
    const rows = allSettings(this.store.db);
    const m = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    // A stored value outside the hard bounds (an older version, a hand edit) is never used as it is.
    const stored = m.maxFileBytes;
    const maxFileBytes = typeof stored === 'number' && Number.isFinite(stored)
      ? Math.min(FILE_SIZE_LIMIT.max, Math.max(FILE_SIZE_LIMIT.min, Math.floor(stored)))
      : DEFAULT_MAX_FILE_BYTES;
    return { locale: m.locale === 'en' ? 'en' : 'nl', maxFileBytes };
  }

  /** A connection closed: its unfinished uploads are dropped and their budget released. */
  releaseConnection(connection: string): void {
    this.uploads.releaseOwner(connection);
  }

  /** Bytes reserved by unfinished uploads (read-only; for the tests and status). */
  get uploadBytesReserved(): number {
    return this.uploads.reservedBytes;
  }

  /** For trusted in-process callers (the CLI's scan and watch commands). */
  ingestContextFor(ctx: CallContext): IngestContext {
    return this.ingestContext(ctx);
  }

  private ingestContext(ctx: CallContext): IngestContext {
    return { store: this.store, actor: ctx.actor, origin: ctx.origin, maxFileBytes: this.settings().maxFileBytes, emit: (n, d) => this.emit(n, d), processor: this.processor, warmUp: () => this.pipeline.warmUp?.(this.store.dataDir) };
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
    if (def.audience === 'local' && (ctx.origin === 'renderer' || ctx.origin === 'web')) return fail(new PostkamerError('forbidden'));
    const input = def.input.safeParse(rawInput ?? {});
    if (!input.success) {
      return fail(new PostkamerError('invalid-input', undefined, { issues: input.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })) }));
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
    void resumeInterruptedWork(this.ingestContext({ origin: 'main', actor: 'postkamer' })).catch((e) => process.stderr.write(`[postkamer] resume failed: ${(e as Error).message}\n`));
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
