import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/store';
import { cliPath, repoRoot } from '../support/cli';
import { seriousViolations } from './support/axe';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { cliEnv, E2E_ADMIN, initStoreWithAdmin, signInUi } from './support/people';

// The audit screen in Debian's Chromium over the real web harness and store: the chain's state, filters by person,
// action and period, paging back, operated by keyboard and labels, with no serious axe violations; a row deleted
// behind the app's back shows as a broken chain.
describe('the audit screen', { shuffle: false }, () => {
  const PASSPHRASE = 'e2e-audit-wachtwoord';
  const JAN = { login: 'jan', pin: '135790' };
  let work: string;
  let data: string;
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  const cli = (args: string[], env: NodeJS.ProcessEnv) => {
    const r = spawnSync(process.execPath, [cliPath, ...args, '--data', data], { cwd: repoRoot, env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`postkamer ${args.join(' ')}: ${r.stderr}`);
  };
  const rows = () => page.getByTestId('audit-table').locator('tbody tr');
  const count = () => page.getByTestId('audit-count');

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-audit-'));
    data = join(work, 'data');
    await initStoreWithAdmin(data, PASSPHRASE);
    cli(['users', 'add', JAN.login, '--naam', 'Jan de Vries', '--rol', 'medewerker'], {
      ...cliEnv(PASSPHRASE),
      POSTKAMER_NEW_PIN: JAN.pin,
    });
    cli(['status'], cliEnv(PASSPHRASE, JAN));
    harness = await startHarness(data, PASSPHRASE);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    await harness.openApp(page);
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    // Enough entries for more than one page (50 a page): settings changed back and forth, each one audited.
    await page.evaluate(async () => {
      const api = (window as unknown as { postkamer: { call(cmd: string, input: unknown): Promise<{ ok: boolean }> } }).postkamer;
      for (let i = 0; i < 60; i++) {
        const r = await api.call('settings.set', { autoLockMinutes: i % 2 === 0 ? 11 : 10 });
        if (!r.ok) throw new Error(`settings.set: ${JSON.stringify(r)}`);
      }
    });
    await page.evaluate(() => (location.hash = '#/audit'));
  });

  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await harness?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('shows the intact chain and the newest entries with who, in Dutch, and no axe violations', async () => {
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Audit');
    const chain = page.getByTestId('audit-chain');
    await expect.poll(() => chain.locator('[data-chain]').getAttribute('data-chain')).toMatch(/^intact/);
    await expect.poll(() => chain.textContent()).toMatch(/Intact: \d+ regels/);
    await expect.poll(() => rows().count()).toBe(50);
    expect(await page.getByTestId('audit-table').locator('caption').textContent()).toMatch(
      /^Auditregels \d+ tot en met \d+, nieuwste eerst$/,
    );
    await expect.poll(() => count().textContent()).toBe('50 regels op deze pagina; er zijn oudere regels');
    expect(await count().getAttribute('aria-live')).toBe('polite');
    const newest = rows().first();
    expect(await newest.textContent()).toContain('Instelling gewijzigd');
    expect(await newest.textContent()).toContain('Test Beheerder');
    expect(await newest.textContent()).toContain('Beheerder');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('pages back to older entries and forward again, by keyboard', async () => {
    const firstSeq = Number(await rows().first().getAttribute('data-seq'));
    const older = page.getByRole('button', { name: 'Oudere regels' });
    await older.focus();
    await page.keyboard.press('Enter');
    await expect.poll(async () => Number(await rows().first().getAttribute('data-seq'))).toBe(firstSeq - 50);
    // The last page: no older ones, the focus stays on the button.
    await expect.poll(() => older.getAttribute('aria-disabled')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Oudere regels');
    expect(await count().textContent()).toMatch(/^\d+ regels? op deze pagina$/);
    await page.getByRole('button', { name: 'Nieuwere regels' }).press('Enter');
    await expect.poll(async () => Number(await rows().first().getAttribute('data-seq'))).toBe(firstSeq);
  });

  it('filters by person, by action and by period, through labelled fields', async () => {
    await page.getByLabel('Persoon (gebruikersnaam)').fill(JAN.login);
    await page.getByLabel('Persoon (gebruikersnaam)').press('Enter');
    await expect.poll(() => count().textContent()).toBe('1 regel op deze pagina');
    const jan = await rows().first().textContent();
    expect(jan).toContain('Jan de Vries');
    expect(jan).toContain('Medewerker postverwerking');
    expect(jan).toContain('Aangemeld');

    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.getByLabel('Actie', { exact: true }).selectOption({ label: 'Gebruiker toegevoegd' });
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => count().textContent()).toBe('1 regel op deze pagina');
    expect(await rows().first().getAttribute('data-action')).toBe('person.added');
    expect(await rows().first().textContent()).toContain('jan');

    // A period: today holds them, a day long ago none; a period backwards is refused before it is sent.
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    await page.getByLabel('Van (datum)').fill(today);
    await page.getByLabel('Tot en met (datum)').fill(today);
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => count().textContent()).toBe('1 regel op deze pagina');
    await page.getByLabel('Van (datum)').fill('2020-01-01');
    await page.getByLabel('Tot en met (datum)').fill('2020-01-31');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => count().textContent()).toBe('Geen regels gevonden met deze filters.');
    expect(await rows().count()).toBe(0);
    await page.getByLabel('Van (datum)').fill('2020-02-01');
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'De einddatum ligt vóór de begindatum.' }).count()).toBe(1);
    expect(await page.getByLabel('Tot en met (datum)').getAttribute('aria-invalid')).toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await expect.poll(() => rows().count()).toBe(50);
  });

  it('in English, the same screen with English labels', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(/Intact: \d+ lines/);
    await expect.poll(() => rows().first().textContent()).toContain('Setting changed');
    expect(await page.getByLabel('Person (login)').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await expect.poll(() => page.getByTestId('audit-chain').textContent()).toMatch(/Intact/);
  });

  it("shows a row deleted behind the app's back as a broken chain, naming the entry", async () => {
    const store = await openStore(data, { kind: 'passphrase', passphrase: PASSPHRASE });
    try {
      store.db.exec('DROP TRIGGER IF EXISTS audit_no_delete');
      store.db.prepare('DELETE FROM audit WHERE seq = 5').run();
    } finally {
      store.close();
    }
    await page.getByRole('button', { name: 'Opnieuw controleren' }).click();
    const alert = page.getByTestId('audit-chain').getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^VERBROKEN bij regel 5: deze regel ontbreekt/);
    expect(await page.getByTestId('audit-chain').locator('[data-chain]').getAttribute('data-seq')).toBe('5');
    expect(await seriousViolations(page)).toEqual([]);
  });
});
