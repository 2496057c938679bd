import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { seriousViolations } from './support/axe';
import { letterPdf } from './support/files';
import { cliIngest, ensureRendererBuilt, startHarness, type Harness } from './support/harness';
import { closeAll, initWithZgw, openHarnessPage, runCli } from './support/zgw';

// The clerk's filing flow through the web harness, with the keyboard alone (no mouse: focus moves by keys, or is put
// on a field the way a screen reader user jumps to it by its label): check and correct the fields, classify while
// linking, "Gereed" (Ctrl+Enter) opens the next document, the delivery reaches the test zaaksysteem with the corrected
// values. axe on every screen visited.
describe('filing a morning’s post with the keyboard', { shuffle: false }, () => {
  const PASSPHRASE = 'e2e-postkamer-wachtwoord';
  const ZAAK_BEZWAAR = 'ZAAK-2026-0000000001';
  const ZAAK_VERGUNNING = 'ZAAK-2026-0000000002';
  const ZAAK_PARKEREN = 'ZAAK-2026-0000000003';
  const CORRECT_SENDER = 'Bouwbedrijf Van Leeuwen B.V.';

  let work: string;
  let data: string;
  let zgw: ZgwServer;
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  let iot: Record<'brief' | 'bezwaarschrift' | 'factuur', string>;

  let firstId: string | null = null;
  const announced = () => page.getByTestId('announcer').textContent();
  const currentDocument = () => page.evaluate(() => /#\/document\/([0-9a-f-]{36})/.exec(location.hash)?.[1] ?? null);

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-filing-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'files'));
    zgw = await startZgwServer({ seed: 'minimal' });
    const byName = (n: string) => String([...zgw.state.catalogue.informatieobjecttypen.values()].find((o) => o.omschrijving === n)!.url);
    iot = { brief: byName('Inkomende brief'), bezwaarschrift: byName('Bezwaarschrift'), factuur: byName('Factuur') };
    const [init, config] = await initWithZgw(data, PASSPHRASE, zgw, iot.brief);
    expect(init.code, init.stderr).toBe(0);
    expect(config.code, config.stderr).toBe(0);
    // One PDF holding three letters, no separator sheets between them; each names its zaak. The first one's sender
    // is cut short by the writer ("Bouwbedrijf").
    const letters = [
      await letterPdf([
        'Bouwbedrijf',
        'Industrieweg 12',
        '1234 AB Voorbeeldstad',
        '',
        'Voorbeeldstad, 2 maart 2026',
        'Betreft: bezwaar tegen de WOZ-beschikking',
        `Zaaknummer: ${ZAAK_BEZWAAR}`,
        'Geachte heer, mevrouw,',
        'Hierbij maak ik bezwaar.',
        'Met vriendelijke groet,',
      ]),
      await letterPdf([
        'Architectenbureau De Boog',
        'Stationsplein 3',
        '4321 CD Dorpsveen',
        '',
        'Dorpsveen, 3 maart 2026',
        'Betreft: factuur tekenwerk Dorpsstraat 12',
        `Zaaknummer: ${ZAAK_VERGUNNING}`,
        'Geachte heer, mevrouw,',
        'Bijgaand onze factuur.',
        'Met vriendelijke groet,',
      ]),
      await letterPdf([
        'M. Jansen',
        'Marktplein 8',
        '1234 CD Voorbeeldstad',
        '',
        'Voorbeeldstad, 4 maart 2026',
        'Betreft: aanvulling op mijn bezwaar parkeerbelasting',
        `Zaaknummer: ${ZAAK_PARKEREN}`,
        'Geachte heer, mevrouw,',
        'Hierbij stuur ik de ontbrekende gegevens.',
        'Met vriendelijke groet,',
      ]),
    ];
    const stack = await PDFDocument.create();
    for (const bytes of letters) {
      const one = await PDFDocument.load(bytes);
      for (const p of await stack.copyPages(one, one.getPageIndices())) stack.addPage(p);
    }
    const post = join(work, 'files', 'post.pdf');
    writeFileSync(post, await stack.save());
    const ingest = await cliIngest(data, PASSPHRASE, [post]);
    expect(ingest.code, ingest.stderr).toBe(0);
    harness = await startHarness(data, PASSPHRASE);
    ({ browser, page } = await openHarnessPage(harness, { width: 1280, height: 900 }));
  }, 90_000);

  afterAll(() => closeAll({ browser, harness, zgw, work }));

  /** The open document's automatic split confirmed with B (pressed outside any field). */
  async function confirmSplit() {
    const notice = page.getByText('Automatisch gesplitst — klopt dit?');
    await notice.waitFor({ timeout: 10_000 });
    await page.locator('main h1').focus();
    await page.keyboard.press('b');
    await notice.waitFor({ state: 'hidden', timeout: 10_000 });
  }

  it('splits the stack of three letters automatically: three documents, each to be checked', async () => {
    for (const k of [1, 2, 3]) await page.locator('tr.doc-row', { hasText: `post (${k} van 3).pdf` }).waitFor({ timeout: 30_000 });
    const rows = await page.locator('tr.doc-row').allTextContents();
    expect(rows).toHaveLength(3);
    // An automatic split waits for the clerk's confirmation: each part is "te controleren" until then.
    for (const r of rows) expect(r).toMatch(/Te controleren/);
    expect(await seriousViolations(page)).toEqual([]);
  }, 60_000);

  it('opens the oldest document from the inbox with the keyboard and confirms its split with B', async () => {
    // The grid is one tab stop entered at its first row (the oldest: the inbox's default order, the stack's order).
    await page.locator('tr.doc-row[tabindex="0"]').focus();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('post (1 van 3).pdf');
    await page.keyboard.press('Enter');
    await page.getByTestId('fields-panel').waitFor({ timeout: 10_000 });
    expect(await seriousViolations(page)).toEqual([]);
    await confirmSplit();
  }, 60_000);

  it('shows each field with its source, and the zaaknummer read on the page prefilled', async () => {
    const panel = page.getByTestId('fields-panel');
    const sender = panel.getByLabel('Afzender', { exact: true });
    await sender.waitFor();
    // Sources are words: recognised (with confidence), set by hand, separator sheet, or empty.
    const sources = await panel.locator('.field-source').allTextContents();
    expect(sources.length).toBe(10);
    for (const s of sources) expect(s).toMatch(/^Bron: (Herkend( \(\d+ %\))?( — controleren)?|Scheidingsvel|Handmatig|Leeg)$/);
    expect(await panel.getByLabel('Datum brief').getAttribute('type')).toBe('date');
    const link = page.getByTestId('zaak-form');
    expect(await link.getByLabel('Koppelen aan zaak').inputValue()).toBe(ZAAK_BEZWAAR);
    // Once the zaak is known, only the types its zaaktype (Bezwaar) allows.
    const type = link.getByLabel('Documenttype');
    await type.waitFor({ timeout: 15_000 });
    const options = await type.locator('option').allTextContents();
    expect(options.filter((o) => !o.startsWith('Kies'))).toEqual(['Inkomende brief', 'Bezwaarschrift']);
    expect(await seriousViolations(page)).toEqual([]);
  }, 40_000);

  it('corrects the sender, classifies, and Gereed (Ctrl+Enter) opens the next document', async () => {
    const first = await currentDocument();
    firstId = first;
    const sender = page.getByTestId('fields-panel').getByLabel('Afzender', { exact: true });
    await sender.focus();
    // The sender was read from the PDF's text layer with its position: its page is shown with the place marked.
    const region = page.getByTestId('field-region');
    await region.waitFor({ timeout: 10_000 });
    expect(await region.getByRole('img').getAttribute('alt')).toBe('Pagina 1 met de plaats van Afzender gemarkeerd');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(CORRECT_SENDER);
    const link = page.getByTestId('zaak-form');
    const type = link.getByLabel('Documenttype');
    await type.focus();
    await page.keyboard.type('Bezwaarschrift');
    expect(await type.inputValue()).toBe(iot.bezwaarschrift);
    // The vertrouwelijkheid follows the chosen type (the catalogue's default for Bezwaarschrift).
    expect(await link.getByLabel('Vertrouwelijkheid').inputValue()).toBe('vertrouwelijk');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((id) => !location.hash.includes(id!), first, { timeout: 20_000 });
    await page.waitForFunction(
      () => /Gereed\. Volgende document/.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
      null,
      { timeout: 5_000 },
    );
    await page.getByTestId('fields-panel').waitFor();
    expect(await page.getByTestId('zaak-form').getByLabel('Koppelen aan zaak').inputValue()).toBe(ZAAK_VERGUNNING);
    expect(await announced()).toContain('Gereed');
  }, 60_000);

  it('opens the shortcuts help with ?, a labelled modal dialog that Escape closes', async () => {
    await page.locator('main h1').focus();
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog', { name: 'Sneltoetsen' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Ctrl');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]'))).toBe(true);
    // The focus stays in the dialog: the rest of the page is inert while it is open.
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => !!document.activeElement?.closest('dialog[open]') || document.activeElement === document.body)).toBe(
        true,
      );
    }
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, 30_000);

  it('links the second letter with another type; Gereed opens the third', async () => {
    await confirmSplit();
    const second = await currentDocument();
    const link = page.getByTestId('zaak-form');
    const type = link.getByLabel('Documenttype');
    await type.waitFor({ timeout: 15_000 });
    const options = await type.locator('option').allTextContents();
    expect(options.filter((o) => !o.startsWith('Kies'))).toEqual(['Inkomende brief', 'Factuur']);
    await type.focus();
    await page.keyboard.type('Factuur');
    expect(await type.inputValue()).toBe(iot.factuur);
    expect(await link.getByLabel('Vertrouwelijkheid').inputValue()).toBe('intern');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction((id) => !location.hash.includes(id!), second, { timeout: 20_000 });
    await page.getByTestId('fields-panel').waitFor();
    expect(await page.getByTestId('zaak-form').getByLabel('Koppelen aan zaak').inputValue()).toBe(ZAAK_PARKEREN);
  }, 60_000);

  it('links the third letter as an incoming letter; the last Gereed returns to the inbox', async () => {
    await confirmSplit();
    const link = page.getByTestId('zaak-form');
    const type = link.getByLabel('Documenttype');
    await type.waitFor({ timeout: 15_000 });
    await type.focus();
    await page.keyboard.type('Inkomende brief');
    expect(await type.inputValue()).toBe(iot.brief);
    expect(await link.getByLabel('Vertrouwelijkheid').inputValue()).toBe('zaakvertrouwelijk');
    await page.keyboard.press('Control+Enter');
    await page.waitForFunction(() => location.hash.startsWith('#/inbox'), null, { timeout: 20_000 });
    await page.waitForFunction(
      () => /geen documenten meer/.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
      null,
      { timeout: 5_000 },
    );
  }, 60_000);

  it('delivers all three: the EIOs carry the corrected auteur, the chosen type and vertrouwelijkheid', async () => {
    // The harness's delivery loop sends what was queued.
    const deadline = Date.now() + 45_000;
    while (Date.now() < deadline && (zgw.state.eios.size < 3 || zgw.state.zios.size < 3)) await new Promise((r) => setTimeout(r, 250));
    expect(zgw.state.eios.size).toBe(3);
    expect(zgw.state.zios.size).toBe(3);
    const eios = [...zgw.state.eios.values()].map((e) => e.versions[e.versions.length - 1]!.fields);
    const bezwaar = eios.find((f) => f.informatieobjecttype === iot.bezwaarschrift);
    const factuur = eios.find((f) => f.informatieobjecttype === iot.factuur);
    expect(bezwaar, JSON.stringify(eios)).toBeDefined();
    expect(factuur, JSON.stringify(eios)).toBeDefined();
    expect(bezwaar).toMatchObject({ auteur: CORRECT_SENDER, vertrouwelijkheidaanduiding: 'vertrouwelijk' });
    expect(factuur).toMatchObject({ vertrouwelijkheidaanduiding: 'intern' });
    expect(factuur!.auteur).toContain('Architectenbureau');
    const brief = eios.find((f) => f.informatieobjecttype === iot.brief);
    expect(brief).toMatchObject({ vertrouwelijkheidaanduiding: 'zaakvertrouwelijk' });
    // The inbox tells the truth: both afgeleverd once the UI has caught up.
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForFunction(
      () => [...document.querySelectorAll('tr.doc-row')].every((r) => /Afgeleverd/.test(r.textContent ?? '')),
      null,
      { timeout: 20_000 },
    );
    expect(await seriousViolations(page)).toEqual([]);
  }, 90_000);

  it('after delivery: the classification is read-only; a stale save is refused; a correction updates the EIO', async () => {
    // Back to the first letter from the inbox, by keyboard.
    await page.locator('tr.doc-row[tabindex="0"]').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('fields-panel');
    await panel.waitFor();
    expect(await currentDocument()).toBe(firstId);
    expect(await panel.getByLabel('Documenttype').getAttribute('readonly')).not.toBeNull();
    expect(await panel.getByLabel('Vertrouwelijkheid').isDisabled()).toBe(true);
    expect(await panel.textContent()).toContain('Na aflevering wijzigt de archivaris het documenttype en de vertrouwelijkheid.');
    // Meanwhile someone changes the document from the command line: the version the screen shows is now old.
    const cli = await runCli(data, PASSPHRASE, ['edit', firstId!, '--onderwerp', 'Bezwaar WOZ 2026']);
    expect(cli.code, cli.stderr).toBe(0);
    const kenmerk = panel.getByLabel('Kenmerk afzender');
    await kenmerk.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('BVL-2026-17');
    await page.keyboard.press('Enter');
    const message = panel.getByTestId('fields-message');
    await page.waitForFunction(
      () => /intussen gewijzigd/.test(document.querySelector('[data-testid="fields-message"]')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    );
    // Reloaded: the other change shows; the clerk enters theirs again and saves.
    await page.waitForFunction(
      () => (document.querySelector('[data-field="onderwerp"] textarea') as HTMLTextAreaElement | null)?.value === 'Bezwaar WOZ 2026',
      null,
      { timeout: 10_000 },
    );
    await kenmerk.focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('BVL-2026-17');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () => /wordt in het zaaksysteem bijgewerkt/.test(document.querySelector('[data-testid="fields-message"]')?.textContent ?? ''),
      null,
      { timeout: 10_000 },
    );
    expect(await message.textContent()).toBe('Opgeslagen; het document wordt in het zaaksysteem bijgewerkt.');
    expect(await seriousViolations(page)).toEqual([]);
    // The outbox updates the delivered EIO: its description now carries the sender's reference.
    const deadline = Date.now() + 30_000;
    const latest = () =>
      [...zgw.state.eios.values()]
        .map((e) => e.versions[e.versions.length - 1]!.fields)
        .find((f) => f.informatieobjecttype === iot.bezwaarschrift);
    while (Date.now() < deadline && !String(latest()?.beschrijving ?? '').includes('BVL-2026-17'))
      await new Promise((r) => setTimeout(r, 250));
    expect(String(latest()?.beschrijving)).toContain('BVL-2026-17');
    expect(latest()).toMatchObject({ auteur: CORRECT_SENDER, vertrouwelijkheidaanduiding: 'vertrouwelijk' });
  }, 90_000);
});
