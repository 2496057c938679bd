// The work the sync worker does beside the deliveries, from the same loop: corrections of delivered EIOs and the
// verklaringen van vervanging, each runner with its own claims and passes.
import type { Store } from '../store/store';
import { VerklaringRunner } from './deliver-verklaring-runner';
import { CorrectionRunner, minDue, type CorrectionRunnerDeps } from './eio-correction-runner';
import type { RunSummary } from './worker-options';

export class BesideWork {
  /** Corrections of delivered EIOs (lock → PATCH → unlock). */
  readonly corrections: CorrectionRunner;
  /** The verklaringen van vervanging, one per batch and zaak (EIO → ZIO). */
  readonly verklaringen: VerklaringRunner;
  private readonly all: (CorrectionRunner | VerklaringRunner)[];

  constructor(store: Store, deps: CorrectionRunnerDeps) {
    this.corrections = new CorrectionRunner(store, deps);
    this.verklaringen = new VerklaringRunner(store, deps);
    this.all = [this.corrections, this.verklaringen];
  }

  /** A pass of either is running. */
  get busy(): boolean {
    return this.all.some((r) => r.busy);
  }

  kick(nowMs: number): void {
    for (const r of this.all) r.kick(nowMs);
  }

  /** The earliest due time of `base` (the deliveries') and of either runner's work in `envs`. */
  nextDueAt(envs: string[], base: number | null): number | null {
    return this.all.reduce((d, r) => minDue(d, r.nextDueAt(envs)), base);
  }

  async idle(): Promise<void> {
    await Promise.allSettled(this.all.map((r) => r.idle()));
  }

  resetStats(): void {
    for (const r of this.all) r.resetStats();
  }

  addTo(s: RunSummary, envs: string[]): RunSummary {
    return this.all.reduce((sum, r) => r.addTo(sum, envs), s);
  }
}
