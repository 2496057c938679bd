// The archivist's retention in the Selectielijst's own words (issue 16): sync.refresh fetches the Selectielijst
// resultaat of every cached resultaattype without credentials (no Authorization header ever reaches it) and caches it;
// classification.get reads only that cache (no request of its own), also after the zaak has a resultaat, also with
// the servers gone; a 404 or a malformed answer keeps the old entry and is no error; an unreachable host is asked once.
// Only a selectielijstklasse under the administrator's allow-list (setting selectielijstBases) is ever requested: the
// test server's Selectielijst is put on the list here, as an administrator would put theirs; one outside it is refused.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Core } from '../../src/core/core';
import { upsertZgwObject } from '../../src/store/zgw-catalogue';
import { refreshSelectielijst } from '../../src/sync/selectielijst';
import { runCli } from '../support/cli';
import { callFailure } from '../support/core-call';
import { startZgwServer, ZgwTestClient, type ZgwServer } from '../zgw-server';
import { call, CLI_CTX, ingestPdfs, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir } from './sync-support';

let server: ZgwServer;
let t: ReturnType<typeof tempDir>;
let core: Core;
let doc: string;
/** The test server's Selectielijst API (`http://127.0.0.1:PORT/selectielijst/api/v1`), as the allow-list names it. */
let slBase: string;

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
  slBase = `${new URL(server.info.catalogi).origin}/selectielijst/api/v1`;
  // Until the administrator says otherwise only the public Selectielijst is asked; the test's is put on the list.
  expect((await call(core, 'settings.get', {})).selectielijstBases).toEqual(['https://selectielijst.openzaak.nl/api/v1']);
  expect((await call(core, 'settings.set', { selectielijstBases: [`${slBase}/`] })).selectielijstBases).toEqual([slBase]);
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
    const refreshed = await call(core, 'sync.refresh', {});
    expect(refreshed.selectielijst).toEqual({ fresh: 0, fetched: 7, failed: 0, skipped: 0, refused: 0 });
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
    const r = await refreshSelectielijst(db, { concurrency: 1, bases: [slBase, 'http://127.0.0.1:9'] });
    // Never fetched first: the first of the unreachable host fails, the second is not tried; then the two stale
    // entries of the test before (404, malformed) are asked again and fail again; the five fresh ones are not asked.
    expect(r).toEqual({ fresh: 5, fetched: 0, failed: 3, skipped: 1, refused: 0 });
    expect(
      server.state.selectielijst.requests
        .slice(from)
        .map((q) => q.status)
        .sort(),
    ).toEqual([200, 404]);
    db.prepare(`DELETE FROM zgw_objects WHERE env = 'test-unreachable'`).run();
  });

  it('are never requested outside the allow-list: such a selectielijstklasse is refused, reported and logged by origin', async () => {
    const db = core.store.db;
    const origin = new URL(slBase).origin;
    const port = new URL(slBase).port;
    // A resultaat the server answers (200) that no seeded resultaattype points to: any request for it came from below.
    const uuid = '5e1ec7ed-0000-4000-8000-00000000beef';
    server.state.selectielijst.resultaten.set(uuid, { ...(server.state.selectielijst.resultaten.values().next().value as object) });
    // What a hostile catalogue might name: every one would reach this test server (and be recorded) if it were asked.
    const hostile = [
      `${origin}/selectielijst/api/v2/resultaten/${uuid}`, // another path on the same host
      `${origin}/selectielijst/api/v1evil/resultaten/${uuid}`, // a look-alike prefix, not on a segment boundary
      `${slBase}/../../zaken/api/v1/zaken/${uuid}`, // dot segments out of the base
      `${slBase}/%2e%2e/%2e%2e/zaken/api/v1/zaken/${uuid}`, // the same, percent-encoded
      `http://localhost:${port}/selectielijst/api/v1/resultaten/${uuid}`, // the same server by another host name
      `http://127.0.0.1:${port}@localhost:${port}/selectielijst/api/v1/resultaten/${uuid}`, // userinfo that looks like the base
      `${server.info.zaken}/zaken/${uuid}`, // the zaaksysteem itself: its own bases are not implicitly allowed
    ];
    const at = new Date().toISOString();
    hostile.forEach((selectielijstklasse, n) => {
      const url = `http://127.0.0.1:9/catalogi/api/v1/resultaattypen/hostile-${n}`;
      upsertZgwObject(db, 'test-hostile', 'resultaattype', url, null, { url, omschrijving: `H${n}`, selectielijstklasse }, null, at);
    });
    const selectielijstFrom = server.state.selectielijst.requests.length;
    const zgwFrom = server.state.requests.length;
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      const r = await call(core, 'sync.refresh', {});
      // The seed's seven are fresh or stale as the tests before left them; the hostile ones are refused, none asked.
      expect(r.selectielijst).toMatchObject({ refused: hostile.length });
      expect(r.selectielijst!.fresh + r.selectielijst!.fetched + r.selectielijst!.failed + r.selectielijst!.skipped).toBe(7);
      const logged = stderr.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('Selectielijst'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain(`${hostile.length} selectielijstklasse-URL('s) niet opgevraagd`);
      expect(logged[0]).toContain(`http://localhost:${port}`);
      // Origins only: no path (nor the uuid in it) reaches the log.
      expect(logged[0]).not.toContain(uuid);
    } finally {
      stderr.mockRestore();
    }
    expect(server.state.selectielijst.requests.slice(selectielijstFrom).filter((q) => q.path.includes(uuid))).toEqual([]);
    expect(server.state.requests.slice(zgwFrom).filter((q) => q.path.includes(uuid))).toEqual([]);
    // Nothing cached for them either.
    const at2 = cachedAt();
    for (const h of hostile) expect(at2[h], h).toBeUndefined();
    // Never cached, the refused ones stay first in line; they do not count towards the limit of URLs per refresh, so
    // a catalogue full of them cannot crowd out the real ones (here a limit of 1: one of the seven is still seen).
    const crowded = await refreshSelectielijst(db, { limit: 1, bases: [slBase] });
    expect(crowded).toMatchObject({ refused: hostile.length });
    expect(crowded.fresh + crowded.fetched + crowded.failed + crowded.skipped).toBe(1);
    db.prepare(`DELETE FROM zgw_objects WHERE env = 'test-hostile'`).run();
  });

  it('do not follow a redirect from an allowed base to an address outside it', async () => {
    const db = core.store.db;
    // The test server by another name (outside the list), for a resultaat it answers (added by the test before).
    const target = `http://localhost:${new URL(slBase).port}/selectielijst/api/v1/resultaten/5e1ec7ed-0000-4000-8000-00000000beef`;
    const hits: string[] = [];
    const redirector: Server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.writeHead(302, { location: target }).end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}/api/v1`;
    const url = `http://127.0.0.1:9/catalogi/api/v1/resultaattypen/redirect`;
    upsertZgwObject(
      db,
      'test-redirect',
      'resultaattype',
      url,
      null,
      { url, omschrijving: 'R', selectielijstklasse: `${base}/resultaten/1` },
      null,
      new Date().toISOString(),
    );
    const from = server.state.selectielijst.requests.length;
    try {
      // Every other entry counts as fresh here, so the redirecting one is the only one asked.
      const r = await refreshSelectielijst(db, { bases: [slBase, base], maxAgeMs: Number.MAX_SAFE_INTEGER });
      expect(r).toEqual({ fresh: 7, fetched: 0, failed: 1, skipped: 0, refused: 0 });
      expect(hits).toEqual(['/api/v1/resultaten/1']);
      // A 3xx is a failure (src/sync/http.ts): the redirect's target was never asked.
      expect(server.state.selectielijst.requests.slice(from)).toEqual([]);
      expect(cachedAt()[`${base}/resultaten/1`]).toBeUndefined();
    } finally {
      db.prepare(`DELETE FROM zgw_objects WHERE env = 'test-redirect'`).run();
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
  });

  it('take an allow-list checked as the zaaksysteem addresses are, kept in its normal form, and audited', async () => {
    const refused = async (selectielijstBases: string[]) => {
      const e = await callFailure(core, 'settings.set', { selectielijstBases });
      expect(e.code).toBe('invalid-input');
      return `${e.message} ${JSON.stringify(e.details ?? {})}`;
    };
    expect(await refused(['geen url'])).toContain('http(s)-URL verwacht');
    expect(await refused(['file:///etc/passwd'])).toContain('http(s)-URL verwacht');
    expect(await refused(['http://selectielijst.example.nl/api/v1'])).toContain('gebruik https');
    expect(await refused([slBase, 'http://10.0.0.8/api/v1'])).toContain('{"path":"selectielijstBases.1","message":"gebruik https"}');
    expect(await refused(['https://beheer:geheim@selectielijst.openzaak.nl/api/v1'])).toContain('zonder gebruikersnaam');
    expect(await refused(['https://selectielijst.openzaak.nl/api/v1?x=1'])).toContain('zonder gebruikersnaam, query of #');
    expect(await refused(['https://selectielijst.openzaak.nl/api%2Fv1'])).toContain('%2F');
    // Nothing of a refused change was kept.
    expect((await call(core, 'settings.get', {})).selectielijstBases).toEqual([slBase]);

    const audited = () =>
      core.store.db
        .prepare(`SELECT details FROM audit WHERE action = 'settings.changed' AND object_id = 'selectielijstBases' ORDER BY seq`)
        .all() as { details: string }[];
    const n = audited().length;
    const mirror = 'https://selectielijst.voorbeeldstad.nl/api/v1';
    const set = await call(core, 'settings.set', { selectielijstBases: [slBase, `${mirror}/`, mirror, 'http://[::1]:8000/sl/api/v1'] });
    expect(set.selectielijstBases).toEqual([slBase, mirror, 'http://[::1]:8000/sl/api/v1']);
    expect(audited()).toHaveLength(n + 1);
    expect(JSON.parse(audited().at(-1)!.details)).toEqual({
      old: JSON.stringify([slBase]),
      new: JSON.stringify([slBase, mirror, 'http://[::1]:8000/sl/api/v1']),
    });
    await call(core, 'settings.set', { selectielijstBases: [slBase] });
    expect(audited()).toHaveLength(n + 2);
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
