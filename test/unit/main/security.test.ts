import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { describe, expect, it } from 'vitest';
import forgeConfig from '../../../forge.config';
import { FUSES } from '../../../main/fuses';
import {
  APP_BASE, APP_ENTRY, CSP, devCsp, externalLinkAllowed, frameNavigationAllowed, isAppUrl, isTrustedSender,
  PERMISSIONS_GRANTED, SCHEME_PRIVILEGES, SECURE_WEB_PREFERENCES, topNavigationAllowed, webPreferencesFor,
} from '../../../main/security';

// DESIGN.md §7: the hardening is pinned here, so weakening any of it fails `npm test`.

describe('fuses (flipped in the packaged binary)', () => {
  it('has the required values', () => {
    expect(FUSES.version).toBe(FuseVersion.V1);
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSES[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('are the ones forge.config.ts hands to the Fuses plugin, with asar on', () => {
    const plugins = (forgeConfig.plugins ?? []).filter((p): p is FusesPlugin => p instanceof FusesPlugin);
    expect(plugins).toHaveLength(1);
    expect(plugins[0]!.fusesConfig).toEqual(FUSES);
    expect(forgeConfig.packagerConfig?.asar).toBeTruthy();
  });
});

describe('window', () => {
  it('webPreferences: isolated, sandboxed, no Node, no webview, web security on, offline', () => {
    const prefs = webPreferencesFor({ preload: '/app/.vite/build/preload.cjs', devTools: false });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      preload: '/app/.vite/build/preload.cjs',
    });
    // The per-window options cannot override the fixed ones.
    expect(Object.keys(webPreferencesFor({ preload: 'p', devTools: true })).sort()).toEqual([...Object.keys(SECURE_WEB_PREFERENCES), 'devTools', 'preload'].sort());
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
    expect(SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, corsEnabled: false, bypassCSP: false, allowServiceWorkers: false });
    expect(APP_ENTRY).toBe('postkamer://app/index.html');
  });

  it('no permission is ever granted', () => {
    expect(PERMISSIONS_GRANTED).toEqual([]);
  });
});

describe('navigation and IPC rules', () => {
  it('top-level navigation stays within the app', () => {
    expect(topNavigationAllowed('postkamer://app/index.html#/inbox', APP_BASE)).toBe(true);
    for (const url of ['https://example.org/', 'postkamer://blob/x/pdf', 'file:///etc/passwd', 'postkamer://app.evil/', 'javascript:alert(1)', 'not a url']) {
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

  it('external links: https only, without credentials', () => {
    expect(externalLinkAllowed('https://www.example.nl/zaak/1')).toBe(true);
    expect(externalLinkAllowed('http://www.example.nl/')).toBe(false);
    expect(externalLinkAllowed('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(externalLinkAllowed('https://user:pw@example.nl/')).toBe(false);
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
