import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { JWT_LIFETIME_SECONDS, mintZgwJwt } from '../../../src/sync/jwt';
import { checkZgwJwt } from '../../zgw-server/jwt';

// The ZGW JWT expires five minutes after it was minted (a leaked token is worthless soon), and the test
// zaaksysteem (which checks like Open Zaak) still accepts it.

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;

describe('mintZgwJwt', () => {
  const claims = { clientId: 'postkamer-test', userId: 'clerk', userRepresentation: 'Clerk' };
  const secret = 's'.repeat(32);

  it('has exp = iat + 300, with integer seconds', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0, 0, 750);
    const c = claimsOf(mintZgwJwt(claims, secret, now));
    expect(c.iat).toBe(Math.floor(now / 1000));
    expect(c.exp).toBe((c.iat as number) + 300);
    expect(JWT_LIFETIME_SECONDS).toBe(300);
    expect(c).toMatchObject({ iss: 'postkamer-test', client_id: 'postkamer-test', user_id: 'clerk', user_representation: 'Clerk' });
  });

  it('is signed HS256 over header and payload', () => {
    const t = mintZgwJwt(claims, secret, Date.UTC(2026, 0, 1));
    const [h, p, sig] = t.split('.');
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(sig).toBe(createHmac('sha256', secret).update(`${h}.${p}`).digest('base64url'));
  });

  it('is accepted by the test zaaksysteem while fresh and refused once exp has passed', () => {
    const now = Date.UTC(2026, 11, 6, 12, 0, 0);
    const token = mintZgwJwt(claims, secret, now);
    const secrets = new Map([[claims.clientId, secret]]);
    const at = (s: number) => checkZgwJwt(`Bearer ${token}`, { secrets, nowSeconds: Math.floor(now / 1000) + s, leewaySeconds: 0 });
    expect(at(0)).toMatchObject({ ok: true });
    expect(at(300)).toMatchObject({ ok: true });
    expect(at(301)).toMatchObject({ ok: false });
  });
});
