import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../src/hosts/open';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';
import { signInAsAdmin } from '../support/people';
import { seriousViolations } from './support/axe';
import { letterPng } from './support/files';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { E2E_ADMIN, signInUi, signOutUi } from './support/people';
import { QC_CHECKER, QC_CLERK, seedQcStore, type QcSeed } from './support/qc-seed';

// Quality control with four eyes in Debian's Chromium over the real web harness and core: a clerk ingests four page
// images with the CLI; an archivist opens the batch's dossier, starts the check and judges every sampled page with
// the keyboard only (G, and F with a reason chosen by its number, after an F cancelled with Escape), closes it and
// reads "afgekeurd" with the faulty page, on screen, announced and in the core. The person who scanned a batch gets
// no way to check it in the UI and a refusal from the core; a clerk the same. The clerk rescans the faulty page from
// a virtual eSCL scanner on the batch view; the archivist judges it again and the batch is goedgekeurd. axe finds
// nothing serious on the batch view and the QC screen.
describe('quality control of a scan batch', { shuffle: false }, () => {
  const PASSPHRASE = 'e2e-kwaliteit-wachtwoord';
  const PAGES = 4;
  let work: string;
  let seed: QcSeed;
  let harness: Harness;
  let scanner: VirtualScanner;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let faultyPage = 0;

  /** A command through the page's own API (the same connection and person as the UI); the whole answer. */
  const call = (cmd: string, input: unknown) =>
    page.evaluate(
      async ([c, i]) =>
        (
          window as unknown as { postkamer: { call(c: string, i: unknown): Promise<{ ok: boolean; data?: unknown; error?: unknown }> } }
        ).postkamer.call(c as string, i),
      [cmd, input] as const,
    ) as Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;
  const heading = () => page.getByRole('heading', { level: 1 });
  const progress = () => page.getByTestId('qc-progress');
  const position = () => page.getByTestId('qc-position');
  const shownPage = async () => Number(await page.getByTestId('qc-page').getAttribute('data-page'));
  const imageLoaded = () =>
    page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('[data-testid="qc-page"] img');
      return !!img && img.complete && img.naturalWidth > 0;
    });

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-qc-'));
    const letter = (n: number) =>
      letterPng(['Gemeente Voorbeeldstad', `Betreft: brief ${n} van de stapel`, `Pagina ${n}`, 'Met vriendelijke groet,']);
    seed = await seedQcStore(work, PASSPHRASE, {
      clerk: await Promise.all(Array.from({ length: PAGES }, (_, i) => letter(i + 1))),
      admin: [await letter(9)],
    });
    // The sheet put back on the scanner for the rescan; the UI may scan only from a scanner the administrator set up.
    scanner = await startVirtualScanner({ sheets: [{ front: { png: await letter(2), dpi: 100 } }], makeAndModel: 'Virtuele nascanner' });
    const admin = await openCore(seed.data, PASSPHRASE);
    const ctx = { origin: 'cli' as const, connection: 'qc-test-admin' };
    await signInAsAdmin(admin, ctx);
    admin.configureScanner({ kind: 'escl', url: scanner.baseUrl }, ctx);
    await admin.close();
    harness = await startHarness(seed.data, PASSPHRASE);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await harness.openApp(page);
    await signInUi(page, QC_CHECKER.login, QC_CHECKER.pin);
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await harness?.stop();
    await scanner?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('lists the batches with their QC state and opens the clerk’s batch with its dossier', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Batches' }).click();
    await expect.poll(() => heading().textContent()).toBe('Batches');
    const row = page.locator(`tr[data-batch-id="${seed.clerkBatch}"]`);
    await row.waitFor();
    expect(await page.locator(`tr[data-batch-id="${seed.adminBatch}"]`).count()).toBe(1);
    expect(await row.locator('[data-qc-state]').getAttribute('data-qc-state')).toBe('open');
    expect(await row.locator('[data-qc-state]').textContent()).toBe('open');
    await row.getByRole('link').click();

    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/batches/${seed.clerkBatch}`);
    const dossier = page.getByTestId('dossier');
    await dossier.waitFor();
    expect(await page.getByTestId('dossier-scanned-by').getAttribute('data-login')).toBe(QC_CLERK.login);
    expect(await page.getByTestId('dossier-scanned-by').textContent()).toBe(`${QC_CLERK.name} (${QC_CLERK.login})`);
    expect(await dossier.locator('[data-count="in"]').textContent()).toBe(String(PAGES));
    expect(await dossier.locator('[data-count="out"]').textContent()).toBe(String(PAGES));
    // Ingested with the CLI: the origin and the source in words.
    expect(await dossier.textContent()).toContain('Herkomstopdrachtregel');
    expect(await page.getByTestId('batch-qc').getAttribute('data-qc-state')).toBe('open');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('starts the check and judges every sampled page by keyboard, one fout with its reason', async () => {
    const start = page.getByRole('button', { name: 'Kwaliteitscontrole starten' });
    await start.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/qc/${seed.clerkBatch}`);
    await progress().waitFor();
    // At most ten pages are every page (the default rule: 5 %, at least 10).
    expect(await progress().textContent()).toBe(`0 van ${PAGES} pagina’s beoordeeld`);
    expect(await position().textContent()).toMatch(new RegExp(`^Pagina \\d+ van de batch — 1 van ${PAGES} in de steekproef$`));
    await imageLoaded();
    const first = await shownPage();
    expect(await page.getByTestId('qc-page').locator('img').getAttribute('alt')).toBe(`Pagina ${first} van de batch, zoals gescand`);
    expect(await seriousViolations(page)).toEqual([]);

    // N and P move through the sample without judging.
    await page.keyboard.press('n');
    await expect.poll(() => position().textContent()).toContain(`2 van ${PAGES} in de steekproef`);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => position().textContent()).toContain(`1 van ${PAGES} in de steekproef`);
    expect(await progress().textContent()).toBe(`0 van ${PAGES} pagina’s beoordeeld`);

    // G: goed, and on to the next page.
    await page.keyboard.press('g');
    await expect.poll(() => progress().textContent()).toBe(`1 van ${PAGES} pagina’s beoordeeld`);
    await expect.poll(() => position().textContent()).toContain(`2 van ${PAGES} in de steekproef`);
    faultyPage = await shownPage();

    // F opens the checklist with the focus on its first reason; Escape cancels and records nothing.
    await page.keyboard.press('f');
    const checklist = page.getByTestId('qc-checklist');
    await expect.poll(() => checklist.getAttribute('data-open')).toBe('true');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('onleesbaar');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('incompleet');
    // While a reason is chosen, G judges nothing.
    await page.keyboard.press('g');
    await page.keyboard.press('Escape');
    await expect.poll(() => checklist.getAttribute('data-open')).toBe('false');
    expect(await progress().textContent()).toBe(`1 van ${PAGES} pagina’s beoordeeld`);
    expect(await page.getByTestId('qc-verdict').getAttribute('data-verdict')).toBe('open');
    // F again, and 3: verkeerde volgorde.
    await page.keyboard.press('F');
    await expect.poll(() => checklist.getAttribute('data-open')).toBe('true');
    await page.keyboard.press('3');
    await expect.poll(() => progress().textContent()).toBe(`2 van ${PAGES} pagina’s beoordeeld`);
    await expect
      .poll(() => page.getByTestId('announcer').textContent())
      .toBe(`Pagina ${faultyPage}: fout, Verkeerde volgorde. 2 van ${PAGES} beoordeeld.`);

    // The rest goed; after the last one the focus is on Afronden, which Enter presses.
    for (let judged = 3; judged <= PAGES; judged++) {
      await page.keyboard.press('G');
      await expect.poll(() => progress().textContent()).toBe(`${judged} van ${PAGES} pagina’s beoordeeld`);
    }
    const close = page.getByRole('button', { name: 'Afronden' });
    await expect.poll(() => close.evaluate((b) => b === document.activeElement)).toBe(true);
    const sample = page.getByTestId('qc-sample');
    expect(await sample.locator(`[data-page="${faultyPage}"]`).getAttribute('data-verdict')).toBe('fout');
    expect(await sample.locator('[data-verdict="goed"]').count()).toBe(PAGES - 1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');

    const result = page.getByTestId('qc-result');
    await result.waitFor();
    expect(await result.getAttribute('data-state')).toBe('afgekeurd');
    const words = `Afgekeurd: 1 pagina is fout — pagina ${faultyPage} (Verkeerde volgorde).`;
    expect(await result.textContent()).toBe(words);
    // The button that had the focus is gone: the result has it.
    await expect.poll(() => result.evaluate((el) => el === document.activeElement)).toBe(true);
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(words);
    const got = await call('qc.get', { batchId: seed.clerkBatch });
    expect(got.ok).toBe(true);
    const qc = got.data as { state: string; faults: { page: number; reden: string }[]; progress: { judged: number; total: number } };
    expect(qc.state).toBe('afgekeurd');
    expect(qc.faults).toEqual([{ page: faultyPage, reden: 'verkeerde-volgorde' }]);
    expect(qc.progress).toEqual({ judged: PAGES, total: PAGES });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the result and the events on the batch’s dossier', async () => {
    await page.getByRole('link', { name: 'Terug naar de batch' }).click();
    await page.getByTestId('dossier').waitFor();
    await expect.poll(() => page.getByTestId('batch-qc').getAttribute('data-qc-state')).toBe('afgekeurd');
    expect(await page.getByTestId('batch-faults').textContent()).toBe(`Pagina ${faultyPage}: Verkeerde volgorde`);
    const kinds = await page
      .getByTestId('dossier-events')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-kind')));
    expect(kinds).toEqual(['qc-start', ...Array<string>(PAGES).fill('qc-judge'), 'qc-close']);
    // A closed round offers no start, only a look at it.
    expect(await page.getByTestId('qc-start').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('gives the person who scanned a batch no way to check it, and the core refuses them', async () => {
    await signOutUi(page);
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    await page.goto(`${harness.origin}/#/batches/${seed.adminBatch}`);
    await page.getByTestId('dossier').waitFor();
    expect(await page.getByTestId('dossier-scanned-by').getAttribute('data-login')).toBe(E2E_ADMIN.login);
    expect(await page.getByTestId('qc-self').textContent()).toBe(
      'U hebt deze batch zelf gescand: de kwaliteitscontrole doet een ander (vier ogen).',
    );
    expect(await page.getByTestId('qc-start').count()).toBe(0);
    const refused = await call('qc.start', { batchId: seed.adminBatch });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('qc-four-eyes');
    expect(refused.error?.message).toContain(E2E_ADMIN.login);
    // Nothing was started.
    const after = await call('qc.get', { batchId: seed.adminBatch });
    expect((after.data as { state: string }).state).toBe('open');
    // The same person may check the clerk's batch (they did not scan it): the way in is there.
    await page.goto(`${harness.origin}/#/batches/${seed.clerkBatch}`);
    await page.getByTestId('dossier').waitFor();
    expect(await page.getByTestId('qc-self').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('gives a clerk no way to check either: no start, no QC screen, and the core refuses', async () => {
    await signOutUi(page);
    await signInUi(page, QC_CLERK.login, QC_CLERK.pin);
    await page.goto(`${harness.origin}/#/batches/${seed.adminBatch}`);
    await page.getByTestId('dossier').waitFor();
    expect(await page.getByTestId('qc-start').count()).toBe(0);
    expect(await page.getByTestId('batch-qc').textContent()).toContain(
      'De kwaliteitscontrole doet een archivaris of teamleider, nooit degene die de batch scande.',
    );
    const refused = await call('qc.start', { batchId: seed.adminBatch });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe('forbidden');
    await page.goto(`${harness.origin}/#/qc/${seed.clerkBatch}`);
    await expect.poll(() => heading().textContent()).toBe('Geen toegang');
    // The clerk's own batch, afgekeurd: the faulty page waits for a rescan.
    await page.goto(`${harness.origin}/#/batches/${seed.clerkBatch}`);
    const rescan = page.getByTestId('batch-rescan');
    await rescan.waitFor();
    expect(await rescan.locator('li[data-page]').evaluateAll((li) => li.map((l) => Number(l.getAttribute('data-page'))))).toEqual([
      faultyPage,
    ]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('lets the clerk rescan the faulty page from a scanner: the page waits to be judged again (nascan)', async () => {
    // The clerk adds the scanner by its address on the Scan screen, as they would for any scan.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Scannen' }).click();
    await page.getByLabel('Scanner-adres, bijv. http://192.0.2.10/eSCL').fill(scanner.baseUrl);
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.goto(`${harness.origin}/#/batches/${seed.clerkBatch}`);
    const rescan = page.getByTestId('batch-rescan');
    await rescan.waitFor();
    await expect.poll(() => rescan.getByLabel('Scanner').inputValue()).toBe(`escl:${scanner.baseUrl}`);
    const before = (await call('qc.get', { batchId: seed.clerkBatch })).data as { sample: { page: number; pageId: string }[] };
    await rescan.getByRole('button', { name: `Pagina ${faultyPage} opnieuw scannen` }).click();
    await expect
      .poll(() => page.getByTestId('announcer').textContent(), { timeout: 60_000 })
      .toBe(`Pagina ${faultyPage} is opnieuw gescand en wacht op een nieuwe beoordeling.`);
    expect(scanner.received.length).toBe(1);
    const after = (await call('qc.get', { batchId: seed.clerkBatch })).data as {
      state: string;
      sample: { page: number; verdict: string | null; rescans: number }[];
    };
    expect(after.state).toBe('nascan');
    expect(after.sample.find((p) => p.page === faultyPage)).toMatchObject({ verdict: null, rescans: 1 });
    expect(after.sample.filter((p) => p.verdict === 'goed').length).toBe(PAGES - 1);
    expect(before.sample.length).toBe(PAGES);
    await expect.poll(() => page.getByTestId('batch-qc').getAttribute('data-qc-state')).toBe('nascan');
    expect(await page.getByTestId('batch-rescan').count()).toBe(0);
  });

  it('lets the archivist judge the rescanned page again and approve the batch', async () => {
    await signOutUi(page);
    await signInUi(page, QC_CHECKER.login, QC_CHECKER.pin);
    await page.goto(`${harness.origin}/#/batches/${seed.clerkBatch}`);
    const resume = page.getByRole('button', { name: 'Kwaliteitscontrole hervatten' });
    await resume.focus();
    await page.keyboard.press('Enter');
    await progress().waitFor();
    expect(await progress().textContent()).toBe(`${PAGES - 1} van ${PAGES} pagina’s beoordeeld`);
    // The screen opens on the one page still to judge: the rescanned one.
    await expect.poll(shownPage).toBe(faultyPage);
    expect(await page.getByTestId('qc-verdict').textContent()).toBe('Oordeel: nog niet beoordeeld · 1 keer opnieuw gescand');
    await imageLoaded();
    await page.keyboard.press('g');
    const close = page.getByRole('button', { name: 'Afronden' });
    await expect.poll(() => close.evaluate((b) => b === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('qc-result');
    await result.waitFor();
    expect(await result.getAttribute('data-state')).toBe('goedgekeurd');
    expect(await result.textContent()).toBe('Goedgekeurd: elke pagina van de steekproef is goed.');
    const got = (await call('qc.get', { batchId: seed.clerkBatch })).data as { state: string; faults: unknown[] };
    expect(got).toMatchObject({ state: 'goedgekeurd', faults: [] });
  });
});
