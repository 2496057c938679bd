// The Selectielijst's resultaten that the cached resultaattypen point to (their selectielijstklasse): fetched
// without credentials when the catalogue is refreshed, validated, cached; read from the cache only (offline first).
import { z } from 'zod';
import type { Db } from '../store/db';
import { pruneSelectielijst, saveSelectielijst, selectielijstRow, selectielijstUrls } from '../store/selectielijst';
import { SyncError } from './failure';
import { ZgwHttp } from './http';

// The Selectielijst API is public reference data outside the zaaksysteem: it is asked through a transport of its own
// that has no secret and no base URL (so no JWT can be minted for it, whatever the URL) and every request is made
// with `credentials: false` (GET only, no Authorization header, no identity). Its answers are bounded by the
// transport (MAX_JSON_BYTES) and checked with the schema below; a failure keeps what the cache has.

const text = (max: number) => z.string().max(max);

/** A resultaat of the Selectielijst API (/api/v1/resultaten/{uuid}): the fields Postkamer shows. */
export const SelectielijstResultaat = z
  .object({
    url: text(1000),
    procesType: text(1000).nullish(),
    nummer: z.union([z.number().int(), text(50)]).nullish(),
    volledigNummer: text(50).nullish(),
    naam: text(1000).min(1),
    omschrijving: text(10_000).nullish(),
    waardering: text(100).min(1),
    bewaartermijn: text(100).nullish(),
    toelichting: text(10_000).nullish(),
  })
  .refine((r) => (r.volledigNummer ?? '') !== '' || (r.nummer !== undefined && r.nummer !== null), {
    message: 'geen nummer en geen volledigNummer',
    path: ['volledigNummer'],
  });
export type SelectielijstResultaat = z.infer<typeof SelectielijstResultaat>;

/** What the archivist reads next to a retention option. */
export interface SelectielijstWords {
  /** volledigNummer (e.g. "1.1.2"), else nummer. */
  nummer: string;
  naam: string;
  /** `blijvend_bewaren` or `vernietigen`, as the Selectielijst says. */
  waardering: string;
  /** ISO-8601 duration (e.g. P10Y); null when it gives none. */
  bewaartermijn: string | null;
}

function words(r: SelectielijstResultaat): SelectielijstWords {
  return {
    nummer: r.volledigNummer || String(r.nummer ?? ''),
    naam: r.naam,
    waardering: r.waardering,
    bewaartermijn: r.bewaartermijn || null,
  };
}

/** The cached words of the Selectielijst resultaat at `url`; null when none is cached (or the row is unreadable). */
export function cachedSelectielijst(db: Db, url: string): SelectielijstWords | null {
  const row = selectielijstRow(db, url);
  if (!row) return null;
  try {
    const parsed = SelectielijstResultaat.safeParse(JSON.parse(row.data));
    return parsed.success ? words(parsed.data) : null;
  } catch {
    return null;
  }
}

export interface SelectielijstRefreshOptions {
  /** An entry fetched less than this long ago is not asked again (default a day: the lists change once a year). */
  maxAgeMs?: number;
  /** At most this many URLs per refresh (default 500). */
  limit?: number;
  /** Requests at the same time (default 4). */
  concurrency?: number;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** No new request is started after this long (default 30 s): a slow Selectielijst must not hold the refresh up. */
  budgetMs?: number;
  now?: () => number;
}

export interface SelectielijstRefresh {
  /** URLs whose cached entry was fresh enough. */
  fresh: number;
  fetched: number;
  /** Asked but not answered usably (network, HTTP error, invalid answer): the old entry (if any) stays. */
  failed: number;
  /** Not asked: not an http(s) URL, its host already failed to answer in this refresh, or out of time. */
  skipped: number;
}

const SELECTIELIJST_MAX_URLS = 500;

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Fetches the Selectielijst resultaat of every distinct selectielijstklasse of the cached resultaattypen that is not
 * cached or older than `maxAgeMs` (the oldest first, at most `limit`), with limited concurrency, and forgets entries
 * no resultaattype points to any more. Never throws for what the Selectielijst does: a host that does not answer is
 * not asked again in this refresh, and whatever fails leaves the cache as it was.
 */
export async function refreshSelectielijst(db: Db, opts: SelectielijstRefreshOptions = {}): Promise<SelectielijstRefresh> {
  const now = opts.now ?? Date.now;
  const started = now();
  const maxAgeMs = opts.maxAgeMs ?? 24 * 60 * 60 * 1000;
  const budgetMs = opts.budgetMs ?? 30_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const http = new ZgwHttp({ clientId: '', secret: '' }, { bases: [], identity: { userId: '', userRepresentation: '' }, timeoutMs, now });
  const out: SelectielijstRefresh = { fresh: 0, fetched: 0, failed: 0, skipped: 0 };
  const todo: string[] = [];
  for (const r of selectielijstUrls(db, Math.min(opts.limit ?? SELECTIELIJST_MAX_URLS, SELECTIELIJST_MAX_URLS))) {
    if (r.fetched_at !== null && started - Date.parse(r.fetched_at) < maxAgeMs) out.fresh++;
    else todo.push(r.url);
  }
  const down = new Set<string>();
  const one = async (url: string): Promise<void> => {
    const origin = originOf(url);
    if (origin === null || down.has(origin) || now() - started > budgetMs) {
      out.skipped++;
      return;
    }
    try {
      const r = await http.request({ method: 'GET', url, credentials: false, schema: SelectielijstResultaat, timeoutMs });
      saveSelectielijst(db, url, r.data, new Date(now()).toISOString());
      out.fetched++;
    } catch (e) {
      out.failed++;
      const kind = e instanceof SyncError ? e.failure.kind : 'network';
      if (kind === 'network' || kind === 'timeout') down.add(origin);
    }
  };
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 4, todo.length)) }, async () => {
    while (next < todo.length) await one(todo[next++]!);
  });
  await Promise.all(lanes);
  pruneSelectielijst(db);
  return out;
}
