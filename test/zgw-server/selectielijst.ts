// The Selectielijst API as this server plays it: GET /selectielijst/api/v1/resultaten/{uuid} answers the seeded
// resultaat (no authentication, as the public Selectielijst), and every request is recorded with whether it carried
// an Authorization header (Postkamer must never send one there).
import type { IncomingHttpHeaders } from 'node:http';
import type { ServerState } from './state';

export const SELECTIELIJST_PREFIX = '/selectielijst/';
const RESULTAAT = /^\/selectielijst\/api\/v1\/resultaten\/([0-9a-f-]{36})\/?$/i;

export interface SelectielijstReply {
  status: number;
  headers: Record<string, string>;
  body?: Buffer;
}

function json(status: number, value: unknown): SelectielijstReply {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}

export function handleSelectielijst(
  state: ServerState,
  method: string,
  path: string,
  headers: IncomingHttpHeaders,
  at: string,
): SelectielijstReply {
  const reply = answer(state, method, path);
  const log = state.selectielijst.requests;
  log.push({ at, method, path, status: reply.status, authorization: headers.authorization !== undefined });
  if (log.length > 10_000) log.splice(0, log.length - 10_000);
  return reply;
}

function answer(state: ServerState, method: string, path: string): SelectielijstReply {
  const m = RESULTAAT.exec(path);
  if (!m) return json(404, { detail: 'Niet gevonden.' });
  if (method !== 'GET' && method !== 'HEAD')
    return {
      ...json(405, { detail: `Methode "${method}" niet toegestaan.` }),
      headers: { allow: 'GET, HEAD', 'content-type': 'application/json' },
    };
  const r = state.selectielijst.resultaten.get(m[1]!.toLowerCase());
  if (r === undefined) return json(404, { detail: 'Niet gevonden.' });
  return method === 'HEAD' ? { status: 200, headers: { 'content-type': 'application/json' } } : json(200, r);
}
