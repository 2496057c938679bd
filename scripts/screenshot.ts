// Screenshots for the README (1280×800, light): docs/screenshot-sign-in.png (signing in), docs/screenshot-inbox.png
// (the inbox with a few documents),
// docs/screenshot-scan.png (a scan from a scanner entered by address, just finished) and
// docs/screenshot-document.png (the scanned document with its pages, after page 1 was turned) and
// docs/screenshot-audit.png (the audit trail as a supervisor reads it) and docs/screenshot-filing.png (a letter being
// filed: its fields with their sources, the sender's place on the page marked, the zaak and its document type) and
// docs/screenshot-desk.png (the supervisor's desk over a generated month from three people, in a store of its own).
// Run: node bin/run-ts.mjs scripts/screenshot.ts [--only desk]   (builds the renderer first if there is no bundle)
// Everything is generated here: the letters, a virtual eSCL scanner on 127.0.0.1, a store in a temp folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { startVirtualScanner } from '../test/escl-scanner/server';
import { letterPdf, letterPng } from '../test/e2e/support/files';
import { cliIngest, ensureRendererBuilt, launchChromium, repoRoot, startHarness } from '../test/e2e/support/harness';
import { renderLetterPage } from '../test/support/letters';
import { initStoreWithAdmin, signInUi } from '../test/e2e/support/people';
import { openStore } from '../src/store/store';
import type { Db } from '../src/store/db';
import { upsertZgwObject } from '../src/store/zgw-catalogue';
import { seedDesk } from '../test/support/desk-seed';

const shot = (name: string) => resolve(repoRoot, `docs/${name}.png`);
const passphrase = 'schermafdruk-demo-wachtwoord';

ensureRendererBuilt();
const onlyDesk = process.argv.includes('--only') && process.argv[process.argv.indexOf('--only') + 1] === 'desk';
const work = mkdtempSync(join(tmpdir(), 'postkamer-shot-'));
const data = join(work, 'data');
const files = join(work, 'files');
mkdirSync(files);
await initStoreWithAdmin(data, passphrase, { login: 'jdevries', name: 'Jan de Vries', pin: '24681357' });
const admin = { login: 'jdevries', pin: '24681357' };

/** The generated zaken get one of three zaaktypen in the catalogue cache, so the report names them as a real one would. */
function nameZaaktypen(db: Db): void {
  const base = 'https://zaaksysteem.example.nl';
  const at = new Date().toISOString();
  const types = ['Bezwaar', 'Omgevingsvergunning', 'Melding openbare ruimte'].map((omschrijving, i) => ({
    url: `${base}/catalogi/api/v1/zaaktypen/${i + 1}`,
    identificatie: `ZT-${i + 1}`,
    omschrijving,
    informatieobjecttypen: [],
  }));
  for (const t of types) upsertZgwObject(db, 'test', 'zaaktype', t.url, t.identificatie, t, null, at);
  const zaken = db.prepare('SELECT DISTINCT zaaknummer FROM zgw_outbox WHERE zaaknummer IS NOT NULL ORDER BY 1').all() as {
    zaaknummer: string;
  }[];
  zaken.forEach(({ zaaknummer }, i) => {
    const url = `${base}/zaken/api/v1/zaken/${i + 1}`;
    const zaak = { url, identificatie: zaaknummer, bronorganisatie: '002220647', zaaktype: types[i % 3]!.url, startdatum: '2026-11-02' };
    upsertZgwObject(db, 'test', 'zaak', url, zaaknummer, zaak, null, at);
  });
}

/** The desk over a month of generated post (a store of its own, so the other shots keep their few letters). */
async function deskShot(): Promise<void> {
  const deskData = join(work, 'desk');
  await initStoreWithAdmin(deskData, passphrase, { login: 'jdevries', name: 'Jan de Vries', pin: '24681357' });
  const store = await openStore(deskData, { kind: 'passphrase', passphrase });
  try {
    seedDesk(store.db, { now: new Date(), documents: 900, days: 30, seed: 2026 });
    nameZaaktypen(store.db);
  } finally {
    store.close();
  }
  const deskHarness = await startHarness(deskData, passphrase);
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', colorScheme: 'light' });
    const page = await context.newPage();
    await deskHarness.openApp(page);
    await signInUi(page, 'jdevries', '24681357');
    await page.goto(`${deskHarness.origin}/#/overzicht`);
    await page.locator('.desk-chart svg[role="img"]').waitFor();
    await page.mouse.move(0, 0);
    await save(page, 'screenshot-desk', true);
  } finally {
    await browser.close();
    await deskHarness.stop();
  }
}

if (onlyDesk) {
  try {
    await deskShot();
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  process.exit(0);
}

const harness = await startHarness(data, passphrase);
const letters = await Promise.all([411, 412].map((seed) => renderLetterPage({ seed, variant: 'clean' })));
const scanner = await startVirtualScanner({
  sheets: letters.map((p) => ({ front: { png: p.png, dpi: p.dpi } })),
  makeAndModel: 'Postkamer Virtuele Scanner',
});

async function save(page: Page, name: string, fullPage = false): Promise<void> {
  // No caret or focus ring caught half-way through a blink or a transition.
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot(name), fullPage });
  process.stdout.write(`${shot(name)}\n`);
}

try {
  const morning = [
    ['bezwaar-woz-beschikking.pdf', ['Datum: 3 maart 2026', 'Uw kenmerk: ZAAK-2026-0000000123', 'Betreft: bezwaar WOZ-beschikking 2026']],
    ['aanvraag-omgevingsvergunning.pdf', ['Datum: 2 maart 2026', 'Betreft: aanvraag omgevingsvergunning']],
    ['melding-losliggende-stoeptegel.png', ['Betreft: melding losliggende stoeptegel']],
    ['verzoek-kwijtschelding.pdf', ['Datum: 27 februari 2026', 'Zaaknummer: ZAAK-2026-0000000187', 'Betreft: verzoek om kwijtschelding']],
  ] as const;
  const paths: string[] = [];
  for (const [name, lines] of morning) {
    const p = join(files, name);
    writeFileSync(
      p,
      name.endsWith('.png') ? await letterPng(['Gemeente Voorbeeldstad', ...lines]) : await letterPdf(['Gemeente Voorbeeldstad', ...lines]),
    );
    paths.push(p);
  }
  writeFileSync(join(files, 'leeg.pdf'), Buffer.alloc(0));
  await cliIngest(data, passphrase, [...paths, join(files, 'leeg.pdf')], admin);
  const scan = join(files, 'scan-0001-inspraakreactie.pdf');
  writeFileSync(scan, await letterPdf(['Gemeente Voorbeeldstad', 'Betreft: inspraakreactie bestemmingsplan']));
  const scan2 = join(files, 'scan-0002-ingebrekestelling.png');
  writeFileSync(scan2, await letterPng(['Gemeente Voorbeeldstad', 'Betreft: ingebrekestelling']));
  await cliIngest(data, passphrase, [scan, scan2], admin);

  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'nl-NL', colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(harness.url);
    await page.locator('form[data-auth-form="sign-in"] input[name="login"]').fill(admin.login);
    await save(page, 'screenshot-sign-in');
    await signInUi(page, admin.login, admin.pin);
    await page.locator('tr.doc-row').nth(5).waitFor();
    await page.locator('tr.doc-row').first().focus();
    await save(page, 'screenshot-inbox');

    // The audit trail: who did what, with the chain's state.
    await page.goto(`${harness.origin}/#/audit`);
    await page.locator('table tbody tr').nth(5).waitFor();
    await page.mouse.move(0, 0);
    await save(page, 'screenshot-audit');
    await page.goto(`${harness.origin}/#/`);

    // Filing a letter: the fields with their sources, the place of the value in focus marked on the page.
    await page.locator('tr.doc-row', { hasText: 'bezwaar-woz-beschikking.pdf' }).locator('a').first().click();
    await page.getByTestId('fields-panel').waitFor();
    await page.getByTestId('fields-panel').getByLabel('Datum brief').focus();
    await page
      .getByTestId('field-region')
      .waitFor({ timeout: 10_000 })
      .catch(() => undefined);
    await page.waitForTimeout(1500);
    await save(page, 'screenshot-filing');
    await page.goto(`${harness.origin}/#/`);

    // Scan two letters from the virtual scanner, entered by its address.
    await page.getByRole('link', { name: 'Scannen', exact: true }).click();
    await page.getByTestId('scanner-search').filter({ hasText: 'Geen scanners gevonden' }).waitFor({ timeout: 30_000 });
    await page.getByLabel('Scanner-adres, bijv. http://192.0.2.10/eSCL').fill(scanner.baseUrl);
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('radio', { name: /Post, enkelzijdig/ }).check();
    await page.getByRole('button', { name: 'Scannen', exact: true }).click();
    await page
      .getByTestId('scan-status')
      .filter({ hasText: /^Klaar:/ })
      .waitFor({ timeout: 300_000 });
    // The whole screen, from the heading to the finished job (a little taller than the window).
    await save(page, 'screenshot-scan', true);

    // The scanned document, page 1 turned, the pages and their actions beside the PDF.
    await page.getByRole('link', { name: 'Bekijk de batch in de inbox' }).click();
    await page.locator('tr.batch-row.is-target').waitFor();
    await page.locator('tr.doc-row[tabindex="0"] a').click();
    await page.getByTestId('page-list').waitFor();
    await page.getByRole('button', { name: 'Draai rechtsom (pagina 1)' }).click();
    await page.getByTestId('announcer').filter({ hasText: 'rechtsom gedraaid' }).waitFor();
    await page.mouse.move(0, 0);
    // The frame is re-created for the rebuilt PDF: give the viewer time to draw it.
    await page.waitForTimeout(3000);
    await save(page, 'screenshot-document');
  } finally {
    await browser.close();
  }
  await deskShot();
} finally {
  await harness.stop();
  await scanner.close();
  rmSync(work, { recursive: true, force: true });
}
