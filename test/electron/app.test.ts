import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import sharp from 'sharp';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAdminVia } from '../support/people';
import { electronBinary } from '../../scripts/electron-binary.mjs';

// The app itself, in Electron, driven by Playwright: the built main/preload/utility (the standalone Vite configs,
// as Forge's Vite plugin would build them) and the built renderer, launched from the project folder so that
// package.json's "main" (.vite/build/main.js) and productName apply. Needs the Electron binary, which cannot be
// downloaded everywhere (ELECTRON_SKIP_BINARY_DOWNLOAD): without it the specs are skipped with a clear message.
// On Linux without a display run it under xvfb-run. The unpackaged binary has no fuses flipped, which is what
// lets Playwright attach (--inspect); the fuses themselves are pinned by test/unit/main/security.test.ts.

const root = resolve(import.meta.dirname, '../..');
const SKIP_MESSAGE = 'Electron-binary niet geïnstalleerd (ELECTRON_SKIP_BINARY_DOWNLOAD): Electron-specs overgeslagen';
const PASSPHRASE = 'electron spec wachtwoord';

const binary = electronBinary();
if (!binary) process.stderr.write(`${SKIP_MESSAGE}\n`);

type Api = {
  call(cmd: string, input: unknown): Promise<{ ok: boolean; data?: any; error?: { code: string; message: string } }>;
  blobUrl(id: string, kind: 'original' | 'pdf'): string;
};
/** `window.postkamer`, typed loosely for page.evaluate (runs in the page, not here). */
const api = () => (globalThis as unknown as { postkamer: Api }).postkamer;

(binary ? describe : describe.skip)(binary ? 'Postkamer in Electron' : SKIP_MESSAGE, () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;

  const call = (cmd: string, input: unknown = {}) => page.evaluate(([c, i]) => api().call(c as string, i), [cmd, input] as const);

  /** Unlocks the store if main says it is locked (Linux without a keyring: passphrase; first run: create it). */
  async function unlockIfLocked(): Promise<void> {
    const state = await call('shell.state');
    expect(state.ok).toBe(true);
    if (state.data.locked) {
      const r = await call('shell.unlock', { passphrase: PASSPHRASE, create: state.data.reason === 'first-run' });
      expect(r).toEqual({ ok: true, data: { locked: false } });
    }
    // Unlocking the store and signing in are two steps: the first start makes the first administrator.
    await signInAdminVia(call);
  }

  beforeAll(async () => {
    for (const c of ['main', 'preload', 'utility']) await build({ configFile: join(root, `vite.${c}.config.ts`), logLevel: 'warn' });
    await build({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
    userData = mkdtempSync(join(tmpdir(), 'postkamer-electron-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), POSTKAMER_USER_DATA: userData };
    delete env.ELECTRON_RUN_AS_NODE;
    delete env.POSTKAMER_DATA;
    app = await electron.launch({
      executablePath: binary!,
      args: [root, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: root,
      env,
      timeout: 60_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('opens one window on postkamer://app with the hardened webPreferences and the CSP', async () => {
    expect(page.url()).toMatch(/^postkamer:\/\/app\//);
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const wins = BrowserWindow.getAllWindows();
      // Not in the typings, but what Electron's own specs read the effective preferences with.
      const wc = wins[0]!.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      const p = wc.getLastWebPreferences?.() ?? null;
      return (
        p && {
          count: wins.length,
          contextIsolation: p.contextIsolation,
          sandbox: p.sandbox,
          nodeIntegration: p.nodeIntegration,
          webviewTag: p.webviewTag,
          webSecurity: p.webSecurity,
        }
      );
    });
    expect(prefs, 'webContents.getLastWebPreferences() is gone: read the preferences another way').not.toBeNull();
    expect(prefs).toEqual({
      count: 1,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      webSecurity: true,
    });
    const csp = await page.evaluate(() =>
      fetch((globalThis as unknown as { location: { href: string } }).location.href).then((r) => r.headers.get('content-security-policy')),
    );
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('gives the renderer no Node: no require, no process; only window.postkamer', async () => {
    const seen = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        Buffer: typeof g.Buffer,
        api: Object.keys(g.postkamer as object).sort(),
      };
    });
    expect(seen).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      Buffer: 'undefined',
      api: ['blobUrl', 'call', 'on'],
    });
  });

  it('window.postkamer works: shell state, unlock, app.status; local commands are refused', async () => {
    await unlockIfLocked();
    expect(await call('shell.state')).toEqual({ ok: true, data: { locked: false, reason: null } });
    const status = await call('app.status');
    expect(status.ok).toBe(true);
    expect(status.data.audit.chainValid).toBe(true);
    expect(await call('ingest.paths', { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('no.such.command')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('blocks navigation to another origin and window.open', async () => {
    const before = page.url();
    await page.evaluate(() => {
      (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.org/';
    });
    await page.waitForTimeout(1_000);
    expect(page.url()).toBe(before);
    const opened = await page.evaluate(() => (globalThis as unknown as { open(u: string): unknown }).open('https://example.org/') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
  });

  it('imports a file and serves it back through postkamer://blob', async () => {
    // An A4 page at 150 ppi with a few dark bars: not blank, so the app's full pipeline (OCR included) keeps it.
    const bars = [200, 400, 600, 800].map((top) => ({
      input: { create: { width: 900, height: 40, channels: 3, background: '#111111' } },
      top,
      left: 170,
    }));
    const png = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#ffffff' } })
      .composite(bars as never)
      .png()
      .toBuffer();
    const result = await page.evaluate(
      async ([b64, size]) => {
        const p = api();
        const begin = await p.call('upload.begin', { name: 'scan-electron.png', size });
        if (!begin.ok) return begin;
        const chunk = await p.call('upload.chunk', { uploadId: begin.data.uploadId, offset: 0, data: b64 });
        if (!chunk.ok) return chunk;
        return p.call('upload.commit', { uploadIds: [begin.data.uploadId] });
      },
      [png.toString('base64'), png.length] as const,
    );
    expect(result.ok).toBe(true);
    expect(result.data.errors).toEqual([]);
    expect(result.data.documents.length).toBeGreaterThanOrEqual(1);
    const documentId = result.data.documents[0].id as string;
    const list = await call('documents.list', {});
    expect(list.data.map((d: { fileName: string }) => d.fileName)).toContain('scan-electron.png');

    // The stored original comes back through the custom protocol, as an image the page can show (img-src postkamer:).
    const width = await page.evaluate(async (id) => {
      const g = globalThis as unknown as { Image: new () => { src: string; decode(): Promise<void>; naturalWidth: number } };
      const img = new g.Image();
      img.src = api().blobUrl(id, 'original');
      await img.decode();
      return img.naturalWidth;
    }, documentId);
    expect(width).toBe(1240);
  });

  it('restarts the core after it is killed, and the renderer gets a working connection again', async () => {
    const pid = await app.evaluate(({ app: a }) => a.getAppMetrics().find((m) => m.name === 'Postkamer core')?.pid ?? null);
    expect(pid).toBeTypeOf('number');
    process.kill(pid!, 'SIGKILL');
    let status: Awaited<ReturnType<typeof call>> = { ok: false };
    for (let i = 0; i < 60 && !status.ok; i++) {
      await page.waitForTimeout(500);
      await unlockIfLocked(); // a passphrase-unlocked store must be unlocked again: main keeps no key
      status = await call('app.status');
    }
    expect(status.ok).toBe(true);
    expect(status.data.documents).toBeGreaterThanOrEqual(1);
    const newPid = await app.evaluate(({ app: a }) => a.getAppMetrics().find((m) => m.name === 'Postkamer core')?.pid ?? null);
    expect(newPid).not.toBe(pid);
  });
});
