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
    case 'local':
      return f.message;
  }
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
