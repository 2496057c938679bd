// The cached Selectielijst resultaten (table `selectielijst_resultaten`, migration 0190): which to fetch (the
// selectielijstklasse URLs of the cached resultaattypen), and each answer as it was validated, with when it came.
import type { Db } from './db';
import { stmt } from './statements';

export interface SelectielijstRow {
  url: string;
  /** The validated JSON (src/sync/selectielijst.ts). */
  data: string;
  fetched_at: string;
}

/**
 * The distinct selectielijstklasse URLs of the cached resultaattypen of every environment (at most `limit`), with
 * when each was last fetched here (null: never).
 */
export function selectielijstUrls(db: Db, limit: number): { url: string; fetched_at: string | null }[] {
  return stmt(
    db,
    `SELECT k.url AS url, s.fetched_at AS fetched_at FROM (
       SELECT DISTINCT json_extract(data, '$.selectielijstklasse') AS url FROM zgw_objects
       WHERE kind = 'resultaattype' AND json_valid(data) AND json_type(data, '$.selectielijstklasse') = 'text'
         AND json_extract(data, '$.selectielijstklasse') <> ''
     ) AS k LEFT JOIN selectielijst_resultaten s ON s.url = k.url
     ORDER BY s.fetched_at IS NOT NULL, s.fetched_at, k.url LIMIT ?`,
  ).all(limit) as { url: string; fetched_at: string | null }[];
}

export function selectielijstRow(db: Db, url: string): SelectielijstRow | null {
  return (
    (stmt(db, 'SELECT url, data, fetched_at FROM selectielijst_resultaten WHERE url = ?').get(url) as SelectielijstRow | undefined) ?? null
  );
}

export function saveSelectielijst(db: Db, url: string, data: unknown, at: string): void {
  stmt(
    db,
    `INSERT INTO selectielijst_resultaten (url, data, fetched_at) VALUES (?, ?, ?)
     ON CONFLICT (url) DO UPDATE SET data = excluded.data, fetched_at = excluded.fetched_at`,
  ).run(url, JSON.stringify(data), at);
}

/** Forgets the entries no cached resultaattype points to any more (of any environment). Returns how many. */
export function pruneSelectielijst(db: Db): number {
  return stmt(
    db,
    `DELETE FROM selectielijst_resultaten WHERE url NOT IN (
       SELECT json_extract(data, '$.selectielijstklasse') FROM zgw_objects
       WHERE kind = 'resultaattype' AND json_valid(data) AND json_type(data, '$.selectielijstklasse') = 'text'
     )`,
  ).run().changes;
}
