import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CLI_PERSON } from '../../support/cli';

// Helpers for the end-to-end tests and the screenshot script: the real web harness as a child process,
// the real CLI, Debian's Chromium.

export const repoRoot = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const cli = resolve(repoRoot, 'bin/postkamer.mjs');

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/** Builds the renderer only if no bundle exists (`npm test` builds it before vitest runs). */
export function ensureRendererBuilt(): void {
  if (existsSync(resolve(repoRoot, 'renderer/dist/index.html'))) return;
  const r = spawnSync(
    process.execPath,
    [resolve(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: repoRoot,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) throw new Error(`renderer build failed (exit ${r.status})`);
}

export interface SessionCookie {
  name: string;
  value: string;
  /** "name=value", for a Cookie header. */
  header: string;
  /** The Set-Cookie header of the exchange (its attributes). */
  setCookie: string;
}

export interface Harness {
  /** The one-time URL: it works once. Use `session()` / `openApp()` to get in more than once. */
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  /** The session cookie: the token URL is exchanged on the first call, later calls get the same cookie. */
  session(): Promise<SessionCookie>;
  /** Opens the app in `page` with the session cookie in its browser context (any number of pages and contexts). */
  openApp(page: Page): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(dataDir: string, passphrase: string): Promise<Harness> {
  const child = spawn(process.execPath, [cli, 'web', '--data', dataDir, '--port', '0'], {
    cwd: repoRoot,
    env: { ...process.env, POSTKAMER_PASSPHRASE: passphrase },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const url = await new Promise<string>((ok, ko) => {
    let out = '';
    const timer = setTimeout(() => ko(new Error(`harness did not start in time; stderr: ${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /Postkamer web: (http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      ko(new Error(`harness exited (${code}); stderr: ${stderr}`));
    });
  });
  const u = new URL(url);
  // The harness lets its token in once; every page and context of a test shares the session it was exchanged for.
  let session: Promise<SessionCookie> | undefined;
  const getSession = () =>
    (session ??= (async () => {
      const res = await fetch(url, { redirect: 'manual' });
      const setCookie = res.headers.get('set-cookie');
      if (res.status !== 302 || !setCookie) throw new Error(`token exchange failed: HTTP ${res.status}`);
      const header = setCookie.split(';')[0];
      const eq = header.indexOf('=');
      return { name: header.slice(0, eq), value: header.slice(eq + 1), header, setCookie };
    })());
  return {
    url,
    origin: u.origin,
    port: Number(u.port),
    token: u.searchParams.get('token')!,
    child,
    session: getSession,
    openApp: async (page) => {
      const { name, value } = await getSession();
      await page.context().addCookies([{ name, value, url: `${u.origin}/`, httpOnly: true, sameSite: 'Strict' }]);
      await page.goto(`${u.origin}/`);
    },
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** `postkamer ingest` in its own process against the same data dir, as the store's first administrator. */
export function cliIngest(
  dataDir: string,
  passphrase: string,
  files: string[],
  who: { login: string; pin: string } = { login: CLI_PERSON.POSTKAMER_USER, pin: CLI_PERSON.POSTKAMER_PIN },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [cli, 'ingest', ...files, '--data', dataDir], {
      cwd: repoRoot,
      env: { ...process.env, POSTKAMER_PASSPHRASE: passphrase, POSTKAMER_USER: who.login, POSTKAMER_PIN: who.pin },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.once('exit', (code) => ok({ code, stdout, stderr }));
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
