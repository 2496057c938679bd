import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { ZgwTestClient } from '../zgw-server/test-client';
import { seriousViolations } from './support/axe';
import { letterPdf } from './support/files';
import { cliIngest, ensureRendererBuilt, startHarness, type Harness } from './support/harness';
import { closeAll, initWithZgw, openHarnessPage, runCli } from './support/zgw';

// The archivist's workspace in Debian's Chromium over the web harness, against the test zaaksysteem's demo seed (three
// zaaktypen with resultaattypen to keep and to destroy): three letters delivered to two zaken, then the queue filtered
// by zaaktype, a document type set on a selection made with the keyboard (preview, confirm), one document's retention
// options read, and the audit screen showing the old and new type. One journey: each step starts where the last ended.
describe('the archive, one journey', { shuffle: false }, () => {
  const PASSPHRASE = 'e2e-archief-wachtwoord';
  const BEZWAAR = 'ZAAK-2026-0000000001';
  const VERGUNNING = 'ZAAK-2026-0000000002';
  let work: string;
  let data: string;
  let zgw: ZgwServer;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const ids: Record<string, string> = {};

  const grid = () => page.getByTestId('archive-grid');
  const total = async () => Number(await grid().getAttribute('data-total'));
  const row = (title: RegExp) => grid().locator('[role="row"][data-document-id]', { hasText: title });

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-archive-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'files'));
    zgw = await startZgwServer({ seed: 'demo' });
    const iot = [...zgw.state.catalogue.informatieobjecttypen.values()].find((o) => o.omschrijving === 'Inkomende brief');
    const [init, config] = await initWithZgw(data, PASSPHRASE, zgw, String(iot!.url));
    expect(init.code, init.stderr).toBe(0);
    expect(config.code, config.stderr).toBe(0);
    // The test zaaksysteem plays the Selectielijst too: the administrator allows its address (setting selectielijstBases).
    const slBase = `${new URL(zgw.info.catalogi).origin}/selectielijst/api/v1`;
    const allow = await runCli(data, PASSPHRASE, ['settings', 'set', 'selectielijstBases', slBase]);
    expect(allow.code, allow.stderr).toBe(0);
    const letters = {
      'bezwaar-woz.pdf': ['Gemeente Voorbeeldstad', 'Betreft: bezwaar tegen WOZ-beschikking', 'Met vriendelijke groet,'],
      'bezwaar-aanvulling.pdf': ['Gemeente Voorbeeldstad', 'Betreft: aanvulling op mijn bezwaar', 'Met vriendelijke groet,'],
      'vergunning-dorpsstraat.pdf': ['Gemeente Voorbeeldstad', 'Betreft: tekeningen Dorpsstraat 12', 'Met vriendelijke groet,'],
    };
    const paths: string[] = [];
    for (const [name, lines] of Object.entries(letters)) {
      const p = join(work, 'files', name);
      writeFileSync(p, await letterPdf(lines));
      paths.push(p);
    }
    const ingest = await cliIngest(data, PASSPHRASE, paths);
    expect(ingest.code, ingest.stderr).toBe(0);
    const listed = await runCli(data, PASSPHRASE, ['documents', '--json']);
    const docs = JSON.parse(listed.stdout) as { id: string; fileName?: string; title: string }[];
    for (const name of Object.keys(letters)) {
      const d = docs.find((x) => JSON.stringify(x).includes(name));
      expect(d, name).toBeDefined();
      ids[name] = d!.id;
    }
    for (const [name, zaak] of [
      ['bezwaar-woz.pdf', BEZWAAR],
      ['bezwaar-aanvulling.pdf', BEZWAAR],
      ['vergunning-dorpsstraat.pdf', VERGUNNING],
    ] as const) {
      const link = await runCli(data, PASSPHRASE, ['link', ids[name]!, '--zaaknummer', zaak]);
      expect(link.code, link.stderr).toBe(0);
    }
    const sync = await runCli(data, PASSPHRASE, ['sync', '--once']);
    expect(sync.code, sync.stderr + sync.stdout).toBe(0);
    expect(zgw.state.eios.size).toBe(3);
    harness = await startHarness(data, PASSPHRASE);
    ({ browser, page } = await openHarnessPage(harness, { width: 1600, height: 1000 }));
  }, 120_000);

  afterAll(() => closeAll({ browser, harness, zgw, work }));

  it('filters the queue by zaaktype, with the counts per classification state', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Archief' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Archief');
    await grid().waitFor({ timeout: 15_000 });
    await expect.poll(total).toBe(3);
    expect(await grid().getAttribute('aria-rowcount')).toBe('4');
    const chips = await page.getByTestId('archive-states').getByRole('button').allTextContents();
    const counted = chips.slice(1).map((c) => Number(/\((\d+)\)/.exec(c)![1]));
    expect(counted.reduce((a, b) => a + b, 0)).toBe(3);

    const filters = page.getByTestId('archive-filters');
    await filters.getByLabel('Zaaktype').selectOption({ label: 'Bezwaar' });
    await filters.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(total).toBe(2);
    expect(await row(/bezwaar/i).count()).toBe(2);
    expect(await row(/Dorpsstraat/).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  }, 40_000);

  it('sets a document type on a selection made with the keyboard: preview first, then confirmed', async () => {
    const first = grid().locator('[role="row"][aria-rowindex="2"]');
    await first.focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Space');
    await expect.poll(() => page.getByTestId('selection-count').textContent()).toContain('2 documenten geselecteerd');
    expect(await grid().locator('[aria-selected="true"]').count()).toBe(2);

    const bulk = page.getByTestId('archive-bulk');
    await bulk.getByLabel('Documenttype').selectOption('Bezwaarschrift');
    await bulk.getByRole('button', { name: 'Documenttype instellen…' }).click();
    const preview = page.getByTestId('bulk-preview');
    await preview.waitFor({ timeout: 15_000 });
    const rows = preview.locator('tbody tr');
    expect(await rows.count()).toBe(2);
    for (const text of await rows.allTextContents()) {
      expect(text).toContain('Documenttype: Inkomende brief → Bezwaarschrift');
      expect(text).toContain('Wordt gewijzigd');
    }
    // Nothing changed yet: the preview is only a preview.
    expect(
      await row(/bezwaar/i)
        .first()
        .textContent(),
    ).toContain('Inkomende brief');
    expect(await seriousViolations(page)).toEqual([]);

    await preview.getByRole('button', { name: /^Bevestigen: 2 documenten wijzigen/ }).click();
    await page.getByTestId('bulk-result').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('bulk-result').textContent()).toBe('Klaar: 2 gewijzigd, 0 geweigerd.');
    await expect.poll(async () => (await row(/bezwaar/i).allTextContents()).every((t) => t.includes('Bezwaarschrift'))).toBe(true);
    expect(await page.getByRole('button', { name: 'Ongedaan maken' }).count()).toBe(1);
    // Delivered documents: each change becomes an update of its EIO in the zaaksysteem (exactly once: one new version).
    const bezwaarschrift = iotUrl('Bezwaarschrift');
    const current = () => [...zgw.state.eios.values()].map((e) => e.versions[e.versions.length - 1]!);
    await expect.poll(() => current().filter((v) => v.fields.informatieobjecttype === bezwaarschrift).length, { timeout: 30_000 }).toBe(2);
    for (const e of zgw.state.eios.values())
      if (e.versions.at(-1)!.fields.informatieobjecttype === bezwaarschrift) expect(e.versions).toHaveLength(2);
  }, 60_000);

  it("opens a document and reads its zaak's retention options in words", async () => {
    await page.getByTestId('archive-filters').getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(total).toBe(3);
    const target = row(/Dorpsstraat/);
    await target.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('archive-document');
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.getAttribute('data-document-id')).toBe(ids['vergunning-dorpsstraat.pdf']);
    await panel.getByTestId('page-image').waitFor({ timeout: 15_000 });
    const retention = panel.getByTestId('retention');
    await retention.waitFor({ timeout: 15_000 });
    expect(await retention.getAttribute('data-basis')).toBe('zaaktype');
    expect(await retention.getByRole('heading').textContent()).toBe('Bewaartermijn: mogelijkheden van het zaaktype');
    const sentences = await retention.getByTestId('retention-sentence').allTextContents();
    expect(sentences).toEqual(
      expect.arrayContaining([
        'Bewaren (overbrengen na 20 jaar)',
        'Vernietigen 10 jaar na afhandeling van de zaak',
        'Vernietigen 5 jaar na afhandeling van de zaak',
      ]),
    );
    expect(await retention.textContent()).toContain('Selectielijstklasse: http');
    // The Selectielijst's own words, fetched (without credentials) when the catalogue was refreshed.
    expect(await retention.getByTestId('retention-selectielijst').allTextContents()).toEqual(
      expect.arrayContaining([
        'Selectielijst 11.1.1 Verleend — blijvend bewaren',
        'Selectielijst 11.1.2 Geweigerd — vernietigen na 10 jaar',
      ]),
    );
    // The types offered are those of the zaak's zaaktype (Aanvraag omgevingsvergunning: Inkomende brief, Factuur, and
    // in the demo seed every zaaktype's Verklaring van vervanging).
    const offered = await panel.locator('select[name="documenttype"] option').allTextContents();
    expect(offered.filter((o) => o !== 'Kies een documenttype').sort()).toEqual([
      'Factuur',
      'Inkomende brief',
      'Verklaring van vervanging',
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  }, 40_000);

  it('exports the selection for the e-depot into the administrator’s export folder, naming what it skips', async () => {
    // The bezwaar zaak ends (a resultaat in the zaaksysteem); the vergunning zaak has none yet.
    const zaak = [...zgw.state.zaken.values()].find((z) => z.identificatie === BEZWAAR)!;
    const rt = [...zgw.state.catalogue.resultaattypen.values()].find(
      (r) => r.zaaktype === zaak.zaaktype && r.archiefnominatie === 'blijvend_bewaren',
    )!;
    expect((await new ZgwTestClient(zgw.info).post(`${zgw.info.zaken}/resultaten`, { zaak: zaak.url, resultaattype: rt.url })).status).toBe(
      201,
    );
    const exportDir = join(work, 'e-depot');
    mkdirSync(exportDir);
    for (const [key, value] of [
      ['archiefvormer', 'Gemeente Voorbeeldstad'],
      ['exportDir', exportDir],
    ]) {
      const r = await runCli(data, PASSPHRASE, ['settings', 'set', key!, value!]);
      expect(r.code, r.stderr).toBe(0);
    }
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Archief' }).click();
    await grid().waitFor();
    for (const r of await grid().locator('[role="row"][data-document-id]').all()) {
      if ((await r.getAttribute('aria-selected')) !== 'true') {
        await r.focus();
        await page.keyboard.press('Space');
      }
    }
    const exportButton = page.getByRole('button', { name: '3 documenten exporteren' });
    await exportButton.click();
    const done = page.locator('.archive-export [role="status"]');
    await done.waitFor({ timeout: 30_000 });
    expect(await done.textContent()).toContain('2 geëxporteerd, 1 overgeslagen');
    expect(await done.textContent()).toContain('heeft nog geen resultaat');
    const folder = readdirSync(exportDir);
    expect(folder).toHaveLength(1);
    expect(readdirSync(join(exportDir, folder[0]!)).filter((f) => f.endsWith('.mdto.xml'))).toHaveLength(4);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('shows the old and the new document type on the audit screen', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Audit' }).click();
    await page.getByTestId('audit-table').waitFor({ timeout: 15_000 });
    const classified = page.locator('[data-testid="audit-table"] tr[data-action="document.classified"]');
    await expect.poll(() => classified.count(), { timeout: 10_000 }).toBe(2);
    for (const text of await classified.allTextContents()) expect(text).toContain('documenttype: Inkomende brief → Bezwaarschrift');
    expect(await seriousViolations(page)).toEqual([]);
  }, 30_000);

  /** The test zaaksysteem's URL of the informatieobjecttype named `omschrijving`. */
  function iotUrl(omschrijving: string): string {
    return String([...zgw.state.catalogue.informatieobjecttypen.values()].find((o) => o.omschrijving === omschrijving)!.url);
  }
});
