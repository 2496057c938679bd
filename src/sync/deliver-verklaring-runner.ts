// The sync worker's share for the verklaringen van vervanging: makes the deliveries (batch × zaak) that are missing,
// claims the due ones and delivers them one after another.
import { appendAudit } from '../audit/audit';
import type { Db } from '../store/db';
import type { Store } from '../store/store';
import {
  countOpenVerklaringDeliveries,
  ensureVerklaringDeliveries,
  rearmForSetting,
  rearmVerklaringDeliveries,
  selectVerklaringCandidates,
  selectVerklaringDueTimes,
  updateVerklaringDelivery,
  verklaringWatch,
  type VerklaringTarget,
} from '../store/verklaring-deliveries';
import { deliverVerklaring, type VerklaringOutcome } from './deliver-verklaring';
import { SETTING_CODE, verklaringSetting } from './deliver-verklaring-type';
import type { CorrectionRunnerDeps } from './eio-correction-runner';
import { holderIsDead, LEASE_MS, WORKER_ID, type Who } from './outbox';
import type { RunSummary } from './worker-options';

// A verklaring is one per batch and zaak, not a stream: one at a time is enough. A pass first makes the deliveries
// that are missing and makes due again those that waited for the setting verklaringDocumenttype when it has changed:
// looking at all approved batches at the start of a run-once and every FULL_MS (≈ 0.2 s with 2,000 batches of 50
// documents), and at what changed since the last look (verklaringen made, outbox rows done from SINCE_MARGIN_MS before
// it; ≈ 10 ms) soon after it changed — a verklaring made, a document delivered to its zaak, the setting (watched on each
// kick, acted on at most once a SOON_MS).

const CLAIM = 4;
const QUIET_MS = 1_000;
const SOON_MS = 1_000;
const FULL_MS = 10 * 60_000;
/** A verklaring or a done row written just before the last look may have been committed just after it. */
const SINCE_MARGIN_MS = 60_000;

/**
 * Takes up to `limit` deliveries that are due and not leased by a live worker. One IMMEDIATE transaction.
 */
export function claimVerklaringDeliveries(
  db: Db,
  owner: string,
  limit: number,
  nowMs: number,
  opts: { envs: string[]; leaseMs?: number },
): VerklaringTarget[] {
  if (limit <= 0 || opts.envs.length === 0) return [];
  return db
    .transaction(() => {
      const out: VerklaringTarget[] = [];
      for (const d of selectVerklaringCandidates(db, { nowMs, envs: opts.envs, limit: limit * 4 })) {
        if (out.length >= limit) break;
        const h = d.claimedBy;
        if (!(h === null || h === owner || (d.claimedUntil ?? 0) < nowMs || holderIsDead(h))) continue;
        const lease = { claimedBy: owner, claimedUntil: nowMs + (opts.leaseMs ?? LEASE_MS) };
        updateVerklaringDelivery(db, d, lease);
        out.push({ ...d, ...lease });
      }
      return out;
    })
    .immediate();
}

/** Makes the verklaring deliveries in attention (of `batchId`, or all) due again; audited per batch asked for. */
export function retryVerklaringDeliveries(db: Db, who: Who, batchId?: string, now = new Date()): number {
  return db
    .transaction(() => {
      const n = rearmVerklaringDeliveries(db, now.toISOString(), batchId);
      if (n > 0)
        appendAudit(db, {
          actor: who.actor,
          origin: who.origin,
          action: 'zgw.verklaring.retry',
          objectType: batchId ? 'batch' : null,
          objectId: batchId ?? null,
          result: 'ok',
          details: { deliveries: n },
        });
      return n;
    })
    .immediate();
}

export class VerklaringRunner {
  private running: Promise<void> | null = null;
  private quietUntil = 0;
  /** The next look at all batches; the last look, and what it saw (verklaringWatch and the setting). */
  private fullAt = 0;
  private preparedAt = -Infinity;
  private seen: string | null = null;
  stats = { delivered: 0, attention: 0, retried: 0 };

  constructor(
    private readonly store: Store,
    private readonly deps: CorrectionRunnerDeps,
  ) {}

  get busy(): boolean {
    return this.running !== null;
  }

  /** Starts a pass when none is running and one may find (or make) work. */
  kick(nowMs: number): void {
    if (this.running || this.deps.stopping()) return;
    const prepare = nowMs >= this.fullAt ? 'full' : this.changedSince(nowMs) ? 'since' : null;
    if (!prepare) {
      if (nowMs < this.quietUntil) return;
      const due = this.nextDueAt(this.deps.envs());
      if (due === null || due > nowMs) return;
    }
    this.running = this.pass(prepare)
      .catch((e) => {
        process.stderr.write(`[postkamer] verklaringen: ${(e as Error)?.message?.slice(0, 200)}\n`);
      })
      .finally(() => {
        this.running = null;
        this.deps.settled();
      });
  }

  private async pass(prepare: 'full' | 'since' | null): Promise<void> {
    if (prepare) {
      const ctx = this.deps.context();
      const nowMs = ctx.now();
      const since =
        prepare === 'since' && Number.isFinite(this.preparedAt) ? new Date(this.preparedAt - SINCE_MARGIN_MS).toISOString() : undefined;
      if (prepare === 'full') this.fullAt = nowMs + FULL_MS;
      this.preparedAt = nowMs;
      this.seen = this.watch();
      const at = new Date(nowMs).toISOString();
      const setting = verklaringSetting(this.store);
      await ctx.commit(() => {
        ensureVerklaringDeliveries(this.store.db, at, since);
        rearmForSetting(this.store.db, SETTING_CODE, setting, at);
      });
    }
    while (!this.deps.stopping()) {
      const ctx = this.deps.context();
      const envs = this.deps.envs();
      const claimed = await ctx.commit(() =>
        claimVerklaringDeliveries(this.store.db, ctx.owner, CLAIM, ctx.now(), { envs, leaseMs: ctx.leaseMs }),
      );
      if (claimed.length === 0) {
        this.quietUntil = ctx.now() + QUIET_MS;
        return;
      }
      for (const d of claimed) this.count(await deliverVerklaring(ctx, d));
    }
  }

  /** What the deliveries to make depend on now; null while no batch has a verklaring (nothing to make, ever). */
  private watch(): string | null {
    const w = verklaringWatch(this.store.db);
    return w === null ? null : `${w}\u0000${verklaringSetting(this.store) ?? ''}`;
  }

  /** When a prepare is due because what it depends on changed since the last one (null: nothing changed). */
  private changeDueAt(): number | null {
    return this.watch() === this.seen ? null : this.preparedAt + SOON_MS;
  }

  private changedSince(nowMs: number): boolean {
    const at = this.changeDueAt();
    return at !== null && at <= nowMs;
  }

  private count(o: VerklaringOutcome): void {
    if (o.kind === 'done') this.stats.delivered++;
    else if (o.kind === 'attention') this.stats.attention++;
    else if (o.kind === 'retry') this.stats.retried++;
  }

  /** Waits for the pass in flight (if any). */
  async idle(): Promise<void> {
    await this.running;
  }

  /**
   * Earliest time (ms) a delivery in `envs` could be claimed by `owner` (its retry time, or the end of another's
   * lease), or a prepare is due because what it depends on changed.
   */
  nextDueAt(envs: string[], owner: string = WORKER_ID): number | null {
    let min: number | null = this.changeDueAt();
    for (const r of selectVerklaringDueTimes(this.store.db, envs)) {
      let t = r.t;
      if (r.holder && r.holder !== owner && r.until !== null && !holderIsDead(r.holder)) t = Math.max(t, r.until);
      if (min === null || t < min) min = t;
    }
    return min;
  }

  /** A new run: counts from zero, and its first kick looks at all batches. */
  resetStats(): void {
    this.stats = { delivered: 0, attention: 0, retried: 0 };
    this.fullAt = 0;
  }

  /**
   * A run's summary with the verklaringen counted in: in attention, retried, and still to send (`remaining`).
   * `delivered` counts documents; the verklaringen delivered are counted in `stats.delivered`.
   */
  addTo(s: RunSummary, envs: string[]): RunSummary {
    const k = this.stats;
    return {
      ...s,
      attention: s.attention + k.attention,
      retried: s.retried + k.retried,
      remaining: s.remaining + countOpenVerklaringDeliveries(this.store.db, envs),
    };
  }
}
