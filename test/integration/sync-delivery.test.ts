import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { ZgwTestClient } from '../zgw-server';
import { refreshOpenZaken } from '../../src/sync/catalogue';
import { createClients } from '../../src/sync/clients';
import { loadConnection, loadCredentials } from '../../src/sync/connections';
import { callFailure } from '../support/core-call';
import {
  call,
  ingestPdfs,
  iotUrl,
  openStoreWithConnection,
  openTestCore,
  serverDocuments,
  tempDir,
  zaakUrl,
  zaaktypeUrl,
} from './sync-support';

// Delivery against the test zaaksysteem with request validation on: every request the client sends is checked
// against the OpenAPI file and refused (400 with the validator's reason) when it does not conform.

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('sync delivery (test zaaksysteem, validation on)', () => {
  let server: ZgwServer;
  let core: Core;
  let cleanup: () => void;

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50'; // keep retries quick; the policy itself is unit-tested
    server = await startZgwServer({ seed: 'minimal', validate: true, chunkSize: 16 * 1024 });
    const t = tempDir('sync-delivery');
    cleanup = t.cleanup;
    core = await openStoreWithConnection(t.dir, server, { inlineLimit: 8 * 1024 });
  });
  afterAll(async () => {
    await core?.close();
    await server?.close();
    cleanup?.();
  });
  /** A test zaaksysteem and a store linked to it, as the shared ones, for a test that counts everything on the server. */
  async function ownServerAndStore() {
    const server = await startZgwServer({ seed: 'minimal', validate: true, chunkSize: 16 * 1024 });
    const t = tempDir('sync-delivery-own');
    const core = await openStoreWithConnection(t.dir, server, { inlineLimit: 8 * 1024 });
    return {
      server,
      core,
      close: async () => {
        await core.close();
        await server.close();
        t.cleanup();
      },
    };
  }
  afterEach(() => {
    expect(server.state.responseErrors).toEqual([]);
  });

  it('delivers small documents inline and large ones in bestandsdelen, each linked once', async () => {
    // A server and store of its own: it counts every EIO, ZIO and part on the server, whichever test ran before.
    const own = await ownServerAndStore();
    try {
      const small = await ingestPdfs(own.core, 2, { offset: 0 });
      const large = await ingestPdfs(own.core, 1, { offset: 100, padKb: 40 });
      for (const id of [...small, ...large]) await call(own.core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
      const summary = await call(own.core, 'sync.run', { maxWaitMs: 5000 });
      expect(summary).toMatchObject({ delivered: 3, attention: 0, remaining: 0 });

      const { eios, zios } = serverDocuments(own.server);
      expect(eios).toHaveLength(3);
      expect(zios).toHaveLength(3);
      for (const e of eios) {
        expect(e.locked).toBe(false);
        expect(e.content).not.toBeNull();
        expect(sha(e.content!)).toBe(e.integriteit?.waarde);
        expect(zios.filter((z) => z.informatieobject === e.url && z.zaak === zaakUrl(own.server, 'ZAAK-2026-0000000001'))).toHaveLength(1);
      }
      const bestandsdelen = own.server.state.requests.filter((r) => r.method === 'PUT' && r.path.includes('/bestandsdelen/'));
      expect(bestandsdelen.length).toBe(3); // 40 KiB padded PDF in 16 KiB parts
      const rejected = own.server.state.requests.filter((r) => r.status === 400 || r.status === 412 || r.status === 415);
      expect(rejected).toEqual([]);
      const counts = await call(own.core, 'app.status', {});
      expect(counts.outbox.done).toBe(3);
      expect(own.server.state.responseErrors).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it("delivers the document's PDF when recognition made one, and waits while the document is still processing", async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 900 });
    // What recognition leaves behind: a searchable PDF in the vault next to the original scan.
    const pdf = Buffer.from('%PDF-1.7\n% searchable version\n%%EOF\n');
    const blob = await core.store.vault.write(pdf, 'application/pdf');
    core.store.db.transaction(() => {
      core.store.vault.commit(blob);
      core.store.db
        .prepare(
          `UPDATE documents SET pdf_blob_id = ?, status = 'processing', file_name = 'scan-900.tiff', mime = 'image/tiff' WHERE id = ?`,
        )
        .run(blob.id, id);
    })();
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    const waiting = await call(core, 'sync.run', { maxWaitMs: 0 });
    expect(waiting).toMatchObject({ delivered: 0, remaining: 1 });
    core.store.db.prepare(`UPDATE documents SET status = 'ready' WHERE id = ?`).run(id);
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item.state).toBe('done');
    const eio = [...server.state.eios.values()].find((e) => e.versions[0].fields.identificatie === item.identificatie)!;
    const v = eio.versions[eio.versions.length - 1];
    expect(v.fields).toMatchObject({
      formaat: 'application/pdf',
      bestandsnaam: 'scan-900.pdf',
      taal: 'dut',
      status: 'definitief',
      indicatieGebruiksrecht: false,
      vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    });
    expect(v.fields.integriteit).toMatchObject({ algoritme: 'sha_256', waarde: sha(pdf) });
    expect(v.content!.equals(pdf)).toBe(true);
  });

  it('creates a new zaak exactly once (reserved zaaknummer), then delivers and links the document to it', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 200 });
    const before = server.state.zaken.size;
    await call(core, 'sync.newZaak', {
      documentId: id,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar tegen aanslag afvalstoffenheffing',
      initiator: { naam: 'J. de Vries', adres: 'Kerkstraat 1', postcode: '1234 AB', woonplaats: 'Ons Dorp' },
    });
    const r = await call(core, 'sync.run', { maxWaitMs: 3000 });
    expect(r.delivered).toBe(1);
    expect(server.state.zaken.size).toBe(before + 1);
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item.state).toBe('done');
    expect(item.zaaknummer).toMatch(/^ZAAK-\d{4}-\d{10}$/); // reserved by the server, not our fallback
    const zaak = [...server.state.zaken.values()].find((z) => z.url === item.zaakUrl)!;
    expect(zaak).toMatchObject({
      identificatie: item.zaaknummer,
      omschrijving: 'Bezwaar tegen aanslag afvalstoffenheffing',
      bronorganisatie: server.info.rsin,
      verantwoordelijkeOrganisatie: server.info.rsin,
    });
    expect(zaak.toelichting).toBe('Initiatiefnemer: J. de Vries, Kerkstraat 1, 1234 AB Ons Dorp. Geregistreerd door de postkamer.');
    expect(serverDocuments(server).zios.filter((z) => z.zaak === item.zaakUrl)).toHaveLength(1);
    // Running again changes nothing.
    await call(core, 'sync.run', { maxWaitMs: 0 });
    expect(server.state.zaken.size).toBe(before + 1);
  });

  it('refuses a new zaak whose zaaktype does not allow the document type, before creating the zaak or the document', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 350 });
    const [zaken, eios] = [server.state.zaken.size, server.state.eios.size];
    const input = {
      documentId: id,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Factuur bij bezwaar',
      informatieobjecttype: iotUrl(server, 'Factuur'),
    };
    // The zaaktype is in the cached catalogue: refused at once, with the types it does allow.
    await call(core, 'sync.refresh', {});
    const refused = await callFailure(core, 'sync.newZaak', input);
    expect(refused.code).toBe('documenttype-not-allowed');
    expect(refused.message).toContain("'Bezwaarschrift'");
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toBeNull();
    // Queued while the catalogue is not known here (offline from the start): refused on delivery, before the zaak is made.
    core.store.db.prepare(`DELETE FROM zgw_objects WHERE kind IN ('zaaktype', 'informatieobjecttype')`).run();
    core.store.db.prepare(`DELETE FROM zgw_pages`).run();
    await call(core, 'sync.newZaak', input);
    const r = await call(core, 'sync.run', { maxWaitMs: 2000 });
    expect(r.attention).toBe(1);
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item).toMatchObject({ state: 'attention', lastErrorCode: 'missing-zaaktype-informatieobjecttype-relation' });
    expect(item.lastError).toContain('niet toegestaan bij zaaktype ZT-BEZWAAR');
    expect([server.state.zaken.size, server.state.eios.size]).toEqual([zaken, eios]);
  });

  it('puts an unknown zaaknummer in attention with a clear reason, creating nothing; a retry delivers once the zaak exists', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 300 });
    const eiosBefore = server.state.eios.size;
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000009999' });
    const r = await call(core, 'sync.run', { maxWaitMs: 2000 });
    expect(r.attention).toBe(1);
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item).toMatchObject({ state: 'attention', lastErrorCode: 'zgw-zaak-onbekend' });
    expect(item.lastError).toContain('Zaak ZAAK-2026-0000009999 bestaat niet in het zaaksysteem');
    expect(server.state.eios.size).toBe(eiosBefore);

    // Someone registers the zaak; the clerk presses "opnieuw".
    const created = await new ZgwTestClient(server.info).request('POST', `${server.info.zaken}/zaken`, {
      body: {
        identificatie: 'ZAAK-2026-0000009999',
        bronorganisatie: server.info.rsin,
        verantwoordelijkeOrganisatie: server.info.rsin,
        zaaktype: zaaktypeUrl(server, 'ZT-BEZWAAR'),
        startdatum: '2026-03-01',
      },
      crs: true,
    });
    expect(created.status).toBe(201);
    await call(core, 'sync.retry', { documentId: id });
    await call(core, 'sync.run', { maxWaitMs: 2000 });
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toMatchObject({ state: 'done', lastError: null });
  });

  it('refuses an archived zaak before creating anything, and relinks to an open zaak', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 400 });
    const eiosBefore = server.state.eios.size;
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000004' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item).toMatchObject({ state: 'attention', lastErrorCode: 'zaak-archiefstatus-invalid' });
    expect(item.lastError).toContain('gearchiveerd; koppelen kan niet meer');
    expect(server.state.eios.size).toBe(eiosBefore);
    await call(core, 'sync.relink', { documentId: id, zaaknummer: 'ZAAK-2026-0000000003' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const done = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(done).toMatchObject({ state: 'done', zaakUrl: zaakUrl(server, 'ZAAK-2026-0000000003') });
  });

  it("explains the server's invalidParams in Dutch (type not allowed for the zaaktype), keeps the EIO on relink", async () => {
    // "Bezwaarschrift" is allowed for zaaktype Bezwaar only; ZAAK-2026-0000000002 is an Omgevingsvergunning. Linked
    // while the zaak is not known here (not in the cache): the server's refusal is what tells.
    const [id] = await ingestPdfs(core, 1, { offset: 500 });
    core.store.db.prepare(`DELETE FROM zgw_objects WHERE kind = 'zaak'`).run();
    await call(core, 'sync.link', {
      documentId: id,
      zaaknummer: 'ZAAK-2026-0000000002',
      informatieobjecttype: iotUrl(server, 'Bezwaarschrift'),
    });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(item.state).toBe('attention');
    expect(item.lastErrorCode).toBe('missing-zaaktype-informatieobjecttype-relation');
    expect(item.lastError).toContain('niet toegestaan bij het zaaktype');
    const eios = server.state.eios.size;
    await call(core, 'sync.relink', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' }); // a Bezwaar zaak
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toMatchObject({ state: 'done' });
    expect(server.state.eios.size).toBe(eios); // the document created before was reused, not sent again
  });

  it('refreshes the catalogue and open zaken, revalidating with If-None-Match, and then refuses a wrong type before sending', async () => {
    const first = await call(core, 'sync.refresh', {});
    expect(first).toMatchObject({ zaaktypen: 2, informatieobjecttypen: 3, resultaattypen: 1 });
    expect(first.zaken).toBeGreaterThanOrEqual(3);
    const second = await call(core, 'sync.refresh', {});
    expect(second.pagesNotModified).toBe(second.pages);
    const cat = await call(core, 'sync.catalogue', {});
    expect(cat.zaaktypen.map((z) => z.identificatie).sort()).toEqual(['ZT-BEZWAAR', 'ZT-OMGEVINGSVERGUNNING']);
    expect(cat.informatieobjecttypen.find((t) => t.omschrijving === 'Bezwaarschrift')!.zaaktypen).toEqual([
      zaaktypeUrl(server, 'ZT-BEZWAAR'),
    ]);
    const found = await call(core, 'sync.zaken.search', { query: 'Dorpsstraat' });
    expect(found).toMatchObject({ source: 'cache', zaken: [{ identificatie: 'ZAAK-2026-0000000002' }] });

    const [id] = await ingestPdfs(core, 1, { offset: 600 });
    const eios = server.state.eios.size;
    // The zaak and its zaaktype are known now: a type it does not allow is refused at once, nothing queued or sent.
    const refused = await callFailure(core, 'sync.link', {
      documentId: id,
      zaaknummer: 'ZAAK-2026-0000000002',
      informatieobjecttype: iotUrl(server, 'Bezwaarschrift'),
    });
    expect(refused.code).toBe('documenttype-not-allowed');
    expect(refused.message).toContain("'Inkomende brief'");
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toBeNull();
    expect(server.state.eios.size).toBe(eios);
  });

  it('follows `next` through every page of open zaken and reuses unchanged pages (304)', async () => {
    const demo = await startZgwServer({ seed: 'demo' });
    const t = tempDir('sync-pages');
    const other = await openTestCore(t.dir);
    try {
      await call(other, 'sync.connection.set', { env: 'test', ...demo.info, activate: true });
      const clients = createClients(loadConnection(other.store.db, 'test')!, loadCredentials(other.store, 'test'), {
        identity: { userId: 't', userRepresentation: 't' },
      });
      const open = [...demo.state.zaken.values()].filter((z) => z.archiefstatus === 'nog_te_archiveren' && !z.einddatum);
      const first = await refreshOpenZaken(other.store.db, clients, 'test', 4);
      expect(first).toEqual({ zaken: open.length, pages: Math.ceil(open.length / 4), pagesNotModified: 0 });
      const again = await refreshOpenZaken(other.store.db, clients, 'test', 4);
      expect(again).toEqual({ ...first, pagesNotModified: first.pages });
      const zaakLists = demo.state.requests.filter((r) => r.operationId === 'zaak_list');
      expect(zaakLists.slice(-first.pages).every((r) => r.status === 304)).toBe(true);
      const hits = await call(other, 'sync.zaken.search', { query: 'omgevingsvergunning' });
      expect(hits.zaken.length).toBeGreaterThan(1);
      expect(demo.state.responseErrors).toEqual([]);
    } finally {
      await other.close();
      await demo.close();
      t.cleanup();
    }
  });

  it('honours Retry-After (no request to that server before it), re-mints an expired token at once', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 700 });
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    server.faults.add({ kind: 'rate-limit', method: 'POST', path: /\/enkelvoudiginformatieobjecten$/, retryAfterSeconds: 1 });
    server.faults.add({ kind: 'expired-token', method: 'POST', path: /\/zaakinformatieobjecten$/ });
    const start = server.state.requests.length;
    const r = await call(core, 'sync.run', { maxWaitMs: 5000 });
    expect(r).toMatchObject({ delivered: 1, retried: 1 });
    const log = server.state.requests.slice(start);
    const i = log.findIndex((q) => q.status === 429);
    expect(i).toBeGreaterThanOrEqual(0);
    expect(Date.parse(log[i + 1].at) - Date.parse(log[i].at)).toBeGreaterThanOrEqual(950);
    // The expired token cost one immediate retry, not a backoff (a link sent once already is looked up first).
    const j = log.findIndex((q) => q.status === 403);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(log[j + 1]).toMatchObject({ method: 'GET', operationId: 'zaakinformatieobject_list', status: 200 });
    expect(log[j + 2]).toMatchObject({ method: 'POST', operationId: 'zaakinformatieobject_create', status: 201 });
    expect(Date.parse(log[j + 1].at) - Date.parse(log[j].at)).toBeLessThan(500);
    expect(await call(core, 'sync.outbox.get', { documentId: id })).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('rides out 5xx and resets after commit without duplicates', async () => {
    const ids = await ingestPdfs(core, 4, { offset: 750 });
    const large = await ingestPdfs(core, 1, { offset: 760, padKb: 40 });
    for (const id of [...ids, ...large]) await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    server.faults.add({ kind: 'status', status: 503, method: 'POST', path: /\/zaakinformatieobjecten$/, times: 2 });
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/enkelvoudiginformatieobjecten$/, times: 2 });
    server.faults.add({ kind: 'reset-after-commit', method: 'PUT', path: /\/bestandsdelen\//, times: 1 });
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/unlock$/, times: 1 });
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/zaakinformatieobjecten$/, times: 2 });
    const r = await call(core, 'sync.run', { maxWaitMs: 8000 });
    expect(r.delivered).toBe(5);
    const { eios, zios } = serverDocuments(server);
    for (const id of [...ids, ...large]) {
      const item = (await call(core, 'sync.outbox.get', { documentId: id }))!;
      expect(item.state).toBe('done');
      const mine = eios.filter((e) => e.identificatie === item.identificatie);
      expect(mine).toHaveLength(1);
      expect(sha(mine[0].content!)).toBe(mine[0].integriteit?.waarde);
      expect(zios.filter((z) => z.informatieobject === item.eioUrl)).toHaveLength(1);
    }
    server.faults.clear();
  });

  it('moves a delivered document to another zaak: the new link is made, the old one removed (DELETE), the EIO kept', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 800 });
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const first = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    await call(core, 'sync.relink', { documentId: id, zaaknummer: 'ZAAK-2026-0000000003' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const moved = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(moved).toMatchObject({ state: 'done', eioUrl: first.eioUrl, zaakUrl: zaakUrl(server, 'ZAAK-2026-0000000003') });
    expect(moved.zioUrl).not.toBe(first.zioUrl);
    const links = serverDocuments(server)
      .zios.filter((z) => z.informatieobject === first.eioUrl)
      .map((z) => z.zaak);
    expect(links).toEqual([zaakUrl(server, 'ZAAK-2026-0000000003')]);
    expect(moved.lastErrorCode).toBeNull();
    expect(server.state.zios.has(first.zioUrl!.split('/').pop()!)).toBe(false);
    const oldZaak = [...server.state.zaken.values()].find((z) => z.url === zaakUrl(server, 'ZAAK-2026-0000000001'))!;
    expect(oldZaak.zaakinformatieobjecten as string[]).not.toContain(first.zioUrl);
  });

  it('relinks and keeps a note when the zaaksysteem does not allow removing the old link (405)', async () => {
    const [id] = await ingestPdfs(core, 1, { offset: 820 });
    await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const first = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    server.faults.add({ kind: 'status', status: 405, method: 'DELETE', path: /\/zaakinformatieobjecten\/[0-9a-f-]+$/, times: 1 });
    await call(core, 'sync.relink', { documentId: id, zaaknummer: 'ZAAK-2026-0000000003' });
    await call(core, 'sync.run', { maxWaitMs: 1000 });
    const moved = (await call(core, 'sync.outbox.get', { documentId: id }))!;
    expect(moved).toMatchObject({ state: 'done', zaakUrl: zaakUrl(server, 'ZAAK-2026-0000000003'), lastErrorCode: 'zgw-old-link-kept' });
    expect(moved.lastError).toMatch(/vorige zaak/);
    const links = serverDocuments(server)
      .zios.filter((z) => z.informatieobject === first.eioUrl)
      .map((z) => z.zaak)
      .sort();
    expect(links).toEqual([zaakUrl(server, 'ZAAK-2026-0000000001'), zaakUrl(server, 'ZAAK-2026-0000000003')].sort());
    server.faults.clear();
  });

  it('tests the connection: ok, wrong secret (server reason), closed port, unknown host, skewed clock', async () => {
    const ok = await call(core, 'sync.connection.test', {});
    expect(ok.ok, JSON.stringify(ok.checks)).toBe(true);
    expect(ok.checks.map((c) => c.check)).toEqual(
      expect.arrayContaining(['dns', 'catalogi', 'zaken', 'documenten', 'tls', 'clock', 'auth', 'informatieobjecttype']),
    );

    const t = tempDir('sync-conntest');
    const other = await openTestCore(t.dir);
    try {
      const set = (patch: Record<string, unknown>) =>
        call(other, 'sync.connection.set', { env: 'test', ...server.info, activate: true, ...patch });
      await set({ secret: 'not-the-secret' });
      const bad = await call(other, 'sync.connection.test', {});
      expect(bad.ok).toBe(false);
      expect(bad.checks.find((c) => c.check === 'auth')!.ok).toBe(false);
      expect(bad.checks.find((c) => c.check === 'catalogi')!.message).toContain('invalid-jwt-signature');

      const closed = 'http://127.0.0.1:9';
      await set({ zaken: `${closed}/zaken/api/v1`, documenten: `${closed}/documenten/api/v1`, catalogi: `${closed}/catalogi/api/v1` });
      const down = await call(other, 'sync.connection.test', {});
      expect(down.checks.find((c) => c.check === 'zaken')!.message).toMatch(/niet bereikbaar \(ECONNREFUSED\)/);

      const nohost = 'https://zaaksysteem.postkamer-test.invalid';
      await set({ zaken: `${nohost}/zaken/api/v1`, documenten: `${nohost}/documenten/api/v1`, catalogi: `${nohost}/catalogi/api/v1` });
      const dns = await call(other, 'sync.connection.test', {});
      expect(dns.checks).toEqual([
        expect.objectContaining({
          check: 'dns',
          ok: false,
          message: expect.stringContaining('zaaksysteem.postkamer-test.invalid is niet te vinden'),
        }),
      ]);

      const future = await startZgwServer({ seed: 'minimal', now: () => new Date(Date.now() + 2 * 3600_000) });
      try {
        await call(other, 'sync.connection.set', { env: 'test', ...future.info, activate: true });
        const skew = await call(other, 'sync.connection.test', {});
        expect(skew.checks.find((c) => c.check === 'clock')).toMatchObject({ ok: false, message: expect.stringContaining('klok') });
      } finally {
        await future.close();
      }
    } finally {
      await other.close();
      t.cleanup();
    }
  });

  it('tests the connection: a certificate that is not trusted is reported as TLS', async () => {
    const t = tempDir('sync-tls');
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(t.dir, 'key.pem'),
        '-out',
        join(t.dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    if (made.status !== 0) {
      t.cleanup();
      throw new Error('openssl is needed to make a self-signed certificate for this test');
    }
    const tls = createServer({ key: readFileSync(join(t.dir, 'key.pem')), cert: readFileSync(join(t.dir, 'cert.pem')) }, (_req, res) =>
      res.end('{}'),
    );
    await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
    const base = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
    const other = await openTestCore(join(t.dir, 'store'));
    try {
      await call(other, 'sync.connection.set', {
        env: 'test',
        ...server.info,
        zaken: `${base}/zaken/api/v1`,
        documenten: `${base}/documenten/api/v1`,
        catalogi: `${base}/catalogi/api/v1`,
        activate: true,
      });
      const r = await call(other, 'sync.connection.test', {});
      expect(r.ok).toBe(false);
      expect(r.checks.find((c) => c.check === 'tls')).toMatchObject({
        ok: false,
        message: expect.stringMatching(
          /Beveiligde verbinding mislukt \((DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|ERR_TLS_CERT_ALTNAME_INVALID)\)/,
        ),
      });
    } finally {
      await other.close();
      await new Promise((r) => tls.close(r));
      t.cleanup();
    }
  });

  it('never returns or logs the secret; secrets can only be set by a trusted caller', async () => {
    const status = await call(core, 'sync.status', {});
    const text = JSON.stringify(status);
    expect(text).not.toContain(server.info.secret);
    expect(text).not.toContain(server.info.clientId);
    const denied = await core.call(
      'sync.connection.set',
      { env: 'test', ...server.info },
      { origin: 'renderer', connection: 'renderer-x' },
    );
    expect(denied).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const audit = core.store.db.prepare('SELECT details FROM audit').all() as { details: string }[];
    expect(audit.some((a) => a.details.includes(server.info.secret))).toBe(false);
    // Stored in the vault, not in a column.
    const row = core.store.db.prepare('SELECT * FROM zgw_connections').get() as Record<string, unknown>;
    expect(JSON.stringify(row)).not.toContain(server.info.secret);
  });
});
