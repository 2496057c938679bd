// The core's entry in the app: Electron main forks this file (built to .vite/build/utility.js) as a utilityProcess.
import { PostkamerError, type WireError } from '../contract/errors';
import type { BlobAnswer, FromCore, InitMessage, ToCore } from '../contract/core-process';
import { getDocumentBlobIds } from '../store/documents';
import { blobMime } from '../store/blobs';
import { initStore, openStore, type Store } from '../store/store';
import { schemaVersion as storeSchemaVersion } from '../store/db';
import { Core, type Pipeline } from '../core/core';
import { PageImages } from '../core/page-images';
import { serveChannel } from './serve';
import { currentAuditAnchorText } from '../audit/anchor';

// It must not import `electron` (DESIGN.md §1): Electron hands it `process.parentPort`, typed
// below by the few members used. The same function runs in the unit tests over Node's MessageChannel.
//
// Protocol with main, over the parent port:
//   main → core  {t:'init', dataDir, key, create}  first message; ports[0] (optional) is a renderer's port
//                {t:'connect'}                      ports[0] is a further renderer port (a reload, a new window)
//                {t:'blob', id, documentId, kind}   bytes for the postkamer://blob/… protocol handler
//                {t:'page', id, pageId, size}       a page's image (thumb|image) for postkamer://page/…
//                {t:'call', id, cmd, input}         a command from main itself (origin 'main': may call `local` ones)
//                {t:'lock-sessions'}                the OS locked or suspends: every session locks
//                {t:'audit-anchor', id}             the audit anchor's text, for main's keychain copy
//                {t:'shutdown'}                     close the store and exit
//   core → main  {t:'ready'} | {t:'init-failed', error} | {t:'blob'|'page', id, …} | {t:'result', id, result}
// Renderer ports carry the contract's wire format (serveChannel) with origin 'renderer'.

/** An Electron MessagePortMain, as far as the core uses it. */
export interface PortLike {
  on(event: 'message', listener: (e: { data: unknown; ports?: readonly PortLike[] }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

/** Electron's `process.parentPort` in a utility process. */
export interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown; ports?: readonly PortLike[] }) => void): unknown;
  postMessage(message: unknown): void;
}

export type { BlobAnswer, FromCore, InitMessage, ToCore } from '../contract/core-process';

export interface CoreHostOptions {
  /** What turns received files into documents; by default Core's own (the full recognition pipeline). */
  pipeline?: () => Pipeline;
  /** Called after `shutdown` (and on a fatal error) instead of `process.exit`, e.g. by tests. */
  exit?: (code: number) => void;
  log?: (line: string) => void;
}

const toWire = (e: unknown): WireError =>
  e instanceof PostkamerError ? e.toWire() : { code: 'internal', message: new PostkamerError('internal').message };

/** Serves one store to main and to any number of renderer ports. Returns a handle for tests. */
export function startCoreHost(parent: ParentPortLike, opts: CoreHostOptions = {}): { core(): Core | null } {
  const log = opts.log ?? ((line: string) => process.stderr.write(`[postkamer core] ${line}\n`));
  const exit = opts.exit ?? ((code: number) => process.exit(code));
  const post = (m: FromCore) => parent.postMessage(m);
  let core: Core | null = null;
  let pageImages: PageImages | null = null;
  let initialising = false;
  let closing = false;
  const waiting: PortLike[] = [];

  const connect = (port: PortLike) => {
    if (!core) return void waiting.push(port);
    serveChannel(
      core,
      {
        send: (m) => port.postMessage(m),
        onMessage: (h) => port.on('message', (e) => h(e.data)),
        onClose: (h) => port.on('close', h),
      },
      { origin: 'renderer' },
    );
    port.start();
  };

  const init = async (msg: InitMessage, ports: readonly PortLike[]) => {
    if (core || initialising) return void log('init ignored: already initialised');
    initialising = true;
    const key = Buffer.from(msg.key);
    msg.key.fill(0);
    let store: Store;
    try {
      if (typeof msg.dataDir !== 'string' || key.length !== 32) throw new PostkamerError('invalid-input', '(init)');
      const create = msg.create;
      store = create
        ? await initStore(msg.dataDir, {
            master: key,
            passphrase: create.passphrase,
            osWrap: create.osWrapped ? () => create.osWrapped! : undefined,
          })
        : await openStore(msg.dataDir, { kind: 'master-key', key });
    } catch (e) {
      initialising = false;
      const error = toWire(e);
      log(`store not opened: ${error.code}`);
      return void post({ t: 'init-failed', error });
    } finally {
      key.fill(0);
    }
    core = opts.pipeline ? new Core(store, opts.pipeline()) : new Core(store);
    if (Array.isArray(msg.auditAnchors)) core.setAuditAnchors(msg.auditAnchors);
    pageImages = new PageImages(store);
    initialising = false;
    // A long-running host: the delivery loop runs, and items a crashed run left half-done are finished.
    core.startBackground();
    const schemaVersion = storeSchemaVersion(store.db);
    const { removedRows, removedFiles } = store.recovered;
    log(
      `store ${msg.create ? 'created' : 'opened'} (schema ${schemaVersion}; recovery removed ${removedRows} rows, ${removedFiles} files)`,
    );
    post({ t: 'ready', schemaVersion });
    for (const p of [...waiting.splice(0), ...ports]) connect(p);
  };

  const blob = (documentId: string, kind: 'original' | 'pdf'): BlobAnswer => {
    if (!core) return { ok: false, status: 500 };
    try {
      const ids = getDocumentBlobIds(core.store.db, documentId);
      const blobId = ids && (kind === 'pdf' ? ids.pdf : ids.source);
      if (!blobId) return { ok: false, status: 404 };
      const data = core.store.vault.read(blobId);
      // A copy of exactly these bytes: a view would serialise its whole (possibly pooled) ArrayBuffer.
      return { ok: true, mime: blobMime(core.store.db, blobId) ?? 'application/octet-stream', data: new Uint8Array(data) };
    } catch (e) {
      // The document id is not personal data; the error text may hold a path, so only its code is logged.
      log(`blob ${documentId}/${kind} failed: ${e instanceof PostkamerError ? e.code : 'internal'}`);
      return { ok: false, status: 500 };
    }
  };

  const page = async (pageId: string, size: 'thumb' | 'image'): Promise<BlobAnswer> => {
    if (!pageImages || (size !== 'thumb' && size !== 'image') || typeof pageId !== 'string') return { ok: false, status: 500 };
    try {
      const img = await pageImages.get(pageId, size);
      return { ok: true, mime: img.mime, data: new Uint8Array(img.data) };
    } catch (e) {
      const code = e instanceof PostkamerError ? e.code : 'internal';
      if (code === 'not-found') return { ok: false, status: 404 };
      log(`page ${pageId}/${size} failed: ${code}`);
      return { ok: false, status: code === 'too-many-requests' ? 503 : 500 };
    }
  };

  const shutdown = async () => {
    if (closing) return;
    closing = true;
    try {
      await core?.close();
    } catch (e) {
      log(`close failed: ${(e as Error).message}`);
    }
    core = null;
    pageImages = null;
    exit(0);
  };

  parent.on('message', (e) => {
    const msg = e.data as ToCore;
    const ports = e.ports ?? [];
    if (!msg || typeof msg !== 'object' || closing) return;
    switch (msg.t) {
      case 'init':
        return void init(msg, ports);
      case 'connect':
        return ports.forEach(connect);
      case 'blob':
        return post({ t: 'blob', id: msg.id, ...blob(msg.documentId, msg.kind) });
      case 'page':
        return void page(msg.pageId, msg.size).then((answer) => post({ t: 'page', id: msg.id, ...answer }));
      case 'call': {
        if (!core)
          return post({ t: 'result', id: msg.id, result: { ok: false, error: toWire(new PostkamerError('store-not-initialised')) } });
        void core.call(msg.cmd, msg.input, { origin: 'main' }).then((result) => post({ t: 'result', id: msg.id, result }));
        return;
      }
      case 'audit-anchor': {
        let text: string | null = null;
        try {
          text = core ? currentAuditAnchorText(core.store, core.auditAnchors()) : null;
        } catch {
          text = null;
        }
        return post({ t: 'audit-anchor', id: msg.id, text });
      }
      case 'lock-sessions':
        // The OS session locked or the machine suspends (powerMonitor): every person signs in again.
        return void core?.lockAllSessions();
      case 'shutdown':
        return void shutdown();
      default:
        log(`unknown message type dropped`);
    }
  });
  return { core: () => core };
}

// Started by Electron: `process.parentPort` exists only in a utility process (not under tsx, vitest or the CLI).
const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) {
  process.on('uncaughtException', (e) => {
    process.stderr.write(`[postkamer core] fatal: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(70); // main sees the exit and restarts the core
  });
  startCoreHost(parentPort);
}
