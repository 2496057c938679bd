// The archivist's retention in the Selectielijst's own words (issue 16): sync.refresh fetches the Selectielijst
// resultaat of every cached resultaattype without credentials (no Authorization header ever reaches it) and caches it;
// classification.get reads only that cache (no request of its own), also after the zaak has a resultaat, also with
// the servers gone; a 404 or a malformed answer keeps the old entry and is no error; an unreachable host is asked once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { upsertZgwObject } from '../../src/store/zgw-catalogue';
import { refreshSelectielijst } from '../../src/sync/selectielijst';
import { runCli } from '../support/cli';
import { startZgwServer, ZgwTestClient, type ZgwServer } from '../zgw-server';
import { call, CLI_CTX, ingestPdfs, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir } from './sync-support';

let server: ZgwServer;
let t: ReturnType<typeof tempDir>;
let core: Core;
let doc: string;

/** The seed's Selectielijst resultaten of the Bezwaar resultaattypen, by resultaattype omschrijving. */
const BEZWAAR = {
  Afgehandeld: { nummer: '15.1', naam: 'Afgehandeld', waardering: 'vernietigen', bewaartermijn: 'P10Y' },
  Gegrond: { nummer: '15.2', naam: 'Gegrond', waardering: 'blijvend_bewaren', bewaartermijn: null },
};
/** The option's keys before the Selectielijst's words came (documents --json keeps them). */
const OPTION_KEYS = [
  'archiefactietermijn',
  'archiefnominatie',
  'brondatumAfleidingswijze',
  'omschrijving',
  'resultaattype',
  'selectielijstklasse',
];

const uuidOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const retention = async () => (await call(core, 'classification.get', { id: doc })).retention!;
const cachedAt = () =>
  Object.fromEntries(
    (core.store.db.prepare('SELECT url, fetched_at FROM selectielijst_resultaten').all() as { url: string; fetched_at: string }[]).map(
      (r) => [r.url, r.fetched_at],
    ),
  );

beforeAll(async () => {
  process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
  server = await startZgwServer({ seed: 'demo' });
  t = tempDir('selectielijst');
  core = await openStoreWithConnection(t.dir, server);
  [doc] = (await ingestPdfs(core, 1, { offset: 930 })) as [string];
  await call(core, 'sync.link', { documentId: doc, zaaknummer: 'ZAAK-2026-0000000001' });
  expect(await call(core, 'sync.run', { maxWaitMs: 10_000 })).toMatchObject({ delivered: 1 });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  t?.cleanup();
});

describe("the Selectielijst's words", () => {
  it('are fetched on sync.refresh without any Authorization header, and shown per retention option', async () => {
    expect(Object.keys(cachedAt())).toHaveLength(0);
    await call(core, 'sync.refresh', {});
    const asked = server.state.selectielijst.requests;
    const urls = [...server.state.catalogue.resultaattypen.values()].map((r) => r.selectielijstklasse as string);
    expect(new Set(urls).size).toBe(7);
    // Each distinct selectielijstklasse once, answered, and none with a credential.
    expect(asked.map((r) => r.path).sort()).toEqual(urls.map((u) => new URL(u).pathname).sort());
    expect(asked.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(asked.filter((r) => r.authorization)).toEqual([]);
    // The zaaksysteem's own log has none of them (they went to the Selectielijst route, not to a ZGW API).
    expect(server.state.requests.filter((r) => r.path.startsWith('/selectielijst/'))).toEqual([]);
    expect(Object.keys(cachedAt()).sort()).toEqual([...urls].sort());

    const r = await retention();
    expect(r.basis).toBe('zaaktype');
    const byName = Object.fromEntries(r.options.map((o) => [o.omschrijving, o]));
    expect(Object.keys(byName).sort()).toEqual(['Afgehandeld', 'Gegrond']);
    for (const [name, words] of Object.entries(BEZWAAR)) expect(byName[name]!.selectielijst, name).toEqual(words);
    for (const o of r.options) {
      expect(Object.keys(o).sort()).toEqual([...OPTION_KEYS, 'selectielijst'].sort());
      // The Selectielijst agrees with the catalogue here (the seed is consistent).
      expect(o.selectielijst!.waardering).toBe(o.archiefnominatie);
    }
    // Reading the retention asks the Selectielijst nothing (offline first: the cache only).
    const n = asked.length;
    await retention();
    expect(server.state.selectielijst.requests.length).toBe(n);
    // The server does tell a request with a credential (so the check above could fail).
    await fetch(urls[0]!, { headers: { authorization: 'Bearer x' } });
    expect(server.state.selectielijst.requests.at(-1)).toMatchObject({ authorization: true, status: 200 });
  });

  it('are not asked again on a refresh within a day', async () => {
    const n = server.state.selectielijst.requests.length;
    await call(core, 'sync.refresh', {});
    expect(server.state.selectielijst.requests.length).toBe(n);
  });

  it('show for the one resultaat that applies once the zaak has one', async () => {
    const zaak = [...server.state.zaken.values()].find((z) => z.identificatie === 'ZAAK-2026-0000000001')!;
    const gegrond = [...server.state.catalogue.resultaattypen.values()].find(
      (r) => r.zaaktypeIdentificatie === 'ZT-BEZWAAR' && r.omschrijving === 'Gegrond',
    )!;
    const posted = await new ZgwTestClient(server.info).post(`${server.info.zaken}/resultaten`, {
      zaak: zaak.url,
      resultaattype: gegrond.url,
    });
    expect(posted.status).toBe(201);
    core.store.db.prepare(`UPDATE zaak_outcomes SET fetched_at = '2000-01-01T00:00:00.000Z'`).run();
    const r = await retention();
    expect(r).toMatchObject({ basis: 'resultaat', options: [{ resultaattype: gegrond.url, selectielijst: BEZWAAR.Gegrond }] });
  });

  it('keep the old entry after a 404 or a malformed answer, and leave the rest intact; the refresh is no error', async () => {
    const rts = [...server.state.catalogue.resultaattypen.values()];
    const rt = (omschrijving: string, zt: string) => rts.find((r) => r.omschrijving === omschrijving && r.zaaktypeIdentificatie === zt)!;
    const gone = rt('Gegrond', 'ZT-BEZWAAR').selectielijstklasse as string;
    const malformed = rt('Afgehandeld', 'ZT-BEZWAAR').selectielijstklasse as string;
    const healthy = rt('Verleend', 'ZT-OMGEVINGSVERGUNNING').selectielijstklasse as string;
    server.state.selectielijst.resultaten.delete(uuidOf(gone));
    server.state.selectielijst.resultaten.set(uuidOf(malformed), { url: malformed, naam: 42, waardering: ['vernietigen'] });
    const renamed = { ...(server.state.selectielijst.resultaten.get(uuidOf(healthy)) as object), naam: 'Verleend (herzien)' };
    server.state.selectielijst.resultaten.set(uuidOf(healthy), renamed);
    // A day later: every entry is asked again.
    core.store.db.prepare(`UPDATE selectielijst_resultaten SET fetched_at = '2000-01-01T00:00:00.000Z'`).run();
    const from = server.state.selectielijst.requests.length;

    await call(core, 'sync.refresh', {});
    const asked = server.state.selectielijst.requests.slice(from);
    expect(asked).toHaveLength(7);
    expect(asked.filter((r) => r.status === 404).map((r) => r.path)).toEqual([new URL(gone).pathname]);
    expect(asked.filter((r) => r.authorization)).toEqual([]);
    const at = cachedAt();
    expect(at[gone]).toBe('2000-01-01T00:00:00.000Z');
    expect(at[malformed]).toBe('2000-01-01T00:00:00.000Z');
    expect(Object.values(at).filter((v) => v !== '2000-01-01T00:00:00.000Z')).toHaveLength(5);

    // The zaak's resultaat (Gegrond, whose entry is gone from the Selectielijst) still shows the cached words.
    expect((await retention()).options[0]!.selectielijst).toEqual(BEZWAAR.Gegrond);
  });

  it('ask an unreachable host once per refresh and never throw (stale entries are asked again)', async () => {
    const db = core.store.db;
    const at = new Date().toISOString();
    // Two resultaattypen pointing at a host where nothing listens (port 9 on loopback: refused at once).
    for (const n of [1, 2]) {
      upsertZgwObject(
        db,
        'test-unreachable',
        'resultaattype',
        `http://127.0.0.1:9/catalogi/api/v1/resultaattypen/${n}`,
        null,
        {
          url: `http://127.0.0.1:9/catalogi/api/v1/resultaattypen/${n}`,
          omschrijving: `R${n}`,
          selectielijstklasse: `http://127.0.0.1:9/resultaten/${n}`,
        },
        null,
        at,
      );
    }
    const from = server.state.selectielijst.requests.length;
    const r = await refreshSelectielijst(db, { concurrency: 1 });
    // Never fetched first: the first of the unreachable host fails, the second is not tried; then the two stale
    // entries of the test before (404, malformed) are asked again and fail again; the five fresh ones are not asked.
    expect(r).toEqual({ fresh: 5, fetched: 0, failed: 3, skipped: 1 });
    expect(
      server.state.selectielijst.requests
        .slice(from)
        .map((q) => q.status)
        .sort(),
    ).toEqual([200, 404]);
    db.prepare(`DELETE FROM zgw_objects WHERE env = 'test-unreachable'`).run();
  });

  it('still show with the zaaksysteem and the Selectielijst stopped, and in documents --json', async () => {
    await server.close();
    await core.close();
    core = await openTestCore(t.dir);
    const r = await core.call('sync.refresh', {}, CLI_CTX);
    expect(r.ok).toBe(false);
    expect((await retention()).options).toEqual([expect.objectContaining({ omschrijving: 'Gegrond', selectielijst: BEZWAAR.Gegrond })]);
    await core.close();
    const list = await runCli(['documents', '--json', '--data', t.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    core = await openTestCore(t.dir);
    expect(list.code, list.stderr).toBe(0);
    const d = (JSON.parse(list.stdout) as { id: string; classification: { retention: { options: Record<string, unknown>[] } } }[]).find(
      (x) => x.id === doc,
    )!;
    const [option] = d.classification.retention.options;
    expect(Object.keys(option!).sort()).toEqual([...OPTION_KEYS, 'selectielijst'].sort());
    expect(option).toMatchObject({ omschrijving: 'Gegrond', selectielijst: BEZWAAR.Gegrond });
  });
});
