// The ZGW cache tables: `zgw_objects` (catalogue objects and open zaken per environment, as the server sent them)
// and `zgw_pages` (each list page's ETag and item URLs, for If-None-Match refreshes).
import type { Db } from './db';
import { stmt } from './statements';

export type ZgwObjectKind = 'zaaktype' | 'informatieobjecttype' | 'resultaattype' | 'zaak' | 'roltype';

/** A cached object as stored: `data` is the server's JSON. */
export interface ZgwObjectRow {
  url: string;
  data: string;
  etag: string | null;
  fetched_at: string;
}

export interface ZgwPageRow {
  etag: string;
  /** JSON array of the page's item URLs. */
  item_urls: string;
  next_url: string | null;
}

export function upsertZgwObject(
  db: Db,
  env: string,
  kind: ZgwObjectKind,
  url: string,
  identificatie: string | null,
  data: unknown,
  etag: string | null,
  at: string,
): void {
  stmt(
    db,
    `INSERT INTO zgw_objects (env, kind, url, identificatie, data, etag, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(env, url) DO UPDATE SET kind = excluded.kind, identificatie = excluded.identificatie, data = excluded.data,
       etag = excluded.etag, fetched_at = excluded.fetched_at`,
  ).run(env, kind, url, identificatie, JSON.stringify(data), etag, at);
}

export function selectZgwPage(db: Db, env: string, url: string): ZgwPageRow | null {
  return (
    (db.prepare('SELECT etag, item_urls, next_url FROM zgw_pages WHERE env = ? AND url = ?').get(env, url) as ZgwPageRow | undefined) ??
    null
  );
}

/**
 * Stores one fetched list page in one transaction: its items, and its ETag with the item URLs and the next link
 * (without an ETag the page is forgotten, so the next refresh fetches it whole).
 */
export function saveZgwPage<T extends { url: string }>(
  db: Db,
  env: string,
  kind: ZgwObjectKind,
  page: { url: string; etag: string | null | undefined; items: T[]; next: string | null },
  identOf: (item: T) => string | null,
  at: string,
): void {
  db.transaction(() => {
    for (const item of page.items) upsertZgwObject(db, env, kind, item.url, identOf(item), item, null, at);
    if (page.etag) {
      db.prepare(
        `INSERT INTO zgw_pages (env, url, etag, item_urls, next_url, fetched_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(env, url) DO UPDATE SET etag = excluded.etag, item_urls = excluded.item_urls, next_url = excluded.next_url, fetched_at = excluded.fetched_at`,
      ).run(env, page.url, page.etag, JSON.stringify(page.items.map((i) => i.url)), page.next, at);
    } else {
      db.prepare('DELETE FROM zgw_pages WHERE env = ? AND url = ?').run(env, page.url);
    }
  })();
}

/** Removes the cached objects of `kind` in `env` whose URL is not in `keep`. */
export function pruneZgwObjects(db: Db, env: string, kind: ZgwObjectKind, keep: Iterable<string>): void {
  const set = new Set(keep);
  const all = db.prepare('SELECT url FROM zgw_objects WHERE env = ? AND kind = ?').all(env, kind) as { url: string }[];
  const del = db.prepare('DELETE FROM zgw_objects WHERE env = ? AND url = ?');
  db.transaction(() => {
    for (const r of all) if (!set.has(r.url)) del.run(env, r.url);
  })();
}

export function deleteZgwObject(db: Db, env: string, url: string): void {
  db.prepare('DELETE FROM zgw_objects WHERE env = ? AND url = ?').run(env, url);
}

/** Forgets everything cached for `env` (objects and pages): its server changed. */
export function clearZgwCache(db: Db, env: string): void {
  db.prepare('DELETE FROM zgw_objects WHERE env = ?').run(env);
  db.prepare('DELETE FROM zgw_pages WHERE env = ?').run(env);
}

/** The JSON of every cached object of `kind`, by identificatie then URL. */
export function selectZgwObjectsData(db: Db, env: string, kind: ZgwObjectKind): string[] {
  return (
    db.prepare('SELECT data FROM zgw_objects WHERE env = ? AND kind = ? ORDER BY identificatie, url').all(env, kind) as { data: string }[]
  ).map((r) => r.data);
}

export function selectZgwObject(db: Db, env: string, url: string): ZgwObjectRow | null {
  return (
    (stmt(db, 'SELECT url, data, etag, fetched_at FROM zgw_objects WHERE env = ? AND url = ?').get(env, url) as ZgwObjectRow | undefined) ??
    null
  );
}

export function selectZaakByIdentificatie(db: Db, env: string, identificatie: string): ZgwObjectRow | null {
  return (
    (stmt(db, `SELECT url, data, etag, fetched_at FROM zgw_objects WHERE env = ? AND kind = 'zaak' AND identificatie = ?`).get(
      env,
      identificatie,
    ) as ZgwObjectRow | undefined) ?? null
  );
}

/** URL of the cached zaaktype with this identificatie, if any. */
export function selectZaaktypeUrl(db: Db, env: string, identificatie: string): string | null {
  return (
    (
      db.prepare(`SELECT url FROM zgw_objects WHERE env = ? AND kind = 'zaaktype' AND identificatie = ?`).get(env, identificatie) as
        { url: string } | undefined
    )?.url ?? null
  );
}

/**
 * The JSON of cached zaken whose identificatie or omschrijving contains `query` (case-insensitive, LIKE wildcards
 * taken literally), newest identificatie first; at most `limit`.
 */
export function searchZgwZakenData(db: Db, env: string, query: string, limit: number): string[] {
  const q = `%${query
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const rows = db
    .prepare(
      `SELECT data FROM zgw_objects WHERE env = ? AND kind = 'zaak'
       AND (lower(identificatie) LIKE ? ESCAPE '\\' OR lower(json_extract(data, '$.omschrijving')) LIKE ? ESCAPE '\\')
     ORDER BY identificatie DESC LIMIT ?`,
    )
    .all(env, q, q, limit) as { data: string }[];
  return rows.map((r) => r.data);
}
