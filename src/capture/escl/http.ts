// The HTTP the eSCL client needs, on node:http/https: a whole response in memory (pages are a few MB), a
// timeout per request, an AbortSignal, and TLS for _uscans._tcp scanners. Network failures come back as
// NetworkError so the client can tell "the scanner is gone" from "the scanner said no". Every body has a
// bound: a declared length over it is refused at the headers, and the bytes are counted as they arrive; past
// the bound the connection is destroyed (NetworkError 'response-too-large').
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createHash } from 'node:crypto';
import type { TLSSocket } from 'node:tls';

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface TlsOptions {
  /** Trusted CA (PEM) for a scanner with a certificate from the organisation's own CA. */
  ca?: string | Buffer;
  /**
   * SHA-256 fingerprint (hex, colons optional) of the scanner's own certificate. MFPs ship self-signed
   * certificates; pinning the one an administrator confirmed is safer than switching verification off.
   */
  fingerprint256?: string;
}

export class NetworkError extends Error {
  constructor(
    readonly reason: string,
    readonly timedOut = false,
  ) {
    super(`network: ${reason}`);
    this.name = 'NetworkError';
  }
}

export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

const normFp = (s: string) => s.replace(/[^0-9a-f]/gi, '').toUpperCase();

/** Bound of a response body when the caller names none. */
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export function httpCall(
  url: string,
  opts: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    timeoutMs: number;
    signal?: AbortSignal;
    tls?: TlsOptions;
    maxBytes?: number;
  },
): Promise<HttpResponse> {
  const maxBytes = opts.maxBytes !== undefined && opts.maxBytes > 0 ? opts.maxBytes : DEFAULT_MAX_RESPONSE_BYTES;
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new AbortedError());
    const u = new URL(url);
    const https = u.protocol === 'https:';
    const pin = opts.tls?.fingerprint256 ? normFp(opts.tls.fingerprint256) : undefined;
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const common = { method: opts.method ?? 'GET', headers, agent: false as const };
    const req = https
      ? httpsRequest(u, {
          ...common,
          ca: opts.tls?.ca,
          // With a pin, the chain may be self-signed; the pin check below replaces the CA check.
          rejectUnauthorized: pin === undefined,
        })
      : httpRequest(u, common);
    let settled = false;
    const fail = (e: Error) => {
      if (settled) return;
      settled = true;
      cleanup();
      req.destroy();
      reject(e);
    };
    const onAbort = () => fail(new AbortedError());
    const timer = setTimeout(() => fail(new NetworkError('timeout', true)), opts.timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (e: NodeJS.ErrnoException) => fail(new NetworkError(e.code ?? e.message)));
    let pinned = pin === undefined;
    if (https && pin !== undefined) {
      req.on('socket', (s) =>
        s.on('secureConnect', () => {
          const cert = (s as TLSSocket).getPeerCertificate();
          const fp = cert?.raw ? normFp(createHash('sha256').update(cert.raw).digest('hex')) : '';
          if (fp === pin) pinned = true;
          else fail(new NetworkError('certificate-mismatch'));
        }),
      );
    }
    req.on('response', (res) => {
      // Errors of the response stream after the call settled (the socket destroyed below) are expected.
      res.on('error', (e: NodeJS.ErrnoException) => fail(new NetworkError(e.code ?? e.message)));
      const tooLarge = () => {
        fail(new NetworkError('response-too-large'));
        res.destroy();
      };
      if (!pinned) return fail(new NetworkError('certificate-mismatch'));
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (settled) return;
        size += c.length;
        if (size > maxBytes) return tooLarge();
        chunks.push(c);
      });
      res.on('aborted', () => fail(new NetworkError('ECONNRESET')));
      res.on('end', () => {
        if (settled) return;
        // A body cut short (the scanner switched off mid-page) is a network failure, not a page.
        if (!res.complete) return fail(new NetworkError('ECONNRESET'));
        settled = true;
        cleanup();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    req.end(opts.body);
  });
}
