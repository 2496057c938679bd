// Who the end-to-end tests act as: the store's first administrator made by `postkamer init`, the CLI's environment
// for that person, and signing in (or setting up the first administrator) through the UI as a person would.
import { spawn } from 'node:child_process';
import type { Page } from 'playwright-core';
import { cliPath, repoRoot } from '../../support/cli';
import { TEST_ADMIN } from '../../support/people';
import type { Harness } from './harness';

/** The administrator every e2e store gets (all four roles); the same person the CLI tests run as. */
export const E2E_ADMIN = TEST_ADMIN;

export interface Who {
  login: string;
  pin: string;
}

/** The environment a CLI child runs with: the store's passphrase and the person it signs in as. */
export function cliEnv(passphrase: string, who: Who = E2E_ADMIN): NodeJS.ProcessEnv {
  return { ...process.env, POSTKAMER_PASSPHRASE: passphrase, POSTKAMER_USER: who.login, POSTKAMER_PIN: who.pin };
}

/**
 * `postkamer init --data <dir>` as a script runs it: a new store (or one without people) gets `E2E_ADMIN` as its
 * first administrator. Throws with the CLI's stderr when it fails.
 */
export function initStoreWithAdmin(dataDir: string, passphrase: string, admin: Who & { name: string } = E2E_ADMIN): Promise<void> {
  return new Promise((ok, ko) => {
    const child = spawn(process.execPath, [cliPath, 'init', '--data', dataDir, '--naam', admin.name], {
      cwd: repoRoot,
      env: cliEnv(passphrase, admin),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.once('error', ko);
    child.once('exit', (code) => (code === 0 ? ok() : ko(new Error(`postkamer init exited ${code}: ${stderr}`))));
  });
}

/** The header's mark of who is signed in, for `login`. */
export const signedInMark = (page: Page, login: string) => page.locator(`[data-testid="signed-in-as"][data-login="${login}"]`);

/**
 * Signs `login` in through the UI, whichever form it shows: the sign-in form, or the lock screen (its own person
 * types the PIN; anyone else first chooses "Andere gebruiker"). Resolves once the header names `login`. The fields
 * are found by name, so it works in either UI language.
 */
export async function signInUi(page: Page, login: string, pin: string): Promise<void> {
  const form = page.locator('form[data-auth-form="sign-in"], form[data-auth-form="lock"]');
  await form.first().waitFor({ timeout: 30_000 });
  if ((await form.first().getAttribute('data-auth-form')) === 'lock') {
    const lock = page.locator('form[data-auth-form="lock"]');
    if ((await lock.getAttribute('data-login')) === login) {
      await lock.locator('input[name="pin"]').fill(pin);
      await lock.locator('button[type="submit"]').click();
      await signedInMark(page, login).waitFor({ timeout: 30_000 });
      return;
    }
    await page.getByTestId('switch-user').click();
  }
  const signIn = page.locator('form[data-auth-form="sign-in"]');
  await signIn.waitFor();
  await signIn.locator('input[name="login"]').fill(login);
  await signIn.locator('input[name="pin"]').fill(pin);
  await signIn.locator('button[type="submit"]').click();
  await signedInMark(page, login).waitFor({ timeout: 30_000 });
}

/** On a store without people: makes the first administrator through the UI's form (which signs them in). */
export async function setupFirstAdminUi(
  page: Page,
  admin: { login: string; name: string; pin: string; zgwUserId?: string } = E2E_ADMIN,
): Promise<void> {
  const form = page.locator('form[data-auth-form="first-admin"]');
  await form.waitFor({ timeout: 30_000 });
  await form.locator('input[name="login"]').fill(admin.login);
  await form.locator('input[name="name"]').fill(admin.name);
  await form.locator('input[name="pin"]').fill(admin.pin);
  await form.locator('input[name="repeat"]').fill(admin.pin);
  if (admin.zgwUserId) await form.locator('input[name="zgwUserId"]').fill(admin.zgwUserId);
  await form.locator('button[type="submit"]').click();
  await signedInMark(page, admin.login).waitFor({ timeout: 30_000 });
}

/** Opens the app in `page` (the harness's session cookie) and signs `who` in: the usual start of an e2e step. */
export async function openSignedIn(harness: Harness, page: Page, who: Who = E2E_ADMIN): Promise<void> {
  await harness.openApp(page);
  await signInUi(page, who.login, who.pin);
}

/** Signs out through the header (the next person starts from the sign-in form). */
export async function signOutUi(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.locator('form[data-auth-form="sign-in"]').waitFor();
}
