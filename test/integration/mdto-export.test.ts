// The MDTO export end to end: documents of three zaaktypen delivered to the test zaaksysteem (demo seed), resultaten
// created on their zaken through the server, then `postkamer export mdto` as a user runs it. Every XML validates
// against the Nationaal Archief's XSD (xmllint), every bestand's checksum and size match its file, the PRONOM code is
// what the file is, the waardering follows the resultaattype, and a document whose zaak has no resultaat is skipped
// with the reason (exit 2). The audit entry has counts, not the folder.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildXmp } from '../../src/pdf/xmp';
import m0140 from '../../src/store/migrations/0140-resultaattypen-whole';
import { cachedObjects } from '../../src/sync/catalogue';
import type { ResultaatType } from '../../src/sync/schemas';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { ZgwTestClient } from '../zgw-server/test-client';
import { runCli } from '../support/cli';
import { callFailure } from '../support/core-call';
import { signedInAs } from '../support/people';
import { xsdProblems } from '../unit/mdto/xsd';
import { PASSPHRASE, call, ingestPdfs, makePdf, openStoreWithConnection, openTestCore, tempDir, zaaktypeUrl } from './sync-support';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const localDay = (d = new Date()) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const tag = (xml: string, name: string) => [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

/** A PDF carrying the XMP Postkamer's PDF/A writer stores (PDF/A-2b), so the export must name fmt/477. */
async function pdfA(n: number): Promise<Buffer> {
  const doc = await PDFDocument.load(await makePdf(n), { updateMetadata: false });
  const xmp = buildXmp({
    documentId: '0b0f3c5e-0000-4000-8000-00000000000a',
    title: `Brief ${n}`,
    producer: 'Postkamer',
    createdAt: new Date(),
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(Buffer.from(xmp), { Type: 'Metadata', Subtype: 'XML' })));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

describe('export mdto (CLI, real deliveries to the test zaaksysteem)', () => {
  let server: ZgwServer;
  let t: ReturnType<typeof tempDir>;
  let data: string;
  const ids: Record<'bezwaar' | 'bezwaarPdfA' | 'vergunning' | 'melding' | 'zonderResultaat', string> = {} as never;
  const env = { POSTKAMER_PASSPHRASE: PASSPHRASE };

  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '50';
    server = await startZgwServer({ seed: 'demo' });
    t = tempDir('mdto');
    data = join(t.dir, 'store');
    const zgw = new ZgwTestClient(server.info);
    // A zaak of the third zaaktype (the demo seed has none of its own).
    const melding = await zgw.post(`${server.info.zaken}/zaken`, {
      bronorganisatie: server.info.rsin,
      verantwoordelijkeOrganisatie: server.info.rsin,
      zaaktype: zaaktypeUrl(server, 'ZT-MELDING'),
      omschrijving: 'Melding losliggende stoeptegels Kerkstraat',
      startdatum: '2026-05-04',
    });
    expect(melding.status).toBe(201);

    const core = await openStoreWithConnection(data, server);
    const [a, b, c, d] = await ingestPdfs(core, 4, { offset: 900 });
    const file = join(t.dir, 'pdfa.pdf');
    writeFileSync(file, await pdfA(905));
    const e = (await call(core, 'ingest.paths', { paths: [file], source: 'cli' })).documents[0]!.id;
    Object.assign(ids, { bezwaar: a, vergunning: b, melding: c, zonderResultaat: d, bezwaarPdfA: e });
    const links: [string, string][] = [
      [a!, 'ZAAK-2026-0000000001'],
      [e, 'ZAAK-2026-0000000001'],
      [b!, 'ZAAK-2026-0000000002'],
      [c!, melding.body.identificatie as string],
      [d!, 'ZAAK-2026-0000000003'],
    ];
    for (const [documentId, zaaknummer] of links) await call(core, 'sync.link', { documentId, zaaknummer });
    expect(await call(core, 'sync.run', { maxWaitMs: 15_000 })).toMatchObject({ delivered: 5 });
    await core.close();

    // The zaken end: resultaten through the server (zaak 3 keeps none).
    const byKey = (zaaktype: string, omschrijving: string) =>
      [...server.state.catalogue.resultaattypen.values()].find(
        (r) => r.zaaktypeIdentificatie === zaaktype && r.omschrijving === omschrijving,
      )!;
    const zaakOf = (identificatie: string) => [...server.state.zaken.values()].find((z) => z.identificatie === identificatie)!;
    for (const [zaak, type] of [
      ['ZAAK-2026-0000000001', byKey('ZT-BEZWAAR', 'Gegrond')],
      ['ZAAK-2026-0000000002', byKey('ZT-OMGEVINGSVERGUNNING', 'Geweigerd')],
      [melding.body.identificatie, byKey('ZT-MELDING', 'Afgehandeld')],
    ] as const) {
      const r = await zgw.post(`${server.info.zaken}/resultaten`, { zaak: zaakOf(zaak as string).url, resultaattype: type.url });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    expect(server.state.responseErrors).toEqual([]);
  }, 180_000);

  afterAll(async () => {
    await server?.close();
    t?.cleanup();
  });

  it('writes file and both XMLs per valued document, all valid MDTO; skips the one without resultaat (exit 2)', async () => {
    const out = join(t.dir, 'export-periode');
    const day = localDay();
    const r = await runCli(
      ['export', 'mdto', '--from', day, '--to', day, '--out', out, '--archiefvormer', 'Gemeente Voorbeeld', '--json', '--data', data],
      { env },
    );
    expect(r.code, r.stderr).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.skipped).toEqual([{ id: ids.zonderResultaat, reason: 'de zaak ZAAK-2026-0000000003 heeft nog geen resultaat' }]);
    expect(r.stderr).toContain(`overgeslagen ${ids.zonderResultaat}: de zaak ZAAK-2026-0000000003 heeft nog geen resultaat`);
    const written = new Map<string, { files: string[]; waardering: string }>(json.written.map((w: any) => [w.id, w]));
    expect([...written.keys()].sort()).toEqual([ids.bezwaar, ids.bezwaarPdfA, ids.vergunning, ids.melding].sort());
    expect(written.get(ids.bezwaar)!.waardering).toBe('B');
    expect(written.get(ids.vergunning)!.waardering).toBe('V');
    expect(written.get(ids.melding)!.waardering).toBe('V');

    const files = readdirSync(out).sort();
    expect(files).toEqual(json.written.flatMap((w: any) => w.files).sort());
    expect(files.length).toBe(12);
    for (const f of files) expect(f).not.toMatch(/[<>:"/\\|?*#&\s]/);
    const xmls = files.filter((f) => f.endsWith('.mdto.xml')).map((f) => join(out, f));
    expect(xmls.length).toBe(8);
    expect(xsdProblems(xmls)).toBe('');

    for (const w of written.values()) {
      const [pdf, io, bestand] = w.files.map((f) => join(out, f));
      expect(w.files[1]).toMatch(/\.mdto\.xml$/);
      expect(w.files[2]).toBe(`${w.files[0]}.bestand.mdto.xml`);
      const bytes = readFileSync(pdf!);
      const bx = readFileSync(bestand!, 'utf8');
      expect(tag(bx, 'checksumWaarde')).toEqual([sha(bytes)]);
      expect(tag(bx, 'omvang')).toEqual([String(bytes.length)]);
      expect(tag(bx, 'begripLabel')).toContain('SHA256');
      const ix = readFileSync(io!, 'utf8');
      expect(tag(ix, 'begripCode')).toContain(w.waardering);
      expect(tag(ix, 'verwijzingNaam')).toContain('Gemeente Voorbeeld');
      expect(tag(ix, 'begripLabel')).toContain('zaakvertrouwelijk');
      // isRepresentatieVan names the informatieobject's identificatie.
      expect(tag(bx, 'identificatieKenmerk')).toContain(tag(ix, 'identificatieKenmerk')[0]);
    }
    const code = (id: string) => tag(readFileSync(join(out, written.get(id)!.files[2]!), 'utf8'), 'begripCode')[0];
    expect(code(ids.bezwaarPdfA)).toBe('fmt/477');
    expect(code(ids.bezwaar)).toBe('fmt/276');
    const io = (id: string) => readFileSync(join(out, written.get(id)!.files[1]!), 'utf8');
    expect(tag(io(ids.bezwaar), 'termijnLooptijd')).toEqual(['P20Y']);
    expect(tag(io(ids.vergunning), 'termijnLooptijd')).toEqual(['P10Y']);
    expect(tag(io(ids.melding), 'termijnLooptijd')).toEqual(['P5Y']);
    expect(tag(io(ids.bezwaar), 'identificatieKenmerk')).toContain('ZAAK-2026-0000000001');
    expect(
      tag(io(ids.melding), 'begripCode').some((c) =>
        c.startsWith(`${new URL(server.info.catalogi).origin}/selectielijst/api/v1/resultaten/`),
      ),
    ).toBe(true);
  }, 120_000);

  it('exports one zaak with exit 0 when all are valued; audits counts without the folder; needs the archivist', async () => {
    const out = join(t.dir, 'export-zaak');
    const r = await runCli(
      ['export', 'mdto', '--zaaknummer', 'ZAAK-2026-0000000001', '--out', out, '--archiefvormer', 'Gemeente Voorbeeld', '--data', data],
      { env },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 document(en) geschreven');
    expect(readdirSync(out).length).toBe(6);

    const core = await openStoreWithConnection(data, server);
    try {
      const rows = core.store.db.prepare(`SELECT details FROM audit WHERE action = 'export.mdto' ORDER BY seq`).all() as {
        details: string;
      }[];
      expect(rows.length).toBe(2);
      expect(JSON.parse(rows[1]!.details)).toMatchObject({ selection: 'zaak', written: 2, skipped: 0, blijvend: 2, tijdelijk: 0 });
      for (const row of rows) expect(row.details).not.toContain(t.dir);
      const clerk = await signedInAs(core, ['medewerker', 'teamleider']);
      const refused = await core.call('export.mdto', { zaaknummer: 'ZAAK-2026-0000000001', dir: join(t.dir, 'x') }, clerk);
      expect(refused.ok).toBe(false);
      expect(!refused.ok && refused.error.code).toBe('forbidden');
    } finally {
      await core.close();
    }

    const usage = await runCli(['export', 'mdto', '--zaaknummer', 'Z', '--batch', 'b', '--out', out, '--data', data], { env });
    expect(usage.code).toBe(1);
  }, 120_000);

  it("exports a UI selection into the administrator's export folder, with progress; the not delivered are named", async () => {
    const core = await openTestCore(data);
    try {
      // Without the folder set, the UI's export is refused with what to do.
      await call(core, 'settings.set', { archiefvormer: 'Gemeente Voorbeeld' });
      const refused = await callFailure(core, 'export.mdtoSelection', { ids: [ids.bezwaar] });
      expect(refused).toMatchObject({ code: 'invalid-input' });
      expect(refused.message).toContain('exportDir');
      const exportDir = join(t.dir, 'e-depot');
      mkdirSync(exportDir);
      await call(core, 'settings.set', { exportDir });
      const [notDelivered] = await ingestPdfs(core, 1, { offset: 990 });
      const progress: { done: number; total: number }[] = [];
      const off = core.on((name, payload) => {
        if (name === 'export.progress') progress.push(payload as { done: number; total: number });
      });
      const r = await call(core, 'export.mdtoSelection', { ids: [ids.vergunning, notDelivered!, ids.zonderResultaat] });
      off();
      expect(r.folder).toMatch(/^mdto-\d{8}T\d{6}-[0-9a-f]{4}$/);
      expect(r.written.map((w) => w.id)).toEqual([ids.vergunning]);
      expect(r.skipped).toEqual(
        expect.arrayContaining([
          { id: notDelivered, reason: 'het document is (nog) niet afgeleverd' },
          { id: ids.zonderResultaat, reason: expect.stringContaining('heeft nog geen resultaat') },
        ]),
      );
      const out = join(exportDir, r.folder);
      expect(readdirSync(out).sort()).toEqual(r.written[0]!.files.slice().sort());
      expect(
        xsdProblems(
          readdirSync(out)
            .filter((f) => f.endsWith('.mdto.xml'))
            .map((f) => join(out, f)),
        ),
      ).toBe('');
      expect(progress.at(-1)).toEqual({ done: 3, total: 3 });
      expect(progress.length).toBeGreaterThanOrEqual(2);
      // A clerk may not export.
      const clerk = await signedInAs(core, ['medewerker']);
      expect(await core.call('export.mdtoSelection', { ids: [ids.vergunning] }, clerk)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    } finally {
      await core.close();
    }
  });

  it('caches resultaattypen whole; migration 0140 forgets stripped rows and their ETags so a refresh fetches them again', async () => {
    const dir = join(t.dir, 'catalogue');
    const core = await openStoreWithConnection(dir, server);
    try {
      await call(core, 'sync.refresh', {});
      const db = core.store.db;
      const whole = () => cachedObjects<ResultaatType>(db, 'test', 'resultaattype');
      expect(whole().length).toBe(server.state.catalogue.resultaattypen.size);
      for (const r of whole()) {
        expect(r.selectielijstklasse).toMatch(/\/selectielijst\/api\/v1\/resultaten\/[0-9a-f-]{36}$/);
        expect(r.brondatumArchiefprocedure?.afleidingswijze).toBe('afgehandeld');
        expect(r.omschrijvingGeneriek).toBeTruthy();
      }
      // As an older version stored them: stripped, with the list page's ETag kept (a refresh would get 304).
      const strip = db.prepare(`UPDATE zgw_objects SET data = json_remove(data, '$.selectielijstklasse', '$.brondatumArchiefprocedure')
        WHERE kind = 'resultaattype'`);
      strip.run();
      const pages = () => (db.prepare(`SELECT count(*) AS n FROM zgw_pages WHERE url LIKE '%/resultaattypen%'`).get() as { n: number }).n;
      expect(pages()).toBeGreaterThan(0);
      db.exec(m0140);
      expect(whole()).toEqual([]);
      expect(pages()).toBe(0);
      await call(core, 'sync.refresh', {});
      expect(whole().every((r) => typeof r.selectielijstklasse === 'string' && r.brondatumArchiefprocedure)).toBe(true);
      expect(whole().length).toBe(server.state.catalogue.resultaattypen.size);
    } finally {
      await core.close();
    }
  }, 60_000);
});
