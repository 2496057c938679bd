// The test zaaksysteem's resultaten over real HTTP: create one for a zaak (validated against the OpenAPI file), the
// zaak's `resultaat` then names it, list by zaak, read; and the demo seed's resultaattypen to keep and to destroy.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server/index';
import { ZgwTestClient } from '../zgw-server/test-client';

let server: ZgwServer;
let c: ZgwTestClient;

beforeAll(async () => {
  server = await startZgwServer({ seed: 'demo' });
  c = new ZgwTestClient(server.info);
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  expect(server.state.responseErrors).toEqual([]);
});

async function zaak(identificatie: string): Promise<any> {
  const r = await c.get(`${server.info.zaken}/zaken?identificatie=${identificatie}&bronorganisatie=${server.info.rsin}`);
  expect(r.body.count).toBe(1);
  return r.body.results[0];
}

async function resultaattypen(zaaktype: string): Promise<any[]> {
  const r = await c.get(`${server.info.catalogi}/resultaattypen?status=definitief&zaaktype=${encodeURIComponent(zaaktype)}`);
  expect(r.status).toBe(200);
  return r.body.results;
}

describe('resultaten', () => {
  it('the demo seed has resultaattypen to keep and to destroy on three zaaktypen, with selectielijstklasse and brondatum', async () => {
    const zts = (await c.get(`${server.info.catalogi}/zaaktypen?status=definitief`)).body.results;
    expect(zts.map((z: any) => z.identificatie).sort()).toEqual(['ZT-BEZWAAR', 'ZT-MELDING', 'ZT-OMGEVINGSVERGUNNING']);
    for (const zt of zts) {
      const rts = await resultaattypen(zt.url);
      expect(rts.map((r) => r.url).sort()).toEqual([...zt.resultaattypen].sort());
      const nominaties = new Set(rts.map((r) => r.archiefnominatie));
      expect(nominaties).toEqual(new Set(['blijvend_bewaren', 'vernietigen']));
      for (const r of rts) {
        // On this server, which answers it as the Selectielijst API does, without authentication.
        expect(r.selectielijstklasse).toMatch(/\/selectielijst\/api\/v1\/resultaten\/[0-9a-f-]{36}$/);
        expect(r.selectielijstklasse.startsWith(`${new URL(server.info.catalogi).origin}/`)).toBe(true);
        const sl = await fetch(r.selectielijstklasse);
        expect(sl.status).toBe(200);
        expect(await sl.json()).toMatchObject({ url: r.selectielijstklasse, waardering: r.archiefnominatie, naam: expect.any(String) });
        expect(r.brondatumArchiefprocedure.afleidingswijze).toBe('afgehandeld');
        expect(r.archiefactietermijn).toMatch(/^P(5|10|20)Y$/);
      }
    }
  });

  it('creates a resultaat: 201, the zaak names it, list by zaak and read return it; a second one is refused', async () => {
    const z = await zaak('ZAAK-2026-0000000005');
    expect(z.resultaat).toBeNull();
    const [rt] = (await resultaattypen(z.zaaktype)).filter((r) => r.archiefnominatie === 'blijvend_bewaren');
    const created = await c.post(`${server.info.zaken}/resultaten`, { zaak: z.url, resultaattype: rt.url, toelichting: 'Verleend' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ zaak: z.url, resultaattype: rt.url, toelichting: 'Verleend' });
    expect(created.headers.get('location')).toBe(created.body.url);

    expect((await zaak('ZAAK-2026-0000000005')).resultaat).toBe(created.body.url);
    const listed = await c.get(`${server.info.zaken}/resultaten?zaak=${encodeURIComponent(z.url)}`);
    expect(listed.status).toBe(200);
    expect(listed.body.results).toEqual([created.body]);
    const other = await c.get(`${server.info.zaken}/resultaten?zaak=${encodeURIComponent((await zaak('ZAAK-2026-0000000006')).url)}`);
    expect(other.body).toMatchObject({ count: 0, results: [] });
    const read = await c.get(created.body.url);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);

    const again = await c.post(`${server.info.zaken}/resultaten`, { zaak: z.url, resultaattype: rt.url });
    expect(again.status).toBe(400);
    expect(again.body.invalidParams.map((p: any) => p.code)).toContain('unique');
  });

  it('refuses a body the OpenAPI file rejects, a resultaattype of another zaaktype, an unknown zaak; 404 for an unknown uuid', async () => {
    const z = await zaak('ZAAK-2026-0000000008');
    const bezwaar = (await c.get(`${server.info.catalogi}/zaaktypen?identificatie=ZT-BEZWAAR`)).body.results[0];
    const foreign = (await resultaattypen(bezwaar.url)).find((r) => r.zaaktype !== z.zaaktype);
    expect(foreign).toBeDefined();

    const missing = await c.post(`${server.info.zaken}/resultaten`, { zaak: z.url });
    expect(missing.status).toBe(400);
    expect(missing.body.invalidParams.map((p: any) => p.name)).toContain('resultaattype');

    const wrongType = await c.post(`${server.info.zaken}/resultaten`, { zaak: z.url, resultaattype: foreign.url });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.invalidParams.map((p: any) => p.code)).toContain('zaaktype-mismatch');

    const unknownZaak = `${server.info.zaken}/zaken/00000000-0000-4000-8000-000000000000`;
    const noZaak = await c.post(`${server.info.zaken}/resultaten`, { zaak: unknownZaak, resultaattype: foreign.url });
    expect(noZaak.status).toBe(400);
    expect(noZaak.body.invalidParams.map((p: any) => p.name)).toContain('zaak');

    expect((await zaak('ZAAK-2026-0000000008')).resultaat).toBeNull();
    expect((await c.get(`${server.info.zaken}/resultaten/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
  });
});
