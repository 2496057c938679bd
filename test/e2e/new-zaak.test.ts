import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { seriousViolations } from './support/axe';
import { letterPdf } from './support/files';
import { cliIngest, ensureRendererBuilt, startHarness, type Harness } from './support/harness';
import { closeAll, initWithZgw, openHarnessPage } from './support/zgw';

// A journey through the UI on one browser page and one store: each step starts on the screen and with the documents
// the step before left, as a clerk's session does. Its steps keep their order when the suite is shuffled.
describe('a new zaak, one journey', { shuffle: false }, () => {
  // "Nieuwe zaak aanmaken" in the document detail: the test ZGW server in-process, the real CLI to configure the
  // connection and ingest, the web harness running the delivery loop, Debian's Chromium, axe. What counts is what
  // the zaaksysteem holds afterwards.

  const PASSPHRASE = 'e2e-postkamer-wachtwoord';
  // Recognition makes the title from "Betreft:" and the sender from the block at the top.
  const TITLE = 'aanvraag uitrit Dorpsstraat 12';

  let work: string;
  let data: string;
  let zgw: ZgwServer;
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  const byOmschrijving = (o: string) => [...zgw.state.zaken.values()].filter((z) => z.omschrijving === o);
  const zaaktypeUrl = (identificatie: string) =>
    String([...zgw.state.catalogue.zaaktypen.values()].find((z) => z.identificatie === identificatie)!.url);
  const iotUrl = (omschrijving: string) =>
    String([...zgw.state.catalogue.informatieobjecttypen.values()].find((i) => i.omschrijving === omschrijving)!.url);
  const documentIdOnScreen = () => page.evaluate(() => /#\/document\/([0-9a-f-]{36})$/.exec(location.hash)?.[1] ?? null);

  async function openDocument(fileName: string): Promise<void> {
    const row = page.locator('tr.doc-row', { hasText: fileName });
    await row.waitFor({ timeout: 20_000 });
    await row.click();
    const panel = page.getByTestId('zaak-panel');
    await panel.getByTestId('zaak-number').waitFor({ timeout: 10_000 });
    expect(await panel.getByTestId('zaak-number').textContent()).toBe('Nog niet gekoppeld');
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-new-zaak-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'files'));
    zgw = await startZgwServer({ seed: 'minimal' });
    const [init, config] = await initWithZgw(data, PASSPHRASE, zgw, iotUrl('Inkomende brief'));
    expect(init.code, init.stderr).toBe(0);
    expect(config.code, config.stderr).toBe(0);
    const letter = join(work, 'files', 'aanvraag-uitrit.pdf');
    writeFileSync(
      letter,
      await letterPdf([
        'J. de Vries',
        'Dorpsstraat 12',
        '1234 AB Voorbeeldstad',
        '',
        'Gemeente Voorbeeldstad',
        't.a.v. het college van burgemeester en wethouders',
        'Postbus 100',
        '1000 AA Voorbeeldstad',
        '',
        'Voorbeeldstad, 3 maart 2026',
        '',
        `Betreft: ${TITLE}`,
        '',
        'Geachte heer, mevrouw,',
        '',
        'Hierbij vraag ik een vergunning aan voor een uitrit bij mijn woning.',
        '',
        'Met vriendelijke groet,',
        '',
        'J. de Vries',
      ]),
    );
    // No sender block: nothing to take over into the initiator.
    const note = join(work, 'files', 'melding-afval.pdf');
    writeFileSync(note, await letterPdf(['Betreft: melding afval naast de container', '', 'Er ligt al weken afval naast de container.']));
    const ingest = await cliIngest(data, PASSPHRASE, [letter, note]);
    expect(ingest.code, ingest.stderr).toBe(0);
    harness = await startHarness(data, PASSPHRASE);
    ({ browser, page } = await openHarnessPage(harness, { width: 1280, height: 900 }));
    // The harness pulls the catalogue when it starts; the form offers what is cached, so wait until it is there.
    await page.waitForFunction(
      async () => {
        const r = await window.postkamer!.call('sync.catalogue', {});
        return r.ok && r.data.zaaktypen.length >= 2;
      },
      null,
      { timeout: 20_000, polling: 250 },
    );
  }, 90_000);

  afterAll(() => closeAll({ browser, harness, zgw, work }));

  describe('a new zaak from the document detail', () => {
    it('creates the zaak with the chosen zaaktype, delivers the document into it and shows it verzonden', async () => {
      await openDocument('aanvraag-uitrit.pdf');
      const panel = page.getByTestId('zaak-panel');
      const existing = panel.getByRole('radio', { name: 'Koppelen aan bestaande zaak' });
      const create = panel.getByRole('radio', { name: 'Nieuwe zaak aanmaken' });
      // Linking to an existing zaak stays the default.
      expect(await existing.isChecked()).toBe(true);
      expect(await panel.getByTestId('zaak-form').count()).toBe(1);

      // Keyboard: arrow from the default to the other choice.
      await existing.focus();
      await page.keyboard.press('ArrowDown');
      expect(await create.isChecked()).toBe(true);
      const form = panel.getByTestId('new-zaak-form');
      await form.waitFor({ timeout: 10_000 });
      expect(await panel.getByTestId('zaak-form').count()).toBe(0);
      expect(await form.getByRole('heading', { level: 3 }).textContent()).toBe('Nieuwe zaak aanmaken');

      // Prefilled: the omschrijving from the title, the initiator from the sender's block.
      const omschrijving = form.getByLabel('Omschrijving van de zaak');
      expect(await omschrijving.inputValue()).toBe(TITLE);
      expect(await omschrijving.getAttribute('maxlength')).toBe('80');
      const initiator = form.getByRole('group', { name: 'Initiator (afzender van de brief)' });
      const naam = initiator.getByLabel('Naam');
      expect(await naam.inputValue()).toBe('J. de Vries');
      expect(await initiator.getByLabel('Adres (straat en huisnummer)').inputValue()).toBe('Dorpsstraat 12');
      expect(await initiator.getByLabel('Postcode').inputValue()).toBe('1234 AB');
      expect(await initiator.getByLabel('Woonplaats').inputValue()).toBe('Voorbeeldstad');
      expect(await initiator.getByLabel('E-mail').inputValue()).toBe('');

      // Zaaktypen from the catalogue as "omschrijving (identificatie)"; none chosen until the clerk does.
      const zaaktype = form.getByLabel('Zaaktype');
      expect(await zaaktype.inputValue()).toBe('');
      expect(await zaaktype.locator('option').allTextContents()).toEqual([
        '— Kies een zaaktype —',
        'Aanvraag omgevingsvergunning (ZT-OMGEVINGSVERGUNNING)',
        'Bezwaar (ZT-BEZWAAR)',
      ]);
      await zaaktype.selectOption({ label: 'Aanvraag omgevingsvergunning (ZT-OMGEVINGSVERGUNNING)' });
      // Only the document types this zaaktype allows; the connection's own is preselected.
      const documenttype = form.getByLabel('Documenttype');
      expect((await documenttype.locator('option').allTextContents()).sort()).toEqual(['Factuur', 'Inkomende brief (standaard)']);
      expect(await documenttype.inputValue()).toBe(iotUrl('Inkomende brief'));

      await naam.fill('Jan de Vries');
      expect(await seriousViolations(page)).toEqual([]);

      const zakenBefore = zgw.state.zaken.size;
      await form.getByRole('button', { name: 'Zaak aanmaken' }).click();
      await page.waitForFunction(() => !document.querySelector('[data-testid="new-zaak-form"]'), null, { timeout: 10_000 });
      // The form is gone; focus went to the section's heading, not to the body.
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Zaak');
      await page.waitForFunction(
        () =>
          /Nieuwe zaak “aanvraag uitrit Dorpsstraat 12” klaargezet|Verzending: Verzonden/.test(
            document.querySelector('[data-testid="announcer"]')?.textContent ?? '',
          ),
        null,
        { timeout: 5_000 },
      );
      await page.waitForFunction(() => document.querySelector('[data-testid="outbox-phase"]')?.textContent === 'Verzonden', null, {
        timeout: 30_000,
      });

      // On the server: exactly one new zaak, with this omschrijving and zaaktype, the initiator in its toelichting.
      expect(zgw.state.zaken.size).toBe(zakenBefore + 1);
      const zaken = byOmschrijving(TITLE);
      expect(zaken).toHaveLength(1);
      const zaak = zaken[0]!;
      expect(zaak.zaaktype).toBe(zaaktypeUrl('ZT-OMGEVINGSVERGUNNING'));
      expect(String(zaak.toelichting)).toContain('Jan de Vries, Dorpsstraat 12, 1234 AB Voorbeeldstad');
      // The document went in as the chosen type and is linked to that zaak, once.
      const eios = [...zgw.state.eios.values()].filter((e) => e.versions.at(-1)!.fields.titel === TITLE);
      expect(eios).toHaveLength(1);
      expect(eios[0]!.versions.at(-1)!.fields.informatieobjecttype).toBe(iotUrl('Inkomende brief'));
      const zios = [...zgw.state.zios.values()].filter((z) => z.informatieobject === eios[0]!.url);
      expect(zios).toHaveLength(1);
      expect(zios[0]!.zaak).toBe(zaak.url);

      // The panel shows the zaaknummer the zaaksysteem gave, delivered.
      await page.waitForFunction(
        (nr) => document.querySelector('[data-testid="zaak-number"]')?.textContent === nr,
        String(zaak.identificatie),
        { timeout: 10_000 },
      );
      expect(await panel.getByRole('radio').count()).toBe(0);
      expect(await panel.getByRole('button', { name: 'Andere zaak' }).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
    }, 90_000);

    it('refuses an initiator without a name: a Dutch message, focus on the name, nothing sent', async () => {
      await page.getByRole('link', { name: 'Terug naar de inbox' }).click();
      await openDocument('melding-afval.pdf');
      const documentId = await documentIdOnScreen();
      expect(documentId).toMatch(/^[0-9a-f-]{36}$/);
      const panel = page.getByTestId('zaak-panel');
      await panel.getByRole('radio', { name: 'Nieuwe zaak aanmaken' }).check();
      const form = panel.getByTestId('new-zaak-form');
      await form.waitFor({ timeout: 10_000 });
      await form.getByLabel('Zaaktype').selectOption({ label: 'Bezwaar (ZT-BEZWAAR)' });
      expect((await form.getByLabel('Documenttype').locator('option').allTextContents()).sort()).toEqual([
        'Bezwaarschrift',
        'Inkomende brief (standaard)',
      ]);

      const initiator = form.getByRole('group', { name: 'Initiator (afzender van de brief)' });
      const naam = initiator.getByLabel('Naam');
      expect(await naam.inputValue()).toBe('');
      const adres = initiator.getByLabel('Adres (straat en huisnummer)');
      await adres.fill('Kerkstraat 4');
      const zakenBefore = zgw.state.zaken.size;
      const postsBefore = zgw.state.requests.filter((r) => r.method === 'POST').length;
      // Enter in a field submits the form.
      await adres.press('Enter');

      const message = 'Vul de naam van de initiator in, of maak de andere velden van de initiator leeg.';
      const error = form.locator('.field-error');
      await error.waitFor({ timeout: 5_000 });
      expect(await error.allTextContents()).toEqual([message]);
      expect(await naam.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await naam.getAttribute('aria-invalid')).toBe('true');
      const errorId = await error.getAttribute('id');
      expect((await naam.getAttribute('aria-describedby'))?.split(' ')).toContain(errorId);
      expect(await seriousViolations(page)).toEqual([]);

      // Nothing left the UI: no outbox item in the core, nothing posted to the zaaksysteem.
      const queued = await page.evaluate(async (id) => {
        const r = await window.postkamer!.call('sync.outbox.get', { documentId: id });
        return r.ok ? r.data : 'error';
      }, documentId!);
      expect(queued).toBeNull();
      expect(zgw.state.zaken.size).toBe(zakenBefore);
      expect(zgw.state.requests.filter((r) => r.method === 'POST').length).toBe(postsBefore);
      expect(await panel.getByTestId('zaak-number').textContent()).toBe('Nog niet gekoppeld');

      // Typing the name clears the message; cancelling goes back to linking, with the focus on that choice.
      await naam.fill('P. Jansen');
      expect(await form.locator('.field-error').count()).toBe(0);
      await form.getByRole('button', { name: 'Annuleren' }).click();
      expect(await panel.getByTestId('new-zaak-form').count()).toBe(0);
      expect(await panel.getByTestId('zaak-form').count()).toBe(1);
      const existing = panel.getByRole('radio', { name: 'Koppelen aan bestaande zaak' });
      expect(await existing.isChecked()).toBe(true);
      expect(await existing.evaluate((el) => el === document.activeElement)).toBe(true);
    }, 60_000);
  });
});
