// One run of the core: a utilityProcess running src/hosts/utility.ts, seen through the few members used, so that the
// tests can run the real core host in-process in its place.
import { PostkamerError, type WireError } from '../src/contract/errors';
import type { Result } from '../src/contract/wire';
import type { BlobAnswer, FromCore, ToCore } from '../src/contract/core-process';
import type { CoreKey } from './keys';

// Speaks the protocol documented in utility.ts.

/** Electron's UtilityProcess, as far as main uses it. `Port` is MessagePortMain in the app. */
export interface ChildLike<Port = unknown> {
  postMessage(message: ToCore, transfer?: Port[]): void;
  on(event: 'message', listener: (message: FromCore) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
}

export class CoreError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

const gone = (): WireError => ({ code: 'internal', message: 'De verwerkingskern is gestopt. Probeer het opnieuw.' });

export class CoreProcess<Port = unknown> {
  /** Settles when the store is open (resolves) or could not be opened / the process died first (CoreError). */
  readonly ready: Promise<void>;
  private readonly waiting = new Map<number, (m: FromCore | null) => void>();
  private nextId = 1;
  private stopping = false;
  private exited = false;
  private exitWaiters: (() => void)[] = [];

  constructor(
    private readonly child: ChildLike<Port>,
    init: { dataDir: string; auditAnchors?: string[] } & CoreKey,
    firstPort: Port | null,
    onUnexpectedExit: (code: number) => void,
  ) {
    let settle!: { ok: () => void; ko: (e: CoreError) => void };
    this.ready = new Promise((ok, ko) => (settle = { ok, ko }));
    this.ready.catch(() => undefined); // observed by the caller; never an unhandled rejection here
    child.on('message', (m) => {
      if (m?.t === 'ready') settle.ok();
      else if (m?.t === 'init-failed') settle.ko(new CoreError(m.error));
      else if ((m?.t === 'blob' || m?.t === 'page' || m?.t === 'result' || m?.t === 'audit-anchor') && typeof m.id === 'number') {
        const w = this.waiting.get(m.id);
        this.waiting.delete(m.id);
        w?.(m);
      }
    });
    child.on('exit', (code) => {
      this.exited = true;
      settle.ko(new CoreError(gone()));
      for (const w of this.waiting.values()) w(null);
      this.waiting.clear();
      for (const w of this.exitWaiters.splice(0)) w();
      if (!this.stopping) onUnexpectedExit(code);
    });
    // The key travels once, in the first message; the caller's buffer and this copy are zeroed right after
    // postMessage has serialised them.
    const key = new Uint8Array(init.key);
    child.postMessage(
      { t: 'init', dataDir: init.dataDir, key, create: init.create, auditAnchors: init.auditAnchors ?? [] },
      firstPort ? [firstPort] : [],
    );
    key.fill(0);
    init.key.fill(0);
  }

  /** Hands the core a renderer's end of a fresh MessageChannel. */
  connect(port: Port): void {
    if (!this.exited) this.child.postMessage({ t: 'connect' }, [port]);
  }

  blob(documentId: string, kind: 'original' | 'pdf'): Promise<BlobAnswer> {
    return this.request<BlobAnswer>(
      (id) => ({ t: 'blob', id, documentId, kind }),
      (m) => {
        if (m.t !== 'blob') return null;
        const { t: _t, id: _id, ...answer } = m;
        return answer;
      },
      { ok: false, status: 500 },
    );
  }

  /** A page's image for postkamer://page/… (a thumbnail, or the display size). */
  page(pageId: string, size: 'thumb' | 'image'): Promise<BlobAnswer> {
    return this.request<BlobAnswer>(
      (id) => ({ t: 'page', id, pageId, size }),
      (m) => {
        if (m.t !== 'page') return null;
        const { t: _t, id: _id, ...answer } = m;
        return answer;
      },
      { ok: false, status: 500 },
    );
  }

  /** A command with origin 'main' (may call `local` commands such as ingest.paths). */
  call(cmd: string, input: unknown): Promise<Result<unknown>> {
    return this.request<Result<unknown>>(
      (id) => ({ t: 'call', id, cmd, input }),
      (m) => (m.t === 'result' ? m.result : null),
      { ok: false, error: gone() },
    );
  }

  /** The audit trail's current anchor text (null: none, or the core is gone), for the OS keychain's copy. */
  auditAnchor(): Promise<string | null> {
    return this.request<string | null>(
      (id) => ({ t: 'audit-anchor', id }),
      (m) => (m.t === 'audit-anchor' ? m.text : null),
      null,
    );
  }

  /** The OS session locked or the machine suspends: the core locks every session (each person signs in again). */
  lockSessions(): void {
    if (!this.exited) this.child.postMessage({ t: 'lock-sessions' });
  }

  /** Asks the core to close the store and exit; kills it if it has not exited after `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopping = true;
    if (this.exited) return;
    const exited = new Promise<void>((ok) => this.exitWaiters.push(ok));
    this.child.postMessage({ t: 'shutdown' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<'timeout'>((ok) => (timer = setTimeout(() => ok('timeout'), graceMs)));
    if ((await Promise.race([exited, timeout])) === 'timeout') this.child.kill();
    clearTimeout(timer);
  }

  private request<T>(make: (id: number) => ToCore, pick: (m: FromCore) => T | null, ifGone: T): Promise<T> {
    if (this.exited) return Promise.resolve(ifGone);
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.waiting.set(id, (m) => resolve((m && pick(m)) ?? ifGone));
      this.child.postMessage(make(id));
    });
  }
}

export const coreUnavailable = (): WireError => new PostkamerError('internal', '(de verwerkingskern draait niet)').toWire();
