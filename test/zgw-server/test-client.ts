// A deliberately small ZGW client for the server's own tests (and handy in other integration tests):
// mints its JWT with node:crypto independently of the server's jwt.ts, so a bug there cannot hide.

import { createHmac } from 'node:crypto';
import type { ZgwServerInfo } from './options';

export function signJwt(
  payload: Record<string, unknown>,
  secret: string,
  header: Record<string, unknown> = { typ: 'JWT', alg: 'HS256' },
): string {
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const s = createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${s}`;
}

export function zgwToken(
  info: Pick<ZgwServerInfo, 'clientId' | 'secret'>,
  iatOffsetSeconds = 0,
  extra: Record<string, unknown> = {},
): string {
  const iat = Math.floor(Date.now() / 1000) + iatOffsetSeconds;
  return signJwt(
    { iss: info.clientId, iat, client_id: info.clientId, user_id: 'test', user_representation: 'Test', ...extra },
    info.secret,
  );
}

export interface ZgwResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Replace the Authorization header (null = send none). */
  token?: string | null;
  /** Add Accept-Crs/Content-Crs (default true). */
  crs?: boolean;
  signal?: AbortSignal;
}

export class ZgwTestClient {
  constructor(readonly info: ZgwServerInfo) {}

  async request<T = any>(method: string, url: string, o: RequestOptions = {}): Promise<ZgwResponse<T>> {
    const headers: Record<string, string> = {};
    const token = o.token === undefined ? zgwToken(this.info) : o.token;
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (o.crs !== false) {
      headers['accept-crs'] = 'EPSG:4326';
      if (method !== 'GET' && method !== 'HEAD' && method !== 'DELETE') headers['content-crs'] = 'EPSG:4326';
    }
    let body: FormData | string | undefined;
    if (o.body instanceof FormData) body = o.body;
    else if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(url, { method, headers: { ...headers, ...o.headers }, body, signal: o.signal });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = any>(url: string, o?: RequestOptions) {
    return this.request<T>('GET', url, o);
  }
  post<T = any>(url: string, body: unknown, o?: RequestOptions) {
    return this.request<T>('POST', url, { ...o, body });
  }
  patch<T = any>(url: string, body: unknown, o?: RequestOptions) {
    return this.request<T>('PATCH', url, { ...o, body });
  }
  put<T = any>(url: string, body: unknown, o?: RequestOptions) {
    return this.request<T>('PUT', url, { ...o, body });
  }

  async download(url: string): Promise<{ status: number; bytes: Buffer; contentType: string | null }> {
    const res = await fetch(url, { headers: { authorization: `Bearer ${zgwToken(this.info)}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') };
  }
}
