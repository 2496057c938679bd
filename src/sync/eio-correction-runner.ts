// The sync worker's share for EIO corrections: claims the due ones and sends them one after another.
import { countOpenCorrections, selectCorrectionDueTimes } from '../store/eio-corrections';
import type { Store } from '../store/store';
import type { DeliverContext } from './deliver-context';
import { applyCorrection, claimCorrections, type CorrectionOutcome } from './eio-correction';
import { holderIsDead, WORKER_ID } from './outbox';
import type { RunSummary } from './worker-options';

// Corrections are a clerk's occasional edits, not a stream: one at a time is enough, and keeps the corrections of one
// document in order without any further bookkeeping. A pass claims a few, sends them, and claims again until none is
// due; a pass that found nothing claimable (another process holds them) waits a second before the next.

const CLAIM = 4;
const QUIET_MS = 1_000;

export interface CorrectionRunnerDeps {
  context(): DeliverContext;
  /** Environments that may get work now (configured, online, not paused). */
  envs(): string[];
  stopping(): boolean;
  /** A pass ended (the loop may sleep or stop now). */
  settled(): void;
}

export class CorrectionRunner {
  private running: Promise<void> | null = null;
  private quietUntil = 0;
  stats = { corrected: 0, attention: 0, retried: 0 };

  constructor(
    private readonly store: Store,
    private readonly deps: CorrectionRunnerDeps,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Starts a pass when none is running and one may find work. */
  kick(nowMs: number): void {
    if (this.running || this.deps.stopping() || nowMs < this.quietUntil) return;
    const due = this.nextDueAt(this.deps.envs());
    if (due === null || due > nowMs) return;
    this.running = this.pass()
      .catch((e) => {
        process.stderr.write(`[postkamer] EIO corrections: ${(e as Error)?.message?.slice(0, 200)}\n`);
      })
      .finally(() => {
        this.running = null;
        this.deps.settled();
      });
  }

  private async pass(): Promise<void> {
    while (!this.deps.stopping()) {
      const ctx = this.deps.context();
      const envs = this.deps.envs();
      const claimed = await ctx.commit(() => claimCorrections(this.store.db, ctx.owner, CLAIM, ctx.now(), { envs, leaseMs: ctx.leaseMs }));
      if (claimed.length === 0) {
        this.quietUntil = ctx.now() + QUIET_MS;
        return;
      }
      for (const c of claimed) this.count(await applyCorrection(ctx, c));
    }
  }

  private count(o: CorrectionOutcome): void {
    if (o.kind === 'done') this.stats.corrected++;
    else if (o.kind === 'attention') this.stats.attention++;
    else if (o.kind === 'retry') this.stats.retried++;
  }

  /** Waits for the pass in flight (if any). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Earliest time (ms) a correction in `envs` could be claimed by `owner`: its retry time, or the end of another's lease. */
  nextDueAt(envs: string[], owner: string = WORKER_ID): number | null {
    let min: number | null = null;
    for (const r of selectCorrectionDueTimes(this.store.db, envs)) {
      let t = r.t;
      if (r.holder && r.holder !== owner && r.until !== null && !holderIsDead(r.holder)) t = Math.max(t, r.until);
      if (min === null || t < min) min = t;
    }
    return min;
  }

  resetStats(): void {
    this.stats = { corrected: 0, attention: 0, retried: 0 };
  }

  /**
   * A run's summary with the corrections counted in: in attention, retried, and still to send (`remaining`).
   * RunSummary has no field for corrections sent; they are counted in `stats.corrected`.
   */
  addTo(s: RunSummary, envs: string[]): RunSummary {
    const k = this.stats;
    return {
      ...s,
      attention: s.attention + k.attention,
      retried: s.retried + k.retried,
      remaining: s.remaining + countOpenCorrections(this.store.db, envs),
    };
  }
}

/** The earlier of two due times (null: nothing due). */
export const minDue = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.min(a, b));
