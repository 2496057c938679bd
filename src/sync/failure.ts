// What can go wrong with one request, as plain data: the outbox machine classifies it without touching HTTP.

export interface InvalidParam {
  name: string;
  code: string;
  reason: string;
}

/** `application/problem+json` body (Fout / ValidatieFout). Only the fields we read. */
export interface Problem {
  code?: string;
  title?: string;
  detail?: string;
  status?: number;
  invalidParams?: InvalidParam[];
}

export type SyncFailure =
  /** No HTTP response: refused, reset, DNS, TLS. `offline` when the server cannot be reached at all. */
  | { kind: 'network'; code: string; offline: boolean; tls: boolean; dns: boolean }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'http'; status: number; problem?: Problem; retryAfterMs?: number; serverDate?: number }
  /** A response that does not have the fields we need (checked with zod at the boundary). */
  | { kind: 'invalid-response'; detail: string }
  /**
   * A credentialed request to a URL outside the connection's base URLs: refused before anything was sent (the
   * JWT must not travel there). `target` is scheme, host, port and path only (see url-scope.ts describeTarget).
   */
  | { kind: 'out-of-scope'; target: string; bases: string[] }
  /** The answer was larger than allowed (Content-Length, or counted as it arrived): the connection was cut. */
  | { kind: 'too-large'; limitBytes: number }
  /** A rule of ours says this document cannot go on (unknown zaak, archived zaak, content mismatch …). */
  | { kind: 'local'; code: string; message: string };

/** Carries a SyncFailure through `throw`. Its message never contains content, secrets or BSNs. */
export class SyncError extends Error {
  constructor(readonly failure: SyncFailure) {
    super(describeFailure(failure));
    this.name = 'SyncError';
  }
}

export function describeFailure(f: SyncFailure): string {
  switch (f.kind) {
    case 'network':
      return `netwerkfout (${f.code})`;
    case 'timeout':
      return `geen antwoord binnen ${Math.round(f.afterMs / 1000)} s`;
    case 'http':
      return `HTTP ${f.status}${f.problem?.code ? ` ${f.problem.code}` : ''}`;
    case 'invalid-response':
      return `onverwacht antwoord: ${f.detail}`;
    case 'out-of-scope':
      return `adres buiten de verbinding (${f.target})`;
    case 'too-large':
      return `antwoord groter dan ${formatLimit(f.limitBytes)}`;
    case 'local':
      return f.message;
  }
}

/** A byte limit as people read it (16 MiB, 500 MB). */
export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1_000_000) return `${Math.round(bytes / 1_000_000)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}

/**
 * The server refused the JWT as expired (or not yet valid): Open Zaak's own check says `jwt-expired`, PyJWT's `exp`
 * check "Signature has expired". Either way the cause is a clock (ours or the server's), not the credentials.
 */
export function isExpiredToken(f: SyncFailure): boolean {
  if (f.kind !== 'http' || (f.status !== 401 && f.status !== 403)) return false;
  return f.problem?.code === 'jwt-expired' || /signature has expired|not yet valid|verlopen/i.test(f.problem?.detail ?? '');
}

/** Parses a Retry-After header (delta-seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
