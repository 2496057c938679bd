import { app, BrowserWindow, dialog, session, shell, type WebContents } from 'electron';
import {
  devCsp, externalLinkAllowed, frameNavigationAllowed, PERMISSIONS_GRANTED, topNavigationAllowed, webPreferencesFor,
} from './security';

// The one window, and the guards every webContents gets (Electron security checklist, DESIGN.md §7).

/** Applies to every webContents the app ever creates, including ones we did not expect. */
export function guardAllWebContents(appBase: string, log: (line: string) => void): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => {
      e.preventDefault();
      log('webview refused');
    });
    contents.on('will-navigate', (e) => {
      if (!topNavigationAllowed(e.url, appBase)) {
        e.preventDefault();
        log('navigation refused');
      }
    });
    contents.on('will-frame-navigate', (e) => {
      if (!e.isMainFrame && !frameNavigationAllowed(e.url, appBase)) {
        e.preventDefault();
        log('frame navigation refused');
      }
    });
    contents.on('will-redirect', (e) => {
      if (e.isMainFrame ? !topNavigationAllowed(e.url, appBase) : !frameNavigationAllowed(e.url, appBase)) e.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      if (externalLinkAllowed(url)) void confirmExternal(contents, url);
      return { action: 'deny' };
    });
  });
}

/** https links open in the system browser, only after the user confirms (the address is shown in full). */
async function confirmExternal(contents: WebContents, url: string): Promise<void> {
  const win = BrowserWindow.fromWebContents(contents);
  const opts = {
    type: 'question' as const,
    buttons: ['Openen in browser', 'Annuleren'],
    defaultId: 1,
    cancelId: 1,
    title: 'Link openen',
    message: 'Deze link openen in de webbrowser?',
    detail: url,
  };
  const { response } = win ? await dialog.showMessageBox(win, opts) : await dialog.showMessageBox(opts);
  if (response === 0) await shell.openExternal(url);
}

/** Refuses every permission; in development adds the dev-server CSP to its responses. */
export function hardenSession(opts: { devOrigin: string | null }): void {
  const ses = session.defaultSession;
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

export function createMainWindow(opts: { preload: string; url: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Postkamer',
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: webPreferencesFor({ preload: opts.preload, devTools: opts.devTools }),
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
