// The one window, and the guards every webContents gets (Electron security checklist, DESIGN.md §7).
import { app, BrowserWindow, session } from 'electron';
import { frameNavigationAllowed, hardenSession as hardenSessionRules, topNavigationAllowed } from './security';

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
    // No new windows at all (window.open, target=_blank, middle click, links in a PDF): the app has no link to
    // anywhere outside itself, so nothing is handed to the system browser either.
    contents.setWindowOpenHandler(() => {
      log('new window refused');
      return { action: 'deny' };
    });
  });
}

/** Refuses every permission; in development adds the dev-server CSP to its responses (main/security.ts). */
export function hardenSession(opts: { devOrigin: string | null }): void {
  hardenSessionRules(session.defaultSession, opts);
}

/**
 * The app's one window. Its options are ONE literal at the `new BrowserWindow(…)` call on purpose: that is the only
 * form Electronegativity can check (test/unit/main/electronegativity.test.ts, over this file and the bundled
 * main.js), and test/unit/main/security.test.ts captures exactly this object. Do not build it in a function or
 * spread a shared constant into it.
 */
export function createMainWindow(opts: { preload: string; url: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    title: 'Postkamer',
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      // Exposes only window.postkamer (main/preload.ts; test/unit/main/preload.test.ts and bundle.test.ts).
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A middle click opens nothing (new windows are refused anyway, above).
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spell checker downloads dictionaries from Google: the app is offline.
      spellcheck: false,
      devTools: opts.devTools,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.url);
  return win;
}
