// A new zaak's initiator as a Rol on the test zaaksysteem (validation on), through the real core with recognition:
// a company by its KvK number, a citizen by name and address, a BSN from the page only after the clerk confirmed it
// (audited by reference, never the number), exactly one Rol after a lost answer, and no Rol where the zaaktype has no
// initiator roltype.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, tempDir } from '../support/cli';
import { call, callFailure } from '../support/core-call';
import { makeBsn, makeLetterPdf } from '../support/letters';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { iotUrl, makePdf } from './sync-support';

let seed = 4242;
const rng = { int: (min: number, max: number) => min + ((seed = (seed * 48271) % 2147483647) % (max - min + 1)) };
const bsn = makeBsn(rng);
let bsn2 = makeBsn(rng);
while (bsn2 === bsn) bsn2 = makeBsn(rng);

interface AuditRow {
  action: string;
  object_id: string | null;
  details: string;
}

describe('a new zaak gets its initiator as a Rol', () => {
  let server: ZgwServer;
  let core: Core;
  let dir: string;
  const docs: Record<'confirm' | 'unconfirmed' | 'plain1' | 'plain2' | 'plain3' | 'plain4' | 'plain5', string> = {} as never;

  const audit = () => core.store.db.prepare('SELECT action, object_id, details FROM audit ORDER BY seq').all() as AuditRow[];
  const rollenOf = (zaakUrl: string) => [...server.state.rollen.values()].filter((r) => r.zaak === zaakUrl);
  const initiatorRoltype = (zaaktypeIdent: string) =>
    [...server.state.catalogue.roltypen.values()].find(
      (r) => r.zaaktypeIdentificatie === zaaktypeIdent && r.omschrijvingGeneriek === 'initiator',
    )!;
  const deliver = async (documentId: string) => {
    await call(core, 'sync.run', { maxWaitMs: 5000 });
    const item = (await call(core, 'sync.outbox.get', { documentId }))!;
    expect(item.state, JSON.stringify(item)).toBe('done');
    return item;
  };

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'minimal', validate: true });
    dir = tempDir('postkamer-initiator-');
    const files: [keyof typeof docs, Uint8Array][] = [
      ['confirm', (await makeLetterPdf({ seed: 11, fields: { bsn } })).pdf],
      ['unconfirmed', (await makeLetterPdf({ seed: 12, fields: { bsn: bsn2 } })).pdf],
    ];
    for (const [k, n] of [
      ['plain1', 1],
      ['plain2', 2],
      ['plain3', 3],
      ['plain4', 4],
      ['plain5', 5],
    ] as const)
      files.push([k, await makePdf(7000 + n)]);
    const paths = files.map(([k, pdf]) => {
      const p = join(dir, `${k}.pdf`);
      writeFileSync(p, pdf);
      return p;
    });
    core = await openCore(join(dir, 'store'), PASSPHRASE, { create: true });
    const r = await call(core, 'ingest.paths', { paths, source: 'cli' });
    expect(r.errors).toEqual([]);
    for (const [k] of files) docs[k] = r.documents.find((d) => d.fileName === `${k}.pdf`)!.id;
    await call(core, 'sync.connection.set', {
      env: 'test',
      ...server.info,
      informatieobjecttype: iotUrl(server, 'Inkomende brief'),
      activate: true,
    });
  }, 180_000);

  afterAll(async () => {
    await core?.close();
    await server?.close();
  });
  afterEach(() => {
    expect(server.state.responseErrors).toEqual([]);
  });

  it('a company sender becomes one niet-natuurlijk persoon Rol with its KvK number', async () => {
    await call(core, 'sync.newZaak', {
      documentId: docs.plain1,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar bouwbedrijf',
      initiator: {
        naam: 'Bouwbedrijf Van Leeuwen B.V.',
        kvk: '12345678',
        adres: 'Havenweg 3',
        postcode: '1234 AB',
        woonplaats: 'Ons Dorp',
      },
    });
    const item = await deliver(docs.plain1);
    const rollen = rollenOf(item.zaakUrl!);
    expect(rollen).toHaveLength(1);
    expect(rollen[0]).toMatchObject({
      betrokkeneType: 'niet_natuurlijk_persoon',
      roltype: initiatorRoltype('ZT-BEZWAAR').url,
      omschrijvingGeneriek: 'initiator',
      betrokkeneIdentificatie: { kvkNummer: '12345678', statutaireNaam: 'Bouwbedrijf Van Leeuwen B.V.' },
    });
    const created = audit().filter((a) => a.action === 'zgw.rol.created' && a.object_id === docs.plain1);
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0].details)).toMatchObject({ betrokkeneType: 'niet_natuurlijk_persoon', bsn: false });
  });

  it("a citizen's confirmed BSN from the page goes into the Rol; the audit has the confirmation by reference only", async () => {
    const before = audit().length;
    await call(core, 'sync.newZaak', {
      documentId: docs.confirm,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar met BSN',
      initiator: { naam: 'J. de Vries', adres: 'Kerkstraat 4a', postcode: '1234 AB', woonplaats: 'Ons Dorp', bsnVanPagina: true },
    });
    const confirmed = audit()
      .slice(before)
      .filter((a) => a.action === 'document.bsn-confirmed');
    expect(confirmed).toHaveLength(1);
    expect(confirmed[0].object_id).toBe(docs.confirm);
    expect(JSON.parse(confirmed[0].details)).toMatchObject({ dataSubjectIdType: 'BSN', dataSubjects: 1 });
    expect(JSON.parse(confirmed[0].details).dataSubjectIds).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);

    const item = await deliver(docs.confirm);
    const rollen = rollenOf(item.zaakUrl!);
    expect(rollen).toHaveLength(1);
    expect(rollen[0]).toMatchObject({
      betrokkeneType: 'natuurlijk_persoon',
      betrokkeneIdentificatie: {
        inpBsn: bsn,
        geslachtsnaam: 'Vries',
        voorvoegselGeslachtsnaam: 'de',
        voorletters: 'J.',
        verblijfsadres: { gorOpenbareRuimteNaam: 'Kerkstraat', aoaHuisnummer: 4, aoaHuisletter: 'a', aoaPostcode: '1234AB' },
      },
    });
    // Neither the audit trail nor the outbox row holds the number.
    const all = JSON.stringify(core.store.db.prepare('SELECT * FROM audit').all());
    expect(all).not.toContain(bsn);
    const outbox = core.store.db.prepare('SELECT * FROM zgw_outbox WHERE document_id = ?').get(docs.confirm) as { new_zaak: string };
    expect(JSON.stringify(outbox)).not.toContain(bsn);
    expect(JSON.parse(outbox.new_zaak)).toMatchObject({ initiator: { bsnVanPagina: true }, rol: { attempts: 1, done: 'created' } });
  });

  it('without the confirmation the Rol carries no BSN, though the page shows one', async () => {
    await call(core, 'sync.newZaak', {
      documentId: docs.unconfirmed,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar zonder bevestiging',
      initiator: { naam: 'Jan de Vries', adres: 'Postbus 12', woonplaats: 'Ons Dorp' },
    });
    const item = await deliver(docs.unconfirmed);
    const [rol] = rollenOf(item.zaakUrl!);
    expect(rol.betrokkeneIdentificatie).not.toHaveProperty('inpBsn');
    // Not simply "initials prefix surname": the whole name; a PO box is no verblijfsadres (kept in the toelichting).
    expect(rol.betrokkeneIdentificatie).toEqual({ geslachtsnaam: 'Jan de Vries' });
    expect(rol.roltoelichting).toContain('Adres op de brief: Postbus 12, Ons Dorp.');
    expect(JSON.stringify(rol)).not.toContain(bsn2);
  });

  it('refuses the confirmation on a document without a BSN, and for a company', async () => {
    const none = await callFailure(core, 'sync.newZaak', {
      documentId: docs.plain2,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'x',
      initiator: { naam: 'P. Jansen', bsnVanPagina: true },
    });
    expect(none.code).toBe('invalid-input');
    expect(none.message).toContain('geen BSN gelezen');
    const company = await callFailure(core, 'sync.newZaak', {
      documentId: docs.confirm,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'x',
      initiator: { naam: 'B.V.', kvk: '12345678', bsnVanPagina: true },
    });
    expect(company.message).toContain('KvK-nummer');
    expect(await call(core, 'sync.outbox.get', { documentId: docs.plain2 })).toBeNull();
  });

  it('a lost answer to the Rol POST still leaves exactly one Rol (found again, not made twice)', async () => {
    server.faults.add({ kind: 'reset-after-commit', method: 'POST', path: /\/rollen$/, times: 1 });
    await call(core, 'sync.newZaak', {
      documentId: docs.plain3,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar, antwoord kwijt',
      initiator: { naam: 'A. Bakker', adres: 'Dorpsstraat 1', woonplaats: 'Ons Dorp' },
    });
    const item = await deliver(docs.plain3);
    expect(rollenOf(item.zaakUrl!)).toHaveLength(1);
    const rolRequests = server.state.requests.filter((r) => r.path.endsWith('/rollen')).map((r) => `${r.method} ${r.status}`);
    expect(rolRequests.slice(-2)).toEqual(['POST 0', 'GET 200']);
    const notes = audit().filter((a) => a.action === 'zgw.rol.created' && a.object_id === docs.plain3);
    expect(notes.map((n) => JSON.parse(n.details).found)).toEqual([true]);
  });

  it('a zaaktype without an initiator roltype: the zaak keeps the toelichting, the audit says why, the document is delivered', async () => {
    const rt = initiatorRoltype('ZT-OMGEVINGSVERGUNNING');
    server.state.catalogue.roltypen.delete(String(rt.url).split('/').pop()!);
    await call(core, 'sync.newZaak', {
      documentId: docs.plain4,
      zaaktype: 'ZT-OMGEVINGSVERGUNNING',
      omschrijving: 'Aanvraag zonder roltype',
      initiator: { naam: 'C. Smit', adres: 'Molenweg 7', woonplaats: 'Ons Dorp' },
    });
    const item = await deliver(docs.plain4);
    expect(rollenOf(item.zaakUrl!)).toEqual([]);
    const zaak = [...server.state.zaken.values()].find((z) => z.url === item.zaakUrl)!;
    expect(zaak.toelichting).toContain('Initiatiefnemer: C. Smit');
    const skipped = audit().filter((a) => a.action === 'zgw.rol.skipped' && a.object_id === docs.plain4);
    expect(skipped.map((s) => JSON.parse(s.details).reason)).toEqual(['geen-initiator-roltype']);
  });

  it('a Rol the server refuses for good does not hold the document: delivered, the refusal audited', async () => {
    server.faults.add({ kind: 'status', status: 400, method: 'POST', path: /\/rollen$/, times: 1 });
    await call(core, 'sync.newZaak', {
      documentId: docs.plain5,
      zaaktype: 'ZT-BEZWAAR',
      omschrijving: 'Bezwaar, rol geweigerd',
      initiator: { naam: 'D. Visser' },
    });
    const item = await deliver(docs.plain5);
    expect(rollenOf(item.zaakUrl!)).toEqual([]);
    expect(audit().filter((a) => a.action === 'zgw.rol.refused' && a.object_id === docs.plain5)).toHaveLength(1);
  });
});
