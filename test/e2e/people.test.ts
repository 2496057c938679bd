import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/axe';
import { ensureRendererBuilt, launchChromium, startHarness, type Harness } from './support/harness';
import { E2E_ADMIN, setupFirstAdminUi, signedInMark, signInUi, signOutUi } from './support/people';

// A journey through the UI on one browser page and one store: each step starts where the step before left off.
// Its steps keep their order when the suite is shuffled.
describe('people in the UI, one journey', { shuffle: false }, () => {
  // Debian's Chromium against the real web harness on a new store (no people yet), Playwright's clock for the
  // auto-lock (the page's timers run on it; the core's own clock is real), and axe for accessibility.

  const PASSPHRASE = 'e2e-mensen-wachtwoord';
  const CLERK = { login: 'm.devries', name: 'Mira de Vries', pin: '864209' };

  let work: string;
  let harness: Harness;
  let browser: Browser;
  let page: Page;

  const nav = () => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allTextContents();
  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const go = (hash: string) => page.evaluate((h) => (location.hash = h), hash);
  const authState = () =>
    page.evaluate(async () => {
      const r = await window.postkamer!.call('auth.state', {});
      if (!r.ok) throw new Error(r.error.code);
      return { person: r.data.person?.login ?? null, lockedFor: r.data.lockedFor?.login ?? null, autoLockMinutes: r.data.autoLockMinutes };
    });

  beforeAll(async () => {
    ensureRendererBuilt();
    work = mkdtempSync(join(tmpdir(), 'postkamer-e2e-people-'));
    harness = await startHarness(join(work, 'data'), PASSPHRASE);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    page = await context.newPage();
    page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
    // Before the app loads, so that its timers (the auto-lock's among them) run on the clock the test moves.
    await page.clock.install();
    await harness.openApp(page);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await harness?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('asks for the first administrator on a store without people, and shows nothing else until then', async () => {
    await heading('Eerste beheerder aanmaken').waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The two PINs must match before the core is asked.
    const form = page.locator('form[data-auth-form="first-admin"]');
    await form.getByLabel('Pincode of wachtwoord', { exact: true }).fill('246810');
    await form.getByLabel('Herhaal de pincode of het wachtwoord').fill('246811');
    await form.getByLabel('Gebruikersnaam').fill(E2E_ADMIN.login);
    await form.getByLabel('Naam', { exact: true }).fill(E2E_ADMIN.name);
    await form.getByRole('button', { name: 'Beheerder aanmaken' }).click();
    await form.getByText('De twee pincodes zijn niet gelijk.').waitFor();
    expect(await authState()).toMatchObject({ person: null });

    await setupFirstAdminUi(page, { ...E2E_ADMIN, zgwUserId: 'beheer-001' });
    const who = signedInMark(page, E2E_ADMIN.login);
    expect(await who.textContent()).toBe(`${E2E_ADMIN.name}Medewerker postverwerking, Archivaris, Teamleider, Beheerder`);
    expect(await nav()).toEqual([
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
    await heading('Inbox').waitFor();
  });

  it('signs out, refuses a wrong PIN in Dutch, delays repeated guesses, and signs in', async () => {
    await signOutUi(page);
    await heading('Aanmelden').waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    // The login field has the focus.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('login');

    const form = page.locator('form[data-auth-form="sign-in"]');
    const pin = form.getByLabel('Pincode of wachtwoord');
    const alert = form.getByRole('alert');
    /** One try; resolves with the alert once the core has answered (a refused try empties the PIN field). */
    const attempt = async (login: string, value: string) => {
      await form.getByLabel('Gebruikersnaam').fill(login);
      await pin.fill(value);
      await form.getByRole('button', { name: 'Aanmelden' }).click();
      await expect.poll(() => pin.inputValue()).toBe('');
      return alert.textContent();
    };
    expect(await attempt(E2E_ADMIN.login, '000000')).toBe('Onbekende gebruikersnaam of verkeerde pincode.');
    // The PIN field has the focus again for the next try.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('pin');

    // An unknown login: after the free attempts the core makes it wait, and the UI says how long.
    for (let i = 0; i < 3; i++) expect(await attempt('raden', `12345${i}`)).toBe('Onbekende gebruikersnaam of verkeerde pincode.');
    expect(await attempt('raden', '999999')).toMatch(
      /^Te veel mislukte pogingen voor deze gebruikersnaam\. Probeer het over [12] seconden? opnieuw\.$/,
    );

    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    await heading('Inbox').waitFor();
  });

  it('adds a clerk on the people screen, shows the Dutch refusals, blocks and unblocks, and is axe clean', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gebruikers' }).click();
    await heading('Gebruikers').waitFor();
    const rowOf = (login: string) => page.locator(`tr[data-person="${login}"]`);
    await rowOf(E2E_ADMIN.login).waitFor();
    expect(await rowOf(E2E_ADMIN.login).locator('td').allTextContents()).toEqual([
      E2E_ADMIN.name,
      'Medewerker postverwerking, Archivaris, Teamleider, Beheerder',
      'beheer-001',
      'Actief',
      expect.any(String),
    ]);
    expect(await seriousViolations(page)).toEqual([]);

    const add = page.locator('form[data-person-form="add"]');
    const fillAdd = async (login: string) => {
      await add.getByLabel('Gebruikersnaam').fill(login);
      await add.getByLabel('Naam', { exact: true }).fill(CLERK.name);
      await add.getByLabel('Eerste pincode of wachtwoord').fill(CLERK.pin);
      await add.getByLabel('Herhaal de pincode of het wachtwoord').fill(CLERK.pin);
    };
    // Medewerker is checked for a new person; the zaaksysteem id is optional.
    expect(await add.getByRole('checkbox', { name: 'Medewerker postverwerking' }).isChecked()).toBe(true);
    await fillAdd(CLERK.login);
    await add.getByLabel('Gebruikers-id in het zaaksysteem').fill('mdv-42');
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await page.getByRole('status').getByText(`${CLERK.name} (${CLERK.login}) is toegevoegd.`).waitFor();
    await rowOf(CLERK.login).waitFor();
    expect(await rowOf(CLERK.login).locator('td').nth(1).textContent()).toBe('Medewerker postverwerking');

    // The same login again: the core's refusal, in Dutch.
    await fillAdd(CLERK.login);
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    await add.getByRole('alert').getByText('Er bestaat al iemand met deze gebruikersnaam.', { exact: false }).waitFor();

    // The only administrator cannot lose the role.
    await rowOf(E2E_ADMIN.login)
      .getByRole('button', { name: `${E2E_ADMIN.name} wijzigen` })
      .click();
    const edit = page.locator('form[data-person-form="edit"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(`${E2E_ADMIN.name} wijzigen`);
    await edit.getByRole('checkbox', { name: 'Beheerder' }).uncheck();
    await edit.getByRole('button', { name: 'Opslaan' }).click();
    await edit.getByRole('alert').getByText('Dit is de laatste actieve beheerder: maak eerst iemand anders beheerder.').waitFor();
    await edit.getByRole('button', { name: 'Annuleren' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('edit');

    // Block and unblock the clerk; a blocked person cannot sign in (checked by the core in its own tests).
    await rowOf(CLERK.login)
      .getByRole('button', { name: `${CLERK.name} blokkeren` })
      .click();
    await expect.poll(() => rowOf(CLERK.login).locator('td').nth(3).textContent()).toBe('Geblokkeerd');
    await rowOf(CLERK.login)
      .getByRole('button', { name: `${CLERK.name} deblokkeren` })
      .click();
    await expect.poll(() => rowOf(CLERK.login).locator('td').nth(3).textContent()).toBe('Actief');

    // A new PIN for the clerk (the one the switch below signs in with).
    CLERK.pin = '975310';
    await rowOf(CLERK.login)
      .getByRole('button', { name: `Nieuwe pincode voor ${CLERK.name}` })
      .click();
    const pinForm = page.locator('form[data-person-form="pin"]');
    await pinForm.getByLabel('Nieuwe pincode of wachtwoord').fill(CLERK.pin);
    await pinForm.getByLabel('Herhaal de pincode of het wachtwoord').fill(CLERK.pin);
    await pinForm.getByRole('button', { name: 'Pincode instellen' }).click();
    await page.getByRole('status').getByText(`De nieuwe pincode van ${CLERK.name} is ingesteld.`).waitFor();
  });

  it('locks after the shortened auto-lock time, and signing in again returns to the same screen', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Instellingen' }).click();
    await heading('Instellingen').waitFor();
    const form = page.getByTestId('settings-form');
    const minutes = form.getByLabel('Automatisch vergrendelen na (minuten)');
    expect(await minutes.inputValue()).toBe('10');
    // Out of bounds is refused before the core is asked.
    await minutes.fill('0');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.getByText('Vul een heel getal in tussen 1 en 60.').waitFor();
    await minutes.fill('1');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await form.getByRole('status').getByText('Instellingen opgeslagen.').waitFor();
    await expect.poll(async () => (await authState()).autoLockMinutes).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Status' }).click();
    await heading('Status').waitFor();
    // Well short of a minute without a key or a click (the test's own steps take real time too): still open.
    await page.clock.fastForward(45_000);
    expect(await signedInMark(page, E2E_ADMIN.login).count()).toBe(1);
    await page.clock.fastForward(16_000);

    await heading(`Vergrendeld — ${E2E_ADMIN.name}`).waitFor();
    expect(await page.getByRole('navigation', { name: 'Hoofdmenu' }).count()).toBe(0);
    expect(await page.getByRole('heading', { level: 1, name: 'Status' }).count()).toBe(0);
    expect(await authState()).toMatchObject({ person: null, lockedFor: E2E_ADMIN.login });
    // The PIN field has the focus, and the change is announced politely.
    expect(await page.evaluate(() => document.activeElement?.closest('form')?.dataset.authForm)).toBe('lock');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('pin');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toBe(`Postkamer is vergrendeld voor ${E2E_ADMIN.name}.`);
    expect(await page.getByTestId('announcer').getAttribute('aria-live')).toBe('polite');
    expect(await seriousViolations(page)).toEqual([]);

    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    await heading('Status').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/status');
    // Back to ten minutes: the core's own idle sweep runs on real time.
    const reset = await page.evaluate(() => window.postkamer!.call('settings.set', { autoLockMinutes: 10 }));
    expect(reset.ok).toBe(true);
  });

  it('switches to the clerk, who lands on the start screen, sees no administrator screens and changes their own PIN', async () => {
    await page.getByTestId('header-switch').click();
    const signIn = page.locator('form[data-auth-form="sign-in"]');
    await signIn.waitFor();
    expect(await signIn.getByRole('button', { name: `Terug naar ${E2E_ADMIN.name}` }).count()).toBe(1);
    await signInUi(page, CLERK.login, CLERK.pin);
    await heading('Inbox').waitFor();
    expect(await page.evaluate(() => location.hash)).toBe('#/inbox');
    expect(await signedInMark(page, CLERK.login).textContent()).toBe(`${CLERK.name}Medewerker postverwerking`);
    expect(await nav()).toEqual(['Inbox', 'Scannen', 'Zoeken', 'Geweigerd', 'Verzending', 'Batches', 'Status', 'Instellingen']);

    // A typed address does not open the screen, and the core refuses the command itself.
    await go('#/gebruikers');
    await heading('Geen toegang').waitFor();
    const refused = await page.evaluate(() => window.postkamer!.call('people.list', {}));
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    // The clerk sees the limits but may not change them.
    await go('#/instellingen');
    await heading('Instellingen').waitFor();
    await page.getByText('Alleen de beheerder wijzigt deze instellingen.').waitFor();
    expect(await page.getByTestId('settings-form').count()).toBe(0);
    // …and changes their own PIN: a wrong current one is refused in Dutch.
    const own = page.getByTestId('change-pin-form');
    const changePin = async (current: string, next: string) => {
      await own.getByLabel('Huidige pincode of wachtwoord').fill(current);
      await own.getByLabel('Nieuwe pincode of wachtwoord').fill(next);
      await own.getByLabel('Herhaal de pincode of het wachtwoord').fill(next);
      await own.getByRole('button', { name: 'Pincode wijzigen' }).click();
    };
    await changePin('111111', '592653');
    await own.getByRole('alert').getByText('Onbekende gebruikersnaam of verkeerde pincode.', { exact: false }).waitFor();
    await changePin(CLERK.pin, '592653');
    await own.getByRole('status').getByText('Uw pincode is gewijzigd.').waitFor();
    CLERK.pin = '592653';

    await page.getByTestId('header-lock').click();
    await heading(`Vergrendeld — ${CLERK.name}`).waitFor();
    await signInUi(page, CLERK.login, CLERK.pin);
    await heading('Instellingen').waitFor();
    await page.getByTestId('header-lock').click();
    await heading(`Vergrendeld — ${CLERK.name}`).waitFor();
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    await heading('Inbox').waitFor();
    expect(await nav()).toContain('Gebruikers');
  });
});
