import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

// The wire under ZgwHttp: node:http(s) with keep-alive agents. Lighter per request than fetch (no web streams),
// which matters when documents are small and many; and it gives the raw error codes (ECONNREFUSED, TLS reasons)
// that "Verbinding testen" reports.

export interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: Buffer;
  timeoutMs: number;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string | undefined>;
  body: Buffer;
}

/** Thrown for no answer at all; `code` is Node's error code (ECONNREFUSED, ECONNRESET, CERT_HAS_EXPIRED …). */
export class WireError extends Error {
  constructor(
    readonly code: string,
    readonly timeout = false,
  ) {
    super(code);
    this.name = 'WireError';
  }
}

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 10_000 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 32, keepAliveMsecs: 10_000 });

export function send(req: WireRequest): Promise<WireResponse> {
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
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body) headers['Content-Length'] = req.body.length;
    const r = (secure ? httpsRequest : httpRequest)(
      u,
      { method: req.method, headers, agent: secure ? httpsAgent : httpAgent },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          clearTimeout(timer);
          const h: Record<string, string | undefined> = {};
          for (const [k, v] of Object.entries(res.headers)) h[k] = Array.isArray(v) ? v.join(', ') : v;
          resolve({ status: res.statusCode ?? 0, headers: h, body: Buffer.concat(chunks) });
        });
        res.on('error', (e: NodeJS.ErrnoException) => {
          clearTimeout(timer);
          reject(new WireError(e.code ?? 'ECONNRESET'));
        });
        res.on('aborted', () => {
          clearTimeout(timer);
          reject(new WireError('ECONNRESET'));
        });
      },
    );
    // One deadline for the whole exchange (connect, send, answer), like a fetch with AbortSignal.timeout.
    const timer = setTimeout(() => {
      r.destroy(new WireError('ETIMEDOUT', true));
    }, req.timeoutMs);
    r.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(e instanceof WireError ? e : new WireError(e.code ?? 'ENETWORK'));
    });
    if (req.body) r.end(req.body);
    else r.end();
  });
}

/** multipart/form-data with text fields and one file field (bestandsdelen). */
export function multipart(fields: Record<string, string>, file: { name: string; filename: string; bytes: Uint8Array }): { body: Buffer; contentType: string } {
  const boundary = `----postkamer${Math.random().toString(16).slice(2)}${Date.now().toString(16)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`, 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`, 'utf8'));
  parts.push(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}
