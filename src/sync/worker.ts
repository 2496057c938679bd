// The delivery loop: keeps up to `concurrency` documents in flight, each walked through its steps by `deliver`.
import type { Store } from '../store/store';
import { countUnfinished } from '../store/outbox';
import { selectZgwConnectionEnvs } from '../store/zgw-connections';
import { refreshAll } from './catalogue';
import { ClientCache } from './client-cache';
import type { ZgwClients } from './clients';
import { setMeta } from './connections';
import { deliver, type DeliverContext, type Outcome } from './deliver';
import { BesideWork } from './beside-work';
import { freeze } from './freeze';
import { killPointFromEnv } from './kill-point';
import type { OutboxRow } from './outbox-machine';
import { claimDue, CommitQueue, nextDueAt, releaseUnstarted, wakeOffline, WORKER_ID } from './outbox';
import type { RunSummary, WorkerOptions } from './worker-options';

// Rows are claimed ahead in batches (one commit for several), and the records of all deliveries in flight share
// group commits whose fsync runs off the event loop (store/commit-queue.ts).
// When a server stops answering, its environment is marked offline: no new rows are claimed for it, a cheap probe
// is sent with growing intervals, and when the server answers again the waiting rows are due at once. A server that
// answers 429/503 with Retry-After gets no new work until that time.

export { DEFAULT_WORKER_OPTIONS, type RunSummary, type WorkerOptions } from './worker-options';

const SILENT_LIMIT = 3;

export class SyncWorker {
  private readonly active = new Map<string, Promise<void>>();
  /** Rows claimed ahead (one claim commit serves several deliveries). */
  private ready: OutboxRow[] = [];
  private readonly offline = new Map<string, { since: number; delay: number; timer?: NodeJS.Timeout }>();
  private readonly clientCache: ClientCache;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wakeUp: (() => void) | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private stats = { delivered: 0, attention: 0, retried: 0 };
  /** Environments whose server asked for a pause (Retry-After): no claims before this time. */
  private readonly pausedUntil = new Map<string, number>();
  /** Deliveries in a row that ended without any answer from the server, per environment. */
  private readonly silent = new Map<string, number>();
  /** Test hook: SIGKILL at a named point (kill-point.ts). */
  private readonly checkpoint = killPointFromEnv(process.env);
  lastRefreshError: string | null = null;
  readonly commits: CommitQueue;
  /** Corrections of delivered EIOs and the verklaringen van vervanging, sent from this same loop. */
  readonly beside: BesideWork;

  constructor(
    private readonly store: Store,
    readonly options: WorkerOptions,
  ) {
    this.commits = new CommitQueue(store.db, store.db.name);
    this.clientCache = new ClientCache(store, options);
    this.beside = new BesideWork(store, {
      context: () => this.context(),
      envs: () => this.workableEnvs(),
      stopping: () => this.stopping,
      settled: () => this.wake(),
    });
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  offlineEnvs(): string[] {
    return [...this.offline.keys()];
  }

  private envCache: { at: number; envs: string[] } | null = null;

  private configuredEnvs(): string[] {
    const now = Date.now();
    if (!this.envCache || now - this.envCache.at > 1000) this.envCache = { at: now, envs: selectZgwConnectionEnvs(this.store.db) };
    return this.envCache.envs;
  }

  /**
   * Clients per environment and the person `actor` names (the JWT's user_id and user_representation; see identity.ts),
   * rebuilt when the connection changes.
   */
  clients(env: string, actor: string): ZgwClients {
    return this.clientCache.get(env, actor);
  }

  private context(): DeliverContext {
    return {
      store: this.store,
      owner: WORKER_ID,
      clients: (env, actor) => this.clients(env, actor),
      now: this.options.now,
      random: this.options.random,
      backoff: this.options.backoff,
      inlineLimit: this.options.inlineLimit,
      zaakMaxAgeMs: this.options.zaakMaxAgeMs,
      leaseMs: this.options.leaseMs,
      commit: (fn) => this.commits.run(fn),
      checkpoint: this.checkpoint,
    };
  }

  private wake(): void {
    const w = this.wakeUp;
    this.wakeUp = null;
    w?.();
  }

  /**
   * Gives up a row this worker claimed ahead but has not started, so a clerk can change it now (relink).
   * False when it is being delivered at this moment.
   */
  yieldRow(documentId: string): boolean {
    if (this.active.has(documentId)) return false;
    const i = this.ready.findIndex((r) => r.documentId === documentId);
    if (i >= 0) releaseUnstarted(this.store.db, this.ready.splice(i, 1)[0], WORKER_ID, this.options.now());
    return true;
  }

  /** New work was queued (a link, a retry): look now instead of at the next poll. */
  nudge(): void {
    this.claimDry = false;
    this.wake();
  }

  /** Deliveries that hold a slot: in flight and not yet only waiting for their last record to reach the disk. */
  private busy = 0;

  private spawnReady(): void {
    const now = this.options.now();
    while (!this.stopping && this.busy < this.options.concurrency && this.ready.length > 0) {
      const i = this.ready.findIndex((r) => (this.pausedUntil.get(r.env) ?? 0) <= now);
      if (i < 0) break;
      this.spawn(this.ready.splice(i, 1)[0]);
    }
  }

  /** Environments that may get work now: configured, not offline, not paused by a Retry-After. */
  private workableEnvs(): string[] {
    const now = this.options.now();
    return this.configuredEnvs().filter((e) => !this.offline.has(e) && (this.pausedUntil.get(e) ?? 0) <= now);
  }

  /** Claims rows ahead (one commit, with the frozen content, serves several deliveries); returns how many. */
  private async claim(): Promise<number> {
    const envs = this.workableEnvs();
    // Rows claimed ahead for an environment that went offline (or asked for a pause) are given back now: leased to
    // this process they would refuse a clerk's relink ('zgw-busy') and wait out the lease in any other process.
    const dropped = this.ready.filter((r) => !envs.includes(r.env));
    if (dropped.length > 0) {
      this.ready = this.ready.filter((r) => envs.includes(r.env));
      for (const r of dropped) releaseUnstarted(this.store.db, r, WORKER_ID, this.options.now());
    }
    const exclude = new Set([...this.active.keys(), ...this.ready.map((r) => r.documentId)]);
    // Claim well ahead: a claim waits for its fsync, and deliveries should not wait for claims.
    const want = Math.min(64, this.options.concurrency * 4) - this.ready.length;
    if (want <= 0 || envs.length === 0) return 0;
    const store = this.store;
    const rows = await this.commits.run(() =>
      claimDue(store.db, WORKER_ID, want, this.options.now(), {
        envs,
        leaseMs: this.options.leaseMs,
        exclude,
        prepare: (row) => {
          if (row.sha256 !== null) return null;
          const f = freeze(store, row);
          return f === 'processing' ? null : f;
        },
      }),
    );
    this.ready.push(...rows);
    return rows.length;
  }

  private spawn(row: OutboxRow): void {
    let holdsSlot = true;
    const freeSlot = () => {
      if (!holdsSlot) return;
      holdsSlot = false;
      this.busy--;
      this.spawnReady();
      this.wake();
    };
    this.busy++;
    const ctx = { ...this.context(), finishing: freeSlot };
    const p = deliver(ctx, row)
      .then((o) => this.record(row, o))
      .catch((e) => {
        process.stderr.write(`[postkamer] sync: ${(e as Error)?.message?.slice(0, 200)}\n`);
      })
      .finally(() => {
        if (holdsSlot) {
          holdsSlot = false;
          this.busy--;
        }
        this.active.delete(row.documentId);
        this.claimDry = false;
        this.options.onChange?.();
        this.wake();
      });
    this.active.set(row.documentId, p);
  }

  private record(row: OutboxRow, o: Outcome): void {
    if (o.kind === 'done') this.stats.delivered++;
    else if (o.kind === 'attention') this.stats.attention++;
    else if (o.kind === 'retry') this.stats.retried++;
    // A server that asks us to wait (429/503 with Retry-After) gets no new work from this worker until then.
    if (o.kind === 'retry' && o.retryAfterMs !== undefined && o.retryAfterMs > 0) {
      const until = this.options.now() + Math.min(o.retryAfterMs, 60 * 60_000);
      this.pausedUntil.set(row.env, Math.max(this.pausedUntil.get(row.env) ?? 0, until));
    }
    // One reset is a lost answer; several in a row (or a refused connection) is an outage.
    const noAnswer = o.kind === 'retry' && (o.code === 'zgw-unreachable' || o.code === 'zgw-dns');
    const n = noAnswer ? (this.silent.get(row.env) ?? 0) + 1 : 0;
    this.silent.set(row.env, n);
    if (o.kind === 'retry' && (o.offline || n >= SILENT_LIMIT)) this.markOffline(row.env);
  }

  private markOffline(env: string): void {
    if (this.offline.has(env)) return;
    const entry: { since: number; delay: number; timer?: NodeJS.Timeout } = { since: this.options.now(), delay: this.options.probeMinMs };
    this.offline.set(env, entry);
    this.options.onChange?.();
    this.scheduleProbe(env);
  }

  private scheduleProbe(env: string): void {
    const entry = this.offline.get(env);
    if (!entry || this.stopping) return;
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void this.probe(env), entry.delay);
    entry.timer.unref?.();
  }

  /** Any HTTP answer (even an error) means the server is reachable again. */
  private async probe(env: string): Promise<void> {
    const entry = this.offline.get(env);
    if (!entry) return;
    let reachable = false;
    try {
      const c = this.clients(env, this.options.systemActor);
      await c.http.request({
        method: 'GET',
        url: `${c.conn.catalogi}/catalogussen`,
        query: { rsin: c.conn.rsin, pageSize: 1 },
        timeoutMs: 10_000,
      });
      reachable = true;
    } catch (e) {
      const f = (e as { failure?: { kind?: string } }).failure;
      reachable = f?.kind === 'http' || f?.kind === 'invalid-response' || f?.kind === 'too-large';
    }
    if (reachable) {
      this.offline.delete(env);
      this.silent.set(env, 0);
      wakeOffline(this.store.db, env);
      this.options.onChange?.();
      this.wake();
    } else {
      entry.delay = Math.min(entry.delay * 2, this.options.probeMaxMs);
      this.scheduleProbe(env);
    }
  }

  private claimInFlight: Promise<number> | null = null;
  /** The last claim found nothing: do not claim again until something changes (a delivery ends, a nudge, a timer). */
  private claimDry = false;

  /** Starts a claim in the background when the queue of claimed rows runs low. */
  private topUp(): void {
    if (this.claimInFlight || this.stopping || this.claimDry) return;
    if (this.ready.length >= 2 * this.options.concurrency) return;
    this.claimInFlight = this.claim()
      .catch((e) => {
        process.stderr.write(`[postkamer] sync claim failed: ${(e as Error)?.message?.slice(0, 200)}\n`);
        return 0;
      })
      .then((n) => {
        this.claimDry = n === 0;
        return n;
      })
      .finally(() => {
        this.claimInFlight = null;
        this.spawnReady();
        this.wake();
      });
  }

  private async loop(mode: 'forever' | 'once', maxWaitMs: number): Promise<void> {
    while (!this.stopping) {
      this.spawnReady();
      this.topUp();
      this.beside.kick(this.options.now());
      let sleep = this.options.idlePollMs;
      if (
        this.active.size === 0 &&
        !this.claimInFlight &&
        !this.beside.busy &&
        (this.ready.length === 0 || this.ready.every((r) => (this.pausedUntil.get(r.env) ?? 0) > this.options.now()))
      ) {
        // Idle: sleep until the next row is due (or, in a run-once, stop when nothing is due soon).
        const now = this.options.now();
        const online = this.configuredEnvs().filter((e) => !this.offline.has(e));
        let due = this.beside.nextDueAt(online, nextDueAt(this.store.db, online));
        const pauseEnd = Math.min(...online.map((e) => this.pausedUntil.get(e) ?? 0).filter((t) => t > now));
        if (Number.isFinite(pauseEnd) && due !== null && due < pauseEnd) due = pauseEnd;
        if (mode === 'once') {
          const comingBack = [...this.offline.values()].some((o) => now - o.since < Math.min(maxWaitMs, this.options.offlineGraceMs));
          if ((due === null || due > now + maxWaitMs) && !comingBack) break;
          if (this.offline.size > 0) sleep = 100;
        }
        sleep = Math.max(20, Math.min(sleep, (due ?? Infinity) - now));
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          this.wakeUp = null;
          this.claimDry = false; // time passed: retries may have come due
          resolve();
        }, sleep);
        this.wakeUp = () => {
          clearTimeout(t);
          resolve();
        };
      });
    }
    await this.claimInFlight;
    await Promise.allSettled([...this.active.values(), this.beside.idle()]);
    // Rows claimed ahead but not started go back, so another worker need not wait for the lease to run out.
    const left = this.ready.splice(0);
    for (const r of left) releaseUnstarted(this.store.db, r, WORKER_ID, this.options.now());
  }

  /** Background delivery until stop(). */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    for (const env of this.offline.keys()) this.scheduleProbe(env);
    this.running = this.loop('forever', 0).finally(() => {
      this.running = null;
    });
    const refresh = () => void this.refresh().catch(() => undefined);
    refresh();
    this.refreshTimer = setInterval(refresh, this.options.refreshIntervalMs);
    this.refreshTimer.unref?.();
  }

  /** Delivers what can be delivered now; waits for retries due within `maxWaitMs`, then returns. */
  async runOnce(maxWaitMs = 15_000): Promise<RunSummary> {
    if (this.running) throw new Error('the sync loop is already running');
    this.stopping = false;
    this.stats = { delivered: 0, attention: 0, retried: 0 };
    this.beside.resetStats();
    for (const env of this.offline.keys()) this.scheduleProbe(env);
    this.running = this.loop('once', maxWaitMs);
    try {
      await this.running;
    } finally {
      this.running = null;
      for (const e of this.offline.values()) clearTimeout(e.timer);
      await this.commits.close();
    }
    const envs = this.configuredEnvs();
    const remaining = countUnfinished(this.store.db, envs);
    return this.beside.addTo({ ...this.stats, remaining, offline: this.offlineEnvs() }, envs);
  }

  /**
   * Pulls the catalogue and the open zaken for every configured, reachable environment, as `actor` (the person who
   * asked; the timer's refresh is the background actor's).
   */
  async refresh(actor: string = this.options.systemActor): Promise<Record<string, Awaited<ReturnType<typeof refreshAll>>>> {
    const out: Record<string, Awaited<ReturnType<typeof refreshAll>>> = {};
    for (const env of this.configuredEnvs()) {
      if (this.offline.has(env)) continue;
      try {
        out[env] = await refreshAll(this.store.db, this.clients(env, actor), env);
        setMeta(this.store.db, 'lastRefreshAt', new Date().toISOString());
        this.lastRefreshError = null;
      } catch (e) {
        this.lastRefreshError = (e as Error).message;
        const f = (e as { failure?: { kind?: string } }).failure;
        if (f?.kind === 'network') this.markOffline(env);
        throw e;
      }
    }
    return out;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.refreshTimer) clearInterval(this.refreshTimer);
    this.refreshTimer = null;
    for (const e of this.offline.values()) clearTimeout(e.timer);
    this.wake();
    await this.running;
    await this.commits.close();
  }
}
