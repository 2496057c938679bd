import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import forgeConfig from '../../../forge.config';
import { FUSES } from '../../../main/fuses';
import {
  APP_BASE,
  APP_ENTRY,
  CSP,
  devCsp,
  frameNavigationAllowed,
  isAppUrl,
  isTrustedSender,
  PERMISSIONS_GRANTED,
  SCHEME_PRIVILEGES,
  topNavigationAllowed,
} from '../../../main/security';
import { createMainWindow, guardAllWebContents, hardenSession } from '../../../main/window';

// DESIGN.md §7: the hardening is pinned here, so weakening any of it fails `npm test`.
//
// main/window.ts is run for real against a stand-in for the `electron` module (there is no Electron binary under
// plain Node): its BrowserWindow records the options it is constructed with, its session the handlers installed
// on it, its app the listeners — so what is checked is exactly what main hands to Electron.

type Listener = (...args: unknown[]) => unknown;
const fake = vi.hoisted(() => {
  const state = {
    windows: [] as { options: unknown; url?: string; once: string[] }[],
    appListeners: new Map<string, (...args: unknown[]) => unknown>(),
    session: {} as Record<string, unknown>,
    handlers: {} as Record<string, (...args: unknown[]) => unknown>,
    spellChecker: undefined as boolean | undefined,
    headerFilters: [] as unknown[],
    /** URLs handed to shell.openExternal, and how many times a dialog was shown. */
    opened: [] as string[],
    dialogs: 0,
  };
  const record = (name: string) => (handler: (...args: unknown[]) => unknown) => void (state.handlers[name] = handler);
  state.session = {
    setPermissionRequestHandler: record('permissionRequest'),
    setPermissionCheckHandler: record('permissionCheck'),
    setDevicePermissionHandler: record('devicePermission'),
    setDisplayMediaRequestHandler: record('displayMedia'),
    setSpellCheckerEnabled: (on: boolean) => void (state.spellChecker = on),
    webRequest: {
      onHeadersReceived: (filter: unknown, handler: (...args: unknown[]) => unknown) => {
        state.headerFilters.push(filter);
        state.handlers.headersReceived = handler;
      },
    },
  };
  class BrowserWindow {
    readonly #rec: { options: unknown; url?: string; once: string[] };
    constructor(options: unknown) {
      this.#rec = { options, once: [] };
      state.windows.push(this.#rec);
    }
    static fromWebContents() {
      return null;
    }
    once(event: string) {
      this.#rec.once.push(event);
      return this;
    }
    loadURL(url: string) {
      this.#rec.url = url;
      return Promise.resolve();
    }
  }
  const module = {
    BrowserWindow,
    app: { on: (event: string, listener: (...args: unknown[]) => unknown) => void state.appListeners.set(event, listener) },
    session: { defaultSession: state.session },
    // Would a link reach the system browser? The user is taken to agree to every dialog.
    dialog: { showMessageBox: async () => (state.dialogs++, { response: 0 }) },
    shell: { openExternal: async (url: string) => void state.opened.push(url) },
  };
  return { state, module };
});
vi.mock('electron', () => fake.module);

beforeEach(() => {
  fake.state.windows.length = 0;
  fake.state.handlers = {};
  fake.state.headerFilters.length = 0;
  fake.state.opened.length = 0;
  fake.state.dialogs = 0;
  fake.state.spellChecker = undefined;
});

describe('fuses (flipped in the packaged binary)', () => {
  it('has the required values, and no others', () => {
    expect(FUSES).toStrictEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    });
  });

  it('are the ones forge.config.ts hands to the Fuses plugin, with asar on', () => {
    const plugins = (forgeConfig.plugins ?? []).filter((p): p is FusesPlugin => p instanceof FusesPlugin);
    expect(plugins).toHaveLength(1);
    expect(plugins[0]!.fusesConfig).toEqual(FUSES);
    expect(forgeConfig.packagerConfig?.asar).toBeTruthy();
  });
});

/** The options main/window.ts constructs the window with, for a preload path and devTools. */
const expectedWindowOptions = (devTools: boolean) => ({
  title: 'Postkamer',
  width: 1280,
  height: 860,
  minWidth: 800,
  minHeight: 560,
  show: false,
  backgroundColor: '#ffffff',
  webPreferences: {
    preload: '/app/.vite/build/preload.cjs',
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    disableBlinkFeatures: 'Auxclick',
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools,
  },
});

describe('window', () => {
  it('is constructed with exactly these options: isolated, sandboxed, no Node, no webview, web security on, offline', () => {
    const win = createMainWindow({ preload: '/app/.vite/build/preload.cjs', url: APP_ENTRY, devTools: false });
    expect(fake.state.windows).toHaveLength(1);
    const rec = fake.state.windows[0]!;
    // Strict: a setting added, removed or changed fails here.
    expect(rec.options).toStrictEqual(expectedWindowOptions(false));
    expect((rec.options as { webPreferences: object }).webPreferences).not.toHaveProperty('enableBlinkFeatures');
    expect(rec.url).toBe('postkamer://app/index.html');
    expect(rec.once).toEqual(['ready-to-show']);
    expect(win).toBeInstanceOf(fake.module.BrowserWindow);
  });

  it('only devTools follows the caller (main.ts: on in an unpackaged app)', () => {
    createMainWindow({ preload: '/app/.vite/build/preload.cjs', url: APP_ENTRY, devTools: true });
    expect(fake.state.windows[0]!.options).toStrictEqual(expectedWindowOptions(true));
  });

  it('the CSP is the strict one, with no remote origin', () => {
    expect(CSP).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' postkamer: blob: data:; frame-src postkamer:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
    );
    expect(CSP).not.toMatch(/https?:|ws:|\*|unsafe-eval/);
    // The development policy loosens only scripts (fast refresh) and the HMR socket, for the dev server alone.
    const dev = devCsp('http://localhost:5173');
    expect(dev).toContain("script-src 'self' 'unsafe-inline'");
    expect(dev).toContain("connect-src 'self' ws://localhost:5173");
    expect(dev).toContain("object-src 'none'");
  });

  it('the app scheme is a secure standard scheme without CORS, service workers or CSP bypass', () => {
    expect(SCHEME_PRIVILEGES).toMatchObject({
      standard: true,
      secure: true,
      corsEnabled: false,
      bypassCSP: false,
      allowServiceWorkers: false,
    });
    expect(APP_ENTRY).toBe('postkamer://app/index.html');
  });
});

describe('session', () => {
  // Every permission Electron 45 knows (its Session.setPermissionRequestHandler type).
  const PERMISSIONS = [
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fileSystem',
    'fullscreen',
    'geolocation',
    'hid',
    'idle-detection',
    'keyboardLock',
    'local-fonts',
    'media',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'notifications',
    'openExternal',
    'persistent-storage',
    'pointerLock',
    'serial',
    'speaker-selection',
    'storage-access',
    'usb',
    'window-management',
    'unknown',
  ];

  it('refuses every permission request and check, devices and screen capture; no spell checker', () => {
    expect(PERMISSIONS_GRANTED).toEqual([]);
    hardenSession({ devOrigin: null });
    const h = fake.state.handlers;
    for (const permission of PERMISSIONS) {
      const answers: boolean[] = [];
      h.permissionRequest!({}, permission, (granted: boolean) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
      expect(h.permissionCheck!({}, permission, 'postkamer://app', {}), permission).toBe(false);
    }
    expect(h.devicePermission!({ deviceType: 'usb', origin: 'postkamer://app' })).toBe(false);
    const streams: unknown[] = [];
    h.displayMedia!({}, (s: unknown) => streams.push(s));
    expect(streams).toEqual([{}]);
    expect(fake.state.spellChecker).toBe(false);
    // A packaged app adds no headers: the CSP comes with every page from the protocol handler.
    expect(fake.state.headerFilters).toEqual([]);
  });

  it("in development adds the dev CSP to the dev server's responses only", () => {
    hardenSession({ devOrigin: 'http://localhost:5173' });
    expect(fake.state.headerFilters).toEqual([{ urls: ['http://localhost:5173/*'] }]);
    const answers: unknown[] = [];
    fake.state.handlers.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r: unknown) => answers.push(r));
    expect(answers).toEqual([
      { responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [devCsp('http://localhost:5173')] } },
    ]);
  });
});

describe('every webContents', () => {
  /** A webContents as guardAllWebContents sees it: the listeners and the window-open handler it installs. */
  function contents() {
    guardAllWebContents(APP_BASE, () => undefined);
    const on = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const wc = {
      on: (event: string, listener: Listener) => void on.set(event, listener),
      setWindowOpenHandler: (handler: Listener) => void (openHandler = handler),
    };
    fake.state.appListeners.get('web-contents-created')!({}, wc);
    const prevented = (event: string, e: object) => {
      let stopped = false;
      on.get(event)!({ ...e, preventDefault: () => void (stopped = true) });
      return stopped;
    };
    return { prevented, open: (url: string) => openHandler!({ url, frameName: '', features: '', disposition: 'new-window' }) };
  }

  it('no webview, no navigation away from the app, sub-frames only the app or a stored document', () => {
    const c = contents();
    expect(c.prevented('will-attach-webview', {})).toBe(true);
    expect(c.prevented('will-navigate', { url: 'https://example.org/' })).toBe(true);
    expect(c.prevented('will-navigate', { url: 'postkamer://app/index.html#/inbox' })).toBe(false);
    expect(c.prevented('will-frame-navigate', { url: 'https://example.org/', isMainFrame: false })).toBe(true);
    expect(
      c.prevented('will-frame-navigate', { url: 'postkamer://blob/0b7c3d9e-0000-4000-8000-000000000000/pdf', isMainFrame: false }),
    ).toBe(false);
    expect(c.prevented('will-redirect', { url: 'https://example.org/', isMainFrame: true })).toBe(true);
    expect(c.prevented('will-redirect', { url: 'file:///etc/passwd', isMainFrame: false })).toBe(true);
  });

  it('opens no new window and hands no link to the system browser, whatever the URL', async () => {
    const c = contents();
    for (const url of [
      'https://www.example.nl/zaak/1',
      'http://example.nl/',
      'file:///C:/Windows/system32/calc.exe',
      'postkamer://app/index.html',
      'javascript:alert(1)',
    ]) {
      expect(c.open(url), url).toEqual({ action: 'deny' });
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.state.dialogs).toBe(0);
    expect(fake.state.opened).toEqual([]);
  });
});

describe('navigation and IPC rules', () => {
  it('top-level navigation stays within the app', () => {
    expect(topNavigationAllowed('postkamer://app/index.html#/inbox', APP_BASE)).toBe(true);
    for (const url of [
      'https://example.org/',
      'postkamer://blob/x/pdf',
      'file:///etc/passwd',
      'postkamer://app.evil/',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(topNavigationAllowed(url, APP_BASE), url).toBe(false);
    }
    expect(topNavigationAllowed('http://localhost:5173/x', 'http://localhost:5173/')).toBe(true);
    expect(topNavigationAllowed('http://localhost:5174/x', 'http://localhost:5173/')).toBe(false);
  });

  it('sub-frames may show a stored document but nothing from outside', () => {
    expect(frameNavigationAllowed('postkamer://blob/0b7c3d9e-0000-4000-8000-000000000000/pdf', APP_BASE)).toBe(true);
    expect(frameNavigationAllowed('https://example.org/', APP_BASE)).toBe(false);
    expect(frameNavigationAllowed('data:text/html,<script>1</script>', APP_BASE)).toBe(false);
  });

  it('IPC only from the main frame of our window on our page', () => {
    const ok = { fromOurWindow: true, isMainFrame: true, frameUrl: 'postkamer://app/index.html' };
    expect(isTrustedSender(ok, APP_BASE)).toBe(true);
    expect(isTrustedSender({ ...ok, fromOurWindow: false }, APP_BASE)).toBe(false);
    expect(isTrustedSender({ ...ok, isMainFrame: false }, APP_BASE)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: 'postkamer://blob/x/pdf' }, APP_BASE)).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null }, APP_BASE)).toBe(false);
    expect(isAppUrl('https://postkamer.app/', APP_BASE)).toBe(false);
  });
});
