// Main's side of the app's life: locked → starting → ready (→ restarting → ready | locked | down).
import { commands } from '../src/contract/commands';
import { PostkamerError, type WireError } from '../src/contract/errors';
import type { Result } from '../src/contract/wire';
import type { BlobAnswer } from '../src/contract/core-process';
import { CoreError, CoreProcess, type ChildLike } from './core-process';
import { planStart, planUnlock, type CoreKey, type Keychain, type LockReason } from './keys';
import { restartPolicy, type RestartPolicy } from './restart';

// It answers `shell.state` / `shell.unlock` itself (the core cannot answer before it has a key), starts and restarts
// the core, and hands every renderer that says hello its own MessagePort to the core. No Electron here (see main.ts
// for the wiring), so test/unit/main/shell.test.ts runs it against the real core host in-process.

/** What the preload is told when its port to the core stops working. */
export interface CoreState {
  state: 'waiting' | 'locked' | 'down';
  error?: WireError;
}

export interface PortLike {
  close(): void;
}

/** The window's webContents, as far as the shell talks to it (through the preload). */
export interface RendererLink<Port> {
  postPort(port: Port): void;
  send(state: CoreState): void;
}

export interface ShellDeps<Port extends PortLike> {
  dataDir: string;
  keychain: Keychain;
  /** Forks a fresh core process (utilityProcess.fork in the app). */
  spawn(): ChildLike<Port>;
  /** A fresh MessageChannelMain: one end for the core, one for the renderer. */
  channel(): { core: Port; renderer: Port };
  log(line: string): void;
  /** A fatal, user-visible problem (the core cannot start): main shows a dialog. */
  onFatal?(error: WireError): void;
  policy?: RestartPolicy;
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => void;
  /** Where the copy of the audit trail's anchor is kept outside the data folder (the OS keychain), when there is one. */
  anchorCopy?: AnchorCopy;
}

/** The audit anchor's copy in the OS keychain: read at start, replaced by a newer one. */
export interface AnchorCopy {
  load(): string | null;
  save(text: string): void;
}

/** The head an anchor text names (its `seq`); the core checks the MAC, main only orders copies. */
function anchorSeq(text: string | null): number {
  try {
    const seq = (JSON.parse(text ?? 'null') as { seq?: unknown } | null)?.seq;
    return typeof seq === 'number' && Number.isSafeInteger(seq) ? seq : -1;
  } catch {
    return -1;
  }
}

type State<Port> =
  | { kind: 'idle' }
  | { kind: 'locked'; reason: LockReason }
  | { kind: 'starting'; core: CoreProcess<Port> }
  | { kind: 'ready'; core: CoreProcess<Port> }
  | { kind: 'restarting' }
  | { kind: 'down'; error: WireError }
  | { kind: 'stopped' };

const LOCKED: WireError = { code: 'forbidden', message: 'De opslag is vergrendeld: ontgrendel haar eerst.' };
const BUSY: WireError = { code: 'forbidden', message: 'De opslag wordt al ontgrendeld.' };
const wire = (e: unknown): WireError =>
  e instanceof CoreError ? e.wire : e instanceof PostkamerError ? e.toWire() : new PostkamerError('internal').toWire();

export class Shell<Port extends PortLike> {
  private state: State<Port> = { kind: 'idle' };
  private unlockedBy: 'keychain' | 'passphrase' | null = null;
  private renderer: RendererLink<Port> | null = null;
  private unlocking = false;
  private readonly policy: RestartPolicy;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => void;

  constructor(private readonly deps: ShellDeps<Port>) {
    this.policy = deps.policy ?? restartPolicy();
    this.now = deps.now ?? Date.now;
    this.schedule = deps.schedule ?? ((fn, ms) => void setTimeout(fn, ms));
  }

  /** At start-up: opens the store with the OS keychain when possible; otherwise waits for `shell.unlock`. */
  async boot(): Promise<void> {
    const plan = planStart(this.deps.dataDir, this.deps.keychain);
    if (plan.kind === 'locked') {
      this.state = { kind: 'locked', reason: plan.reason };
      this.deps.log(`store locked (${plan.reason}): waiting for a passphrase`);
      return;
    }
    const error = await this.start(plan, 'keychain');
    if (error) this.fail(error);
  }

  shellState(): { locked: boolean; reason: LockReason | null } {
    return this.state.kind === 'locked' ? { locked: true, reason: this.state.reason } : { locked: false, reason: null };
  }

  async unlock(raw: unknown): Promise<Result<{ locked: boolean }>> {
    const parsed = commands['shell.unlock'].input.safeParse(raw ?? {});
    if (!parsed.success) return { ok: false, error: new PostkamerError('invalid-input').toWire() };
    if (this.state.kind === 'starting' || this.state.kind === 'ready' || this.state.kind === 'restarting')
      return { ok: true, data: { locked: false } };
    if (this.state.kind !== 'locked') return { ok: false, error: this.state.kind === 'down' ? this.state.error : LOCKED };
    if (this.unlocking) return { ok: false, error: BUSY };
    this.unlocking = true;
    const reason = this.state.reason;
    try {
      const key = await planUnlock(this.deps.dataDir, parsed.data);
      const error = await this.start(key, 'passphrase');
      if (error) {
        // (read afresh: the app may have started quitting while the core was starting)
        if ((this.state as State<Port>).kind !== 'stopped') this.state = { kind: 'locked', reason };
        return { ok: false, error };
      }
      return { ok: true, data: { locked: false } };
    } catch (e) {
      return { ok: false, error: wire(e) };
    } finally {
      this.unlocking = false;
    }
  }

  /** A renderer (re)loaded and asked for its port: it gets a fresh channel once the core is ready. */
  attachRenderer(link: RendererLink<Port>): void {
    this.renderer = link;
    if (this.state.kind === 'ready') this.connect(this.state.core, link);
    else if (this.state.kind === 'down') link.send({ state: 'down', error: this.state.error });
  }

  detachRenderer(link: RendererLink<Port>): void {
    if (this.renderer === link) this.renderer = null;
  }

  /** Bytes for postkamer://blob/…; null while no core is running. */
  async blob(documentId: string, kind: 'original' | 'pdf'): Promise<BlobAnswer | null> {
    return this.state.kind === 'ready' ? this.state.core.blob(documentId, kind) : null;
  }

  /** A page's thumbnail or display image, from the core process (cached encrypted in its vault). */
  async page(pageId: string, size: 'thumb' | 'image'): Promise<BlobAnswer | null> {
    return this.state.kind === 'ready' ? this.state.core.page(pageId, size) : null;
  }

  /** A command from main itself (origin 'main'), e.g. the menu's import of files chosen in a native dialog. */
  async call(cmd: string, input: unknown): Promise<Result<unknown>> {
    if (this.state.kind === 'ready') return this.state.core.call(cmd, input);
    return { ok: false, error: this.state.kind === 'down' ? this.state.error : LOCKED };
  }

  /** powerMonitor: the OS session locked or the machine suspends. Every signed-in session locks. */
  lockSessions(): void {
    if (this.state.kind === 'ready') this.state.core.lockSessions();
  }

  /**
   * Copies the audit trail's current anchor to the OS keychain (on a timer and at quit), so that a store whose newest
   * entries and anchor file were both removed is still found out at the next start. The copy only moves forward: an
   * anchor naming an older head never replaces it, and the core hands out none while the copy it was started with
   * names a row the trail no longer has (cut, then grown again). Returns whether a newer anchor was saved.
   */
  async keepAuditAnchor(): Promise<boolean> {
    if (this.state.kind !== 'ready' || !this.deps.anchorCopy) return false;
    const text = await this.state.core.auditAnchor();
    if (!text || anchorSeq(text) <= anchorSeq(this.loadAnchorCopy())) return false;
    try {
      this.deps.anchorCopy.save(text);
      return true;
    } catch (e) {
      this.deps.log(`audit anchor not kept in the keychain: ${(e as Error).name}`);
      return false;
    }
  }

  private loadAnchorCopy(): string | null {
    try {
      return this.deps.anchorCopy?.load() ?? null;
    } catch {
      return null;
    }
  }

  async shutdown(): Promise<void> {
    await this.keepAuditAnchor().catch(() => false);
    const s = this.state;
    this.state = { kind: 'stopped' };
    if (s.kind === 'ready' || s.kind === 'starting') await s.core.stop();
  }

  /** Starts a core with `key` (zeroed once sent). Returns null when it is ready, else why it is not. */
  private async start(key: CoreKey, by: 'keychain' | 'passphrase'): Promise<WireError | null> {
    const link = this.renderer;
    const ch = link ? this.deps.channel() : null;
    const kept = this.loadAnchorCopy();
    const init = { dataDir: this.deps.dataDir, auditAnchors: kept ? [kept] : [], ...key };
    const core = new CoreProcess(this.deps.spawn(), init, ch?.core ?? null, (code) => this.exited(core, code));
    this.state = { kind: 'starting', core };
    try {
      await core.ready;
    } catch (e) {
      ch?.renderer.close();
      if (this.state.kind === 'starting' && this.state.core === core) this.state = { kind: 'idle' };
      return wire(e);
    }
    if (this.state.kind !== 'starting' || this.state.core !== core) {
      ch?.renderer.close();
      return { code: 'internal', message: 'De verwerkingskern is gestopt tijdens het starten.' };
    }
    this.state = { kind: 'ready', core };
    this.unlockedBy = by;
    this.deps.log(`core ready (unlocked by ${by})`);
    if (ch && link && link === this.renderer) link.postPort(ch.renderer);
    else {
      ch?.renderer.close();
      if (this.renderer) this.connect(core, this.renderer);
    }
    return null;
  }

  private connect(core: CoreProcess<Port>, link: RendererLink<Port>): void {
    const ch = this.deps.channel();
    core.connect(ch.core);
    link.postPort(ch.renderer);
  }

  private fail(error: WireError): void {
    if (this.state.kind === 'stopped') return; // the app is quitting: a core stopped while starting is no failure
    this.state = { kind: 'down', error };
    this.deps.log(`core down: ${error.code}`);
    this.renderer?.send({ state: 'down', error });
    this.deps.onFatal?.(error);
  }

  private exited(core: CoreProcess<Port>, code: number): void {
    // A core that dies while starting is reported by start() to its caller; an old run is of no interest.
    if (this.state.kind !== 'ready' || this.state.core !== core) return;
    this.deps.log(`core exited unexpectedly (code ${code})`);
    if (this.unlockedBy === 'passphrase') {
      // main does not keep the key: after a crash a passphrase-unlocked store must be unlocked again.
      this.state = { kind: 'locked', reason: 'no-keychain' };
      this.renderer?.send({ state: 'locked' });
      return;
    }
    const delay = this.policy.next(this.now());
    if (delay === null) {
      return this.fail({
        code: 'internal',
        message: 'De verwerkingskern stopt steeds opnieuw en is niet meer gestart. Neem contact op met de beheerder.',
      });
    }
    this.state = { kind: 'restarting' };
    this.renderer?.send({ state: 'waiting' });
    this.schedule(() => void this.restart(), delay);
  }

  private async restart(): Promise<void> {
    if (this.state.kind !== 'restarting') return;
    const plan = planStart(this.deps.dataDir, this.deps.keychain);
    if (plan.kind === 'locked') {
      this.state = { kind: 'locked', reason: plan.reason };
      this.renderer?.send({ state: 'locked' });
      return;
    }
    const error = await this.start(plan, 'keychain');
    if (error) this.fail(error);
  }
}
