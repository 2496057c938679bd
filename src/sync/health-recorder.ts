// Records the outcome of every request the sync sends, per environment, and reads the health back for sync.status.
import type { Db } from '../store/db';
import { insertHealthRows, selectHealth, selectOutboxReasons, type HealthRow } from '../store/zgw-health';
import { listConnections } from './connections';
import { envHealth, type EnvHealth, type HttpOutcome, type OutcomeClass } from './health';
import type { OutcomeListener } from './http';
import { connectionBases, UrlScope } from './url-scope';

/** Outcomes held before a write at most (a store that cannot be written must not grow memory without bound). */
const MAX_PENDING = 10_000;

/**
 * Outcomes are queued in memory and written together in the sync's next group commit (no fsync of their own); a
 * status read, a run's end and stop write what is left at once. The environment is found from the request's URL
 * under the connection's base URLs (the URL itself is never kept).
 */
export class HealthRecorder {
  private pending: HealthRow[] = [];
  private scheduled = false;
  private scopes: { at: number; list: { env: string; scope: UrlScope }[] } | null = null;

  constructor(
    private readonly db: Db,
    /** The sync worker's group commit (CommitQueue.run). */
    private readonly commit: (fn: () => void) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  /** For HttpOptions.onRequest: the listener of a request to `url`, when it goes to a configured environment. */
  listen(url: string): OutcomeListener | undefined {
    const env = this.envOf(url);
    return env === null ? undefined : (o) => this.record(env, o);
  }

  record(env: string, o: HttpOutcome): void {
    if (this.pending.length >= MAX_PENDING) this.pending.shift();
    const at = this.now();
    this.pending.push(o.ok ? { env, at, ok: true, class: null, code: null } : { env, at, ok: false, class: o.class, code: o.code });
    if (this.scheduled) return;
    this.scheduled = true;
    this.commit(() => {
      this.scheduled = false;
      this.write();
    }).catch(() => {
      this.scheduled = false; // the store closed or refused: the rows stay pending for the next write
    });
  }

  /** Writes what is pending now, in its own transaction. */
  flush(): void {
    if (this.pending.length === 0) return;
    try {
      this.db.transaction(() => this.write()).immediate();
    } catch {
      /* best effort: a failed write loses nothing that matters to delivery */
    }
  }

  private write(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    try {
      insertHealthRows(this.db, rows, this.now());
    } catch (e) {
      this.pending = rows.concat(this.pending).slice(-MAX_PENDING);
      throw e;
    }
  }

  /** The health of every configured environment (`offline`: the environments the worker has marked offline now). */
  health(offline: readonly string[]): Record<string, EnvHealth> {
    this.flush();
    const now = this.now();
    const out: Record<string, EnvHealth> = {};
    for (const c of listConnections(this.db)) {
      const h = selectHealth(this.db, c.env, now);
      const reasons = selectOutboxReasons(this.db, c.env);
      const last: HttpOutcome | null =
        h.last && (h.last.ok ? { ok: true } : { ok: false, class: h.last.class as OutcomeClass, code: h.last.code! });
      const lastFailure = h.lastFailure && { ...h.lastFailure, class: h.lastFailure.class as OutcomeClass };
      out[c.env] = envHealth(
        { ...h, last, lastFailure },
        { attentionByReason: reasons.attention, waitingByReason: reasons.waiting },
        offline.includes(c.env),
      );
    }
    return out;
  }

  /** The configured environment whose base URLs hold `url` (re-read at most once a second); null when none does. */
  private envOf(url: string): string | null {
    const now = Date.now();
    if (!this.scopes || now - this.scopes.at > 1000) {
      this.scopes = { at: now, list: listConnections(this.db).map((c) => ({ env: c.env, scope: new UrlScope(connectionBases(c)) })) };
    }
    return this.scopes.list.find((s) => s.scope.contains(url))?.env ?? null;
  }
}
