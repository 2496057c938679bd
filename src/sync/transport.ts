// The wire under ZgwHttp: node:http(s) with keep-alive agents.
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// Lighter per request than fetch (no web streams), which matters when documents are small and many; and it gives the
// raw error codes (ECONNREFUSED, TLS reasons) that "Verbinding testen" reports.

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
  /**
   * Largest response body accepted, in bytes. A larger Content-Length is refused before the body is read; without
   * one (chunked, or until the connection closes) the bytes are counted as they arrive. Over the limit the socket
   * is destroyed and the promise rejects with a WireError of code EBODYTOOLARGE. Default DEFAULT_MAX_BODY_BYTES.
   */
  maxBodyBytes?: number;
  /** Streams the body here instead of collecting it (content downloads); `body` of the response is then empty. */
  onData?: (chunk: Buffer) => void;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** Thrown for no (acceptable) answer; `code` is Node's error code (ECONNREFUSED, ECONNRESET, CERT_HAS_EXPIRED …). */
export class WireError extends Error {
  constructor(
    readonly code: string,
    readonly timeout = false,
    /** With code EBODYTOOLARGE: the limit that was exceeded. */
    readonly limitBytes?: number,
  ) {
    super(code);
    this.name = 'WireError';
  }
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 10_000 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 10_000 });

/** The limit of an answer when the caller sets none. */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export function send(req: WireRequest): Promise<WireResponse> {
  const maxBodyBytes = req.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return new Promise<WireResponse>((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(req.url);
    } catch {
      reject(new WireError('EINVALIDURL'));
      return;
    }
    const secure = u.protocol === 'https:';
    if (!secure && u.protocol !== 'http:') {
      reject(new WireError('EPROTOCOL'));
      return;
    }
    let settled = false;
    let res: IncomingMessage | undefined;
    /** Ends the exchange with an error: the socket is destroyed (never reused: it may still carry the rest). */
    const fail = (e: WireError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      res?.destroy();
      r.destroy();
      reject(e);
    };
    const tooLarge = () => fail(new WireError('EBODYTOOLARGE', false, maxBodyBytes));
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['Content-Length'] = req.body.length;
    const r = (secure ? httpsRequest : httpRequest)(
      u,
      { method: req.method, headers, agent: secure ? httpsAgent : httpAgent },
      (incoming: IncomingMessage) => {
        res = incoming;
        const declared = incoming.headers['content-length'];
        if (declared !== undefined && !(/^\d+$/.test(declared) && Number(declared) <= maxBodyBytes)) {
          tooLarge();
          return;
        }
        const chunks: Buffer[] = [];
        let received = 0;
        incoming.on('data', (c: Buffer) => {
          if (settled) return;
          received += c.length;
          if (received > maxBodyBytes) {
            tooLarge();
            return;
          }
          if (!req.onData) {
            chunks.push(c);
            return;
          }
          try {
            req.onData(c);
          } catch (e) {
            fail(e instanceof WireError ? e : new WireError((e as NodeJS.ErrnoException)?.code ?? 'ESINK'));
          }
        });
        incoming.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          // Bytes beyond a (lying) Content-Length would be read as the next answer on this socket: do not reuse it.
          if ((incoming.socket?.readableLength ?? 0) > 0) incoming.socket?.destroy();
          const h: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(incoming.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: incoming.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
        });
        incoming.on('error', (e: NodeJS.ErrnoException) => fail(e instanceof WireError ? e : new WireError(e.code ?? 'ECONNRESET')));
        incoming.on('aborted', () => fail(new WireError('ECONNRESET')));
      },
    );
    // One deadline for the whole exchange (connect, send, answer), like a fetch with AbortSignal.timeout.
    const timer = setTimeout(() => fail(new WireError('ETIMEDOUT', true)), req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => fail(e instanceof WireError ? e : new WireError(e.code ?? 'ENETWORK')));
    if (req.body) r.end(req.body);
    else r.end();
  });
}

/** multipart/form-data with text fields and one file field (bestandsdelen). */
export function multipart(
  fields: Record<string, string>,
  file: { name: string; filename: string; bytes: Uint8Array },
): { body: Buffer; contentType: string } {
  const boundary = `----postkamer${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      'utf8',
    ),
  );
  parts.push(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
