// The archivist's workspace in the core (issue 16): the classification state in SQL agrees with the domain's rule on
// every kind of document, the queue filters and sorts, retention comes from the zaaktype until the zaak has a
// resultaat (then the one that applies), bulk classification previews without changing anything, refuses per
// document with the reason, and is undone until a document is delivered or changed again; documents --json carries it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { runCli } from '../support/cli';
import { signedInAs } from '../support/people';
import { startZgwServer, ZgwTestClient, type ZgwServer } from '../zgw-server';
import { call, ingestPdfs, openStoreWithConnection, openTestCore, PASSPHRASE, tempDir } from './sync-support';

let server: ZgwServer;
let t: ReturnType<typeof tempDir>;
let core: Core;
/** a: not linked, no type · b: set by hand (Bezwaarschrift) · c: linked with the default type, delivered · d: linked to
 *  zaak 2 with a chosen type, not delivered · e: not linked, no type, for bulk. */
const ids: Record<'a' | 'b' | 'c' | 'd' | 'e', string> = {} as never;

beforeAll(async () => {
  process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
  server = await startZgwServer({ seed: 'demo' });
  t = tempDir('classification');
  core = await openStoreWithConnection(t.dir, server);
  await call(core, 'sync.refresh', {});
  const [a, b, c, d, e] = await ingestPdfs(core, 5, { offset: 700 });
  Object.assign(ids, { a, b, c, d, e });
  await call(core, 'documents.edit', { id: b!, set: { documenttype: 'Bezwaarschrift', afzender: 'Bouwbedrijf Van Leeuwen B.V.' } });
  await call(core, 'sync.link', { documentId: c!, zaaknummer: 'ZAAK-2026-0000000001' });
  expect(await call(core, 'sync.run', { maxWaitMs: 10_000 })).toMatchObject({ delivered: 1 });
  server.faults.setOffline(true); // d stays in the outbox
  await call(core, 'sync.link', { documentId: d!, zaaknummer: 'ZAAK-2026-0000000002', documenttype: 'Inkomende brief' });
}, 120_000);

afterAll(async () => {
  await core?.close();
  await server?.close();
  t?.cleanup();
});

const queue = (input: Record<string, unknown> = {}) => call(core, 'classification.queue', input as never);

describe('the classification state', () => {
  it('is the same in the queue (SQL) as for the document (the rule), for every kind of document', async () => {
    const q = await queue({ limit: 100 });
    expect(q.total).toBe(5);
    for (const item of q.items) {
      const c = await call(core, 'classification.get', { id: item.id });
      expect({ id: item.id, state: item.state, reasons: item.reasons }).toEqual({ id: item.id, state: c.state, reasons: c.reasons });
    }
    const byId = Object.fromEntries(q.items.map((i) => [i.id, i]));
    expect(byId[ids.a].state).toBe('niet-geclassificeerd');
    expect(byId[ids.b]).toMatchObject({
      state: 'geclassificeerd',
      documenttype: 'Bezwaarschrift',
      afzender: 'Bouwbedrijf Van Leeuwen B.V.',
    });
    expect(byId[ids.c]).toMatchObject({
      state: 'te-controleren',
      reasons: ['standaardtype'],
      delivered: true,
      documenttype: 'Inkomende brief',
    });
    expect(byId[ids.d]).toMatchObject({
      state: 'geclassificeerd',
      delivered: false,
      stage: 'in-outbox',
      zaaknummer: 'ZAAK-2026-0000000002',
    });
    expect(q.counts).toEqual({ 'niet-geclassificeerd': 2, 'te-controleren': 1, geclassificeerd: 2 });
  });

  it('filters and sorts in the store', async () => {
    expect((await queue({ filter: { state: 'niet-geclassificeerd' } })).items.map((i) => i.id).sort()).toEqual([ids.a, ids.e].sort());
    expect((await queue({ filter: { delivered: true } })).items.map((i) => i.id)).toEqual([ids.c]);
    expect((await queue({ filter: { documenttype: 'inkomende brief' } })).items.map((i) => i.id).sort()).toEqual([ids.c, ids.d].sort());
    expect((await queue({ filter: { afzender: 'van leeuwen' } })).items.map((i) => i.id)).toEqual([ids.b]);
    expect((await queue({ filter: { stage: 'in-outbox' } })).items.map((i) => i.id)).toEqual([ids.d]);
    const bezwaar = (await call(core, 'sync.catalogue', {})).zaaktypen.find((z) => z.identificatie === 'ZT-BEZWAAR')!;
    expect((await queue({ filter: { zaaktype: bezwaar.omschrijving } })).items.map((i) => i.id)).toEqual([ids.c]);
    expect((await queue({ filter: { zaaktype: 'geen zaaktype van deze naam' } })).total).toBe(0);
    const byType = (await queue({ sort: 'documenttype' })).items.map((i) => i.documenttype);
    expect(byType).toEqual(['Bezwaarschrift', 'Inkomende brief', 'Inkomende brief', null, null]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await queue({ filter: { from: today, to: today } })).total).toBe(5);
    expect((await queue({ filter: { to: '2020-01-01' } })).total).toBe(0);
  });
});

describe('retention', () => {
  it("shows the zaaktype's options until the zaak has a resultaat, then the one that applies (documents --json too)", async () => {
    const before = await call(core, 'classification.get', { id: ids.c });
    expect(before.retention).toMatchObject({ basis: 'zaaktype' });
    const options = before.retention!.options;
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options.map((o) => o.archiefnominatie).sort()).toEqual(expect.arrayContaining(['blijvend_bewaren', 'vernietigen']));
    for (const o of options) expect(o).toMatchObject({ archiefactietermijn: expect.stringMatching(/^P\d+[YMD]/) });
    expect(options.some((o) => o.selectielijstklasse && o.brondatumAfleidingswijze)).toBe(true);
    expect((await call(core, 'classification.get', { id: ids.a })).retention).toBeNull();

    server.faults.setOffline(false);
    const zaak = [...server.state.zaken.values()].find((z) => z.identificatie === 'ZAAK-2026-0000000001')!;
    const chosen = [...server.state.catalogue.resultaattypen.values()].find(
      (r) => r.zaaktypeIdentificatie === 'ZT-BEZWAAR' && r.archiefnominatie === 'vernietigen',
    )!;
    const r = await new ZgwTestClient(server.info).post(`${server.info.zaken}/resultaten`, { zaak: zaak.url, resultaattype: chosen.url });
    expect(r.status).toBe(201);
    // The zaak's result kept here is fresh (read a moment ago): the next read after it goes stale asks again.
    core.store.db.prepare(`UPDATE zaak_outcomes SET fetched_at = '2000-01-01T00:00:00.000Z'`).run();
    const after = await call(core, 'classification.get', { id: ids.c });
    expect(after.retention).toMatchObject({
      basis: 'resultaat',
      options: [{ resultaattype: chosen.url, archiefnominatie: 'vernietigen' }],
    });

    // Offline, what was read answers; documents --json carries it.
    server.faults.setOffline(true);
    await core.close();
    const list = await runCli(['documents', '--json', '--data', t.dir], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    core = await openTestCore(t.dir);
    expect(list.code, list.stderr).toBe(0);
    const doc = (JSON.parse(list.stdout) as { id: string; classification: unknown }[]).find((d) => d.id === ids.c)!;
    expect(doc.classification).toMatchObject({
      state: 'te-controleren',
      documenttype: 'Inkomende brief',
      retention: { basis: 'resultaat', options: [{ resultaattype: chosen.url }] },
    });
  });
});

describe('bulk classification', () => {
  it('previews without changing anything, applies with refusals named, and is undone', async () => {
    const archivist = await signedInAs(core, ['archivaris']);
    const bulk = async (input: Record<string, unknown>) => {
      const r = await core.call('classification.bulk', input, archivist);
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      return r.data as Awaited<ReturnType<typeof call<'classification.bulk'>>>;
    };
    const versions = () =>
      Object.fromEntries(
        Object.values(ids).map((id) => [
          id,
          (core.store.db.prepare('SELECT version FROM documents WHERE id = ?').get(id) as { version: number }).version,
        ]),
      );
    const audits = () =>
      (core.store.db.prepare(`SELECT count(*) AS n FROM audit WHERE action = 'document.classified'`).get() as { n: number }).n;
    const v0 = versions();
    const a0 = audits();
    const selection = [ids.a, ids.c, ids.e];

    const events: string[] = [];
    const off = core.on((name) => events.push(name));
    const preview = await bulk({ ids: selection, documenttype: 'Bezwaarschrift', preview: true });
    off();
    expect(events).toEqual([]); // a preview tells nobody anything changed
    expect(versions()).toEqual(v0);
    expect(audits()).toBe(a0);
    expect(preview.undo).toBeNull();
    const byId = Object.fromEntries(preview.results.map((r) => [r.id, r]));
    expect(byId[ids.a]).toMatchObject({
      outcome: 'changed',
      before: { documenttype: null },
      after: { documenttype: 'Bezwaarschrift', reviewed: true },
    });
    // c is delivered to a zaak of zaaktype Bezwaar, which allows Bezwaarschrift: an EIO update would be queued.
    expect(byId[ids.c]).toMatchObject({ outcome: 'changed', delivery: 'correctie-klaargezet' });
    expect(core.store.db.prepare('SELECT count(*) AS n FROM zgw_eio_corrections').get()).toEqual({ n: 0 });

    const refusedType = await bulk({ ids: [ids.c], documenttype: 'Vergunning', preview: true });
    expect(refusedType.results[0]).toMatchObject({ outcome: 'refused', reason: expect.stringMatching(/zaaktype|bekend/) });

    const applied = await bulk({ ids: selection, documenttype: 'Bezwaarschrift' });
    expect(applied).toMatchObject({ changed: 3, refused: 0, undo: expect.any(String) });
    expect(audits()).toBe(a0 + 3);
    expect((await call(core, 'classification.get', { id: ids.a })).state).toBe('geclassificeerd');
    expect(core.store.db.prepare('SELECT count(*) AS n FROM zgw_eio_corrections').get()).toEqual({ n: 1 });

    // e is changed again after the bulk action: the undo keeps it; c went to the zaaksysteem: kept; a is restored.
    await call(core, 'documents.edit', { id: ids.e, set: { titel: 'Later gewijzigd' } });
    // An undo is its maker's: another archivist cannot use the token (it is in the audit trail).
    const other = await signedInAs(core, ['archivaris', 'medewerker']);
    expect(await core.call('classification.undo', { undo: applied.undo }, other)).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    const undone = await core.call('classification.undo', { undo: applied.undo }, archivist);
    expect(undone).toMatchObject({ ok: true });
    const u = (undone as { data: { restored: number; kept: { id: string; reason: string }[] } }).data;
    expect(u.restored).toBe(1);
    expect(u.kept.map((k) => k.id).sort()).toEqual([ids.c, ids.e].sort());
    const a = await call(core, 'classification.get', { id: ids.a });
    expect(a).toMatchObject({ state: 'niet-geclassificeerd', documenttype: null, reviewedAt: null });
  });

  it('undo gives a queued delivery back the type and confidentiality its link had', async () => {
    const archivist = await signedInAs(core, ['archivaris']);
    const queued = () =>
      core.store.db
        .prepare('SELECT informatieobjecttype AS t, vertrouwelijkheidaanduiding AS v FROM zgw_outbox WHERE document_id = ?')
        .get(ids.d);
    const before = queued();
    const r = await core.call('classification.bulk', { ids: [ids.d], vertrouwelijkheid: 'openbaar' }, archivist);
    expect(r).toMatchObject({ ok: true, data: { changed: 1 } });
    expect(queued()).toMatchObject({ v: 'openbaar' });
    const token = (r as { data: { undo: string } }).data.undo;
    expect(await core.call('classification.undo', { undo: token }, archivist)).toMatchObject({ ok: true, data: { restored: 1 } });
    expect(queued()).toEqual(before);
  });

  it('shows names in the queue with any BSN masked', async () => {
    await call(core, 'documents.edit', { id: ids.b, set: { afzender: 'J. Jansen, BSN 111222333' } });
    const item = (await queue({ filter: { afzender: 'jansen' } })).items[0]!;
    expect(item.afzender).toBe('J. Jansen, BSN ******333');
    expect(JSON.stringify(item)).not.toContain('111222333');
  });

  it('is the archivist’s: a clerk is refused by the core', async () => {
    const clerk = await signedInAs(core, ['medewerker']);
    const r = await core.call('classification.bulk', { ids: [ids.a], reviewed: true }, clerk);
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});
