// Connections to the zaaksysteem, one per environment.
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import { isValidRsin } from '../domain/elfproef';
import type { Db } from '../store/db';
import type { Store } from '../store/store';
import { clearZgwCache } from '../store/zgw-catalogue';
import {
  selectZgwConnection,
  selectZgwConnections,
  selectZgwMeta,
  upsertZgwConnection,
  upsertZgwMeta,
  type ZgwConnectionRow,
} from '../store/zgw-connections';
import type { ZgwCredentials } from './http';
import { describeTarget, UrlScope } from './url-scope';

// The client_id and secret are written to the vault as one encrypted blob (its own AES-256-GCM key, wrapped by the
// master key) and are never returned to a caller other than the HTTP client; replacing them crypto-shreds the old
// blob. The tables are src/store/zgw-connections.ts's.

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

/**
 * The rule for a base URL Postkamer sends requests under (a ZGW API's root `…/api/v1`, a Selectielijst API's): https,
 * plain http only on loopback (tests, demo); no user name, password, query or fragment. The URL without a trailing
 * slash, or the reason (Dutch) it is refused.
 */
export function checkBaseUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { ok: false, reason: 'geen geldige URL' };
  }
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && LOOPBACK.has(u.hostname))) return { ok: false, reason: 'gebruik https' };
  if (u.username || u.password || u.search || u.hash) return { ok: false, reason: 'zonder gebruikersnaam, query of #' };
  return { ok: true, url: u.href.replace(/\/+$/, '') };
}

/** Base URL as the API's root (`…/api/v1`), without a trailing slash (checkBaseUrl); refused as invalid input. */
export function normaliseBaseUrl(raw: string, what: string): string {
  const r = checkBaseUrl(raw);
  if (!r.ok) throw new PostkamerError('invalid-input', `(${what}: ${r.reason})`);
  return r.url;
}

export function getMeta(db: Db, key: string): string | null {
  return selectZgwMeta(db, key);
}

export function setMeta(db: Db, key: string, value: string): void {
  upsertZgwMeta(db, key, value);
}

export function activeEnv(db: Db): Env | null {
  const v = getMeta(db, 'activeEnv');
  return v && (ENVIRONMENTS as readonly string[]).includes(v) ? (v as Env) : null;
}

const toConnection = (r: ZgwConnectionRow): Connection => ({
  env: r.env as Env,
  zaken: r.zaken_url,
  documenten: r.documenten_url,
  catalogi: r.catalogi_url,
  rsin: r.rsin,
  informatieobjecttype: r.informatieobjecttype,
  updatedAt: r.updated_at,
});

export function loadConnection(db: Db, env: Env): Connection | null {
  const r = selectZgwConnection(db, env);
  return r ? toConnection(r) : null;
}

export function listConnections(db: Db): Connection[] {
  return selectZgwConnections(db).map(toConnection);
}

export function loadCredentials(store: Store, env: Env): ZgwCredentials {
  const r = selectZgwConnection(store.db, env);
  if (!r) throw new PostkamerError('zgw-not-configured');
  const parsed = JSON.parse(store.vault.read(r.credentials_blob_id).toString('utf8')) as ZgwCredentials;
  return { clientId: parsed.clientId, secret: parsed.secret };
}

/** Saves (or replaces) a connection; the first one saved becomes the active environment. */
export async function saveConnection(
  store: Store,
  input: ConnectionInput,
  who: { actor: string; origin: string },
  activate = false,
): Promise<Connection> {
  const zaken = normaliseBaseUrl(input.zaken, 'Zaken-API');
  const documenten = normaliseBaseUrl(input.documenten, 'Documenten-API');
  const catalogi = normaliseBaseUrl(input.catalogi, 'Catalogi-API');
  const iot = input.informatieobjecttype ? normaliseBaseUrl(input.informatieobjecttype, 'informatieobjecttype') : null;
  // The document type is fetched with the credential: it must be one of this connection's own addresses.
  if (iot && !new UrlScope([zaken, documenten, catalogi]).contains(iot)) {
    throw new PostkamerError(
      'url-outside-connection',
      `(informatieobjecttype: ${describeTarget(iot)}; toegestaan is alleen wat onder ${catalogi} valt)`,
      { field: 'informatieobjecttype' },
    );
  }
  const rsin = input.rsin.trim();
  if (!isValidRsin(rsin) || !/^\d{9}$/.test(rsin)) throw new PostkamerError('invalid-rsin');
  if (!input.clientId.trim() || !input.secret) throw new PostkamerError('invalid-input', '(client-ID en secret zijn verplicht)');

  const { db, vault } = store;
  const blob = await vault.write(
    Buffer.from(JSON.stringify({ clientId: input.clientId.trim(), secret: input.secret }), 'utf8'),
    SECRET_MIME,
  );
  const now = new Date().toISOString();
  let old: string | undefined;
  db.transaction(() => {
    vault.commit(blob);
    const before = selectZgwConnection(db, input.env);
    old = before?.credentials_blob_id;
    upsertZgwConnection(db, {
      env: input.env,
      zaken_url: zaken,
      documenten_url: documenten,
      catalogi_url: catalogi,
      credentials_blob_id: blob.id,
      rsin,
      informatieobjecttype: iot,
      updated_at: now,
    });
    if (activate || activeEnv(db) === null) setMeta(db, 'activeEnv', input.env);
    // The catalogue and zaken of another server are not ours to keep: a changed address starts a fresh cache.
    if (before && (before.zaken_url !== zaken || before.catalogi_url !== catalogi || before.rsin !== rsin)) {
      clearZgwCache(db, input.env);
    }
    appendAudit(db, {
      actor: who.actor,
      origin: who.origin,
      action: 'zgw.connection.set',
      objectType: 'zgw-connection',
      objectId: input.env,
      result: 'ok',
      details: { rsin },
    });
  }).immediate();
  if (old && old !== blob.id) vault.shred(old);
  return loadConnection(db, input.env)!;
}
