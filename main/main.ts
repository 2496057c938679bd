// Electron main: windows, menu, dialogs, the OS keychain, and the core's process.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  type BrowserWindow,
  dialog,
  Menu,
  MessageChannelMain,
  powerMonitor,
  safeStorage,
  utilityProcess,
  type MessagePortMain,
} from 'electron';
import type { IngestResult } from '../src/contract/schemas';
import type { ChildLike } from './core-process';
import { registerIpc } from './ipc';
import { keychainUsable, type Keychain } from './keys';
import { keychainAnchorCopy } from './anchor-copy';
import { menuTemplate } from './menu';
import { dataDirFor, rendererDirIn } from './paths';
import { handleAppProtocol, registerSchemePrivileges } from './protocol';
import { APP_BASE, APP_ENTRY } from './security';
import { Shell } from './shell';
import { createMainWindow, guardAllWebContents, hardenSession } from './window';

// No business rule lives here; the core (src/core, started by src/hosts/utility.ts in a utilityProcess) does the
// work, the renderer shows it.

// Set by Forge's Vite plugin (vite.main.config.ts defines them for a standalone build).
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;

const buildDir = dirname(fileURLToPath(import.meta.url));
const log = (line: string) => process.stderr.write(`[postkamer main] ${line}\n`);

// --- Before `ready` (synchronous top-level code of the ESM entry runs before it) ---
// Tests run the unpackaged app with a temporary profile; a packaged app always uses the OS's location.
if (!app.isPackaged && process.env.POSTKAMER_USER_DATA) app.setPath('userData', process.env.POSTKAMER_USER_DATA);
app.enableSandbox();
registerSchemePrivileges();
Menu.setApplicationMenu(null);

let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Two instances would open the same store twice; the first one gets the focus instead.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (e: unknown) => {
    log(`start failed: ${(e as Error)?.stack ?? String(e)}`);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const devUrl =
    typeof MAIN_WINDOW_VITE_DEV_SERVER_URL === 'string' && MAIN_WINDOW_VITE_DEV_SERVER_URL ? MAIN_WINDOW_VITE_DEV_SERVER_URL : null;
  const devOrigin = devUrl ? new URL(devUrl).origin : null;
  const appBase = devOrigin ? `${devOrigin}/` : APP_BASE;
  const dataDir = dataDirFor(app.getPath('userData'));

  guardAllWebContents(appBase, log);
  hardenSession({ devOrigin });

  const keychain = osKeychain();
  const shell = new Shell<MessagePortMain>({
    dataDir,
    keychain,
    anchorCopy: keychainAnchorCopy(join(app.getPath('userData'), 'audit-anchor.keychain'), keychain),
    spawn: spawnCore,
    channel: () => {
      const { port1, port2 } = new MessageChannelMain();
      return { core: port1, renderer: port2 };
    },
    log,
    onFatal: (error) => dialog.showErrorBox('Postkamer kan niet starten', error.message),
  });

  handleAppProtocol({
    rendererDir: rendererDirIn(app.getAppPath()),
    blob: (id, kind) => shell.blob(id, kind),
    page: (id, size) => shell.page(id, size),
    log,
  });
  registerIpc({ window: () => mainWindow, appBase, shell, log });

  const openWindow = () => {
    mainWindow = createMainWindow({ preload: join(buildDir, 'preload.cjs'), url: devUrl ?? APP_ENTRY, devTools: !app.isPackaged });
    mainWindow.on('closed', () => (mainWindow = null));
  };
  openWindow();

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        {
          importFiles: () => void importFiles(shell),
          about: () => void showAbout(),
        },
        { platform: process.platform, dev: !app.isPackaged },
      ),
    ),
  );

  let quitting = false;
  app.on('before-quit', (e) => {
    if (quitting) return;
    e.preventDefault();
    quitting = true;
    void shell.shutdown().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow) openWindow();
  });
  // BIO: a workstation whose OS session locks, or that goes to sleep, asks its person to sign in again.
  powerMonitor.on('lock-screen', () => shell.lockSessions());
  powerMonitor.on('suspend', () => shell.lockSessions());
  // The keychain's copy of the audit anchor follows the trail (and is brought up to date at quit).
  setInterval(() => void shell.keepAuditAnchor(), 60_000).unref();

  await shell.boot();
}

/** The core in its own process (its own V8 heap: an OCR or PDF crash cannot take the window down). */
function spawnCore(): ChildLike<MessagePortMain> {
  const child = utilityProcess.fork(join(buildDir, 'utility.js'), [], { serviceName: 'Postkamer core', stdio: 'pipe' });
  // The core's log (free of personal data) goes to ours.
  child.stdout?.on('data', (d: Buffer) => process.stderr.write(d));
  child.stderr?.on('data', (d: Buffer) => process.stderr.write(d));
  return child;
}

/** safeStorage, refusing Linux's plain-text fallback (DESIGN.md §3). */
function osKeychain(): Keychain {
  const usable = keychainUsable({
    platform: process.platform,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined,
  });
  return {
    usable,
    wrap: (plain) => safeStorage.encryptString(plain).toString('base64'),
    unwrap: (wrapped) => safeStorage.decryptString(Buffer.from(wrapped, 'base64')),
  };
}

/** Bestand › Bestanden importeren…: paths from a native dialog go to the core as a trusted (main) call. */
async function importFiles(shell: Shell<MessagePortMain>): Promise<void> {
  const win = mainWindow;
  if (!win) return;
  const choice = await dialog.showOpenDialog(win, {
    title: 'Bestanden importeren',
    buttonLabel: 'Importeren',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Documenten (PDF, TIFF, JPEG, PNG)', extensions: ['pdf', 'tif', 'tiff', 'jpg', 'jpeg', 'png'] }],
  });
  if (choice.canceled || choice.filePaths.length === 0) return;
  const r = await shell.call('ingest.paths', { paths: choice.filePaths, source: 'import' });
  if (!r.ok) {
    await dialog.showMessageBox(win, { type: 'error', title: 'Importeren', message: 'Importeren is mislukt.', detail: r.error.message });
    return;
  }
  const result = r.data as IngestResult;
  if (result.errors.length > 0) {
    await dialog.showMessageBox(win, {
      type: 'warning',
      title: 'Importeren',
      message: `${result.documents.length} bestand(en) ingelezen, ${result.errors.length} geweigerd.`,
      detail: result.errors.map((e) => e.message).join('\n'),
    });
  }
}

async function showAbout(): Promise<void> {
  const opts = {
    type: 'info' as const,
    title: 'Over Postkamer',
    message: `Postkamer ${app.getVersion()}`,
    detail: `Documentverwerking voor de postkamer.\nElectron ${process.versions.electron} · Chromium ${process.versions.chrome} · Node.js ${process.versions.node}`,
  };
  if (mainWindow) await dialog.showMessageBox(mainWindow, opts);
  else await dialog.showMessageBox(opts);
}
