// How long a login must wait after failed sign-ins: nothing for the first few typos, then a delay that doubles with
// every further failure up to a quarter of an hour, so that guessing a six-digit PIN takes years, not minutes.

/** Failures allowed before any delay. */
export const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 15 * 60_000;

/** The wait after the `failures`-th failed attempt in a row (0 while within the free attempts). */
export function delayAfterFailures(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  const doublings = Math.min(30, failures - FREE_ATTEMPTS);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** doublings);
}

/** Seconds left to wait (rounded up), or 0 when a new attempt may be made now. */
export function secondsToWait(nextAttemptAt: number | null, now: number): number {
  return nextAttemptAt === null || nextAttemptAt <= now ? 0 : Math.ceil((nextAttemptAt - now) / 1000);
}
