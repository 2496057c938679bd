// ZGW JWT (HS256) as Open Zaak validates it (notes/zgw-client.md §2): minted per request with an integer `iat`,
// because Open Zaak rejects a token one hour past `iat` with zero leeway by default.
import { createHmac } from 'node:crypto';

// Every token also carries `exp = iat + 300`: one that leaks (a log, a proxy) is worthless five minutes later
// instead of never expiring at servers that only check `exp`. A clock that is off by more than that shows in
// "Verbinding testen".

export interface JwtClaims {
  clientId: string;
  /** The signed-in person on whose behalf the request is made (ends up in the server's audit trail). */
  userId: string;
  userRepresentation: string;
}

/**
 * The last token per identity and second. HS256 over the same claims gives the same bytes, and `iat` has whole
 * seconds: a token "minted" again within the same second is identical, so it is taken from here instead of being
 * signed again (several requests a second per delivery at full speed).
 */
const recent = new Map<string, { iat: number; token: string }>();

/** Lifetime of a token in seconds (`exp - iat`). */
export const JWT_LIFETIME_SECONDS = 300;

export function mintZgwJwt(claims: JwtClaims, secret: string, nowMs: number = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const key = `${claims.clientId}\u0000${claims.userId}\u0000${claims.userRepresentation}\u0000${secret}`;
  const hit = recent.get(key);
  if (hit && hit.iat === iat) return hit.token;
  const token = sign(claims, secret, iat);
  if (recent.size >= 64) recent.clear();
  recent.set(key, { iat, token });
  return token;
}

function sign(claims: JwtClaims, secret: string, iat: number): string {
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      iss: claims.clientId,
      iat,
      exp: iat + JWT_LIFETIME_SECONDS,
      client_id: claims.clientId,
      user_id: claims.userId,
      user_representation: claims.userRepresentation,
    }),
  ).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
