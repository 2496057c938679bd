// The HTTP side of the test zaaksysteem: node:http on loopback, one pipeline per request
// (faults → route → JWT → CRS headers → parse → validate → handler → validate response).

import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Faults, type FaultRule } from './faults';
import { catalogiHandlers } from './handlers/catalogi';
import type { Handler, HandlerContext, HandlerResult } from './handlers/context';
import { documentenHandlers } from './handlers/documenten';
import { CRS, GEO_OPERATIONS, zakenHandlers } from './handlers/zaken';
import { resultatenHandlers } from './handlers/resultaten';
import { checkZgwJwt } from './jwt';
import { boundaryOf, parseMultipart, parseUrlEncoded } from './multipart';
import type { ZgwServer, ZgwServerInfo, ZgwServerOptions } from './options';
import { API_NAMES, loadSpecs, matchOperation, type ApiSpec, type JsonObject, type Operation } from './openapi/specs';
import { coerceQuery, sharedValidator } from './openapi/validator';
import { PROBLEM_CONTENT_TYPE, ZgwError, fieldError, toProblem, validationError } from './problem';
import { isValidRsin } from './rsin';
import { seed } from './seed';
import { createState, Urls, type RequestLogEntry } from './state';
import { handleControl } from './control';
import { handleSelectielijst, SELECTIELIJST_PREFIX } from './selectielijst';
import { configureHeap } from '../../src/core/heap';

const HANDLERS: Record<string, Handler> = { ...catalogiHandlers, ...zakenHandlers, ...resultatenHandlers, ...documentenHandlers };
const DEFAULT_RSIN = '002220647';
const DEFAULT_CHUNK = 1024 * 1024;
const DEFAULT_MAX_BODY = 256 * 1024 * 1024;
const MAX_LOGGED_REQUESTS = 10_000;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Reply {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
  /** Operation the request was routed to (for the log). */
  operationId?: string;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit)
        over = true; // keep draining so the connection stays usable
      else chunks.push(c);
    });
    req.on('end', () => (over ? reject(new BodyTooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export async function startZgwServer(opts: ZgwServerOptions = {}): Promise<ZgwServer> {
  // The same heap growth as the core (src/core/heap.ts). Measured in its own process under the sync benchmark's
  // documents: its V8 helper threads (marking, compiling) used ≈ 0.5 ms of CPU per document before, ≈ 0.23 after.
  configureHeap();
  const host = opts.host ?? '127.0.0.1';
  if (!isLoopback(host)) throw new Error(`zgw-server binds to loopback only; refused host "${host}"`);
  const rsin = opts.rsin ?? DEFAULT_RSIN;
  if (!isValidRsin(rsin)) throw new Error(`rsin "${rsin}" does not pass the 11-proef`);
  const clientId = opts.clientId ?? 'postkamer-test';
  const secret = opts.secret ?? randomBytes(24).toString('base64url');
  const log = opts.log ?? (() => {});
  const now = opts.now ?? (() => new Date());
  const chunkSize = opts.chunkSize ?? DEFAULT_CHUNK;
  if (!(Number.isInteger(chunkSize) && chunkSize > 0)) throw new Error('chunkSize must be a positive integer');
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;

  const specs = loadSpecs();
  const validator = opts.validate === false ? undefined : sharedValidator(specs);
  const state = createState();
  const sockets = new Set<Socket>();
  const faults = new Faults(opts.faultSeed ?? 1, () => {
    for (const s of sockets) s.destroy();
  });
  const secrets = new Map([[clientId, secret]]);
  let urls = new Urls('http://127.0.0.1');

  const server = createServer((req, res) => {
    handleRequest(req, res).catch((err) => {
      // Last resort: a bug in the pipeline itself.
      process.stderr.write(`[zgw-server] BUG: unhandled error: ${(err as Error).stack ?? String(err)}\n`);
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': PROBLEM_CONTENT_TYPE });
        res.end(
          JSON.stringify({
            code: 'error',
            title: 'Er is een serverfout opgetreden.',
            status: 500,
            detail: 'unhandled',
            instance: 'urn:uuid:0',
          }),
        );
      }
    });
  });
  server.on('connection', (s: Socket) => {
    if (faults.isOffline()) {
      s.destroy();
      return;
    }
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', urls.origin);
    const path = url.pathname;
    const entry: RequestLogEntry = { at: now().toISOString(), method, path, status: 0, ms: 0 };
    const finish = (status: number, operationId?: string) => {
      entry.status = status;
      entry.operationId = operationId;
      entry.ms = Math.round(performance.now() - started);
      state.requests.push(entry);
      // A long demo run should not grow without bound.
      if (state.requests.length > MAX_LOGGED_REQUESTS) state.requests.splice(0, state.requests.length - MAX_LOGGED_REQUESTS);
      log(
        `${status || 'RESET'} ${method} ${path}${operationId ? ` [${operationId}]` : ''} ${entry.ms}ms${entry.fault ? ` fault=${entry.fault}` : ''}`,
      );
    };

    let body: Buffer;
    try {
      body = await readBody(req, maxBody);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        send(res, problemReply(new ZgwError(413, 'request_entity_too_large', `Het verzoek is groter dan ${maxBody} bytes.`)));
        finish(413);
        return;
      }
      throw e;
    }

    if (path.startsWith('/_control/')) {
      const r = handleControl({ method, path, headers: req.headers, body, secret, faults, state });
      send(res, r);
      return;
    }

    // The Selectielijst route is no ZGW API: no faults (a test changes state.selectielijst instead), its own log.
    if (path.startsWith(SELECTIELIJST_PREFIX)) {
      send(res, handleSelectielijst(state, method, path, req.headers, entry.at));
      return;
    }

    const fault = faults.take(method, path);
    if (fault) entry.fault = fault.kind;
    if (fault?.kind === 'reset-before') {
      req.socket.destroy();
      finish(0);
      return;
    }
    if (fault?.kind === 'status' || fault?.kind === 'rate-limit' || fault?.kind === 'expired-token') {
      const r = faultReply(fault, apiOf(path));
      send(res, r);
      finish(r.status);
      return;
    }
    if (fault?.kind === 'slow') await sleep(fault.delayMs ?? 0);
    if (fault?.kind === 'huge-body') {
      finish(200);
      streamHugeBody(res, fault);
      return;
    }

    const reply = await route(req, method, url, body, entry);
    if (fault?.kind === 'reset-after-commit') {
      // The write is committed; the client never hears about it.
      req.socket.destroy();
      finish(0, reply.operationId);
      return;
    }
    send(res, reply);
    finish(reply.status, reply.operationId);
  }

  /**
   * A 200 with a JSON array of `bodyBytes` bytes, written in 64 KiB pieces as the socket drains (a misbehaving
   * server or proxy: the client must stop reading, not the server run out of memory). Stops when the client goes.
   */
  function streamHugeBody(res: ServerResponse, fault: FaultRule): void {
    const total = fault.bodyBytes ?? 2;
    const headers: Record<string, string | number> = { 'content-type': 'application/json' };
    if (fault.contentLength === 'honest') headers['content-length'] = total;
    else if (typeof fault.contentLength === 'number') headers['content-length'] = fault.contentLength;
    res.writeHead(200, headers);
    const piece = Buffer.alloc(64 * 1024, 0x20);
    let left = total - 2;
    let gone = false;
    res.on('close', () => (gone = true));
    res.on('error', () => (gone = true));
    res.socket?.on('error', () => (gone = true));
    // With a lying Content-Length Node refuses to write past it; the raw socket does not.
    const out = typeof fault.contentLength === 'number' && res.socket ? res.socket : res;
    if (out !== res) res.flushHeaders();
    const pump = () => {
      if (gone) return;
      if (left === total - 2 && !out.write('[')) return void out.once('drain', pump);
      while (left > 0 && !gone) {
        const n = Math.min(left, piece.length);
        left -= n;
        if (!out.write(n === piece.length ? piece : piece.subarray(0, n))) return void out.once('drain', pump);
      }
      if (!gone) {
        if (out === res) res.end(']');
        else out.end(']');
      }
    };
    pump();
  }

  function apiOf(path: string): ApiSpec | undefined {
    for (const api of API_NAMES) {
      const spec = specs.apis[api];
      if (path === spec.basePath || path.startsWith(`${spec.basePath}/`)) return spec;
    }
    return undefined;
  }

  function problemReply(err: ZgwError, spec?: ApiSpec): Reply {
    const headers: Record<string, string> = { 'content-type': PROBLEM_CONTENT_TYPE, ...(err.headers ?? {}) };
    if (spec) headers['api-version'] = spec.version;
    return { status: err.status, headers, body: Buffer.from(JSON.stringify(toProblem(err, urls.origin))) };
  }

  function faultReply(fault: FaultRule, spec: ApiSpec | undefined): Reply {
    if (fault.kind === 'rate-limit') {
      const retry = String(fault.retryAfterSeconds ?? 1);
      return problemReply(
        new ZgwError(429, 'throttled', `Verzoek is afgeremd. Probeer het over ${retry} seconden opnieuw.`, {
          headers: { 'retry-after': retry },
        }),
        spec,
      );
    }
    if (fault.kind === 'expired-token') {
      return problemReply(new ZgwError(403, 'jwt-expired', 'Het JWT is verlopen (geïnjecteerde fout).'), spec);
    }
    return problemReply(new ZgwError(fault.status ?? 500, undefined, 'Geïnjecteerde fout.'), spec);
  }

  async function route(req: IncomingMessage, method: string, url: URL, raw: Buffer, entry: RequestLogEntry): Promise<Reply> {
    const spec = apiOf(url.pathname);
    if (!spec) return problemReply(new ZgwError(404, 'not_found', 'Niet gevonden.'));
    const rel = url.pathname.slice(spec.basePath.length) || '/';
    const { match, allowed } = matchOperation(spec, method, rel);
    if (!match) {
      if (allowed.length) {
        return problemReply(
          new ZgwError(405, 'method_not_allowed', `Methode "${method}" niet toegestaan.`, { headers: { allow: allowed.join(', ') } }),
          spec,
        );
      }
      return problemReply(new ZgwError(404, 'not_found', 'Niet gevonden.'), spec);
    }
    const { op, pathParams } = match;
    let reply: Reply;
    try {
      reply = await runOperation(req, method, url, raw, spec, op, pathParams, entry);
    } catch (e) {
      if (e instanceof ZgwError) reply = problemReply(e, spec);
      else {
        stderr(`[zgw-server] BUG in ${op.operationId}: ${(e as Error).stack ?? String(e)}`);
        reply = problemReply(new ZgwError(500, 'error', `Interne fout in ${op.operationId}.`), spec);
      }
    }
    reply.operationId = op.operationId;
    return checkResponse(op, method, spec, reply);
  }

  async function runOperation(
    req: IncomingMessage,
    method: string,
    url: URL,
    raw: Buffer,
    spec: ApiSpec,
    op: Operation,
    pathParams: Record<string, string>,
    entry: RequestLogEntry,
  ): Promise<Reply> {
    const auth = checkZgwJwt(req.headers.authorization, {
      secrets,
      nowSeconds: Math.floor(now().getTime() / 1000),
      leewaySeconds: opts.jwtLeewaySeconds ?? 0,
      rejectFutureIat: opts.rejectFutureIat,
    });
    if (!auth.ok) throw new ZgwError(403, auth.code, auth.detail);
    entry.jwt = { clientId: auth.clientId, userId: auth.claims.user_id, userRepresentation: auth.claims.user_representation };

    if (spec.api === 'zaken' && GEO_OPERATIONS.has(op.operationId)) checkCrs(req, method);

    const pathProblems = validator
      ? validator.validatePath(op, pathParams)
      : Object.values(pathParams).every((v) => UUID_RE.test(v))
        ? []
        : [{}];
    if (pathProblems.length) throw new ZgwError(404, 'not_found', 'Niet gevonden.');

    const { body, view, mediaType } = parseBody(req, op, raw);
    const query = coerceQuery(op, url.searchParams);
    if (validator) {
      const problems = [...validator.validateQuery(op, query)];
      if (mediaType) problems.push(...validator.validateRequestBody(op, mediaType, view));
      if (problems.length) throw validationError(problems);
    }

    const handler = HANDLERS[op.operationId];
    if (!handler) throw new ZgwError(501, 'not-implemented', `${op.operationId} is niet geïmplementeerd in de test-zaaksysteem.`);
    const ctx: HandlerContext = {
      op,
      pathParams,
      query,
      requestUrl: url,
      body,
      headers: req.headers,
      state,
      urls,
      config: { rsin, chunkSize },
      now,
      schemaProps: (name) => ((spec.schemas[name] as JsonObject | undefined)?.properties ?? {}) as JsonObject,
    };
    const result: HandlerResult = await handler(ctx);
    const created = result.status === 201 ? (result.body as { url?: unknown } | undefined)?.url : undefined;
    if (typeof created === 'string') entry.created = created;
    return toReply(result, spec, method, req);
  }

  function checkCrs(req: IncomingMessage, method: string): void {
    // commonground-api-common GeoMixin (notes §3): Content-Crs on writes, Accept-Crs on all but DELETE.
    if (['POST', 'PUT', 'PATCH'].includes(method)) {
      const c = req.headers['content-crs'];
      if (c === undefined) throw new ZgwError(412, 'precondition_failed', "'Content-Crs' header ontbreekt");
      if (c !== CRS) throw new ZgwError(406, 'not_acceptable', `CRS '${String(c)}' is niet ondersteund`);
    }
    if (method === 'DELETE') return;
    const a = req.headers['accept-crs'];
    if (a === undefined) throw new ZgwError(412, 'precondition_failed', "'Accept-Crs' header ontbreekt");
    if (a !== CRS) throw new ZgwError(406, 'not_acceptable', `CRS '${String(a)}' is niet ondersteund`);
  }

  /** Returns the handler's body and a validation view of it (files replaced by a string placeholder). */
  function parseBody(req: IncomingMessage, op: Operation, raw: Buffer): { body: unknown; view: unknown; mediaType?: string } {
    if (!op.requestBody) return { body: undefined, view: undefined };
    const contentType = String(req.headers['content-type'] ?? '');
    const mediaType = contentType.split(';')[0].trim().toLowerCase();
    const accepted = Object.keys(op.requestBody.content);
    if (raw.length === 0) {
      // DRF does not parse an empty body (whatever its Content-Type): the data is empty and
      // validation reports the required fields.
      const mt = accepted.includes(mediaType) ? mediaType : accepted[0];
      return { body: {}, view: {}, mediaType: mt };
    }
    if (!accepted.includes(mediaType)) {
      throw new ZgwError(415, 'unsupported_media_type', `Ongeldige media type "${mediaType || '(geen)'}" in aanvraag.`);
    }
    if (mediaType === 'application/json') {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        return { body: parsed, view: parsed, mediaType };
      } catch (e) {
        throw fieldError('nonFieldErrors', 'parse_error', `JSON parse error - ${(e as Error).message}`);
      }
    }
    let fields: Record<string, string | Buffer>;
    try {
      if (mediaType === 'multipart/form-data') {
        const boundary = boundaryOf(contentType);
        if (!boundary) throw new Error('geen boundary in Content-Type');
        fields = parseMultipart(raw, boundary);
      } else {
        fields = parseUrlEncoded(raw);
      }
    } catch (e) {
      throw fieldError('nonFieldErrors', 'parse_error', `Multipart form parse error - ${(e as Error).message}`);
    }
    const view = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Buffer.isBuffer(v) ? '(binary)' : v]));
    return { body: fields, view, mediaType };
  }

  function toReply(result: HandlerResult, spec: ApiSpec, method: string, req: IncomingMessage): Reply {
    const headers: Record<string, string> = { 'api-version': spec.version };
    for (const [k, v] of Object.entries(result.headers ?? {})) headers[k.toLowerCase()] = v;
    let body: Buffer | undefined;
    if (result.binary) {
      body = result.binary;
      headers['content-type'] ??= 'application/octet-stream';
    } else if (result.body !== undefined) {
      body = Buffer.from(JSON.stringify(result.body));
      headers['content-type'] = 'application/json';
    }
    if ((method === 'GET' || method === 'HEAD') && result.status === 200 && body && !result.binary) {
      // Open Zaak sends an ETag on detail resources; doing it on lists too is harmless.
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"`;
      headers.etag = etag;
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*')) {
        return {
          status: 304,
          headers: { 'api-version': spec.version, etag, ...(headers['content-crs'] ? { 'content-crs': headers['content-crs'] } : {}) },
        };
      }
    }
    if (method === 'HEAD')
      return {
        status: result.status,
        headers: { ...headers, 'content-type': headers['content-type'] ?? 'application/json' },
        body: undefined,
      };
    return { status: result.status, headers, body };
  }

  /** Every response is checked against the OpenAPI file; a mismatch is a bug in this server → 500. */
  function checkResponse(op: Operation, method: string, spec: ApiSpec, reply: Reply): Reply {
    if (!validator || reply.status === 304 || method === 'HEAD') return reply;
    const mediaType = reply.headers['content-type']?.split(';')[0].trim();
    let parsed: unknown;
    if (reply.body && mediaType !== 'application/octet-stream') parsed = JSON.parse(reply.body.toString('utf8'));
    const problems = validator.validateResponse(op, reply.status, reply.headers, reply.body ? mediaType : undefined, parsed);
    if (problems.length === 0) return reply;
    state.responseErrors.push({ operationId: op.operationId, status: reply.status, problems });
    const msg = `[zgw-server] BUG: response ${reply.status} of ${op.operationId} does not match ${spec.api} ${spec.version}: ${problems.join('; ')}`;
    stderr(msg);
    log(msg);
    const err = new ZgwError(
      500,
      'response-invalid',
      `Het antwoord van de test-zaaksysteem voldoet niet aan de OpenAPI-specificatie: ${problems.slice(0, 5).join('; ')}`,
    );
    return { ...problemReply(err, spec), operationId: op.operationId };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('zgw-server: no address');
  const hostInUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  urls = new Urls(`http://${hostInUrl}:${addr.port}`);
  seed(state, urls, opts.seed ?? 'minimal', rsin);

  const info: ZgwServerInfo = {
    zaken: urls.base('zaken'),
    documenten: urls.base('documenten'),
    catalogi: urls.base('catalogi'),
    clientId,
    secret,
    rsin,
  };
  let closed: Promise<void> | undefined;
  return {
    info,
    faults,
    state,
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closed;
    },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  const headers = { ...reply.headers };
  if (reply.body) headers['content-length'] = String(reply.body.length);
  res.writeHead(reply.status, headers);
  res.end(reply.body);
}

function stderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
