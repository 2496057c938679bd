// ZGW JWT (HS256, shared secret per client_id), checked the way commonground-api-common's
// AuthMiddleware does (notes/zgw-client.md §2). Pure apart from node:crypto; `now` is passed in.

import { createHmac, timingSafeEqual } from 'node:crypto';

export const JWT_EXPIRY_SECONDS = 3600;

export interface JwtCheckOptions {
  /** client_id → secret */
  secrets: ReadonlyMap<string, string>;
  nowSeconds: number;
  leewaySeconds: number;
  /**
   * Open Zaak only logs an `iat` in the future; rejecting it (beyond the leeway) makes clock drift on
   * the scanning PC visible in tests. Default true.
   */
  rejectFutureIat?: boolean;
  /** Open Zaak does not check `iss`; the standard's payload lists it. Default true: it must be present. */
  requireIss?: boolean;
}

export type JwtCheck = { ok: true; clientId: string; claims: Record<string, unknown> } | { ok: false; code: string; detail: string };

function b64urlJson(part: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** `authorization` is the raw header value (or undefined). */
export function checkZgwJwt(authorization: string | undefined, o: JwtCheckOptions): JwtCheck {
  // No token at all: CAC finds no client_id, so the scope check fails → DRF PermissionDenied (403).
  if (!authorization || !authorization.startsWith('Bearer ')) {
    return { ok: false, code: 'permission_denied', detail: 'Je hebt geen toestemming om deze actie uit te voeren.' };
  }
  const token = authorization.slice('Bearer '.length).trim();
  const parts = token.split('.');
  const header = parts.length === 3 ? b64urlJson(parts[0]) : undefined;
  const claims = parts.length === 3 ? b64urlJson(parts[1]) : undefined;
  if (!header || !claims) {
    return { ok: false, code: 'jwt-decode-error', detail: 'JWT could not be decoded. Possibly you made a copy-paste mistake.' };
  }
  const clientId = claims.client_id;
  if (typeof clientId !== 'string' || clientId === '') {
    return { ok: false, code: 'missing-client-identifier', detail: 'Client identifier is niet aanwezig in JWT' };
  }
  const secret = o.secrets.get(clientId);
  if (secret === undefined) {
    return { ok: false, code: 'invalid-client-identifier', detail: 'Client identifier bestaat niet' };
  }
  if (header.alg !== 'HS256') {
    return { ok: false, code: 'permission_denied', detail: 'The specified alg value is not allowed' };
  }
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, code: 'invalid-jwt-signature', detail: 'Client credentials zijn niet geldig' };
  }
  // PyJWT's own checks when the claims are present.
  if (typeof claims.exp === 'number' && o.nowSeconds > claims.exp + o.leewaySeconds) {
    return { ok: false, code: 'permission_denied', detail: 'Signature has expired' };
  }
  if (typeof claims.nbf === 'number' && o.nowSeconds < claims.nbf - o.leewaySeconds) {
    return { ok: false, code: 'permission_denied', detail: 'The token is not yet valid (nbf)' };
  }
  if (claims.iat === undefined) {
    return { ok: false, code: 'jwt-missing-iat-claim', detail: 'Token is missing the "iat" claim' };
  }
  if (typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) {
    return { ok: false, code: 'permission_denied', detail: 'Issued At claim (iat) must be an integer.' };
  }
  if ((o.requireIss ?? true) && (typeof claims.iss !== 'string' || claims.iss === '')) {
    return { ok: false, code: 'jwt-missing-iss-claim', detail: 'Token is missing the "iss" claim' };
  }
  if (o.nowSeconds - claims.iat >= JWT_EXPIRY_SECONDS + o.leewaySeconds) {
    return { ok: false, code: 'jwt-expired', detail: 'Het JWT is verlopen: iat ligt meer dan een uur in het verleden.' };
  }
  if ((o.rejectFutureIat ?? true) && claims.iat - o.nowSeconds > o.leewaySeconds) {
    return { ok: false, code: 'jwt-expired', detail: 'Het JWT is ongeldig: iat ligt in de toekomst (klok van de client loopt voor).' };
  }
  return { ok: true, clientId, claims };
}

/** Mints a ZGW JWT the way a client should (fresh `iat` per request). For tests and demos. */
export function mintZgwJwt(opts: {
  clientId: string;
  secret: string;
  iat?: number;
  userId?: string;
  userRepresentation?: string;
  extra?: Record<string, unknown>;
}): string {
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      iss: opts.clientId,
      iat: opts.iat ?? Math.floor(Date.now() / 1000),
      client_id: opts.clientId,
      user_id: opts.userId ?? 'postkamer-test',
      user_representation: opts.userRepresentation ?? 'Postkamer test',
      ...opts.extra,
    }),
  ).toString('base64url');
  const sig = createHmac('sha256', opts.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}
