// The outbox's rules, free of I/O: which step a row needs next, what a failure means for it, and how long to wait.
import { isExpiredToken, type SyncFailure } from './failure';
import { explainFailure } from './explain';

// Walk per document (DESIGN.md §4):
//   pending → document-created (EIO url, lock, parts) → content-uploaded → linked (ZIO url) → done
// with `attention` for what a person must fix. A new zaak, or a zaak given by zaaknummer, is resolved to its URL
// before anything is created, so an unknown zaaknummer never leaves an orphan document on the server. A new zaak
// with an initiator gets its initiator Rol right after the zaak (step `create-rol`), before the document.

export const OUTBOX_STATES = ['pending', 'document-created', 'content-uploaded', 'linked', 'done', 'attention'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface Part {
  url: string;
  volgnummer: number;
  omvang: number;
  voltooid: boolean;
}

export interface Initiator {
  naam: string;
  adres?: string;
  postcode?: string;
  woonplaats?: string;
  email?: string;
  telefoon?: string;
  /** A company: a niet-natuurlijk persoon by its KvK number. */
  kvk?: string;
  /** The clerk confirmed the BSN on the document's page (read from the store only when the Rol is sent). */
  bsnVanPagina?: boolean;
}

/**
 * How far the initiator Rol is: every POST is counted here before it is sent (so a later one looks for the Rol on
 * the zaak first); `done` once the Rol exists, or the zaaktype has no initiator roltype, or the server refused it
 * (the toelichting still names the initiator; the document is delivered all the same).
 */
export interface RolProgress {
  attempts: number;
  done?: 'created' | 'found' | 'no-roltype' | 'refused';
  url?: string;
}

export interface NewZaak {
  zaaktype: string;
  omschrijving: string;
  initiator?: Initiator;
  rol?: RolProgress;
}

export interface OutboxRow {
  documentId: string;
  env: string;
  state: OutboxState;
  actor: string;
  target: 'zaaknummer' | 'nieuwe-zaak';
  zaaknummer: string | null;
  zaakUrl: string | null;
  newZaak: NewZaak | null;
  zaakIdentificatie: string | null;
  informatieobjecttype: string | null;
  vertrouwelijkheidaanduiding: string | null;
  identificatie: string;
  contentBlobId: string | null;
  sha256: string | null;
  size: number | null;
  formaat: string | null;
  bestandsnaam: string | null;
  titel: string | null;
  ontvangstdatum: string | null;
  verzenddatum: string | null;
  eioUrl: string | null;
  lock: string | null;
  parts: Part[] | null;
  zioUrl: string | null;
  previousZioUrl: string | null;
  attempts: number;
  nextAttemptAt: number;
  lastErrorCode: string | null;
  lastError: string | null;
  claimedBy: string | null;
  claimedUntil: number | null;
  createdAt: string;
  updatedAt: string;
  doneAt: string | null;
  /** Creates of this row's EIO that may have reached the server, each recorded before it was sent. */
  eioAttempts: number;
}

export type Step =
  | 'freeze' // fix content, checksum and metadata (local)
  | 'reserve-zaaknummer'
  | 'create-zaak'
  | 'create-rol'
  | 'resolve-zaak'
  | 'create-eio'
  | 'upload-parts'
  | 'link'
  | 'finish';

export function nextStep(
  row: Pick<OutboxRow, 'state' | 'sha256' | 'zaakUrl' | 'target' | 'zaakIdentificatie'> & { newZaak?: NewZaak | null },
): Step | null {
  if (row.state === 'done' || row.state === 'attention') return null;
  if (row.sha256 === null) return 'freeze';
  if (row.zaakUrl === null) {
    if (row.target === 'nieuwe-zaak') return row.zaakIdentificatie === null ? 'reserve-zaaknummer' : 'create-zaak';
    return 'resolve-zaak';
  }
  if (needsRol(row)) return 'create-rol';
  switch (row.state) {
    case 'pending':
      return 'create-eio';
    case 'document-created':
      return 'upload-parts';
    case 'content-uploaded':
      return 'link';
    case 'linked':
      return 'finish';
  }
}

/** A new zaak (already made) whose initiator still needs its Rol. */
export function needsRol(row: { target: OutboxRow['target']; newZaak?: NewZaak | null }): boolean {
  return row.target === 'nieuwe-zaak' && !!row.newZaak?.initiator && !row.newZaak.rol?.done;
}

/**
 * What a delivery knows about a create before it sends it:
 *   - EIO, Rol: `attempt`, its number as recorded in the row before it is sent (1 = no earlier attempt can exist);
 *   - zaak / ZIO: whether the identity it is made under is new from this very delivery (`fresh`: a zaaknummer just
 *     reserved, an EIO just created — nobody can have made a zaak or a link with it yet), and how many times this
 *     delivery sent it already without having the answer (`triedHere`).
 */
export type CreateAttempt = { create: 'eio' | 'rol'; attempt: number } | { create: 'zaak' | 'zio'; fresh: boolean; triedHere: number };

/**
 * Whether a create must be preceded by a look-up (GET by identificatie, or by zaak + informatieobject): only when
 * an earlier attempt of it may have reached the server with its outcome unknown — a crash between the record and
 * the answer, a reset, a timeout, an "already exists". A first attempt is sent as is.
 */
export function mustLookUp(a: CreateAttempt): boolean {
  return 'attempt' in a ? a.attempt !== 1 : !a.fresh || a.triedHere > 0;
}

/**
 * At a claim: the record of the EIO create the claim may lead to, written in the claim's own commit (so a first
 * delivery costs no commit of its own before its first request). Null when the row needs no EIO create.
 */
export function claimEioAttempt(row: Pick<OutboxRow, 'state' | 'eioUrl' | 'eioAttempts'>): Pick<OutboxRow, 'eioAttempts'> | null {
  return row.state === 'pending' && row.eioUrl === null ? { eioAttempts: row.eioAttempts + 1 } : null;
}

/** Where a row stands by what it has recorded; used to leave `attention` (retry, relink). */
export function resumeState(row: Pick<OutboxRow, 'eioUrl' | 'lock' | 'zioUrl'>): OutboxState {
  if (row.eioUrl === null) return 'pending';
  if (row.lock !== null) return 'document-created';
  if (row.zioUrl === null) return 'content-uploaded';
  return 'linked';
}

export type Verdict =
  /** The object may already exist (identificatie-niet-uniek, unique, a finished unlock): look up again now. */
  | { kind: 'again'; code: string }
  /** The token was refused as expired: mint a fresh one and retry now. */
  | { kind: 'reauth' }
  | { kind: 'transient'; code: string; message: string; retryAfterMs?: number; offline: boolean }
  | { kind: 'permanent'; code: string; message: string };

const OFFLINE_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN']);
const RETRYABLE_STATUS = new Set([408, 409, 423, 425, 429, 500, 502, 503, 504]);
const AGAIN_CODES: Partial<Record<Step, string[]>> = {
  'create-eio': ['identificatie-niet-uniek'],
  'create-zaak': ['identificatie-niet-uniek'],
  link: ['unique'],
  // A part or an unlock that the server took but whose answer was lost: the next GET shows the truth.
  'upload-parts': ['incomplete-upload', 'unlocked', 'incorrect-lock-id', 'file-size'],
};

export function classify(f: SyncFailure, step: Step): Verdict {
  const message = explainFailure(f);
  switch (f.kind) {
    case 'network':
      // Refused or unresolvable: the server is offline until a probe gets an answer. A reset can also be one lost
      // answer (the worker counts those); a TLS failure is configuration, not an outage: probing would not help.
      return {
        kind: 'transient',
        code: f.tls ? 'zgw-tls' : f.dns ? 'zgw-dns' : 'zgw-unreachable',
        message,
        offline: f.dns || OFFLINE_CODES.has(f.code),
      };
    case 'timeout':
      return { kind: 'transient', code: 'zgw-timeout', message, offline: false };
    case 'invalid-response':
      return { kind: 'transient', code: 'zgw-invalid-response', message, offline: false };
    case 'local':
      return { kind: 'permanent', code: f.code, message };
    // Configuration (the connection's addresses or the server's catalogue): retrying cannot help, a person must act.
    case 'out-of-scope':
      return { kind: 'permanent', code: 'url-outside-connection', message };
    case 'too-large':
      return { kind: 'transient', code: 'zgw-response-too-large', message, offline: false };
    case 'http': {
      const codes = (f.problem?.invalidParams ?? []).map((p) => p.code);
      if (f.status === 400) {
        const again = AGAIN_CODES[step] ?? [];
        if (codes.some((c) => again.includes(c))) return { kind: 'again', code: codes.find((c) => again.includes(c))! };
        return { kind: 'permanent', code: codes[0] ?? f.problem?.code ?? 'zgw-rejected', message };
      }
      if (isExpiredToken(f)) return { kind: 'reauth' };
      // Credentials or authorisations: a problem of the connection, not of this document. Keep it in the queue.
      if (f.status === 401 || f.status === 403) return { kind: 'transient', code: 'zgw-auth', message, offline: false };
      if (RETRYABLE_STATUS.has(f.status) || f.status >= 500) {
        return { kind: 'transient', code: `zgw-http-${f.status}`, message, retryAfterMs: f.retryAfterMs, offline: false };
      }
      return { kind: 'permanent', code: `zgw-http-${f.status}`, message };
    }
  }
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 };
const MAX_RETRY_AFTER_MS = 60 * 60_000;

/**
 * Exponential backoff with "equal jitter" (half fixed, half random), so that several workstations that failed
 * together do not come back together. A server's Retry-After is a floor, never shortened by the jitter.
 */
export function backoffMs(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs?: number): number {
  const n = Math.max(1, attempt);
  const exp = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const jittered = Math.round(exp / 2 + random() * (exp / 2));
  const floor = retryAfterMs === undefined ? 0 : Math.min(Math.max(0, retryAfterMs), MAX_RETRY_AFTER_MS);
  return Math.max(jittered, floor);
}

/** Parts still to send, in order, each with its byte range in the file (parts are cut exactly by `omvang`). */
export function partsToUpload(parts: Part[]): { part: Part; start: number; end: number }[] {
  const sorted = [...parts].sort((a, b) => a.volgnummer - b.volgnummer);
  const out: { part: Part; start: number; end: number }[] = [];
  let offset = 0;
  for (const p of sorted) {
    if (!p.voltooid) out.push({ part: p, start: offset, end: offset + p.omvang });
    offset += p.omvang;
  }
  return out;
}

export function partsCoverSize(parts: Part[], size: number): boolean {
  return parts.reduce((s, p) => s + p.omvang, 0) === size;
}

export interface FoundEio {
  url: string;
  locked: boolean;
  bestandsomvang: number | null;
  integriteit: { algoritme?: string; waarde?: string } | null;
}

/** What an EIO found by identificatie means for our row. */
export function judgeFoundEio(found: FoundEio, sha256: string, size: number): 'complete' | 'uploading' | 'different' {
  const waarde = found.integriteit?.waarde?.toLowerCase();
  if (found.integriteit?.algoritme && found.integriteit.algoritme !== 'sha_256') return 'different';
  if (waarde !== undefined && waarde !== '' && waarde !== sha256) return 'different';
  if (found.bestandsomvang !== null && found.bestandsomvang !== size) return 'different';
  return found.locked ? 'uploading' : 'complete';
}
