// The auto-lock's clock in the UI: locks after a stretch without a key, a click or a scroll, and tells the core the
// person is at work at most once per interval (a trailing report keeps the core's clock no later than the UI's).

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const browserTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ActivityClockOptions {
  /** Inactivity after which `onIdle` runs (once). */
  idleMs: number;
  /** The least time between two reports to the core. */
  reportEveryMs: number;
  onIdle(): void;
  report(): void;
  timers?: Timers;
}

export class ActivityClock {
  private readonly timers: Timers;
  private idleTimer: unknown = null;
  private reportTimer: unknown = null;
  private lastReport: number;
  private stopped = false;

  /** Starts counting now: the person has just signed in (which the core counts as activity). */
  constructor(private readonly opts: ActivityClockOptions) {
    this.timers = opts.timers ?? browserTimers;
    this.lastReport = this.timers.now();
    this.armIdle();
  }

  /** A key, a click or a scroll. */
  activity(): void {
    if (this.stopped) return;
    this.armIdle();
    if (this.reportTimer !== null) return;
    const wait = this.lastReport + this.opts.reportEveryMs - this.timers.now();
    if (wait <= 0) this.sendReport();
    else this.reportTimer = this.timers.setTimeout(() => this.sendReport(), wait);
  }

  stop(): void {
    this.stopped = true;
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    if (this.reportTimer !== null) this.timers.clearTimeout(this.reportTimer);
    this.idleTimer = this.reportTimer = null;
  }

  private sendReport(): void {
    this.reportTimer = null;
    if (this.stopped) return;
    this.lastReport = this.timers.now();
    this.opts.report();
  }

  private armIdle(): void {
    if (this.idleTimer !== null) this.timers.clearTimeout(this.idleTimer);
    this.idleTimer = this.timers.setTimeout(() => {
      this.idleTimer = null;
      if (this.stopped) return;
      this.stop();
      this.opts.onIdle();
    }, this.opts.idleMs);
  }
}
