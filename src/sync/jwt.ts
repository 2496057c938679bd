import { createHmac } from 'node:crypto';

// ZGW JWT (HS256) as Open Zaak validates it (notes/zgw-client.md §2): minted per request with an integer `iat`,
// because Open Zaak rejects a token one hour past `iat` with zero leeway by default.

export interface JwtClaims {
  clientId: string;
  /** The signed-in person on whose behalf the request is made (ends up in the server's audit trail). */
  userId: string;
  userRepresentation: string;
}

export function mintZgwJwt(claims: JwtClaims, secret: string, nowMs: number = Date.now()): string {
  const header = Buffer.from(JSON.stringify({ typ: 'JWT', alg: 'HS256' })).toString('base64url');
  const payload = Buffer.from(
    JSON.stringify({
      iss: claims.clientId,
      iat: Math.floor(nowMs / 1000),
      client_id: claims.clientId,
      user_id: claims.userId,
      user_representation: claims.userRepresentation,
    }),
  ).toString('base64url');
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}
