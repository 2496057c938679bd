import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { seriousViolations } from './support/axe';
import { cliIngest, ensureRendererBuilt, startHarness, type Harness } from './support/harness';
import { E2E_ADMIN } from './support/people';
import { closeAll, E2E_ADMIN_ZGW_ID, initWithZgw, openHarnessPage } from './support/zgw';
import { writeTestFiles } from './support/files';

// A journey through the UI on one browser page and one store: each step starts on the screen and with the documents
// the step before left, as a clerk's session does. Its steps keep their order when the suite is shuffled.
describe('delivery, one journey', { shuffle: false }, () => {
  // Delivery to the zaaksysteem through the UI: the test ZGW server in-process, the real CLI to configure the
  // connection and ingest, the web harness running the delivery loop, Debian's Chromium, axe.

  const PASSPHRASE = 'e2e-postkamer-wachtwoord';
  const ZAAK = 'ZAAK-2026-0000000001';

  let work: string;
  let data: string;
  let zgw: ZgwServer;
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-sync-'));
    data = join(work, 'data');
    mkdirSync(join(work, 'files'));
    zgw = await startZgwServer({ seed: 'minimal' });
    const iot = [...zgw.state.catalogue.informatieobjecttypen.values()].find((o) => o.omschrijving === 'Inkomende brief');
    expect(iot, 'seed has "Inkomende brief"').toBeDefined();
    const [init, config] = await initWithZgw(data, PASSPHRASE, zgw, String(iot!.url));
    expect(init.code, init.stderr).toBe(0);
    expect(config.code, config.stderr).toBe(0);
    const files = await writeTestFiles(join(work, 'files'));
    const ingest = await cliIngest(data, PASSPHRASE, [files.pdf]);
    expect(ingest.code, ingest.stderr).toBe(0);
    harness = await startHarness(data, PASSPHRASE);
    ({ browser, page } = await openHarnessPage(harness, { width: 1280, height: 800 }));
  }, 60_000);

  afterAll(() => closeAll({ browser, harness, zgw, work }));

  describe('delivery to the zaaksysteem in the UI', () => {
    it('links a document to a zaak with a suggestion, and sees it become verzonden', async () => {
      await page.locator('tr.doc-row td.file-name', { hasText: 'bezwaar-aanslag.pdf' }).waitFor({ timeout: 20_000 });
      await page.locator('tr.doc-row', { hasText: 'bezwaar-aanslag.pdf' }).click();
      const panel = page.getByTestId('zaak-panel');
      await panel.getByTestId('zaak-number').waitFor({ timeout: 10_000 });
      expect(await panel.getByTestId('zaak-number').textContent()).toBe('Nog niet gekoppeld');

      // Keyboard only: type part of the number, take the suggestion, submit.
      const field = panel.getByLabel('Koppelen aan zaak');
      await field.focus();
      await page.keyboard.type('ZAAK-2026-00000000');
      const suggestion = panel.getByRole('button', { name: new RegExp(ZAAK) });
      await suggestion.waitFor({ timeout: 10_000 });
      await suggestion.focus();
      await page.keyboard.press('Enter');
      expect(await field.inputValue()).toBe(ZAAK);
      await panel.getByRole('button', { name: 'Koppelen' }).click();

      await page.waitForFunction((z) => document.querySelector('[data-testid="zaak-number"]')?.textContent === z, ZAAK, {
        timeout: 10_000,
      });
      await page.waitForFunction(() => document.querySelector('[data-testid="outbox-phase"]')?.textContent === 'Verzonden', null, {
        timeout: 20_000,
      });
      // The live region said what happened (the link, then the delivery if that came after a poll).
      await page.waitForFunction(
        () => /Verzending: Verzonden|Gekoppeld aan ZAAK-/.test(document.querySelector('[data-testid="announcer"]')?.textContent ?? ''),
        null,
        { timeout: 5_000 },
      );
      // Delivered for real: the zaaksysteem holds the document, linked to the zaak.
      expect(zgw.state.eios.size).toBeGreaterThanOrEqual(1);
      expect(zgw.state.zios.size).toBe(1);
      // For the person signed in to the UI who linked it: the JWT of every write names them, as the zaaksysteem sees it.
      const writes = zgw.state.requests.filter((r) => r.method === 'POST' && r.status < 300);
      expect(writes.length).toBeGreaterThanOrEqual(2);
      for (const w of writes) expect(w.jwt, w.path).toMatchObject({ userId: E2E_ADMIN_ZGW_ID, userRepresentation: E2E_ADMIN.name });
      expect(await panel.getByRole('button', { name: 'Andere zaak' }).count()).toBe(1);
      expect(await panel.getByRole('button', { name: 'Opnieuw proberen' }).count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);
    }, 40_000);

    it('shows the connection and the outbox on Verzending, and tests the connection', async () => {
      await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verzending' }).click();
      await page.getByRole('heading', { level: 1, name: 'Verzending' }).waitFor();
      const connections = page.getByTestId('connections');
      await connections.waitFor();
      expect(await connections.textContent()).toContain(zgw.info.zaken);
      // Addresses only: the secret and the client id never reach the UI.
      const html = await page.content();
      expect(html).not.toContain(zgw.info.secret);
      expect(html).not.toContain(zgw.info.clientId);

      const delivered = page.getByTestId('outbox-delivered');
      await delivered.waitFor({ timeout: 10_000 });
      const link = delivered.getByRole('link');
      expect(await link.count()).toBe(1);
      expect(await link.getAttribute('href')).toMatch(/^#\/document\/[0-9a-f-]{36}$/);
      expect(await delivered.textContent()).toContain(ZAAK);

      await page.getByRole('button', { name: 'Verbinding testen' }).click();
      await page.getByTestId('test-verdict').waitFor({ timeout: 15_000 });
      expect(await page.getByTestId('test-verdict').textContent()).toBe('De verbinding is in orde.');
      const checks = await page.getByTestId('test-checks').locator('li').allTextContents();
      expect(checks.length).toBeGreaterThanOrEqual(3);
      for (const c of checks) expect(c).toMatch(/^in orde /);
      expect(await seriousViolations(page)).toEqual([]);
    }, 30_000);
  });
});
