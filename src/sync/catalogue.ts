// The catalogue (zaaktypen, informatieobjecttypen, resultaattypen) and the open zaken, cached in the store so a
// clerk can link documents while the zaaksysteem is unreachable.
import type { Db } from '../store/db';
import type { ZgwClients } from './clients';
import { CATALOGUE_KINDS, type CatalogueKind, type CatalogueObject, type RolType } from './clients/catalogi';
import { SyncError } from './failure';
import type { Query, ZgwResponse } from './http';
import { withQuery } from './http';
import {
  deleteZgwObject,
  pruneZgwObjects,
  saveZgwPage,
  searchZgwZakenData,
  selectZaakByIdentificatie,
  selectZgwObject,
  selectZgwObjectsData,
  selectZgwPage,
  upsertZgwObject,
  type ZgwObjectRow,
  type ZgwPageRow,
} from '../store/zgw-catalogue';
import { saveZaakOutcome } from '../store/classification';
import { refreshSelectielijst, type SelectielijstRefresh } from './selectielijst';
import type { InformatieObjectType, Resultaat, ResultaatType, Zaak, ZaakType } from './schemas';

// Refreshes are incremental: every list page is fetched with the ETag it had last time (If-None-Match) and a 304
// reuses what is cached for that page. The tables are src/store/zgw-catalogue.ts's.

type ObjectKind = CatalogueKind | 'zaak' | 'roltype';

interface Page<T> {
  count: number;
  next: string | null;
  results: T[];
}

/** A `next` link is only followed on the server we asked: the JWT must not travel elsewhere. */
function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/** Walks all pages of a list, reusing unchanged pages (304). Returns the URLs of every item and how many pages were reused. */
async function walkList<T extends { url: string }>(
  db: Db,
  env: string,
  kind: ObjectKind,
  firstUrl: string,
  fetchPage: (url: string, etag: string | undefined) => Promise<ZgwResponse<Page<T>>>,
  identOf: (item: T) => string | null,
): Promise<{ urls: string[]; pages: number; reused: number }> {
  const urls: string[] = [];
  let url: string | null = firstUrl;
  let pages = 0;
  let reused = 0;
  const seen = new Set<string>();
  while (url && !seen.has(url) && pages < 1000) {
    seen.add(url);
    pages++;
    const cached: ZgwPageRow | null = selectZgwPage(db, env, url);
    const r = await fetchPage(url, cached?.etag);
    const at = new Date().toISOString();
    if (r.notModified && cached) {
      reused++;
      urls.push(...(JSON.parse(cached.item_urls) as string[]));
      url = cached.next_url;
      continue;
    }
    const page = r.data;
    saveZgwPage(db, env, kind, { url, etag: r.etag, items: page.results, next: page.next }, identOf, at);
    urls.push(...page.results.map((i) => i.url));
    url = page.next && sameOrigin(page.next, firstUrl) ? page.next : null;
  }
  return { urls, pages, reused };
}

export interface RefreshResult {
  zaaktypen: number;
  informatieobjecttypen: number;
  resultaattypen: number;
  zaken: number;
  pages: number;
  pagesNotModified: number;
  /** What the Selectielijst's refresh did (null: it could not run); never a reason for the refresh to fail. */
  selectielijst: SelectielijstRefresh | null;
}

const PUBLISHED: Query = { status: 'definitief', pageSize: 100 };

export async function refreshCatalogue(db: Db, c: ZgwClients, env: string): Promise<Omit<RefreshResult, 'zaken' | 'selectielijst'>> {
  const counts: Record<CatalogueKind, number> = { zaaktype: 0, informatieobjecttype: 0, resultaattype: 0 };
  let pages = 0;
  let reused = 0;
  for (const kind of Object.keys(CATALOGUE_KINDS) as CatalogueKind[]) {
    const first = withQuery(c.catalogi.listUrl(kind), PUBLISHED);
    const walked = await walkList<{ url: string; identificatie?: string }>(
      db,
      env,
      kind,
      first,
      (url, etag) => c.catalogi.page(kind, url, undefined, etag) as Promise<ZgwResponse<Page<{ url: string; identificatie?: string }>>>,
      (i) => (kind === 'zaaktype' ? i.identificatie || null : null),
    );
    pruneZgwObjects(db, env, kind, walked.urls);
    counts[kind] = walked.urls.length;
    pages += walked.pages;
    reused += walked.reused;
  }
  return {
    zaaktypen: counts.zaaktype,
    informatieobjecttypen: counts.informatieobjecttype,
    resultaattypen: counts.resultaattype,
    pages,
    pagesNotModified: reused,
  };
}

/** Open zaken of our organisation (no einddatum, not archived). */
export async function refreshOpenZaken(
  db: Db,
  c: ZgwClients,
  env: string,
  pageSize = 100,
): Promise<{ zaken: number; pages: number; pagesNotModified: number }> {
  const first = withQuery(`${c.zaken.baseUrl}/zaken`, {
    bronorganisatie: c.conn.rsin,
    einddatum__isnull: true,
    archiefstatus: 'nog_te_archiveren',
    pageSize,
  });
  const walked = await walkList<Zaak>(
    db,
    env,
    'zaak',
    first,
    (url, etag) => c.zaken.page(url, undefined, etag),
    (z) => z.identificatie,
  );
  pruneZgwObjects(db, env, 'zaak', walked.urls);
  return { zaken: walked.urls.length, pages: walked.pages, pagesNotModified: walked.reused };
}

export async function refreshAll(db: Db, c: ZgwClients, env: string): Promise<RefreshResult> {
  const cat = await refreshCatalogue(db, c, env);
  // The Selectielijst's words for the resultaattypen just cached (uncredentialed; never fails the refresh).
  const selectielijst = await refreshSelectielijst(db).catch(() => null);
  const zaken = await refreshOpenZaken(db, c, env);
  const pages = cat.pages + zaken.pages;
  return { ...cat, zaken: zaken.zaken, pages, pagesNotModified: cat.pagesNotModified + zaken.pagesNotModified, selectielijst };
}

export function cachedObjects<T>(db: Db, env: string, kind: ObjectKind): T[] {
  return selectZgwObjectsData(db, env, kind).map((data) => JSON.parse(data) as T);
}

/**
 * Parsed cache rows, per database, kept while the row is unchanged (same url, fetched_at and size): every delivery
 * reads its zaak and document type, and parsing the same JSON again for each was a measurable part of a delivery.
 * Callers get the shared object and must not change it.
 */
const parsed = new WeakMap<Db, Map<string, { stamp: string; value: unknown }>>();
const PARSED_MAX = 500;

function parseRow<T>(db: Db, env: string, r: ZgwObjectRow): T {
  let m = parsed.get(db);
  if (!m) parsed.set(db, (m = new Map()));
  const key = `${env}\u0000${r.url}`;
  const stamp = `${r.fetched_at}\u0000${r.data.length}\u0000${r.etag ?? ''}`;
  const hit = m.get(key);
  if (hit && hit.stamp === stamp) return hit.value as T;
  const value = JSON.parse(r.data) as T;
  if (m.size >= PARSED_MAX) m.clear();
  m.set(key, { stamp, value });
  return value;
}

export function cachedObject<T>(db: Db, env: string, url: string): { data: T; etag: string | null; fetchedAt: number } | null {
  const r = selectZgwObject(db, env, url);
  return r ? { data: parseRow<T>(db, env, r), etag: r.etag, fetchedAt: Date.parse(r.fetched_at) } : null;
}

export function cachedZaakByIdentificatie(
  db: Db,
  env: string,
  identificatie: string,
): { data: Zaak; etag: string | null; fetchedAt: number } | null {
  const r = selectZaakByIdentificatie(db, env, identificatie);
  return r ? { data: parseRow<Zaak>(db, env, r), etag: r.etag, fetchedAt: Date.parse(r.fetched_at) } : null;
}

export function cacheZaak(db: Db, env: string, zaak: Zaak, etag: string | null): void {
  upsertZgwObject(db, env, 'zaak', zaak.url, zaak.identificatie, zaak, etag, new Date().toISOString());
}

/**
 * Look-ups in flight, per database: deliveries that start together for one zaak (or one catalogue object) share one
 * request instead of each sending its own before the first answer is cached.
 */
const inFlight = new WeakMap<Db, Map<string, Promise<unknown>>>();

function shared<T>(db: Db, key: string, fetch: () => Promise<T>): Promise<T> {
  let m = inFlight.get(db);
  if (!m) inFlight.set(db, (m = new Map()));
  const running = m.get(key);
  if (running) return running as Promise<T>;
  const p = fetch().finally(() => m.delete(key));
  m.set(key, p);
  return p;
}

/**
 * The zaak with this zaaknummer, as fresh as `maxAgeMs` demands: from the cache when recent, revalidated with
 * If-None-Match when older, looked up by identificatie when unknown. Null when the server has no such zaak.
 * So a zaaknummer is resolved once per zaak (and per `maxAgeMs`), not once per document.
 */
export async function lookupZaak(
  db: Db,
  c: ZgwClients,
  env: string,
  zaaknummer: string,
  maxAgeMs: number,
  nowMs = Date.now(),
): Promise<Zaak | null> {
  const cached = cachedZaakByIdentificatie(db, env, zaaknummer);
  if (cached && nowMs - cached.fetchedAt <= maxAgeMs) return cached.data;
  return shared(db, `zaak\u0000${env}\u0000${zaaknummer}`, () => fetchZaak(db, c, env, zaaknummer, cached));
}

async function fetchZaak(
  db: Db,
  c: ZgwClients,
  env: string,
  zaaknummer: string,
  cached: ReturnType<typeof cachedZaakByIdentificatie>,
): Promise<Zaak | null> {
  if (cached) {
    try {
      const r = await c.zaken.get(cached.data.url, cached.etag ?? undefined);
      const zaak = r.notModified ? cached.data : r.data;
      cacheZaak(db, env, zaak, r.etag ?? null);
      if (zaak.identificatie === zaaknummer) return zaak;
    } catch (e) {
      if (!(e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 404)) throw e;
      deleteZgwObject(db, env, cached.data.url);
    }
  }
  const found = await c.zaken.findByIdentificatie(zaaknummer, c.conn.rsin);
  if (found) cacheZaak(db, env, found, null);
  return found;
}

/** A catalogue object by URL: cached, or fetched (and cached) once. */
export async function catalogueObject<K extends CatalogueKind>(
  db: Db,
  c: ZgwClients,
  env: string,
  kind: K,
  url: string,
): Promise<CatalogueObject<K>> {
  const cached = cachedObject<CatalogueObject<K>>(db, env, url);
  if (cached) return cached.data;
  return shared(db, `${kind}\u0000${env}\u0000${url}`, async () => {
    const r = await c.catalogi.get(kind, url);
    const data = r.data;
    upsertZgwObject(
      db,
      env,
      kind,
      url,
      kind === 'zaaktype' ? (data as ZaakType).identificatie || null : null,
      data,
      r.etag ?? null,
      new Date().toISOString(),
    );
    return data;
  });
}

/**
 * The zaaktype's initiator roltype (omschrijvingGeneriek 'initiator'): cached (with the zaaktype's URL as its
 * identificatie), or asked for and cached. Null when the zaaktype has none (asked again next time: that is rare).
 */
export async function initiatorRoltype(db: Db, c: ZgwClients, env: string, zaaktype: string): Promise<RolType | null> {
  const isInitiator = (t: RolType) => t.zaaktype === zaaktype && t.omschrijvingGeneriek === 'initiator';
  const cached = cachedObjects<RolType>(db, env, 'roltype').find(isInitiator);
  if (cached) return cached;
  return shared(db, `roltype\u0000${env}\u0000${zaaktype}`, async () => {
    const found = (await c.catalogi.roltypen(zaaktype, 'initiator')).filter(isInitiator);
    const at = new Date().toISOString();
    for (const t of found) upsertZgwObject(db, env, 'roltype', t.url, zaaktype, t, null, at);
    return found[0] ?? null;
  });
}

/** A zaak as the server has it now, with its resultaat and that resultaat's resultaattype once it has one. */
export interface ZaakOutcome {
  zaak: Zaak;
  zaaktype: ZaakType | null;
  resultaat: Resultaat | null;
  resultaattype: ResultaatType | null;
}

/**
 * The zaak at `zaakUrl`, fetched now (its resultaat changes when it is closed; the cache is refreshed with it), its
 * zaaktype and, when it has a resultaat, that resultaat and its resultaattype (from the catalogue cache, else fetched
 * and cached). Every request goes through the clients' transport, so the credential only goes to configured bases.
 */
export async function zaakOutcome(db: Db, c: ZgwClients, env: string, zaakUrl: string): Promise<ZaakOutcome> {
  const r = await c.zaken.get(zaakUrl);
  const zaak = r.data;
  cacheZaak(db, env, zaak, r.etag ?? null);
  const zaaktype = await catalogueObject(db, c, env, 'zaaktype', zaak.zaaktype).catch((e: unknown) => {
    if (e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 404) return null;
    throw e;
  });
  const at = new Date().toISOString();
  if (!zaak.resultaat) {
    saveZaakOutcome(db, env, zaakUrl, null, null, at);
    return { zaak, zaaktype, resultaat: null, resultaattype: null };
  }
  const resultaat = await c.zaken.getResultaat(zaak.resultaat);
  const resultaattype = await catalogueObject(db, c, env, 'resultaattype', resultaat.resultaattype);
  // Kept, so that the archivist sees the retention that applies also offline (src/core/classification.ts).
  saveZaakOutcome(db, env, zaakUrl, resultaat.url, resultaattype.url, at);
  return { zaak, zaaktype, resultaat, resultaattype };
}

/** Zaken in the cache whose identificatie or omschrijving contains the query (case-insensitive). */
export function searchCachedZaken(db: Db, env: string, query: string, limit: number): Zaak[] {
  return searchZgwZakenData(db, env, query, limit).map((data) => JSON.parse(data) as Zaak);
}

export type { InformatieObjectType, ResultaatType, ZaakType };
