// The window's hardening, as plain data and pure rules, so that a unit test pins every value
// (test/unit/main/security.test.ts) and a weakened setting fails `npm test` instead of shipping.
// No `electron` at run time (a type import only): window.ts applies these, handing in Electron's session; the tests
// read them under plain Node. The window's options themselves are one literal in window.ts (see there why).
import type { Session } from 'electron';

/** The app's own scheme: `postkamer://app/…` serves the renderer bundle, `postkamer://blob/…` stored documents. */
export const APP_SCHEME = 'postkamer';
export const APP_HOST = 'app';
export const BLOB_HOST = 'blob';
export const APP_BASE = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY = `${APP_BASE}index.html`;

/**
 * Privileges of `postkamer:`. `standard` gives it real origins (so CSP 'self' and relative URLs work) and `secure`
 * makes it a secure context; no CORS, no service workers, no CSP bypass. Pages are served from this scheme rather
 * than file:// because the GrantFileProtocolExtraPrivileges fuse is off.
 */
export const SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  stream: true,
  codeCache: true,
  corsEnabled: false,
  bypassCSP: false,
  allowServiceWorkers: false,
} as const;

/**
 * The headers the protocol handler serves the app's pages with (protocol.ts): the Content-Security-Policy. It is
 * assigned as one literal string on purpose: that is the form Electronegativity's CSP check finds and evaluates
 * (test/unit/main/electronegativity.test.ts); a policy built at run time it cannot see, and it would report the
 * app as having none.
 */
function appPageHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  headers['Content-Security-Policy'] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' postkamer: blob: data:; frame-src postkamer:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'";
  return headers;
}

/** The Content-Security-Policy of the app's pages (sent as a response header by the protocol handler). */
export const CSP: string = appPageHeaders()['Content-Security-Policy']!;

/**
 * The policy while `electron-forge start` serves the renderer from Vite's dev server: React's fast-refresh preamble
 * is an inline script and HMR needs a WebSocket to the dev server. Never used in a packaged app.
 */
export function devCsp(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws');
  return CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'").replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}

function sameOrigin(a: URL, b: URL): boolean {
  // Node's URL reports origin "null" for custom schemes, so compare the parts.
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Is `url` one of the app's own pages (`appBase` is `postkamer://app/` or the dev server's origin)? */
export function isAppUrl(url: string, appBase: string): boolean {
  const u = parse(url);
  const base = parse(appBase);
  return !!u && !!base && sameOrigin(u, base);
}

export function isBlobUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.hostname === BLOB_HOST;
}

/** Top-level navigation: only within the app itself (in-app routing does not navigate at all). */
export const topNavigationAllowed = (url: string, appBase: string) => isAppUrl(url, appBase);

/** Sub-frames (the document preview) may show the app or a stored document; nothing else. */
export const frameNavigationAllowed = (url: string, appBase: string) => isAppUrl(url, appBase) || isBlobUrl(url);

/**
 * IPC is accepted only from the main frame of our own window showing our own page (as VS Code's `ipcMain.ts`
 * validates `senderFrame`): not from a sub-frame (the document preview), not after a navigation elsewhere.
 */
export function isTrustedSender(
  sender: { fromOurWindow: boolean; isMainFrame: boolean; frameUrl: string | null },
  appBase: string,
): boolean {
  return sender.fromOurWindow && sender.isMainFrame && sender.frameUrl !== null && isAppUrl(sender.frameUrl, appBase);
}

/** Every permission request (camera, notifications, clipboard-read, …) and check is refused. */
export const PERMISSIONS_GRANTED: readonly string[] = [];

/** The parts of Electron's Session that hardenSession sets (the tests hand in a stand-in). */
export type SessionToHarden = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setSpellCheckerEnabled'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/** Refuses every permission on `ses` (the default session); in development adds the dev-server CSP to its responses. */
export function hardenSession(ses: SessionToHarden, opts: { devOrigin: string | null }): void {
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(PERMISSIONS_GRANTED.includes(permission)));
  ses.setPermissionCheckHandler((_wc, permission) => PERMISSIONS_GRANTED.includes(permission));
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_request, callback) => callback({}));
  ses.setSpellCheckerEnabled(false);
  if (opts.devOrigin) {
    const csp = devCsp(opts.devOrigin);
    ses.webRequest.onHeadersReceived({ urls: [`${opts.devOrigin}/*`] }, (details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
  }
}
