import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import { isValidRsin } from '../domain/elfproef';
import type { Db } from '../store/db';
import type { Store } from '../store/store';
import type { ZgwCredentials } from './http';
import { describeTarget, UrlScope } from './url-scope';

// Connections to the zaaksysteem, one per environment. The client_id and secret are written to the vault as one
// encrypted blob (its own AES-256-GCM key, wrapped by the master key) and are never returned to a caller other than
// the HTTP client; replacing them crypto-shreds the old blob.

export const ENVIRONMENTS = ['test', 'acceptatie', 'productie'] as const;
export type Env = (typeof ENVIRONMENTS)[number];

export interface ConnectionInput {
  env: Env;
  zaken: string;
  documenten: string;
  catalogi: string;
  clientId: string;
  secret: string;
  rsin: string;
  informatieobjecttype?: string | null;
}

export interface Connection {
  env: Env;
  zaken: string;
  documenten: string;
  catalogi: string;
  rsin: string;
  informatieobjecttype: string | null;
  updatedAt: string;
}

const SECRET_MIME = 'application/x-postkamer-zgw-credentials';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Base URL as the API's root (`…/api/v1`), without a trailing slash. Plain http only on loopback (tests, demo). */
export function normaliseBaseUrl(raw: string, what: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new PostkamerError('invalid-input', `(${what}: geen geldige URL)`);
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) {
    throw new PostkamerError('invalid-input', `(${what}: gebruik https)`);
  }
  if (u.username || u.password || u.search || u.hash) throw new PostkamerError('invalid-input', `(${what}: zonder gebruikersnaam, query of #)`);
  return u.href.replace(/\/+$/, '');
}

export function getMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM zgw_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO zgw_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function activeEnv(db: Db): Env | null {
  const v = getMeta(db, 'activeEnv');
  return v && (ENVIRONMENTS as readonly string[]).includes(v) ? (v as Env) : null;
}

interface Row {
  env: Env; zaken_url: string; documenten_url: string; catalogi_url: string; credentials_blob_id: string;
  rsin: string; informatieobjecttype: string | null; updated_at: string;
}

const toConnection = (r: Row): Connection => ({
  env: r.env, zaken: r.zaken_url, documenten: r.documenten_url, catalogi: r.catalogi_url, rsin: r.rsin,
  informatieobjecttype: r.informatieobjecttype, updatedAt: r.updated_at,
});

export function loadConnection(db: Db, env: Env): Connection | null {
  const r = db.prepare('SELECT * FROM zgw_connections WHERE env = ?').get(env) as Row | undefined;
  return r ? toConnection(r) : null;
}

export function listConnections(db: Db): Connection[] {
  return (db.prepare('SELECT * FROM zgw_connections ORDER BY env').all() as Row[]).map(toConnection);
}

export function loadCredentials(store: Store, env: Env): ZgwCredentials {
  const r = store.db.prepare('SELECT credentials_blob_id FROM zgw_connections WHERE env = ?').get(env) as { credentials_blob_id: string } | undefined;
  if (!r) throw new PostkamerError('zgw-not-configured');
  const parsed = JSON.parse(store.vault.read(r.credentials_blob_id).toString('utf8')) as ZgwCredentials;
  return { clientId: parsed.clientId, secret: parsed.secret };
}

/** Saves (or replaces) a connection; the first one saved becomes the active environment. */
export async function saveConnection(store: Store, input: ConnectionInput, who: { actor: string; origin: string }, activate = false): Promise<Connection> {
  const zaken = normaliseBaseUrl(input.zaken, 'Zaken-API');
  const documenten = normaliseBaseUrl(input.documenten, 'Documenten-API');
  const catalogi = normaliseBaseUrl(input.catalogi, 'Catalogi-API');
  const iot = input.informatieobjecttype ? normaliseBaseUrl(input.informatieobjecttype, 'informatieobjecttype') : null;
  // The document type is fetched with the credential: it must be one of this connection's own addresses.
  if (iot && !new UrlScope([zaken, documenten, catalogi]).contains(iot)) {
    throw new PostkamerError('url-outside-connection', `(informatieobjecttype: ${describeTarget(iot)}; toegestaan is alleen wat onder ${catalogi} valt)`, { field: 'informatieobjecttype' });
  }
  const rsin = input.rsin.trim();
  if (!isValidRsin(rsin) || !/^\d{9}$/.test(rsin)) throw new PostkamerError('invalid-rsin');
  if (!input.clientId.trim() || !input.secret) throw new PostkamerError('invalid-input', '(client-ID en secret zijn verplicht)');

  const { db, vault } = store;
  const blob = await vault.write(Buffer.from(JSON.stringify({ clientId: input.clientId.trim(), secret: input.secret }), 'utf8'), SECRET_MIME);
  const now = new Date().toISOString();
  let old: string | undefined;
  db.transaction(() => {
    vault.commit(blob);
    const before = db.prepare('SELECT * FROM zgw_connections WHERE env = ?').get(input.env) as Row | undefined;
    old = before?.credentials_blob_id;
    db.prepare(
      `INSERT INTO zgw_connections (env, zaken_url, documenten_url, catalogi_url, credentials_blob_id, rsin, informatieobjecttype, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(env) DO UPDATE SET zaken_url = excluded.zaken_url, documenten_url = excluded.documenten_url,
         catalogi_url = excluded.catalogi_url, credentials_blob_id = excluded.credentials_blob_id, rsin = excluded.rsin,
         informatieobjecttype = excluded.informatieobjecttype, updated_at = excluded.updated_at`,
    ).run(input.env, zaken, documenten, catalogi, blob.id, rsin, iot, now);
    if (activate || activeEnv(db) === null) setMeta(db, 'activeEnv', input.env);
    // The catalogue and zaken of another server are not ours to keep: a changed address starts a fresh cache.
    if (before && (before.zaken_url !== zaken || before.catalogi_url !== catalogi || before.rsin !== rsin)) {
      db.prepare('DELETE FROM zgw_objects WHERE env = ?').run(input.env);
      db.prepare('DELETE FROM zgw_pages WHERE env = ?').run(input.env);
    }
    appendAudit(db, { actor: who.actor, origin: who.origin, action: 'zgw.connection.set', objectType: 'zgw-connection', objectId: input.env, result: 'ok', details: { rsin } });
  }).immediate();
  if (old && old !== blob.id) vault.shred(old);
  return loadConnection(db, input.env)!;
}
