// Shared set-up of the e2e tests that deliver to the test zaaksysteem: the real CLI against a data folder, the
// connection configured as a clerk would (`postkamer config zgw`), and a Chromium page on the web harness.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { ZgwServer } from '../../zgw-server';
import { launchChromium, repoRoot, type Harness } from './harness';
import { cliEnv, signInUi, E2E_ADMIN } from './people';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `postkamer <args> --data <dataDir>` with the passphrase and the first administrator in the environment. */
export function runCli(dataDir: string, passphrase: string, args: string[]): Promise<CliResult> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'bin/postkamer.mjs'), ...args, '--data', dataDir], {
      cwd: repoRoot,
      env: cliEnv(passphrase),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.once('exit', (code) => ok({ code, stdout, stderr }));
  });
}

/** The first administrator's id in the zaaksysteem: the JWT's user_id of what they deliver. */
export const E2E_ADMIN_ZGW_ID = 'e2e-beheerder-zgw';

/**
 * `postkamer init` (the store and its first administrator, `E2E_ADMIN` with `E2E_ADMIN_ZGW_ID`), then the test
 * environment pointed at `zgw` with `informatieobjecttype` as the default type.
 */
export async function initWithZgw(dataDir: string, passphrase: string, zgw: ZgwServer, informatieobjecttype: string): Promise<CliResult[]> {
  const { info } = zgw;
  const init = await runCli(dataDir, passphrase, ['init', '--naam', E2E_ADMIN.name, '--zgw-user-id', E2E_ADMIN_ZGW_ID]);
  const config = await runCli(dataDir, passphrase, [
    'config',
    'zgw',
    '--env',
    'test',
    '--zaken',
    info.zaken,
    '--documenten',
    info.documenten,
    '--catalogi',
    info.catalogi,
    '--client-id',
    info.clientId,
    // With `=`: a generated secret may start with '-', which parseArgs would take for an option.
    `--secret=${info.secret}`,
    '--rsin',
    info.rsin,
    '--informatieobjecttype',
    informatieobjecttype,
    '--activate',
  ]);
  return [init, config];
}

/** Chromium on the harness's URL, Dutch, page errors on stderr, signed in as `E2E_ADMIN`. */
export async function openHarnessPage(
  harness: Harness,
  viewport: { width: number; height: number },
): Promise<{ browser: Browser; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport, locale: 'nl-NL' });
  const page = await context.newPage();
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));
  await harness.openApp(page);
  await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
  return { browser, page };
}

/** Tears down what the set-up above made (whatever of it exists after a failed beforeAll). */
export async function closeAll(parts: { browser?: Browser; harness?: Harness; zgw?: ZgwServer; work?: string }): Promise<void> {
  await parts.browser?.close();
  await parts.harness?.stop();
  await parts.zgw?.close();
  if (parts.work) rmSync(parts.work, { recursive: true, force: true });
}
