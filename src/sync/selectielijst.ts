// The Selectielijst's resultaten that the cached resultaattypen point to (their selectielijstklasse): fetched
// without credentials when the catalogue is refreshed, validated, cached; read from the cache only (offline first).
import { z } from 'zod';
import type { Db } from '../store/db';
import { pruneSelectielijst, saveSelectielijst, selectielijstRow, selectielijstUrls } from '../store/selectielijst';
import { SyncError } from './failure';
import { ZgwHttp } from './http';
import { selectielijstBases } from './selectielijst-bases';
import { UrlScope } from './url-scope';

// The Selectielijst API is public reference data outside the zaaksysteem: it is asked through a transport of its own
// that has no secret and no base URL (so no JWT can be minted for it, whatever the URL) and every request is made
// with `credentials: false` (GET only, no Authorization header, no identity). Its answers are bounded by the
// transport (MAX_JSON_BYTES) and checked with the schema below; a failure keeps what the cache has.
// Only a selectielijstklasse under one of the administrator's bases (setting selectielijstBases) is asked: the URL
// comes from the catalogue, and a hostile catalogue must not make the workstation request an address of its choosing
// (in the municipal network, say). Redirects are not followed (http.ts: a 3xx answer is a failure).

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
  /** The allow-list (default: the setting selectielijstBases, src/sync/selectielijst-bases.ts). */
  bases?: readonly string[];
}

export interface SelectielijstRefresh {
  /** URLs whose cached entry was fresh enough. */
  fresh: number;
  fetched: number;
  /** Asked but not answered usably (network, HTTP error, invalid answer): the old entry (if any) stays. */
  failed: number;
  /** Not asked in this refresh: its host already failed to answer in it, or out of time. */
  skipped: number;
  /** Not asked: outside every base of the allow-list (setting selectielijstBases); counted so also when cached. */
  refused: number;
}

const SELECTIELIJST_MAX_URLS = 500;
/** How many URLs beyond the limit are read past to find admitted ones (refused ones are not counted in the limit). */
const SELECTIELIJST_SCAN_FACTOR = 10;

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
  const out: SelectielijstRefresh = { fresh: 0, fetched: 0, failed: 0, skipped: 0, refused: 0 };
  const scope = new UrlScope(opts.bases ?? selectielijstBases(db));
  const refusedOrigins = new Set<string>();
  const todo: { url: string; target: string }[] = [];
  const limit = Math.min(opts.limit ?? SELECTIELIJST_MAX_URLS, SELECTIELIJST_MAX_URLS);
  // Refused URLs are never cached, so they would stay first in line: they are read past (up to a bound) and only
  // the admitted ones count towards the limit, so a catalogue full of outside URLs cannot crowd out the real ones.
  for (const r of selectielijstUrls(db, limit * SELECTIELIJST_SCAN_FACTOR)) {
    // Checked on the parsed URL, and what is sent is the URL as checked (scope.admit), not the catalogue's text.
    const target = scope.admit(r.url);
    if (target === null) {
      out.refused++;
      refusedOrigins.add(originOf(r.url) ?? '(geen http(s)-URL)');
    } else if (out.fresh + todo.length >= limit) continue;
    else if (r.fetched_at !== null && started - Date.parse(r.fetched_at) < maxAgeMs) out.fresh++;
    else todo.push({ url: r.url, target });
  }
  if (out.refused > 0) reportRefused(out.refused, refusedOrigins, scope.bases);
  const down = new Set<string>();
  const one = async ({ url, target }: { url: string; target: string }): Promise<void> => {
    const origin = originOf(target);
    if (origin === null || down.has(origin) || now() - started > budgetMs) {
      out.skipped++;
      return;
    }
    try {
      const r = await http.request({ method: 'GET', url: target, credentials: false, schema: SelectielijstResultaat, timeoutMs });
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

/**
 * One line on stderr for the administrator: how many selectielijstklasse URLs were not asked and the origins they
 * point to (scheme, host, port: no path or query, which could carry anything), at most five.
 */
function reportRefused(count: number, origins: Set<string>, bases: readonly string[]): void {
  const shown = [...origins].slice(0, 5).map((o) => (o.length > 100 ? `${o.slice(0, 99)}…` : o));
  const more = origins.size > shown.length ? ` en ${origins.size - shown.length} andere` : '';
  process.stderr.write(
    `[postkamer] Selectielijst: ${count} selectielijstklasse-URL('s) niet opgevraagd, buiten de toegestane adressen ` +
      `(instelling selectielijstBases: ${bases.join(', ') || 'geen'}): ${shown.join(', ')}${more}\n`,
  );
}
