// The sync's health per environment as pure rules: how a request's outcome is classed, and what state follows.
import type { SyncFailure } from './failure';

/**
 * What went wrong with one request, as the supervisor reads it: no answer at all (`network`: refused, reset, DNS,
 * TLS, timeout), the server failing (`server`: 5xx, and 429 — it will not serve us now), the credential refused
 * (`auth`: 401/403), this request refused (`client`: any other 4xx, e.g. a validation error of one document), or an
 * answer we cannot use (`invalid`: not JSON, the wrong fields, too large, a redirect).
 */
export type OutcomeClass = 'network' | 'server' | 'auth' | 'client' | 'invalid';
export const OUTCOME_CLASSES: readonly OutcomeClass[] = ['network', 'server', 'auth', 'client', 'invalid'];

/** One request's outcome. `code`: the HTTP status ('500') or the network code ('ECONNREFUSED', 'timeout'); never a URL or body. */
export type HttpOutcome = { ok: true } | { ok: false; class: OutcomeClass; code: string };

export type HealthState = 'ok' | 'failing' | 'offline';

/** Codes are stored and shown: only letters, digits, '-' and '_', at most 40 characters. */
function safeCode(code: string): string {
  return code.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'onbekend';
}

/** The outcome of a request that got an HTTP status (`status` < 400 is a success, 304 included). */
export function outcomeOfStatus(status: number): HttpOutcome {
  if (status < 300 || status === 304) return { ok: true };
  const code = String(status);
  if (status < 400) return { ok: false, class: 'invalid', code };
  if (status === 401 || status === 403) return { ok: false, class: 'auth', code };
  if (status >= 500 || status === 429) return { ok: false, class: 'server', code };
  return { ok: false, class: 'client', code };
}

/** The outcome of a failed request; null for what never reached the wire (out-of-scope) or is a rule of ours. */
export function outcomeOfFailure(f: SyncFailure): HttpOutcome | null {
  switch (f.kind) {
    case 'network':
      return { ok: false, class: 'network', code: safeCode(f.code) };
    case 'timeout':
      return { ok: false, class: 'network', code: 'timeout' };
    case 'http':
      return outcomeOfStatus(f.status);
    case 'invalid-response':
      return { ok: false, class: 'invalid', code: 'invalid-response' };
    case 'too-large':
      return { ok: false, class: 'invalid', code: 'too-large' };
    case 'out-of-scope':
    case 'local':
      return null;
  }
}

/**
 * The state from the last outcome: `offline` when it got no answer (or the worker has the environment marked offline
 * now), `failing` when the server failed, refused the token or answered something unusable — never `ok` then —, and
 * `ok` when it succeeded or only refused that one request (a 4xx of a document: the server itself works). Nothing
 * recorded yet: `ok` (nothing has failed; `lastSuccessAt` stays null).
 */
export function healthState(last: HttpOutcome | null, markedOffline = false): HealthState {
  if (markedOffline) return 'offline';
  if (!last || last.ok) return 'ok';
  if (last.class === 'network') return 'offline';
  if (last.class === 'client') return 'ok';
  return 'failing';
}

/** What a failure means, in Dutch, from its class and code only (the server's own text may hold personal data). */
export function failureMessage(cls: OutcomeClass, code: string): string {
  switch (cls) {
    case 'network':
      if (code === 'timeout') return 'Het zaaksysteem gaf geen antwoord binnen de wachttijd.';
      if (code === 'ECONNREFUSED') return 'Het zaaksysteem is niet bereikbaar: de verbinding werd geweigerd.';
      if (/^(ENOTFOUND|EAI_)/.test(code)) return 'Het adres van het zaaksysteem werd niet gevonden (DNS).';
      if (/CERT|SSL|TLS|EPROTO|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i.test(code))
        return 'De beveiligde verbinding (TLS) met het zaaksysteem mislukte.';
      return `Het zaaksysteem is niet bereikbaar (netwerkfout ${code}).`;
    case 'server':
      if (code === '429') return 'Het zaaksysteem vraagt om minder verzoeken (HTTP 429); het wordt later opnieuw geprobeerd.';
      if (code === '503') return 'Het zaaksysteem is tijdelijk niet beschikbaar (HTTP 503).';
      return `Het zaaksysteem geeft een serverfout (HTTP ${code}); het wordt later opnieuw geprobeerd.`;
    case 'auth':
      return `Het zaaksysteem weigert de toegangssleutel (HTTP ${code}): controleer client-ID, secret en autorisaties.`;
    case 'client':
      return `Het zaaksysteem weigerde een verzoek (HTTP ${code}).`;
    case 'invalid':
      return `Het zaaksysteem gaf een antwoord dat niet te gebruiken is (${code}).`;
  }
}

/** What the store holds about one environment's requests (src/store/zgw-health.ts). */
export interface HealthFacts {
  last: HttpOutcome | null;
  lastSuccessAt: number | null;
  lastFailure: { at: number; class: OutcomeClass; code: string } | null;
  errorsLastHour: number;
  errorsLastDay: number;
  requestsLastHour: number;
}

export interface EnvHealth {
  state: HealthState;
  lastSuccessAt: string | null;
  lastFailure: { at: string; class: OutcomeClass; code: string; message: string } | null;
  errorsLastHour: number;
  errorsLastDay: number;
  requestsLastHour: number;
  /** Documents in attention by their reason (the outbox's last error code). */
  attentionByReason: Record<string, number>;
  /** Documents waiting for an automatic retry after an error, by that error's code (5xx and outages are retried). */
  waitingByReason: Record<string, number>;
}

/** One environment's health as the status shows it. */
export function envHealth(
  facts: HealthFacts,
  outbox: { attentionByReason: Record<string, number>; waitingByReason: Record<string, number> },
  markedOffline = false,
): EnvHealth {
  const f = facts.lastFailure;
  return {
    state: healthState(facts.last, markedOffline),
    lastSuccessAt: facts.lastSuccessAt === null ? null : new Date(facts.lastSuccessAt).toISOString(),
    lastFailure: f && { at: new Date(f.at).toISOString(), class: f.class, code: f.code, message: failureMessage(f.class, f.code) },
    errorsLastHour: facts.errorsLastHour,
    errorsLastDay: facts.errorsLastDay,
    requestsLastHour: facts.requestsLastHour,
    attentionByReason: outbox.attentionByReason,
    waitingByReason: outbox.waitingByReason,
  };
}
