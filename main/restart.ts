// When the core process dies unexpectedly main starts it again, but not forever: a core that crashes on every
// start (a damaged store, a bad native module) would otherwise spin. Pure, so it is tested with a fake clock.

export interface RestartPolicy {
  /** Records a crash at `now` (ms); returns the delay before the next start, or null to give up. */
  next(now: number): number | null;
}

export function restartPolicy(opts: { maxRestarts?: number; windowMs?: number; delaysMs?: number[] } = {}): RestartPolicy {
  const max = opts.maxRestarts ?? 3;
  const windowMs = opts.windowMs ?? 60_000;
  const delays = opts.delaysMs ?? [500, 2_000, 5_000];
  let crashes: number[] = [];
  return {
    next(now) {
      crashes = [...crashes.filter((t) => now - t < windowMs), now];
      if (crashes.length > max) return null;
      return delays[Math.min(crashes.length - 1, delays.length - 1)]!;
    },
  };
}
