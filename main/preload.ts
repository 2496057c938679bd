// The preload: exposes exactly one object, `window.postkamer` (PostkamerApi), and nothing of Electron.
import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient, type PostkamerApi } from '../src/contract/client';
import { rendererCommands } from '../src/contract/commands';
import { messageFor, type WireError } from '../src/contract/errors';
import type { Result } from '../src/contract/wire';

// It runs sandboxed, where `require` knows only `electron` and a few modules, so vite.preload.config.ts bundles
// all of this (contract and zod) into one CommonJS file.
//
// Calls go over a MessagePort straight to the core (main hands it over after the store is unlocked; calls made
// before that wait in a queue). `shell.state`/`shell.unlock` go to main, which answers them itself.

type CoreState = { state: 'waiting' | 'locked' | 'down'; error?: WireError };

const SHELL_COMMANDS = new Set<string>(['shell.state', 'shell.unlock']);
const allowed = new Set<string>(rendererCommands);
const failure = (error: WireError): Result<never> => ({ ok: false, error });
const interrupted: WireError = { code: 'internal', message: 'De verbinding met de verwerkingskern werd onderbroken. Probeer het opnieuw.' };

let port: MessagePort | null = null;
let down: WireError | null = null;
let deliver: (msg: unknown) => void = () => undefined;
const queued: { id: number; msg: unknown }[] = [];
const sent = new Set<number>();

const client = createApiClient(
  (msg) => {
    const id = (msg as { id: number }).id;
    if (down) return deliver({ t: 'res', id, ok: false, error: down });
    if (!port) return void queued.push({ id, msg });
    sent.add(id);
    port.postMessage(msg);
  },
  (handler) => {
    deliver = handler;
  },
  (documentId, kind) => `postkamer://blob/${documentId}/${kind}`,
);

/** Requests that went out on a port that is gone will never be answered: answer them with an error. */
function failSent(error: WireError): void {
  for (const id of sent) deliver({ t: 'res', id, ok: false, error });
  sent.clear();
}

function dropPort(): void {
  if (port) {
    port.onmessage = null;
    port.close();
  }
  port = null;
}

ipcRenderer.on('postkamer:port', (event) => {
  const next = event.ports[0];
  if (!next) return;
  const reconnect = port !== null || sent.size > 0;
  dropPort();
  failSent(interrupted);
  down = null;
  port = next;
  port.onmessage = (e: MessageEvent) => {
    const m = e.data as { t?: string; id?: number };
    if (m?.t === 'res' && typeof m.id === 'number') sent.delete(m.id);
    deliver(m);
  };
  for (const q of queued.splice(0)) {
    sent.add(q.id);
    port.postMessage(q.msg);
  }
  // After a restart of the core the UI re-fetches what it shows.
  if (reconnect) deliver({ t: 'evt', name: 'status.changed', data: {} });
});

ipcRenderer.on('postkamer:core-state', (_event, s: CoreState) => {
  dropPort();
  failSent(s.error ?? interrupted);
  if (s.state === 'down') {
    down = s.error ?? interrupted;
    for (const q of queued.splice(0)) deliver({ t: 'res', id: q.id, ok: false, error: down });
  }
  deliver({ t: 'evt', name: 'status.changed', data: {} });
});

const api: PostkamerApi = {
  call(cmd, input) {
    if (!allowed.has(cmd)) return Promise.resolve(failure({ code: 'forbidden', message: messageFor('forbidden') }));
    if (SHELL_COMMANDS.has(cmd)) {
      return (ipcRenderer.invoke('postkamer:shell', cmd, input) as Promise<never>).catch(() =>
        failure({ code: 'internal', message: messageFor('internal') }),
      );
    }
    return client.call(cmd, input);
  },
  on: (name, listener) => client.on(name, listener),
  blobUrl: (documentId, kind) => client.blobUrl(documentId, kind),
};

contextBridge.exposeInMainWorld('postkamer', api);
ipcRenderer.send('postkamer:hello');
