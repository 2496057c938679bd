import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { commands, type CommandName, type CommandOutput, type CommandParsedInput } from '../contract/commands';
import { PostkamerError, type WireError } from '../contract/errors';
import { events, type EventName } from '../contract/events';
import type { Settings } from '../contract/schemas';
import type { Result } from '../contract/wire';
import { verifyAuditChain } from '../audit/audit';
import { counts, getDocument, listBatches, listDocuments, listRejections, searchDocuments } from '../store/documents';
import type { Store } from '../store/store';
import { expandPaths, ingestSources, type IngestContext, type IngestSource } from './ingest';
import type { Processor } from './process';
import { recordRejection } from './receive';
import { resumeInterruptedWork } from './resume';
import { loadProfiles, profileByName, saveProfile } from './profiles';
import { runScanJob, type ScannerRef } from './scan';
import { discoverEscl } from '../capture/escl/discover';
import { listSaneDevices, saneAvailable } from '../capture/sane';
import { Recognition } from './recognition';

export interface Pipeline {
  processor: Processor;
  /** Starts what processing needs (the OCR workers) while the files are still being received; never throws. */
  warmUp?(dataDir: string): void;
  close(): Promise<void>;
}
import { createSyncService, type SyncService } from './sync-handlers';
import { createEditHandlers } from './edit';
import { UploadBuffer } from './uploads';
import { version } from './version';
import { configureHeap } from './heap';
import { redactBsns } from '../domain/mask';
import { writeFileAtomic } from '../store/fsutil';
import { getDocumentBlobIds } from '../store/documents';
import { createHash } from 'node:crypto';

/** Where a call comes from. Only trusted origins may call `local` commands. */
export interface CallContext { origin: 'cli' | 'main' | 'renderer' | 'web'; actor: string }

type Handler<C extends CommandName> = (input: CommandParsedInput<C>, ctx: CallContext) => Promise<CommandOutput<C>> | CommandOutput<C>;
type Listener = (name: EventName, data: unknown) => void;

export const DEFAULT_MAX_FILE_BYTES = 500 * 1000 * 1000;

/**
 * The core: the contract's commands over one open store. Transport-agnostic: the CLI calls it in-process,
 * the web harness over WebSocket, the app over a MessagePort. Every input is validated here.
 */
export class Core {
  private readonly listeners = new Set<Listener>();
  private readonly uploads = new UploadBuffer();
  private readonly scans = new Map<string, AbortController>();
  private readonly handlers: { [C in CommandName]: Handler<C> };
  readonly sync: SyncService;

  private readonly processor: Processor;

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
      'settings.set': (input) => {
        const db = this.store.db;
        const put = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
        db.transaction(() => {
          for (const [k, v] of Object.entries(input)) if (v !== undefined) put.run(k, JSON.stringify(v));
        })();
        return this.settings();
      },
      'batches.list': (i) => listBatches(this.store.db, i.limit),
      'documents.list': (i) => listDocuments(this.store.db, i),
      'documents.get': (i) => {
        const d = getDocument(this.store.db, i.id);
        if (!d) throw new PostkamerError('not-found');
        return d;
      },
      'documents.text': (i) => {
        const row = this.store.db.prepare('SELECT f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE d.id = ?').get(i.id) as { body: string } | undefined;
        if (!row) throw new PostkamerError('not-found');
        return { id: i.id, text: redactBsns(row.body) };
      },
      'documents.export': (i) => {
        const ids = getDocumentBlobIds(this.store.db, i.id);
        const blobId = ids && (i.kind === 'pdf' ? ids.pdf : ids.source);
        if (!blobId) throw new PostkamerError('not-found', i.kind === 'pdf' ? '(dit document heeft (nog) geen PDF)' : undefined);
        const data = this.store.vault.read(blobId);
        writeFileAtomic(i.path, data, 0o600);
        return { path: i.path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
      },
      'documents.search': (i) => searchDocuments(this.store.db, i.query, i.limit),
      'rejections.list': (i) => listRejections(this.store.db, i.batchId),
      'audit.list': (i) =>
        (this.store.db.prepare('SELECT seq, at, actor, origin, action, object_type, object_id, result FROM audit ORDER BY seq DESC LIMIT ?').all(i.limit) as {
          seq: number; at: string; actor: string; origin: string; action: string; object_type: string | null; object_id: string | null; result: string;
        }[]).map((r) => ({ seq: r.seq, at: r.at, actor: r.actor, origin: r.origin, action: r.action, objectType: r.object_type, objectId: r.object_id, result: r.result })),
      'profiles.list': () => loadProfiles(this.store.db),
      'profiles.save': (i, ctx) => saveProfile(this.store.db, i.profile, ctx.origin === 'renderer' || ctx.origin === 'web' ? 'clerk' : 'admin'),
      'scanners.list': async (i) => {
        const [escl, sane] = await Promise.all([
          i.discoverMs > 0 ? discoverEscl({ timeoutMs: i.discoverMs }).catch(() => []) : Promise.resolve([]),
          saneAvailable().then((ok) => (ok ? listSaneDevices() : [])).catch(() => []),
        ]);
        return [
          ...escl.map((s) => ({ kind: 'escl' as const, url: s.baseUrl, name: s.name })),
          ...sane.map((d) => ({ kind: 'sane' as const, device: d.name, name: d.label })),
        ];
      },
      'scanners.scan': async (i, ctx) => {
        const profile = profileByName(this.store.db, i.profile);
        const ref: ScannerRef = i.scanner.kind === 'escl' ? { kind: 'escl', url: i.scanner.url } : { kind: 'sane', device: i.scanner.device };
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
          return { uploadId: this.uploads.begin(i.name, i.size, this.settings().maxFileBytes) };
        } catch (e) {
          // Refused before it was read (empty, too large): listed with the other rejections, as from the CLI.
          if (e instanceof PostkamerError) {
            recordRejection(this.ingestContext(ctx), null, i.name, e.code, `${i.name}: ${e.message}`);
            this.emit('status.changed', {});
          }
          throw e;
        }
      },
      'upload.chunk': (i) => ({ received: this.uploads.chunk(i.uploadId, i.offset, Buffer.from(i.data, 'base64')) }),
      'upload.abort': (i) => {
        this.uploads.abort(i.uploadId);
        return {};
      },
      'upload.commit': async (i, ctx) => {
        const sources: IngestSource[] = i.uploadIds.map((id) => {
          const u = this.uploads.take(id);
          return { name: u.name, kind: 'buffer', data: u.data };
        });
        return ingestSources(this.ingestContext(ctx), sources, { source: 'import' });
      },
      'ingest.paths': async (i, ctx) => {
        const { sources, errors } = await expandPaths(i.paths);
        return ingestSources(this.ingestContext(ctx), sources, { source: i.source, profile: i.profile, preErrors: errors });
      },
    };
  }

  settings(): Settings {
    const rows = this.store.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
    const m = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value)]));
    return { locale: m.locale ?? 'nl', maxFileBytes: m.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
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
    for (const l of this.listeners) l(name, parsed.data);
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
      return fail(e);
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

function fail(e: unknown): { ok: false; error: WireError } {
  if (e instanceof PostkamerError) return { ok: false, error: e.toWire() };
  // Unexpected: keep the details out of the wire (they may contain paths or content); log a reference.
  const ref = randomUUID().slice(0, 8);
  process.stderr.write(`[postkamer] internal error ${ref}: ${(e as Error)?.stack ?? String(e)}\n`);
  return { ok: false, error: { code: 'internal', message: `${new PostkamerError('internal').message} (ref ${ref})` } };
}
