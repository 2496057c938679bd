// Fault injection of the test zaaksysteem: each kind, probability with a seeded PRNG, offline mode,
// and the HTTP control API. Real HTTP on 127.0.0.1.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server/index';
import { ZgwTestClient } from '../zgw-server/test-client';

let server: ZgwServer;
let c: ZgwTestClient;
let iot: string;

beforeAll(async () => {
  server = await startZgwServer({ seed: 'minimal' });
  c = new ZgwTestClient(server.info);
  iot = (await c.get(`${server.info.catalogi}/informatieobjecttypen?omschrijving=Inkomende%20brief`)).body.results[0].url;
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.faults.clear();
  server.faults.setOffline(false);
  expect(server.state.responseErrors).toEqual([]);
});

const EIO_PATH = '/documenten/api/v1/enkelvoudiginformatieobjecten';

function eio(identificatie: string) {
  return {
    bronorganisatie: server.info.rsin,
    creatiedatum: '2026-11-20',
    titel: 'Brief',
    auteur: 'Postkamer',
    taal: 'dut',
    informatieobjecttype: iot,
    identificatie,
    inhoud: Buffer.from('inhoud').toString('base64'),
  };
}

async function countByIdent(identificatie: string): Promise<number> {
  const r = await c.get(
    `${server.info.documenten}/enkelvoudiginformatieobjecten?identificatie=${identificatie}&bronorganisatie=${server.info.rsin}`,
  );
  return r.body.count;
}

function networkError(p: Promise<unknown>) {
  return expect(p).rejects.toThrow(/fetch failed|socket|ECONNRESET|other side closed/i);
}

describe('fault kinds', () => {
  it("'status' answers the status once, then the request works", async () => {
    server.faults.add({ kind: 'status', status: 503, method: 'GET', path: /\/catalogussen$/ });
    const r = await c.get(`${server.info.catalogi}/catalogussen`);
    expect(r.status).toBe(503);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body.status).toBe(503);
    expect((await c.get(`${server.info.catalogi}/catalogussen`)).status).toBe(200);
  });

  it("'rate-limit' answers 429 with Retry-After", async () => {
    server.faults.add({ kind: 'rate-limit', retryAfterSeconds: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const r = await c.get(`${server.info.catalogi}/zaaktypen`);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body.code).toBe('throttled');
    }
    expect((await c.get(`${server.info.catalogi}/zaaktypen`)).status).toBe(200);
  });

  it("'expired-token' answers 403 jwt-expired regardless of a valid token", async () => {
    server.faults.add({ kind: 'expired-token' });
    const r = await c.get(`${server.info.catalogi}/catalogussen`);
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('jwt-expired');
    expect((await c.get(`${server.info.catalogi}/catalogussen`)).status).toBe(200);
  });

  it("'slow' delays the response; a client that gives up still sees the write committed", async () => {
    server.faults.add({ kind: 'slow', delayMs: 300, method: 'GET' });
    const t0 = performance.now();
    expect((await c.get(`${server.info.catalogi}/catalogussen`)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);

    server.faults.add({ kind: 'slow', delayMs: 400, method: 'POST', path: `${EIO_PATH}$` });
    await expect(
      c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-SLOW-1'), { signal: AbortSignal.timeout(100) }),
    ).rejects.toThrow();
    let count = 0;
    for (let i = 0; i < 50 && count === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      count = await countByIdent('PK-SLOW-1');
    }
    expect(count).toBe(1);
  });

  it("'reset-after-commit' commits the write and drops the connection without a response", async () => {
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: `${EIO_PATH}$` });
    const before = server.state.eios.size;
    await networkError(c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-RESET-AFTER-1')));
    expect(server.state.eios.size).toBe(before + 1);
    // The idempotent path: look up by identificatie, or a re-POST gets identificatie-niet-uniek.
    expect(await countByIdent('PK-RESET-AFTER-1')).toBe(1);
    const again = await c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-RESET-AFTER-1'));
    expect(again.body.invalidParams[0].code).toBe('identificatie-niet-uniek');
    const logged = server.state.requests.find((r) => r.fault === 'reset-after-commit');
    expect(logged).toMatchObject({ status: 0, operationId: 'enkelvoudiginformatieobject_create' });
  });

  it("'reset-before' drops the connection and does not write", async () => {
    server.faults.add({ kind: 'reset-before', method: 'POST', path: EIO_PATH });
    const before = server.state.eios.size;
    await networkError(c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-RESET-BEFORE-1')));
    expect(server.state.eios.size).toBe(before);
    expect(await countByIdent('PK-RESET-BEFORE-1')).toBe(0);
  });

  it('matches on method and path: other requests pass untouched', async () => {
    server.faults.add({ kind: 'status', status: 500, method: 'POST', path: EIO_PATH, times: Infinity });
    expect((await c.get(`${server.info.documenten}/enkelvoudiginformatieobjecten`)).status).toBe(200);
    expect((await c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-500-1'))).status).toBe(500);
    expect((await c.post(`${server.info.documenten}/enkelvoudiginformatieobjecten`, eio('PK-500-2'))).status).toBe(500);
  });

  it('probability uses a seeded PRNG: the same seed gives the same sequence', async () => {
    const sequence = async (s: ZgwServer) => {
      const sc = new ZgwTestClient(s.info);
      s.faults.add({ kind: 'status', status: 502, probability: 0.5, times: Infinity });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await sc.get(`${s.info.catalogi}/catalogussen`)).status);
      return out;
    };
    const a = await startZgwServer({ seed: 'none', faultSeed: 42 });
    const b = await startZgwServer({ seed: 'none', faultSeed: 42 });
    try {
      const sa = await sequence(a);
      const sb = await sequence(b);
      expect(sa).toEqual(sb);
      const hits = sa.filter((s) => s === 502).length;
      expect(hits).toBeGreaterThan(0);
      expect(hits).toBeLessThan(24);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('rejects malformed rules', () => {
    expect(() => server.faults.add({ kind: 'status' })).toThrow(/status/);
    expect(() => server.faults.add({ kind: 'slow' })).toThrow(/delayMs/);
    expect(() => server.faults.add({ kind: 'status', status: 500, probability: 2 })).toThrow(/probability/);
  });
});

describe('offline', () => {
  it('refuses connections while offline and serves again afterwards', async () => {
    expect((await c.get(`${server.info.catalogi}/catalogussen`)).status).toBe(200); // an open keep-alive socket
    server.faults.setOffline(true);
    await networkError(c.get(`${server.info.catalogi}/catalogussen`));
    server.faults.setOffline(false);
    expect((await c.get(`${server.info.catalogi}/catalogussen`)).status).toBe(200);
  });
});

describe('control API', () => {
  const control = (path: string, init: RequestInit = {}) => fetch(`${new URL(server.info.zaken).origin}/_control/${path}`, init);

  it('is guarded by X-Control-Secret', async () => {
    expect((await control('state')).status).toBe(403);
    expect((await control('state', { headers: { 'x-control-secret': 'wrong' } })).status).toBe(403);
  });

  it('adds a rule (path as regex string, times "Infinity"), reports counts, clears', async () => {
    const headers = { 'x-control-secret': server.info.secret, 'content-type': 'application/json' };
    const add = await control('faults', {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'status', status: 503, path: '/catalogi/api/v1/zaaktypen$', times: 'Infinity' }),
    });
    expect(add.status).toBe(201);
    expect((await c.get(`${server.info.catalogi}/zaaktypen`)).status).toBe(503);
    expect((await c.get(`${server.info.catalogi}/zaaktypen`)).status).toBe(503);
    const state = await (await control('state', { headers })).json();
    expect(state).toMatchObject({ zaken: 4, zaaktypen: 2, informatieobjecttypen: 4, pendingFaults: 1, offline: false });
    expect((await control('faults', { method: 'DELETE', headers })).status).toBe(204);
    expect((await c.get(`${server.info.catalogi}/zaaktypen`)).status).toBe(200);
    const bad = await control('faults', { method: 'POST', headers, body: JSON.stringify({ kind: 'explode' }) });
    expect(bad.status).toBe(400);
  });
});
