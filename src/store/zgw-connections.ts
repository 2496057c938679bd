// The `zgw_connections` table (one zaaksysteem connection per environment; the credentials are a vault blob it
// points at) and the `zgw_meta` key-value table (active environment, settings, last refresh).
import type { Db } from './db';

export interface ZgwConnectionRow {
  env: string;
  zaken_url: string;
  documenten_url: string;
  catalogi_url: string;
  credentials_blob_id: string;
  rsin: string;
  informatieobjecttype: string | null;
  updated_at: string;
}

export function selectZgwMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM zgw_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function upsertZgwMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO zgw_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function selectZgwConnection(db: Db, env: string): ZgwConnectionRow | null {
  return (db.prepare('SELECT * FROM zgw_connections WHERE env = ?').get(env) as ZgwConnectionRow | undefined) ?? null;
}

/** Every connection, by environment. */
export function selectZgwConnections(db: Db): ZgwConnectionRow[] {
  return db.prepare('SELECT * FROM zgw_connections ORDER BY env').all() as ZgwConnectionRow[];
}

/** The environments that have a connection. */
export function selectZgwConnectionEnvs(db: Db): string[] {
  return (db.prepare('SELECT env FROM zgw_connections').all() as { env: string }[]).map((r) => r.env);
}

/** Inserts the connection of `row.env`, or replaces every field of the one there is. */
export function upsertZgwConnection(db: Db, row: ZgwConnectionRow): void {
  db.prepare(
    `INSERT INTO zgw_connections (env, zaken_url, documenten_url, catalogi_url, credentials_blob_id, rsin, informatieobjecttype, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(env) DO UPDATE SET zaken_url = excluded.zaken_url, documenten_url = excluded.documenten_url,
       catalogi_url = excluded.catalogi_url, credentials_blob_id = excluded.credentials_blob_id, rsin = excluded.rsin,
       informatieobjecttype = excluded.informatieobjecttype, updated_at = excluded.updated_at`,
  ).run(
    row.env,
    row.zaken_url,
    row.documenten_url,
    row.catalogi_url,
    row.credentials_blob_id,
    row.rsin,
    row.informatieobjecttype,
    row.updated_at,
  );
}
