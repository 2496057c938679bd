// One HTTP exchange with a ZGW API: a fresh JWT per request, a timeout, the CRS headers where the Zaken API needs
// them, and every failure turned into a SyncFailure (never an untyped exception).
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { SyncError, parseRetryAfter, type Problem, type SyncFailure } from './failure';
import { outcomeOfFailure, outcomeOfStatus, type HttpOutcome } from './health';
import { mintZgwJwt } from './jwt';
import { ProblemBody } from './schemas';
import { DEFAULT_MAX_BODY_BYTES, multipart, send, WireError, type WireResponse } from './transport';
import { describeTarget, UrlScope } from './url-scope';

// Nothing here logs: URLs can carry zaaknummers and bodies carry content, so callers decide what is safe to record.
// This is the single choke point of every credentialed request: the JWT is only sent to URLs under the
// connection's base URLs (url-scope.ts), whatever a clerk typed or a server answered; a reference API outside them
// (the Selectielijst) is asked with `credentials: false`. Every answer is bounded (MAX_JSON_BYTES, downloads by
// their own limit).

export interface ZgwCredentials {
  clientId: string;
  secret: string;
}

export interface Identity {
  userId: string;
  userRepresentation: string;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface ZgwRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  query?: Query;
  json?: unknown;
  /** With `json`: this field of it carries the base64 of `bytes` (document content), see jsonWithBase64. */
  base64Field?: { field: string; bytes: Uint8Array };
  /** multipart/form-data: text fields plus one file. */
  form?: { fields: Record<string, string>; file: { name: string; filename: string; bytes: Uint8Array } };
  /** Zaak resources: `Accept-Crs: EPSG:4326` (and `Content-Crs` with a body); Open Zaak answers 412 without. */
  crs?: boolean;
  ifNoneMatch?: string;
  /** Checks the response body; a mismatch is a SyncFailure of kind 'invalid-response'. */
  schema?: z.ZodType<T>;
  timeoutMs?: number;
  as?: Identity;
  /**
   * false: an uncredentialed request (no Authorization header, no identity), for reference APIs an administrator
   * configures outside the zaaksysteem (the Selectielijst API that resultaattypen point to). It is not checked against
   * `bases` here: the caller admits the URL first (selectielijst.ts: the setting selectielijstBases). Nothing of ours
   * is in it (GET only, no body: anything else is refused as out-of-scope).
   */
  credentials?: boolean;
  /** Largest answer accepted (default MAX_JSON_BYTES). */
  maxBodyBytes?: number;
}

/** Largest JSON answer read (a list page of 100 objects is tens of kilobytes; 1.5 GB once grew the core to 3.3 GB). */
export const MAX_JSON_BYTES = DEFAULT_MAX_BODY_BYTES;
/** Largest content download when the caller gives no limit: the default largest file a document may have. */
export const MAX_DOWNLOAD_BYTES = 500 * 1000 * 1000;

export interface ZgwResponse<T> {
  status: number;
  data: T;
  etag?: string;
  /** 304 after If-None-Match: `data` is undefined. */
  notModified: boolean;
  /** Server clock (Date header), for clock-skew diagnosis. */
  serverDate?: number;
}

export interface HttpOptions {
  /**
   * The connection's base URLs (zaken, documenten, catalogi): the only places the credential is sent to. Empty:
   * no credentialed request is sent at all.
   */
  bases: readonly string[];
  timeoutMs?: number;
  identity: Identity;
  now?: () => number;
  /**
   * Called once per request sent (counting in benchmarks and tests). It may return a listener, which is then called
   * once with that request's outcome (the sync's health per environment, service.ts; class and code only).
   */
  onRequest?: (method: string, url: string) => void | OutcomeListener;
}

export type OutcomeListener = (outcome: HttpOutcome) => void;

/** Tells the listener (if any) how a request ended; a listener's own error never reaches the request. */
function settle(listener: unknown, outcome: HttpOutcome | null): void {
  if (typeof listener !== 'function' || outcome === null) return;
  try {
    (listener as OutcomeListener)(outcome);
  } catch {
    /* recording is best effort */
  }
}

const TLS_CODES = /CERT|SSL|TLS|EPROTO|ERR_SSL|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME/i;
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** Maps a transport failure to a SyncFailure. */
export function networkFailure(e: unknown, timeoutMs: number): SyncFailure {
  if (e instanceof WireError && e.timeout) return { kind: 'timeout', afterMs: timeoutMs };
  if (e instanceof WireError && e.code === 'EBODYTOOLARGE') return { kind: 'too-large', limitBytes: e.limitBytes ?? 0 };
  // Node's HTTP parser (llhttp) refused what came: an answer, but not valid HTTP (e.g. more bytes than its
  // Content-Length announced). The server is there; what it said is wrong.
  if (e instanceof WireError && e.code.startsWith('HPE_'))
    return { kind: 'invalid-response', detail: `ongeldig HTTP-antwoord (${e.code})` };
  const code = e instanceof WireError ? e.code : ((e as NodeJS.ErrnoException)?.code ?? 'ENETWORK');
  return { kind: 'network', code, offline: false, tls: TLS_CODES.test(code), dns: DNS_CODES.has(code) };
}

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  return u.href;
}

/**
 * `JSON.stringify({ ...value, [field]: base64(bytes) })` as UTF-8 bytes, without passing the base64 text (tens of
 * kilobytes to megabytes per document) through the JSON serializer and the UTF-8 encoder, which scan it twice more
 * and copy it twice: base64 needs no escaping, so it is put between the two halves of the rest as it is.
 */
export function jsonWithBase64(value: Record<string, unknown>, field: string, bytes: Uint8Array): Buffer {
  const placeholder = `postkamer-base64-${randomUUID()}`;
  const text = JSON.stringify({ ...value, [field]: placeholder });
  const at = text.indexOf(`"${placeholder}"`) + 1;
  const b64 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const head = text.slice(0, at);
  const tail = text.slice(at + placeholder.length);
  // One allocation, each part written in place (no intermediate buffers to concatenate).
  const out = Buffer.allocUnsafe(Buffer.byteLength(head, 'utf8') + b64.length + Buffer.byteLength(tail, 'utf8'));
  let n = out.write(head, 0, 'utf8');
  n += out.write(b64, n, 'latin1');
  n += out.write(tail, n, 'utf8');
  return n === out.length ? out : out.subarray(0, n);
}

export class ZgwHttp {
  private readonly timeoutMs: number;
  private readonly now: () => number;
  readonly scope: UrlScope;

  constructor(
    private readonly credentials: ZgwCredentials,
    private readonly options: HttpOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.scope = new UrlScope(options.bases);
  }

  get clientId(): string {
    return this.credentials.clientId;
  }

  /**
   * The URL as it will be sent, when the credential may go there; else a SyncError of kind 'out-of-scope' (nothing
   * is sent).
   */
  private admit(url: string): string {
    const admitted = this.scope.admit(url);
    if (admitted === null) throw new SyncError({ kind: 'out-of-scope', target: describeTarget(url), bases: [...this.scope.bases] });
    return admitted;
  }

  /** Mints the JWT for one request (never for a URL outside the bases: `admit` comes first). */
  private authorization(identity: Identity): string {
    return `Bearer ${mintZgwJwt({ clientId: this.credentials.clientId, ...identity }, this.credentials.secret, this.now())}`;
  }

  /**
   * Streams a content download (credentialed, inside the bases) into `onData`, refusing more than `maxBytes`.
   * Resolves with the status and headers once the whole body has been passed on.
   */
  async download(
    url: string,
    onData: (chunk: Buffer) => void,
    opts: { maxBytes?: number; timeoutMs?: number; as?: Identity } = {},
  ): Promise<{ status: number; headers: Record<string, string | undefined> }> {
    const target = this.admit(url);
    const timeoutMs = opts.timeoutMs ?? this.timeoutMs;
    const headers = { Accept: '*/*', Authorization: this.authorization(opts.as ?? this.options.identity) };
    const listener = this.options.onRequest?.('GET', target);
    let res: WireResponse;
    try {
      res = await send({ method: 'GET', url: target, headers, timeoutMs, maxBodyBytes: opts.maxBytes ?? MAX_DOWNLOAD_BYTES, onData });
    } catch (e) {
      const failure = networkFailure(e, timeoutMs);
      settle(listener, outcomeOfFailure(failure));
      throw new SyncError(failure);
    }
    settle(listener, outcomeOfStatus(res.status));
    if (res.status >= 300) throw new SyncError({ kind: 'http', status: res.status });
    return { status: res.status, headers: res.headers };
  }

  async request<T = unknown>(req: ZgwRequest<T>): Promise<ZgwResponse<T>> {
    const timeoutMs = req.timeoutMs ?? this.timeoutMs;
    const credentialed = req.credentials !== false;
    // Checked on the URL as sent (query included), before a token is minted or a byte leaves this process.
    let full: string;
    try {
      full = withQuery(req.url, req.query);
    } catch {
      full = req.url; // not a URL: refused below (credentialed) or by the transport (EINVALIDURL)
    }
    // Uncredentialed requests read reference data; nothing of ours (no body, no document) goes with them.
    if (!credentialed && (req.method !== 'GET' || req.json !== undefined || req.form !== undefined)) {
      throw new SyncError({ kind: 'out-of-scope', target: describeTarget(full), bases: [...this.scope.bases] });
    }
    const url = credentialed ? this.admit(full) : full;
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (credentialed) headers.Authorization = this.authorization(req.as ?? this.options.identity);
    let body: Buffer | undefined;
    if (req.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = req.base64Field
        ? jsonWithBase64(req.json as Record<string, unknown>, req.base64Field.field, req.base64Field.bytes)
        : Buffer.from(JSON.stringify(req.json), 'utf8');
    } else if (req.form) {
      const m = multipart(req.form.fields, req.form.file);
      headers['Content-Type'] = m.contentType;
      body = m.body;
    }
    if (req.crs) {
      headers['Accept-Crs'] = 'EPSG:4326';
      if (body !== undefined) headers['Content-Crs'] = 'EPSG:4326';
    }
    if (req.ifNoneMatch) headers['If-None-Match'] = req.ifNoneMatch;
    const listener = this.options.onRequest?.(req.method, url);
    try {
      const response = await this.exchange(req, url, headers, body, timeoutMs);
      settle(listener, { ok: true });
      return response;
    } catch (e) {
      settle(listener, e instanceof SyncError ? outcomeOfFailure(e.failure) : null);
      throw e;
    }
  }

  /** Sends one request and reads its answer; every failure is a SyncError. */
  private async exchange<T>(
    req: ZgwRequest<T>,
    url: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    timeoutMs: number,
  ): Promise<ZgwResponse<T>> {
    let res: WireResponse;
    try {
      res = await send({ method: req.method, url, headers, body, timeoutMs, maxBodyBytes: req.maxBodyBytes ?? MAX_JSON_BYTES });
    } catch (e) {
      throw new SyncError(networkFailure(e, timeoutMs));
    }
    const text = res.body.toString('utf8');
    const dateHeader = res.headers['date'];
    const serverDate = dateHeader ? Date.parse(dateHeader) : undefined;
    const etag = res.headers['etag'];

    if (res.status === 304) return { status: 304, data: undefined as T, etag: etag ?? req.ifNoneMatch, notModified: true, serverDate };
    if (res.status >= 300 && res.status < 400) {
      // Redirects are not followed: the token must not travel to another address.
      throw new SyncError({ kind: 'http', status: res.status, serverDate });
    }
    if (res.status >= 400) {
      let problem: Problem | undefined;
      try {
        const parsed = ProblemBody.safeParse(JSON.parse(text));
        if (parsed.success) problem = parsed.data;
      } catch {
        /* not JSON: a proxy's HTML error page */
      }
      throw new SyncError({
        kind: 'http',
        status: res.status,
        problem,
        retryAfterMs: parseRetryAfter(res.headers['retry-after'], this.now()),
        serverDate,
      });
    }
    let data: unknown = undefined;
    if (text.length > 0) {
      try {
        data = JSON.parse(text);
      } catch {
        throw new SyncError({ kind: 'invalid-response', detail: `geen JSON (HTTP ${res.status})` });
      }
    }
    if (req.schema) {
      const checked = req.schema.safeParse(data);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        throw new SyncError({ kind: 'invalid-response', detail: `${issue?.path.join('.') || '(body)'}: ${issue?.message ?? 'ongeldig'}` });
      }
      data = checked.data;
    }
    return { status: res.status, data: data as T, etag, notModified: false, serverDate };
  }
}
