import { describe, expect, it } from 'vitest';
import { explainFailure, explainInvalidParam, explainProblem } from '../../../src/sync/explain';
import { parseRetryAfter } from '../../../src/sync/failure';
import { documentIdentificatie, zaakIdentificatie } from '../../../src/sync/ids';
import { mintZgwJwt } from '../../../src/sync/jwt';
import { multipart } from '../../../src/sync/transport';
import { normaliseBaseUrl } from '../../../src/sync/connections';
import { checkZgwJwt } from '../../zgw-server/jwt';
import { boundaryOf, parseMultipart } from '../../zgw-server/multipart';

describe('identificaties', () => {
  it('are fixed per document, distinct, and fit the 40 characters of EIO and Zaak', () => {
    const id = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
    expect(documentIdentificatie(id)).toBe(documentIdentificatie(id));
    expect(documentIdentificatie(id)).not.toBe(documentIdentificatie('1b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9'));
    expect(documentIdentificatie(id)).toMatch(/^PK-[0-9A-F]{24}$/);
    expect(zaakIdentificatie(id)).toMatch(/^PKZ-[0-9A-F]{24}$/);
    expect(zaakIdentificatie(id).length).toBeLessThanOrEqual(40);
  });
});

describe('ZGW JWT', () => {
  it("is accepted by an independent verifier (the test zaaksysteem's) with the claims Open Zaak reads", () => {
    const now = 1_780_000_000_000;
    const token = mintZgwJwt({ clientId: 'postkamer', userId: 'jdevries', userRepresentation: 'J. de Vries' }, 'geheim', now);
    const r = checkZgwJwt(`Bearer ${token}`, { secrets: new Map([['postkamer', 'geheim']]), nowSeconds: now / 1000 + 5, leewaySeconds: 0 });
    expect(r).toMatchObject({
      ok: true,
      clientId: 'postkamer',
      claims: { iss: 'postkamer', client_id: 'postkamer', user_id: 'jdevries', user_representation: 'J. de Vries', iat: now / 1000 },
    });
    expect(
      checkZgwJwt(`Bearer ${token}`, { secrets: new Map([['postkamer', 'anders']]), nowSeconds: now / 1000, leewaySeconds: 0 }),
    ).toMatchObject({ ok: false, code: 'invalid-jwt-signature' });
    // exp = iat + 300 (PyJWT's own check, as Open Zaak runs it), long before Open Zaak's hour after iat.
    expect(
      checkZgwJwt(`Bearer ${token}`, { secrets: new Map([['postkamer', 'geheim']]), nowSeconds: now / 1000 + 301, leewaySeconds: 0 }),
    ).toMatchObject({ ok: false, detail: 'Signature has expired' });
    expect(
      checkZgwJwt(`Bearer ${token}`, { secrets: new Map([['postkamer', 'geheim']]), nowSeconds: now / 1000 + 3600, leewaySeconds: 0 }),
    ).toMatchObject({ ok: false });
  });

  it('carries the second it is asked for, the person it is asked for and the secret it is given (reused only when all are the same)', () => {
    const now = 1_780_000_000_000;
    const who = { clientId: 'postkamer', userId: 'jdevries', userRepresentation: 'J. de Vries' };
    const claims = (t: string) => JSON.parse(Buffer.from(t.split('.')[1], 'base64url').toString()) as { iat: number; user_id: string };
    const a = mintZgwJwt(who, 'geheim', now);
    expect(mintZgwJwt(who, 'geheim', now + 999)).toBe(a); // same second: the same bytes
    const next = mintZgwJwt(who, 'geheim', now + 1000);
    expect(claims(next).iat).toBe(now / 1000 + 1);
    expect(claims(mintZgwJwt(who, 'geheim', now)).iat).toBe(now / 1000); // back to an earlier second: minted for it
    expect(claims(mintZgwJwt({ ...who, userId: 'pbakker' }, 'geheim', now)).user_id).toBe('pbakker');
    const other = mintZgwJwt(who, 'nieuw-geheim', now);
    expect(
      checkZgwJwt(`Bearer ${other}`, { secrets: new Map([['postkamer', 'nieuw-geheim']]), nowSeconds: now / 1000, leewaySeconds: 0 }),
    ).toMatchObject({ ok: true });
  });
});

describe('multipart bestandsdeel', () => {
  it('is parsed back by the test zaaksysteem into the lock and the exact bytes', () => {
    const bytes = new Uint8Array([0, 13, 10, 45, 45, 255, 1, 2]);
    const m = multipart({ lock: 'abc123' }, { name: 'inhoud', filename: 'deel', bytes });
    const fields = parseMultipart(m.body, boundaryOf(m.contentType)!);
    expect(fields.lock).toBe('abc123');
    expect(Buffer.compare(fields.inhoud as Buffer, Buffer.from(bytes))).toBe(0);
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('Dutch explanations', () => {
  it('explain invalidParams by code, naming the field', () => {
    expect(
      explainInvalidParam({ name: 'nonFieldErrors', code: 'unique', reason: 'The fields zaak, informatieobject must make a unique set.' }),
    ).toBe('Dit document is al aan deze zaak gekoppeld.');
    expect(explainInvalidParam({ name: 'informatieobjecttype', code: 'not-published', reason: 'x' })).toBe(
      'documenttype: Het type is nog niet gepubliceerd (concept).',
    );
    expect(explainInvalidParam({ name: 'vreemdVeld', code: 'onbekende-code', reason: 'x' })).toBe(
      'vreemdVeld: Het zaaksysteem weigert dit (onbekende-code).',
    );
    expect(
      explainProblem(
        {
          invalidParams: [
            { name: 'titel', code: 'max_length', reason: 'x' },
            { name: 'taal', code: 'required', reason: 'x' },
          ],
        },
        400,
      ),
    ).toBe('titel: De waarde is te lang. taal: Dit veld is verplicht.');
  });
  it('say what a failed connection means', () => {
    expect(explainProblem({ code: 'invalid-client-identifier', detail: 'Client identifier bestaat niet' }, 403)).toBe(
      'Geen toegang tot het zaaksysteem (invalid-client-identifier): Client identifier bestaat niet. Controleer client-ID, secret en autorisaties.',
    );
    expect(explainFailure({ kind: 'network', code: 'ENOTFOUND', offline: true, tls: false, dns: true })).toContain(
      'niet te vinden (DNS: ENOTFOUND)',
    );
    expect(explainFailure({ kind: 'network', code: 'CERT_HAS_EXPIRED', offline: false, tls: true, dns: false })).toContain(
      'TLS: CERT_HAS_EXPIRED',
    );
    expect(explainFailure({ kind: 'timeout', afterMs: 30_000 })).toContain('30 seconden');
  });
});

describe('base URLs', () => {
  it('accept https anywhere and http only on this computer', () => {
    expect(normaliseBaseUrl('https://zaken.gemeente.nl/zaken/api/v1/', 'x')).toBe('https://zaken.gemeente.nl/zaken/api/v1');
    expect(normaliseBaseUrl('http://127.0.0.1:8000/zaken/api/v1', 'x')).toBe('http://127.0.0.1:8000/zaken/api/v1');
    expect(() => normaliseBaseUrl('http://zaken.gemeente.nl/zaken/api/v1', 'x')).toThrow(/https/);
    expect(() => normaliseBaseUrl('https://user:pw@zaken.gemeente.nl/api', 'x')).toThrow();
    expect(() => normaliseBaseUrl('geen url', 'x')).toThrow();
  });
});
