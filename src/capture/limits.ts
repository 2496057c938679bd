// Bounds every capture source (eSCL, SANE) holds a scanner to, so a faulty or hostile device cannot exhaust memory or run a job forever.

const MiB = 1024 * 1024;

export const CAPTURE_LIMITS = {
  /** Largest page accepted: well above an A3 600-ppi colour scan as JPEG/PDF (an uncompressed A4 600-ppi RGB is ≈100 MB). */
  pageBytes: 256 * MiB,
  /** Most pages in one scanner job; a real feeder holds 50–500 sheets (duplex: twice as many pages). */
  pagesPerJob: 1000,
  /** Longest a whole job may run (1 000 pages at a slow 10 s each is under 3 hours). */
  jobMs: 4 * 60 * 60 * 1000,
  /** Longest wait for the next page, or for more bytes of one page (a 600-ppi colour page on a slow MFP takes a while). */
  pageIdleMs: 120_000,
} as const;

export type CaptureLimits = { -readonly [K in keyof typeof CAPTURE_LIMITS]: number };

/** Caller-chosen limits (tests, a device-specific configuration), never above the shared ceilings. */
export function captureLimits(o: Partial<CaptureLimits> = {}): CaptureLimits {
  const pick = (k: keyof CaptureLimits) => Math.min(CAPTURE_LIMITS[k], Math.max(1, Math.floor(o[k] ?? CAPTURE_LIMITS[k])));
  return { pageBytes: pick('pageBytes'), pagesPerJob: pick('pagesPerJob'), jobMs: pick('jobMs'), pageIdleMs: pick('pageIdleMs') };
}

export const inMiB = (n: number) => `${Math.round((n / MiB) * 10) / 10} MiB`;

/** "2 uur", "90 seconden": a duration for a Dutch message. */
export function duration(ms: number): string {
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return `${ms / 3_600_000} uur`;
  if (ms >= 60_000 && ms % 60_000 === 0) return `${ms / 60_000} minuten`;
  const s = Math.round(ms / 100) / 10;
  return s === 1 ? '1 seconde' : `${s} seconden`;
}
