// The test zaaksysteem over real HTTP on 127.0.0.1: Open Zaak 1.30 behaviours a capture client relies on.

import { createHash, randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server/index';
import { signJwt, zgwToken, ZgwTestClient } from '../zgw-server/test-client';

const CHUNK = 64 * 1024;
let server: ZgwServer;
let c: ZgwTestClient;
let zrc: string;
let drc: string;
let ztc: string;
let rsin: string;

beforeAll(async () => {
  server = await startZgwServer({ seed: 'minimal', chunkSize: CHUNK });
  c = new ZgwTestClient(server.info);
  ({ zaken: zrc, documenten: drc, catalogi: ztc, rsin } = server.info);
});

afterAll(async () => {
  await server?.close();
});

// Every response the server sent must have matched the OpenAPI file; a mismatch is a server bug.
afterEach(() => {
  expect(server.state.responseErrors).toEqual([]);
});

async function zaakByIdent(identificatie: string): Promise<any> {
  const r = await c.get(`${zrc}/zaken?identificatie=${identificatie}&bronorganisatie=${rsin}`);
  expect(r.status).toBe(200);
  expect(r.body.count).toBe(1);
  return r.body.results[0];
}

async function iotByName(omschrijving: string, status = 'definitief'): Promise<string> {
  const r = await c.get(`${ztc}/informatieobjecttypen?status=${status}&omschrijving=${encodeURIComponent(omschrijving)}`);
  expect(r.status).toBe(200);
  expect(r.body.count).toBe(1);
  return r.body.results[0].url;
}

function eioBody(iot: string, extra: Record<string, unknown> = {}) {
  return {
    bronorganisatie: rsin,
    creatiedatum: '2026-11-20',
    titel: 'Ingescande brief',
    auteur: 'Postkamer',
    taal: 'dut',
    informatieobjecttype: iot,
    status: 'definitief',
    ontvangstdatum: '2026-11-19',
    indicatieGebruiksrecht: false,
    ...extra,
  };
}

describe('start-up and options', () => {
  it('binds to loopback only', async () => {
    await expect(startZgwServer({ host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it('refuses a bronorganisatie that fails the 11-proef', async () => {
    await expect(startZgwServer({ rsin: '123456789' })).rejects.toThrow(/11-proef/);
  });

  it('gives base URLs ending in /api/v1 and a 32-character secret', () => {
    expect(zrc).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zaken\/api\/v1$/);
    expect(drc).toMatch(/\/documenten\/api\/v1$/);
    expect(ztc).toMatch(/\/catalogi\/api\/v1$/);
    expect(server.info.secret).toHaveLength(32);
    expect(server.info.clientId).toBe('postkamer-test');
  });
});

describe('ZGW JWT', () => {
  const url = () => `${ztc}/catalogussen`;

  it('accepts a fresh token and answers with API-version', async () => {
    const r = await c.get(url());
    expect(r.status).toBe(200);
    expect(r.headers.get('api-version')).toBe('1.3.1');
  });

  it('403 permission_denied without a token', async () => {
    const r = await c.get(url(), { token: null });
    expect(r.status).toBe(403);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body.code).toBe('permission_denied');
    expect(r.body.instance).toMatch(/^urn:uuid:/);
  });

  it('403 jwt-expired when iat is an hour old (no leeway), accepted just before', async () => {
    expect((await c.get(url(), { token: zgwToken(server.info, -3600) })).body.code).toBe('jwt-expired');
    expect((await c.get(url(), { token: zgwToken(server.info, -7200) })).status).toBe(403);
    expect((await c.get(url(), { token: zgwToken(server.info, -3590) })).status).toBe(200);
  });

  it('403 jwt-expired when iat is in the future beyond the leeway', async () => {
    const r = await c.get(url(), { token: zgwToken(server.info, 120) });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('jwt-expired');
  });

  it('honours jwtLeewaySeconds', async () => {
    const lenient = await startZgwServer({ seed: 'none', jwtLeewaySeconds: 300 });
    try {
      const lc = new ZgwTestClient(lenient.info);
      expect((await lc.get(`${lenient.info.catalogi}/catalogussen`, { token: zgwToken(lenient.info, 120) })).status).toBe(200);
      expect((await lc.get(`${lenient.info.catalogi}/catalogussen`, { token: zgwToken(lenient.info, -3700) })).status).toBe(200);
      expect((await lc.get(`${lenient.info.catalogi}/catalogussen`, { token: zgwToken(lenient.info, -3900) })).body.code).toBe(
        'jwt-expired',
      );
    } finally {
      await lenient.close();
    }
  });

  it('403 invalid-jwt-signature for a token signed with another secret', async () => {
    const token = zgwToken({ clientId: server.info.clientId, secret: 'not-the-secret' });
    const r = await c.get(url(), { token });
    expect(r.status).toBe(403);
    expect(r.body.code).toBe('invalid-jwt-signature');
  });

  it('403 for unknown client, missing client_id, missing iat, undecodable token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const s = server.info.secret;
    expect((await c.get(url(), { token: signJwt({ iss: 'x', iat: now, client_id: 'someone-else' }, s) })).body.code).toBe(
      'invalid-client-identifier',
    );
    expect((await c.get(url(), { token: signJwt({ iss: 'x', iat: now }, s) })).body.code).toBe('missing-client-identifier');
    expect((await c.get(url(), { token: signJwt({ iss: server.info.clientId, client_id: server.info.clientId }, s) })).body.code).toBe(
      'jwt-missing-iat-claim',
    );
    expect((await c.get(url(), { token: 'not.a-jwt' })).body.code).toBe('jwt-decode-error');
  });

  it('403 jwt-missing-iss-claim without iss (the standard payload has it; stricter than Open Zaak)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = signJwt({ iat: now, client_id: server.info.clientId }, server.info.secret);
    expect((await c.get(url(), { token })).body.code).toBe('jwt-missing-iss-claim');
  });
});

describe('Zaken: CRS headers, search, create', () => {
  it('412 without Accept-Crs on GET /zaken, 412 without Content-Crs on POST, 406 for another CRS', async () => {
    const r = await c.get(`${zrc}/zaken`, { crs: false });
    expect(r.status).toBe(412);
    expect(r.body.code).toBe('precondition_failed');
    expect(r.body.detail).toBe("'Accept-Crs' header ontbreekt");

    const p = await c.post(`${zrc}/zaken`, {}, { crs: false, headers: { 'accept-crs': 'EPSG:4326' } });
    expect(p.status).toBe(412);
    expect(p.body.detail).toBe("'Content-Crs' header ontbreekt");

    const w = await c.get(`${zrc}/zaken`, { crs: false, headers: { 'accept-crs': 'EPSG:28992' } });
    expect(w.status).toBe(406);
  });

  it('finds a zaak by identificatie + bronorganisatie, with Content-Crs in the response', async () => {
    const r = await c.get(`${zrc}/zaken?identificatie=ZAAK-2026-0000000001&bronorganisatie=${rsin}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-crs')).toBe('EPSG:4326');
    expect(r.body.count).toBe(1);
    expect(r.body.results[0].archiefstatus).toBe('nog_te_archiveren');
    const none = await c.get(`${zrc}/zaken?identificatie=ZAAK-2026-9999999999&bronorganisatie=${rsin}`);
    expect(none.body.count).toBe(0);
  });

  it('400 for a bronorganisatie filter that fails the 11-proef', async () => {
    const r = await c.get(`${zrc}/zaken?bronorganisatie=123456789`);
    expect(r.status).toBe(400);
    expect(r.body.invalidParams).toEqual([expect.objectContaining({ name: 'bronorganisatie', code: 'invalid' })]);
  });

  it('POST /zaken/_zoek filters like the list', async () => {
    const r = await c.post(`${zrc}/zaken/_zoek`, { identificatie: 'ZAAK-2026-0000000002', bronorganisatie: rsin });
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(1);
    expect(r.body.results[0].omschrijving).toContain('Dorpsstraat 12');
  });

  it('generates ZAAK-YYYY-NNNNNNNNNN, skips reserved numbers, refuses a duplicate identificatie', async () => {
    const zaaktypen = await c.get(`${ztc}/zaaktypen?status=definitief`);
    const zaaktype = zaaktypen.body.results[0].url;
    const reserved = await c.post(`${zrc}/zaaknummer_reserveren`, { bronorganisatie: rsin });
    expect(reserved.status).toBe(201);
    expect(reserved.body.zaaknummer).toMatch(/^ZAAK-\d{4}-\d{10}$/);

    const body = {
      bronorganisatie: rsin,
      verantwoordelijkeOrganisatie: rsin,
      zaaktype,
      startdatum: '2026-11-01',
      omschrijving: 'Nieuwe zaak',
    };
    const created = await c.post(`${zrc}/zaken`, body);
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(created.body.url);
    expect(created.body.identificatie).toMatch(/^ZAAK-\d{4}-\d{10}$/);
    expect(created.body.identificatie).not.toBe(reserved.body.zaaknummer);
    expect(Number(created.body.identificatie.slice(-10))).toBeGreaterThan(Number(reserved.body.zaaknummer.slice(-10)));

    const dup = await c.post(`${zrc}/zaken`, { ...body, identificatie: 'ZAAK-2026-0000000001' });
    expect(dup.status).toBe(400);
    expect(dup.body.code).toBe('invalid');
    expect(dup.body.invalidParams).toEqual([expect.objectContaining({ name: 'identificatie', code: 'identificatie-niet-uniek' })]);
  });
});

describe('Catalogi', () => {
  it('lists published types by default and concept types with status=alles', async () => {
    expect((await c.get(`${ztc}/informatieobjecttypen`)).body.count).toBe(3);
    expect((await c.get(`${ztc}/informatieobjecttypen?status=alles`)).body.count).toBe(4);
    expect((await c.get(`${ztc}/informatieobjecttypen?status=concept`)).body.results[0].concept).toBe(true);
  });

  it('filters zaaktype-informatieobjecttypen by zaaktype URL and reads each resource kind', async () => {
    const zt = (await c.get(`${ztc}/zaaktypen?identificatie=ZT-BEZWAAR`)).body.results[0];
    const ztiot = await c.get(`${ztc}/zaaktype-informatieobjecttypen?zaaktype=${encodeURIComponent(zt.url)}&richting=inkomend`);
    expect(ztiot.body.count).toBe(2);
    expect(ztiot.body.results.map((r: any) => r.informatieobjecttype).sort()).toEqual([...zt.informatieobjecttypen].sort());
    for (const u of [zt.url, zt.catalogus, zt.resultaattypen[0], ztiot.body.results[0].url, zt.informatieobjecttypen[0]]) {
      const r = await c.get(u);
      expect(r.status, u).toBe(200);
      expect(r.body.url).toBe(u);
    }
  });

  it('ETag + If-None-Match → 304 on a detail resource; HEAD carries the same ETag', async () => {
    const zt = (await c.get(`${ztc}/zaaktypen`)).body.results[0].url;
    const first = await c.get(zt);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await c.get(zt, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    const head = await c.request('HEAD', zt);
    expect(head.status).toBe(200);
    expect(head.headers.get('etag')).toBe(etag);
    const other = await c.get(zt, { headers: { 'if-none-match': '"something-else"' } });
    expect(other.status).toBe(200);
    const list = await c.get(`${ztc}/zaaktypen`);
    expect((await c.get(`${ztc}/zaaktypen`, { headers: { 'if-none-match': list.headers.get('etag')! } })).status).toBe(304);
  });
});

describe('Documenten: inline and chunked upload', () => {
  let brief: string;
  beforeAll(async () => {
    brief = await iotByName('Inkomende brief');
  });

  it('creates a document with base64 inhoud, stores integriteit, downloads the same bytes', async () => {
    const bytes = randomBytes(3000);
    const sha = createHash('sha256').update(bytes).digest('hex');
    const integriteit = { algoritme: 'sha_256', waarde: sha, datum: '2026-11-20' };
    const r = await c.post(
      `${drc}/enkelvoudiginformatieobjecten`,
      eioBody(brief, {
        inhoud: bytes.toString('base64'),
        bestandsomvang: bytes.length,
        integriteit,
        formaat: 'application/pdf',
        bestandsnaam: 'brief.pdf',
      }),
    );
    expect(r.status).toBe(201);
    expect(r.body.versie).toBe(1);
    expect(r.body.locked).toBe(false);
    expect(r.body.lock).toBe('');
    expect(r.body.bestandsdelen).toEqual([]);
    expect(r.body.integriteit).toEqual(integriteit);
    expect(r.body.identificatie).toMatch(/^DOCUMENT-2026-\d{10}$/);
    expect(r.body.vertrouwelijkheidaanduiding).toBe('zaakvertrouwelijk'); // from the informatieobjecttype
    expect(r.body.inhoud).toBe(`${r.body.url}/download?versie=1`);
    const dl = await c.download(r.body.inhoud);
    expect(dl.status).toBe(200);
    expect(dl.contentType).toBe('application/octet-stream');
    expect(dl.bytes.equals(bytes)).toBe(true);
    const stored = server.state.eios.get(r.body.url.split('/').pop());
    expect(stored?.versions[0].content?.equals(bytes)).toBe(true);
  });

  it('400 file-size when bestandsomvang does not match the inhoud', async () => {
    const r = await c.post(
      `${drc}/enkelvoudiginformatieobjecten`,
      eioBody(brief, { inhoud: Buffer.from('abc').toString('base64'), bestandsomvang: 4 }),
    );
    expect(r.status).toBe(400);
    expect(r.body.invalidParams[0].code).toBe('file-size');
  });

  it('uploads in bestandsdelen: lock, parts by volgnummer, incomplete-upload, unlock, download', async () => {
    const bytes = randomBytes(CHUNK * 2 + 1234);
    const created = await c.post(
      `${drc}/enkelvoudiginformatieobjecten`,
      eioBody(brief, { inhoud: null, bestandsomvang: bytes.length, identificatie: 'PK-CHUNKED-1' }),
    );
    expect(created.status).toBe(201);
    const eio = created.body;
    expect(eio.locked).toBe(true);
    expect(eio.lock).toMatch(/^[0-9a-f]{32}$/);
    expect(eio.inhoud).toBeNull();
    expect(eio.bestandsdelen.map((d: any) => [d.volgnummer, d.omvang, d.voltooid])).toEqual([
      [1, CHUNK, false],
      [2, CHUNK, false],
      [3, 1234, false],
    ]);
    expect(eio.bestandsdelen.every((d: any) => d.lock === eio.lock)).toBe(true);

    const uuid = eio.url.split('/').pop();
    const put = (part: any, data: Buffer, lock: string) => {
      const form = new FormData();
      form.append('lock', lock);
      form.append('inhoud', new Blob([new Uint8Array(data)]), 'deel.bin');
      return c.request('PUT', part.url, { body: form });
    };
    const parts = eio.bestandsdelen;
    const slice = (i: number) => bytes.subarray(i * CHUNK, Math.min(bytes.length, (i + 1) * CHUNK));

    const wrongLock = await put(parts[0], slice(0), 'f'.repeat(32));
    expect(wrongLock.status).toBe(400);
    expect(wrongLock.body.invalidParams[0].code).toBe('incorrect-lock-id');
    const wrongSize = await put(parts[0], slice(0).subarray(1), eio.lock);
    expect(wrongSize.status).toBe(400);
    expect(wrongSize.body.invalidParams[0].code).toBe('file-size');

    const p1 = await put(parts[0], slice(0), eio.lock);
    expect(p1.status).toBe(200);
    expect(p1.body).toMatchObject({ volgnummer: 1, voltooid: true, omvang: CHUNK });
    await put(parts[2], slice(2), eio.lock); // order of upload does not matter, volgnummer does

    const early = await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/unlock`, { lock: eio.lock });
    expect(early.status).toBe(400);
    expect(early.body.invalidParams[0].code).toBe('incomplete-upload');

    // A resuming client re-reads the document to see which parts are still missing.
    const midway = await c.get(eio.url);
    expect(midway.body.bestandsdelen.map((d: any) => d.voltooid)).toEqual([true, false, true]);

    expect((await put(parts[1], slice(1), eio.lock)).status).toBe(200);
    const wrongUnlock = await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/unlock`, { lock: 'a'.repeat(32) });
    expect(wrongUnlock.body.invalidParams[0].code).toBe('incorrect-lock-id');
    const unlocked = await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/unlock`, { lock: eio.lock });
    expect(unlocked.status).toBe(204);

    const after = await c.get(eio.url);
    expect(after.body).toMatchObject({ locked: false, bestandsdelen: [], bestandsomvang: bytes.length, versie: 1 });
    const dl = await c.download(after.body.inhoud);
    expect(dl.bytes.equals(bytes)).toBe(true);
  });

  it('identificatie-niet-uniek per bronorganisatie; GET by identificatie + bronorganisatie finds it', async () => {
    const body = eioBody(brief, { identificatie: 'PK-2026-DEDUP-1', inhoud: Buffer.from('x').toString('base64') });
    expect((await c.post(`${drc}/enkelvoudiginformatieobjecten`, body)).status).toBe(201);
    const again = await c.post(`${drc}/enkelvoudiginformatieobjecten`, body);
    expect(again.status).toBe(400);
    expect(again.body.invalidParams).toEqual([expect.objectContaining({ name: 'identificatie', code: 'identificatie-niet-uniek' })]);
    const found = await c.get(`${drc}/enkelvoudiginformatieobjecten?identificatie=PK-2026-DEDUP-1&bronorganisatie=${rsin}`);
    expect(found.body.count).toBe(1);
  });

  it('lock → PATCH creates a new version; list returns the latest only; ?versie= reads old ones', async () => {
    const created = (
      await c.post(
        `${drc}/enkelvoudiginformatieobjecten`,
        eioBody(brief, { identificatie: 'PK-VERSIONS-1', inhoud: Buffer.from('v1').toString('base64') }),
      )
    ).body;
    const uuid = created.url.split('/').pop();
    const etag = (await c.get(created.url)).headers.get('etag')!;

    const noLock = await c.patch(created.url, { titel: 'zonder lock' });
    expect(noLock.status).toBe(400);
    expect(noLock.body.invalidParams[0].code).toBe('missing-lock-id');

    const lock = await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/lock`, undefined);
    expect(lock.status).toBe(200);
    expect((await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/lock`, undefined)).body.invalidParams[0].code).toBe('existing-lock');

    const patched = await c.patch(created.url, {
      titel: 'Versie twee',
      inhoud: Buffer.from('v2!').toString('base64'),
      lock: lock.body.lock,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ versie: 2, titel: 'Versie twee', bestandsomvang: 3, identificatie: 'PK-VERSIONS-1' });
    expect((await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/unlock`, { lock: lock.body.lock })).status).toBe(204);

    const list = await c.get(`${drc}/enkelvoudiginformatieobjecten?identificatie=PK-VERSIONS-1&bronorganisatie=${rsin}`);
    expect(list.body.count).toBe(1);
    expect(list.body.results[0].versie).toBe(2);
    const v1 = await c.get(`${created.url}?versie=1`);
    expect(v1.body).toMatchObject({ versie: 1, titel: 'Ingescande brief' });
    expect((await c.download(`${created.url}/download?versie=1`)).bytes.toString()).toBe('v1');
    expect((await c.download(`${created.url}/download`)).bytes.toString()).toBe('v2!');
    expect((await c.get(created.url, { headers: { 'if-none-match': etag } })).status).toBe(200);

    // PUT replaces the whole document (with the lock) and also creates a version.
    const lock2 = (await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/lock`, undefined)).body.lock;
    const put = await c.put(created.url, { ...eioBody(brief, { identificatie: 'PK-VERSIONS-1', titel: 'Versie drie' }), lock: lock2 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ versie: 3, titel: 'Versie drie', locked: true, bestandsomvang: 3 });
    expect((await c.post(`${drc}/enkelvoudiginformatieobjecten/${uuid}/unlock`, { lock: lock2 })).status).toBe(204);
    expect(server.state.eios.get(uuid)?.versions.map((v) => v.versie)).toEqual([1, 2, 3]);
  });

  it('the informatieobjecttype must exist on this server and be published', async () => {
    const concept = await iotByName('Interne notitie', 'concept');
    const r = await c.post(`${drc}/enkelvoudiginformatieobjecten`, eioBody(concept));
    expect(r.status).toBe(400);
    expect(r.body.invalidParams[0]).toMatchObject({ name: 'informatieobjecttype', code: 'not-published' });
    const other = await c.post(
      `${drc}/enkelvoudiginformatieobjecten`,
      eioBody(`${ztc}/informatieobjecttypen/00000000-0000-4000-8000-000000000000`),
    );
    expect(other.body.invalidParams[0]).toMatchObject({ name: 'informatieobjecttype', code: 'bad-url' });
  });

  it('an invalid request gets 400 with the validator reason per field', async () => {
    const body: Record<string, unknown> = eioBody(brief, {
      taal: 'nl',
      vertrouwelijkheidaanduiding: 'supergeheim',
      url: 'http://example.org/x',
    });
    delete body.titel;
    const r = await c.post(`${drc}/enkelvoudiginformatieobjecten`, body);
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body.code).toBe('invalid');
    const byName = Object.fromEntries(r.body.invalidParams.map((p: any) => [p.name, p]));
    expect(byName.titel).toEqual({ name: 'titel', code: 'required', reason: "must have required property 'titel'" });
    expect(byName.taal).toEqual({ name: 'taal', code: 'min_length', reason: 'must NOT have fewer than 3 characters' });
    expect(byName.vertrouwelijkheidaanduiding.code).toBe('invalid_choice');
    expect(byName.vertrouwelijkheidaanduiding.reason).toContain('"zeer_geheim"');
    expect(byName.url.code).toBe('read-only');
    expect(server.state.eios.size).toBeGreaterThan(0);
  });

  it('names nested fields as parent.child and list.index', async () => {
    const r = await c.post(
      `${drc}/enkelvoudiginformatieobjecten`,
      eioBody(brief, { integriteit: { algoritme: 'sha_257', waarde: 'x', datum: '2026-11-20' }, trefwoorden: ['ok', ''] }),
    );
    expect(r.status).toBe(400);
    expect(r.body.invalidParams.map((p: any) => [p.name, p.code])).toEqual([
      ['integriteit.algoritme', 'invalid_choice'],
      ['trefwoorden.1', 'blank'],
    ]);
  });

  it('a data: URL as inhoud is not base64 (a pitfall of the Open Zaak JS recipe)', async () => {
    const r = await c.post(`${drc}/enkelvoudiginformatieobjecten`, eioBody(brief, { inhoud: 'data:application/pdf;base64,JVBERi0=' }));
    expect(r.status).toBe(400);
    expect(r.body.invalidParams[0]).toMatchObject({ name: 'inhoud', code: 'invalid' });
  });

  it('415 for a body that is not JSON', async () => {
    const r = await c.request('POST', `${drc}/enkelvoudiginformatieobjecten`, {
      headers: { 'content-type': 'text/plain' },
      body: undefined,
    });
    expect(r.status).toBe(400); // no body at all: validation reports the required fields
    const res = await fetch(`${drc}/enkelvoudiginformatieobjecten`, {
      method: 'POST',
      headers: { authorization: `Bearer ${zgwToken(server.info)}`, 'content-type': 'text/plain' },
      body: 'hallo',
    });
    expect(res.status).toBe(415);
  });
});

describe('Zaakinformatieobjecten', () => {
  async function document(iotName: string): Promise<string> {
    const iot = await iotByName(iotName);
    const r = await c.post(`${drc}/enkelvoudiginformatieobjecten`, eioBody(iot, { inhoud: Buffer.from('%PDF-1.7').toString('base64') }));
    expect(r.status).toBe(201);
    return r.body.url;
  }

  it('links a document to a zaak (no CRS headers needed); a duplicate is 400 unique; the list is a plain array', async () => {
    const zaak = await zaakByIdent('ZAAK-2026-0000000001');
    const doc = await document('Bezwaarschrift');
    const link = await c.post(
      `${zrc}/zaakinformatieobjecten`,
      { zaak: zaak.url, informatieobject: doc, titel: 'Bezwaarschrift' },
      { crs: false },
    );
    expect(link.status).toBe(201);
    expect(link.body).toMatchObject({ zaak: zaak.url, informatieobject: doc, aardRelatieWeergave: 'Hoort bij, omgekeerd: kent' });

    const dup = await c.post(`${zrc}/zaakinformatieobjecten`, { zaak: zaak.url, informatieobject: doc }, { crs: false });
    expect(dup.status).toBe(400);
    expect(dup.body.invalidParams).toEqual([expect.objectContaining({ name: 'nonFieldErrors', code: 'unique' })]);

    const list = await c.get(
      `${zrc}/zaakinformatieobjecten?zaak=${encodeURIComponent(zaak.url)}&informatieobject=${encodeURIComponent(doc)}`,
      { crs: false },
    );
    expect(list.status).toBe(200);
    expect(Array.isArray(list.body)).toBe(true);
    expect(list.body).toHaveLength(1);
    expect((await c.get(link.body.url)).body.uuid).toBe(link.body.uuid);
    expect((await zaakByIdent('ZAAK-2026-0000000001')).zaakinformatieobjecten).toContain(link.body.url);
  });

  it('400 zaak-archiefstatus-invalid for an archived zaak', async () => {
    const zaak = await zaakByIdent('ZAAK-2026-0000000004');
    expect(zaak.archiefstatus).toBe('gearchiveerd');
    const r = await c.post(`${zrc}/zaakinformatieobjecten`, { zaak: zaak.url, informatieobject: await document('Inkomende brief') });
    expect(r.status).toBe(400);
    expect(r.body.invalidParams.map((p: any) => p.code)).toEqual(['zaak-archiefstatus-invalid']);
  });

  it('400 missing-zaaktype-informatieobjecttype-relation when the type is not allowed for the zaaktype', async () => {
    const zaak = await zaakByIdent('ZAAK-2026-0000000002'); // omgevingsvergunning: no Bezwaarschrift
    const r = await c.post(`${zrc}/zaakinformatieobjecten`, { zaak: zaak.url, informatieobject: await document('Bezwaarschrift') });
    expect(r.status).toBe(400);
    expect(r.body.invalidParams.map((p: any) => p.code)).toEqual(['missing-zaaktype-informatieobjecttype-relation']);
  });

  it('400 for URLs that are not resources of this server', async () => {
    const r = await c.post(`${zrc}/zaakinformatieobjecten`, {
      zaak: zrc.replace('127.0.0.1', 'localhost') + '/zaken/00000000-0000-4000-8000-000000000000',
      informatieobject: `${drc}/enkelvoudiginformatieobjecten/00000000-0000-4000-8000-000000000000`,
    });
    expect(r.status).toBe(400);
    expect(r.body.invalidParams.map((p: any) => p.name).sort()).toEqual(['informatieobject', 'zaak']);
  });
});

describe('response validation and validate: false', () => {
  it('a response that does not match the OpenAPI file becomes a 500 and is recorded', async () => {
    const broken = await startZgwServer({ seed: 'minimal', log: () => {} });
    const stderrWrite = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write; // keep the expected BUG line out of the test output
    try {
      const bc = new ZgwTestClient(broken.info);
      const zaak = [...broken.state.zaken.values()][0];
      zaak.identificatie = 12345; // corrupt the stored zaak: identificatie must be a string
      const r = await bc.get(String(zaak.url));
      expect(r.status).toBe(500);
      expect(r.body.code).toBe('response-invalid');
      expect(broken.state.responseErrors).toEqual([
        { operationId: 'zaak_read', status: 200, problems: [expect.stringContaining('/identificatie must be string')] },
      ]);
    } finally {
      process.stderr.write = stderrWrite;
      await broken.close();
    }
  });

  it('validate: false skips request validation (the handler still applies its rules)', async () => {
    const loose = await startZgwServer({ seed: 'minimal', validate: false });
    try {
      const lc = new ZgwTestClient(loose.info);
      const iot = (await lc.get(`${loose.info.catalogi}/informatieobjecttypen?omschrijving=Factuur`)).body.results[0].url;
      const body: Record<string, unknown> = {
        bronorganisatie: loose.info.rsin,
        creatiedatum: '2026-11-20',
        auteur: 'x',
        taal: 'nl',
        informatieobjecttype: iot,
      };
      expect((await lc.post(`${loose.info.documenten}/enkelvoudiginformatieobjecten`, body)).status).toBe(201);
      const dup = await lc.post(`${loose.info.documenten}/enkelvoudiginformatieobjecten`, {
        ...body,
        identificatie: 'DOCUMENT-2026-0000000001',
      });
      expect(dup.body.invalidParams[0].code).toBe('identificatie-niet-uniek');
    } finally {
      await loose.close();
    }
  });
});

describe('pagination (demo seed)', () => {
  it('follows next until null over 24 zaken; page out of range is 404', async () => {
    const demo = await startZgwServer({ seed: 'demo' });
    try {
      const dc = new ZgwTestClient(demo.info);
      let url: string | null = `${demo.info.zaken}/zaken?bronorganisatie=${demo.info.rsin}&pageSize=10&ordering=identificatie`;
      const seen: string[] = [];
      let pages = 0;
      while (url) {
        const r: any = await dc.get(url);
        expect(r.status).toBe(200);
        expect(r.body.count).toBe(24);
        seen.push(...r.body.results.map((z: any) => z.identificatie));
        url = r.body.next;
        pages += 1;
      }
      expect(pages).toBe(3);
      expect(seen).toEqual([...seen].sort());
      expect(new Set(seen).size).toBe(24);
      expect(seen[23]).toBe('ZAAK-2026-0000000024');
      const beyond = await dc.get(`${demo.info.zaken}/zaken?page=4&pageSize=10`);
      expect(beyond.status).toBe(404);
      expect(demo.state.responseErrors).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});
