// What a handler gets and returns, plus the helpers every resource uses (pagination, lookups).

import type { IncomingHttpHeaders } from 'node:http';
import type { JsonObject, Operation } from '../openapi/specs';
import { ZgwError, fieldError } from '../problem';
import { isValidRsin } from '../rsin';
import type { ServerState, Urls } from '../state';

export interface ServerConfig {
  rsin: string;
  chunkSize: number;
}

export interface HandlerContext {
  op: Operation;
  pathParams: Record<string, string>;
  /** Query parameters declared by the operation, coerced to their schema types. */
  query: Record<string, unknown>;
  /** Absolute request URL (for pagination links). */
  requestUrl: URL;
  /** Parsed JSON body, or for multipart/urlencoded the fields (files as Buffer). */
  body: unknown;
  headers: IncomingHttpHeaders;
  state: ServerState;
  urls: Urls;
  config: ServerConfig;
  now(): Date;
  /** `properties` of a component schema of this operation's API (to keep only writable fields). */
  schemaProps(name: string): JsonObject;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw bytes instead of JSON (download). */
  binary?: Buffer;
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>;

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** DRF PageNumberPagination with Open Zaak's `pageSize` (default 100, max 500). */
export function paginate<T>(ctx: HandlerContext, items: T[], render: (item: T) => unknown): JsonObject {
  const page = ctx.query.page === undefined ? 1 : Number(ctx.query.page);
  let size = ctx.query.pageSize === undefined ? DEFAULT_PAGE_SIZE : Number(ctx.query.pageSize);
  if (!Number.isInteger(size) || size < 1) size = DEFAULT_PAGE_SIZE;
  size = Math.min(size, MAX_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (!Number.isInteger(page) || page < 1 || page > pages) throw new ZgwError(404, 'not_found', 'Ongeldige pagina.');
  const link = (p: number): string => {
    const u = new URL(ctx.requestUrl.href);
    if (p === 1) u.searchParams.delete('page');
    else u.searchParams.set('page', String(p));
    return u.href;
  };
  return {
    count: items.length,
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: items.slice((page - 1) * size, page * size).map(render) as JsonObject[],
  };
}

export function today(ctx: HandlerContext): string {
  return ctx.now().toISOString().slice(0, 10);
}

export function nowIso(ctx: HandlerContext): string {
  return ctx.now().toISOString();
}

export function notFound(): ZgwError {
  return new ZgwError(404, 'not_found', 'Niet gevonden.');
}

export function requireRsin(name: string, value: unknown): void {
  if (typeof value === 'string' && !isValidRsin(value)) throw fieldError(name, 'invalid', 'Onjuist RSIN nummer');
}

/** Stable sort on `ordering` (comma list of fields, `-` for descending), as DRF's OrderingFilter. */
export function applyOrdering(items: JsonObject[], ordering: unknown): JsonObject[] {
  if (!Array.isArray(ordering) || ordering.length === 0) return items;
  const keys = (ordering as string[]).map((o) => (o.startsWith('-') ? { f: o.slice(1), dir: -1 } : { f: o, dir: 1 }));
  return [...items].sort((a, b) => {
    for (const { f, dir } of keys) {
      const x = a[f] ?? '';
      const y = b[f] ?? '';
      if (x < y) return -dir;
      if (x > y) return dir;
    }
    return 0;
  });
}

export function bodyObject(ctx: HandlerContext): JsonObject {
  const b = ctx.body;
  return b && typeof b === 'object' && !Array.isArray(b) && !Buffer.isBuffer(b) ? (b as JsonObject) : {};
}

/** `YYYY-MM-DD` date within [begin, end] (end null = open). */
export function validOn(begin: unknown, end: unknown, date: string): boolean {
  return (typeof begin !== 'string' || begin <= date) && (typeof end !== 'string' || end >= date);
}

/** Only the attributes the request schema defines; DRF ignores anything else. */
export function pick(o: JsonObject, keys: string[]): JsonObject {
  const out: JsonObject = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/**
 * Open Zaak renders an empty optional URL field as "", which its own schema (format: uri) rejects;
 * leave such fields out so every response conforms.
 */
export function omitEmptyUris(o: JsonObject, props: JsonObject): void {
  for (const [k, v] of Object.entries(o)) {
    const p = props[k] as JsonObject | undefined;
    if (v === '' && p && p.format === 'uri') delete o[k];
  }
}
