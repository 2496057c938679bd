// The only two IPC channels main listens on.
import { ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type MessagePortMain } from 'electron';
import { PostkamerError } from '../src/contract/errors';
import { isTrustedSender } from './security';
import type { RendererLink, Shell } from './shell';

// Everything else goes over the MessagePort to the core.
//   postkamer:hello  (send)    the preload asks for its port to the core (on every page load)
//   postkamer:shell  (invoke)  shell.state / shell.unlock, answered by main
// Every message is checked to come from the main frame of our window showing our own page.

export function registerIpc(opts: {
  window: () => BrowserWindow | null;
  appBase: string;
  shell: Shell<MessagePortMain>;
  log(line: string): void;
}): void {
  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent): boolean => {
    const win = opts.window();
    const frame = event.senderFrame;
    const ok = isTrustedSender(
      {
        fromOurWindow: !!win && !win.isDestroyed() && event.sender === win.webContents,
        isMainFrame: !!frame && frame.parent === null,
        frameUrl: frame?.url ?? null,
      },
      opts.appBase,
    );
    if (!ok) opts.log('IPC from an untrusted sender refused');
    return ok;
  };

  const links = new WeakMap<Electron.WebContents, RendererLink<MessagePortMain>>();
  ipcMain.on('postkamer:hello', (event) => {
    if (!trusted(event)) return;
    const contents = event.sender;
    let link = links.get(contents);
    if (!link) {
      link = {
        postPort: (port) => (contents.isDestroyed() ? port.close() : contents.postMessage('postkamer:port', null, [port])),
        send: (state) => void (contents.isDestroyed() || contents.send('postkamer:core-state', state)),
      };
      links.set(contents, link);
      const l = link;
      contents.once('destroyed', () => opts.shell.detachRenderer(l));
    }
    opts.shell.attachRenderer(link);
  });

  ipcMain.handle('postkamer:shell', async (event, cmd: unknown, input: unknown) => {
    if (!trusted(event)) return { ok: false, error: new PostkamerError('forbidden').toWire() };
    if (cmd === 'shell.state') return { ok: true, data: opts.shell.shellState() };
    if (cmd === 'shell.unlock') return opts.shell.unlock(input);
    return { ok: false, error: new PostkamerError('unknown-command').toWire() };
  });
}
