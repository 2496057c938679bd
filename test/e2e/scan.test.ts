import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { saveProfile, loadProfiles } from '../../src/core/profiles';
import { openStore } from '../../src/store/store';
import { openCore } from '../../src/hosts/open';
import { makeSeparatorSheet } from '../../src/capture/separator';
import { DOCUMENTTYPE_B, rasterisePdf, ZAAKNUMMER_B } from '../escl-scanner/batch';
import { startVirtualScanner, type VirtualScanner, type VirtualSheet } from '../escl-scanner/server';
import { renderLetterPage } from '../support/letters';
import { signInAsAdmin } from '../support/people';
import { seriousViolations } from './support/axe';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { E2E_ADMIN, initStoreWithAdmin, signInUi } from './support/people';

// A journey through the UI on one browser page and one store: each step starts on the screen and with the documents
// the step before left, as a clerk's session does. Its steps keep their order when the suite is shuffled.
describe('scanning, one journey', { shuffle: false }, () => {
  // Scanning from the UI: Debian's Chromium against the real web harness (its own encrypted store), a virtual
  // eSCL scanner on 127.0.0.1 entered by address, the real recognition pipeline. Then the pages of the scanned
  // document edited in the detail view, and the scan profiles.

  const PASSPHRASE = 'e2e-scannen-wachtwoord';

  let work: string;
  let harness: Harness;
  let browser: Browser;
  let scanner: VirtualScanner;
  let sheets: VirtualSheet[];
  const contexts: BrowserContext[] = [];
  /** The two-page document the first scan made (used by the page-editing test), and its batch's other one. */
  let scannedDocId: string | undefined;
  let afterSeparatorTitle: string | undefined;

  /** A clerk (medewerker only): a locked scan profile is not theirs to change. */
  const CLERK = { login: 'k.klerk', name: 'Kees Klerk', pin: '314159' };

  async function openPage(hash: string, who: { login: string; pin: string } = E2E_ADMIN): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await harness.openApp(page);
    await signInUi(page, who.login, who.pin);
    await page.evaluate((h) => (location.hash = h), hash);
    return page;
  }

  const announced = (page: Page) => page.getByTestId('announcer').textContent();
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? null);

  /** Records every text the scan status region shows, in order, from now on. */
  async function recordStatus(page: Page): Promise<() => Promise<string[]>> {
    await page.evaluate(() => {
      const el = document.querySelector('[data-testid="scan-status"]')!;
      const seen: string[] = [];
      (window as unknown as { __statuses: string[] }).__statuses = seen;
      new MutationObserver(() => {
        const text = el.textContent ?? '';
        if (text && seen[seen.length - 1] !== text) seen.push(text);
      }).observe(el, { childList: true, characterData: true, subtree: true });
    });
    return () => page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  }

  async function addScannerByAddress(page: Page): Promise<void> {
    await page.getByLabel('Scanner-adres, bijv. http://192.0.2.10/eSCL').fill(scanner.baseUrl);
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('radio', { name: new RegExp(`Scanner op 127\\.0\\.0\\.1:${scanner.port}`) }).waitFor();
  }

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-scan-'));
    // A small stack: a letter of two sheets, a Postkamer separator sheet (zaaknummer, documenttype), a letter.
    const letters = await Promise.all([301, 302, 303].map((seed) => renderLetterPage({ seed, variant: 'clean' })));
    const separator = await rasterisePdf(await makeSeparatorSheet({ zaaknummer: ZAAKNUMMER_B, documenttype: DOCUMENTTYPE_B }), 300);
    const sheet = (png: Buffer, dpi: number): VirtualSheet => ({ front: { png, dpi } });
    sheets = [sheet(letters[0].png, 300), sheet(letters[1].png, 300), sheet(separator, 300), sheet(letters[2].png, 300)];
    scanner = await startVirtualScanner({ sheets, makeAndModel: 'Virtuele postkamerscanner' });
    // The store and its first administrator as `postkamer init` makes them; every page signs in as that person.
    await initStoreWithAdmin(join(work, 'data'), PASSPHRASE);
    // The UI may scan only from a scanner found on the network or set up by the administrator (here: as the CLI would).
    const admin = await openCore(join(work, 'data'), PASSPHRASE);
    const ctx = { origin: 'cli' as const, connection: 'scan-test-admin' };
    await signInAsAdmin(admin, ctx);
    admin.configureScanner({ kind: 'escl', url: scanner.baseUrl }, ctx);
    const clerk = await admin.call('people.add', { ...CLERK, roles: ['medewerker'] }, ctx);
    expect(clerk.ok, JSON.stringify(clerk)).toBe(true);
    await admin.close();
    harness = await startHarness(join(work, 'data'), PASSPHRASE);
    browser = await launchChromium();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close().catch(() => {});
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    await scanner?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  describe('Scannen', () => {
    it('searches for scanners, shows the profiles with their key settings, refuses a bad address, and is axe clean', async () => {
      const page = await openPage('#/scannen');
      await page.getByRole('heading', { level: 1, name: 'Scannen' }).waitFor();
      expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents()).toEqual([
        'Inbox',
        'Scannen',
        'Zoeken',
        'Geweigerd',
        'Verzending',
        'Batches',
        'Archief',
        'Overzicht',
        'Audit',
        'Status',
        'Gebruikers',
        'Instellingen',
      ]);
      expect(await page.getByRole('link', { name: 'Scannen' }).getAttribute('aria-current')).toBe('page');

      // Discovery takes its time (mDNS): the clerk is told it is searching, then what came of it.
      const search = page.getByTestId('scanner-search');
      expect(await search.getAttribute('role')).toBe('status');
      await expect.poll(() => search.textContent()).toBe('Zoeken naar scanners…');
      await expect
        .poll(() => search.textContent(), { timeout: 20_000 })
        .toBe('Geen scanners gevonden op het netwerk. Voer hieronder het adres van de scanner in.');

      const simplex = page.getByRole('radio', { name: /Post, enkelzijdig/ });
      expect(await simplex.getAttribute('aria-describedby')).toBeTruthy();
      const facts = await page.locator(`#${await simplex.getAttribute('aria-describedby')}`.replace(/:/g, '\\:')).textContent();
      expect(facts).toBe(
        "Resolutie: 300 ppi · Kleur: automatisch (kleur of grijs) · Zijden: enkelzijdig · Blanco pagina's: weglaten · Beeldkwaliteit: standaard",
      );
      expect(await page.getByRole('radio', { name: /Archief \(vervangende digitalisering\) Vergrendeld/ }).count()).toBe(1);
      // The first profile is chosen until the clerk picks another.
      expect(await page.getByRole('radio', { name: /Standaard post/ }).isChecked()).toBe(true);

      const address = page.getByLabel('Scanner-adres, bijv. http://192.0.2.10/eSCL');
      await address.fill('ftp://192.0.2.10/eSCL');
      await page.getByRole('button', { name: 'Toevoegen' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'Dit is geen geldig scanneradres. Gebruik de vorm http://192.0.2.10/eSCL.' })
        .waitFor();
      expect(await address.getAttribute('aria-invalid')).toBe('true');

      // Without a scanner, "Scannen" says what is missing instead of doing nothing.
      await page.getByRole('button', { name: 'Scannen', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: 'Kies eerst een scanner, of voeg er een toe met zijn adres.' }).waitFor();

      expect(await seriousViolations(page)).toEqual([]);
    });

    it('scans a stack from a scanner entered by address, with live progress, and links to the batch in the inbox', async () => {
      const page = await openPage('#/scannen');
      await addScannerByAddress(page);
      const chosen = page.getByRole('radio', { name: new RegExp(`Scanner op 127\\.0\\.0\\.1:${scanner.port}`) });
      expect(await chosen.isChecked()).toBe(true);
      await expect.poll(() => announced(page)).toBe(`Scanner op 127.0.0.1:${scanner.port} toegevoegd en gekozen.`);
      await page.getByRole('radio', { name: /Post, enkelzijdig/ }).check();

      const statuses = await recordStatus(page);
      await page.getByRole('button', { name: 'Scannen', exact: true }).click();
      // The focus goes to "Stoppen" so that the clerk can stop the feeder from the keyboard at once.
      await expect.poll(() => focusedText(page)).toBe('Stoppen');
      const status = page.getByTestId('scan-status');
      expect(await status.getAttribute('role')).toBe('status');
      await expect.poll(() => status.textContent(), { timeout: 150_000 }).toBe("Klaar: 4 pagina's gescand, 2 documenten gemaakt.");

      const seen = await statuses();
      expect(seen).toContain('1 pagina ontvangen');
      expect(seen).toContain("4 pagina's ontvangen");
      expect(seen.some((s) => s.startsWith("Scanner klaar: 4 pagina's ontvangen. Herkennen en opslaan, pagina "))).toBe(true);
      expect(seen[seen.length - 1]).toBe("Klaar: 4 pagina's gescand, 2 documenten gemaakt.");
      // What the profile asked of the scanner: the feeder, one side, 300 ppi.
      expect(scanner.received.at(-1)).toMatchObject({ source: 'Feeder', duplex: false, resolution: 300 });

      // The focus left "Stoppen" (gone now) for the link to the result.
      const link = page.getByRole('link', { name: 'Bekijk de batch in de inbox' });
      await expect.poll(() => focusedText(page)).toBe('Bekijk de batch in de inbox');
      const href = (await link.getAttribute('href'))!;
      expect(href).toMatch(/^#\/inbox\?batch=[0-9a-f-]{36}$/);
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
      const batchRow = page.locator('tr.batch-row.is-target');
      await batchRow.waitFor();
      expect(await batchRow.textContent()).toContain('via scanner (eSCL)');
      // Its first document is the selected row: the two sheets before the separator; then the letter after it.
      const rows = page.locator('tbody', { has: batchRow }).locator('tr.doc-row');
      expect(await rows.count()).toBe(2);
      expect(await rows.first().getAttribute('tabindex')).toBe('0');
      expect(await rows.locator('td.num').allTextContents()).toEqual(['2', '1']);
      scannedDocId = (await rows.first().getAttribute('data-document-id'))!;
      expect(scannedDocId).toMatch(/^[0-9a-f-]{36}$/);

      // The document after the separator sheet shows what the sheet said.
      afterSeparatorTitle = (await rows.nth(1).locator('a').textContent())!;
      await rows.nth(1).locator('a').click();
      const fromSheet = page.getByTestId('separator-metadata');
      await fromSheet.waitFor();
      expect(await page.getByRole('heading', { level: 2, name: 'Van het scheidingsblad' }).count()).toBe(1);
      const pairs = await fromSheet.evaluate((dl) =>
        [...dl.querySelectorAll('dt')].map((dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`),
      );
      expect(pairs.sort()).toEqual([`Documenttype: ${DOCUMENTTYPE_B}`, `Zaaknummer: ${ZAAKNUMMER_B}`]);
    });

    it('tells the clerk about a paper jam in Dutch, and what was kept', async () => {
      scanner.setFaults({ jamAfterPages: 1 });
      scanner.loadSheets(sheets);
      try {
        const page = await openPage('#/scannen');
        await addScannerByAddress(page);
        await page.getByRole('radio', { name: /Post, enkelzijdig/ }).check();
        await page.getByRole('button', { name: 'Scannen', exact: true }).click();
        const alert = page.getByRole('alert').filter({ hasText: 'Papierstoring' });
        await alert.waitFor({ timeout: 120_000 });
        expect(await page.getByTestId('scan-error').textContent()).toBe(
          "Papierstoring in de scanner. Verwijder het vastgelopen vel, leg de rest van de stapel terug en scan verder; de pagina's die al binnen zijn blijven bewaard.",
        );
        await expect
          .poll(() => page.getByTestId('scan-status').textContent())
          .toBe('Scannen mislukt. Bewaard: 1 pagina ontvangen, 1 document gemaakt.');
        await page.getByRole('link', { name: 'Bekijk de batch in de inbox' }).waitFor();
        expect(await page.getByRole('button', { name: 'Stoppen' }).count()).toBe(0);
        expect(await seriousViolations(page)).toEqual([]);
        // Closing the message makes room for the next job.
        await page.getByRole('button', { name: 'Sluiten' }).click();
        expect(await page.getByTestId('scan-status').textContent()).toBe('');
      } finally {
        scanner.setFaults({});
      }
    });

    it("stops at the clerk's word and keeps the pages that came in", async () => {
      // A slow feeder: each sheet takes a few seconds to arrive, time enough to press "Stoppen" after the first.
      scanner.setFaults({ notReadyPolls: 8 });
      scanner.loadSheets(sheets);
      try {
        const page = await openPage('#/scannen');
        await addScannerByAddress(page);
        await page.getByRole('radio', { name: /Post, enkelzijdig/ }).check();
        await page.getByRole('button', { name: 'Scannen', exact: true }).click();
        const status = page.getByTestId('scan-status');
        await expect.poll(() => status.textContent(), { timeout: 60_000 }).toBe('1 pagina ontvangen');
        await page.keyboard.press('Enter'); // the focus is on "Stoppen"
        await expect
          .poll(() => status.textContent(), { timeout: 120_000 })
          .toBe('Gestopt: 1 pagina ontvangen en bewaard, 1 document gemaakt.');
        expect(await page.getByRole('alert').filter({ hasText: 'Papierstoring' }).count()).toBe(0);
        await page.getByRole('link', { name: 'Bekijk de batch in de inbox' }).waitFor();
      } finally {
        scanner.setFaults({});
      }
    });
  });

  /** The PDF the preview frame shows now, fetched with the page's session; per page whether it lies landscape. */
  async function previewPages(page: Page): Promise<{ src: string; landscape: boolean[] }> {
    const src = (await page.getByTestId('preview-pdf').getAttribute('src'))!;
    const b64 = await page.evaluate(async (u) => {
      const bytes = new Uint8Array(await (await fetch(u)).arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    }, src);
    const pdf = await PDFDocument.load(Buffer.from(b64, 'base64'));
    const landscape = pdf.getPages().map((p) => {
      const { width, height } = p.getSize();
      return p.getRotation().angle % 180 === 0 ? width > height : height > width;
    });
    return { src, landscape };
  }

  describe('document detail: pages', () => {
    it('turns, deletes and restores, moves, splits and merges pages of the scanned document, refreshing the preview', async () => {
      expect(scannedDocId, 'the scan test made the document').toBeTruthy();
      const page = await openPage(`#/document/${scannedDocId}`);
      const list = page.getByTestId('page-list');
      await list.waitFor();
      const items = list.locator(':scope > li');
      expect(await items.count()).toBe(2);
      expect(await list.evaluate((el) => el.tagName)).toBe('OL');
      expect(await items.locator('h3').allTextContents()).toEqual(['Pagina 1', 'Pagina 2']);
      expect(await items.first().textContent()).toContain('A4 staand, 300 ppi');
      // Confidence of what recognition found, in small print.
      expect(await page.getByTestId('extracted').textContent()).toMatch(/zekerheid \d{1,3} %, pagina [12]/);
      const before = await previewPages(page);
      expect(before.src).toBe(`/blob/${scannedDocId}/pdf`);
      expect(before.landscape).toEqual([false, false]);

      // Turn page 1 clockwise: the list, the PDF and the announcement follow; the focus stays on the button.
      const turn1 = page.getByRole('button', { name: 'Draai rechtsom (pagina 1)' });
      await turn1.click();
      await expect.poll(() => announced(page)).toBe('Pagina 1 is 90° rechtsom gedraaid.');
      expect(await items.first().textContent()).toContain('gedraaid 90°');
      expect(await items.first().textContent()).toContain('A4 liggend, 300 ppi');
      expect(await turn1.evaluate((el) => el === document.activeElement)).toBe(true);
      await expect.poll(async () => (await previewPages(page)).src).toBe(`/blob/${scannedDocId}/pdf#v=1`);
      expect((await previewPages(page)).landscape).toEqual([true, false]);

      // Delete page 2, then undo from the message: the focus waits on "Ongedaan maken".
      await page.getByRole('button', { name: 'Verwijder (pagina 2)' }).click();
      await expect.poll(() => announced(page)).toBe('Pagina 2 is verwijderd.');
      await expect.poll(() => items.count()).toBe(1);
      expect(await focusedText(page)).toBe('Ongedaan maken');
      expect(await page.getByTestId('removed-pages').textContent()).toContain('Verwijderde pagina (komt terug als pagina 2)');
      // A document keeps at least one page: its only page offers no delete.
      expect(await page.getByRole('button', { name: 'Verwijder (pagina 1)' }).count()).toBe(0);
      expect((await previewPages(page)).landscape).toEqual([true]);
      await page.keyboard.press('Enter');
      await expect.poll(() => announced(page)).toBe('De pagina is teruggezet als pagina 2.');
      await expect.poll(() => items.count()).toBe(2);
      expect(await focusedText(page)).toBe('Pagina 2');
      expect(await page.getByTestId('removed-pages').count()).toBe(0);
      expect((await previewPages(page)).landscape).toEqual([true, false]);

      // Move page 2 up: the turned page is now the second. The moved page keeps the focus: on its heading, as a
      // first page has no "Omhoog".
      await page.getByRole('button', { name: 'Omhoog (pagina 2)' }).click();
      await expect.poll(() => announced(page)).toBe('Pagina 2 is nu pagina 1.');
      await expect.poll(async () => (await previewPages(page)).landscape).toEqual([false, true]);
      expect(await items.nth(1).textContent()).toContain('gedraaid 90°');
      await expect.poll(() => focusedText(page)).toBe('Pagina 1');
      // …and down again, from the keyboard: the focus follows the page to its heading at the end.
      await page.keyboard.press('Tab'); // Draai rechtsom
      await page.keyboard.press('Tab'); // Draai 180°
      await page.keyboard.press('Tab'); // Omlaag
      expect(await focusedText(page)).toBe('↓ Omlaag (pagina 1)');
      await page.keyboard.press('Enter');
      await expect.poll(() => announced(page)).toBe('Pagina 1 is nu pagina 2.');
      await expect.poll(() => focusedText(page)).toBe('Pagina 2');
      await expect.poll(async () => (await previewPages(page)).landscape).toEqual([true, false]);

      // Split before page 2: this document keeps page 1, the other page becomes a new document.
      await page.getByRole('button', { name: 'Splits vóór deze pagina (pagina 2)' }).click();
      await expect.poll(() => announced(page)).toBe('Gesplitst vóór pagina 2: pagina 2 staat nu in een nieuw document.');
      await expect.poll(() => items.count()).toBe(1);
      expect(await focusedText(page)).toBe('Gesplitst vóór pagina 2: pagina 2 staat nu in een nieuw document.');
      const newDoc = (await page.getByRole('link', { name: 'Open het nieuwe document' }).getAttribute('href'))!;
      expect(newDoc).toMatch(/^#\/document\/[0-9a-f-]{36}$/);
      expect(newDoc).not.toContain(scannedDocId!);

      // Merge it back: "Samenvoegen met…" lists the other documents of the batch in the order of the stack, the
      // split-off one (right after this one) first.
      const toggle = page.getByRole('button', { name: 'Samenvoegen met…' });
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
      const others = page.locator('.merge-form li.check');
      await others.first().waitFor();
      expect(await others.count()).toBe(2);
      expect(await others.nth(1).textContent()).toContain(afterSeparatorTitle!);
      await others.first().locator('input[type="checkbox"]').check();
      await page.getByRole('button', { name: 'Samenvoegen', exact: true }).click();
      await expect.poll(() => announced(page)).toBe("1 document samengevoegd met dit document; het heeft nu 2 pagina's.");
      await expect.poll(() => items.count()).toBe(2);
      expect(await focusedText(page)).toBe("1 document samengevoegd met dit document; het heeft nu 2 pagina's.");
      expect((await previewPages(page)).landscape).toEqual([true, false]);
      expect(await items.first().textContent()).toContain('gedraaid 90°');

      expect(await seriousViolations(page)).toEqual([]);

      // The merged-away document is gone.
      await page.evaluate((h) => (location.hash = h), newDoc);
      await page.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' }).waitFor();
    });
  });

  describe('scan profiles', () => {
    it("changes an unlocked profile, keeps a locked one read-only, and shows the core's refusal in Dutch", async () => {
      // As a clerk: the administrator may change a locked profile, a clerk may not.
      const page = await openPage('#/scannen', CLERK);
      await page.getByRole('link', { name: 'Profielen bekijken en aanpassen' }).click();
      await page.getByRole('heading', { level: 1, name: 'Scanprofielen' }).waitFor();
      // Still under "Scannen" in the menu.
      expect(
        await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Scannen' }).getAttribute('aria-current'),
      ).toBe('page');

      const archive = page.getByRole('region', { name: /Archief \(vervangende digitalisering\)/ });
      expect(await archive.textContent()).toContain('Vergrendeld door de beheerder.');
      expect(await archive.getByRole('button').count()).toBe(0);

      const simplex = page.getByRole('region', { name: /Post, enkelzijdig/ });
      await simplex.getByRole('button', { name: 'Wijzigen Post, enkelzijdig' }).click();
      await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('Post, enkelzijdig');
      await simplex.getByLabel('Resolutie').selectOption('400');
      await simplex.getByRole('button', { name: 'Opslaan' }).click();
      await expect.poll(() => announced(page)).toBe('Profiel “Post, enkelzijdig” opgeslagen.');
      expect(await simplex.locator('dl').textContent()).toContain('400 ppi');
      expect(await focusedText(page)).toBe('Wijzigen Post, enkelzijdig');

      // The administrator locks "Fax / zwart-wit" while the clerk has it open; the core refuses the save.
      const fax = page.getByRole('region', { name: /Fax \/ zwart-wit/ });
      await fax.getByRole('button', { name: 'Wijzigen Fax / zwart-wit' }).click();
      await fax.getByLabel('Dubbelzijdig scannen').check();
      const store = await openStore(join(work, 'data'), { kind: 'passphrase', passphrase: PASSPHRASE });
      try {
        const current = loadProfiles(store.db).find((p) => p.name === 'fax')!;
        saveProfile(store.db, { ...current, locked: true }, 'admin');
      } finally {
        store.close();
      }
      await fax.getByRole('button', { name: 'Opslaan' }).click();
      const refusal = page.getByTestId('profile-error');
      await refusal.waitFor();
      expect(await refusal.textContent()).toBe(
        'Deze opdracht is hier niet toegestaan. Het scanprofiel "Fax / zwart-wit" is vergrendeld door de beheerder.',
      );
      expect(await page.getByRole('alert').filter({ hasText: 'vergrendeld door de beheerder' }).count()).toBe(1);
      // The screen shows what is true now: locked, read-only.
      await expect.poll(() => fax.textContent()).toContain('Vergrendeld door de beheerder.');
      expect(await fax.getByRole('button').count()).toBe(0);

      expect(await seriousViolations(page)).toEqual([]);
    });
  });
});
