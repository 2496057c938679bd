// Gives the app its `window.postkamer`.
import { createApiClient, type PostkamerApi, type Result } from '../../src/contract';

// In Electron the preload has put it there; in the web harness there is none, and we build it here over a WebSocket
// to the same origin. The rest of the renderer only sees the PostkamerApi, so it cannot tell which one it has.

export type ConnectionState = 'open' | 'connecting';

export interface Connection {
  get(): ConnectionState;
  /** Called on every change; after a reconnect, clients re-fetch what they show (events were missed). */
  subscribe(listener: (state: ConnectionState) => void): () => void;
}

export interface Bridge {
  api: PostkamerApi;
  connection: Connection;
  /** URL under which the core serves a page's image (thumbnail or display size), beside `api.blobUrl`. */
  pageUrl(pageId: string, size: PageImageSize): string;
}

export type PageImageSize = 'thumb' | 'image';
/** The app's own protocol (main/urls.ts) in Electron; the harness's route (src/hosts/web.ts) in a browser. */
export const appPageUrl = (pageId: string, size: PageImageSize) => `postkamer://page/${encodeURIComponent(pageId)}/${size}`;
export const webPageUrl = (pageId: string, size: PageImageSize) => `/page/${encodeURIComponent(pageId)}/${size}`;

/** Client-side code for a call whose connection dropped before the answer came. */
export const CONNECTION_LOST = 'connection-lost';

const alwaysOpen: Connection = { get: () => 'open', subscribe: () => () => {} };

export function getBridge(): Bridge {
  if (window.postkamer) return { api: window.postkamer, connection: alwaysOpen, pageUrl: appPageUrl };
  const bridge = createWebSocketBridge(`ws://${location.host}/ws`);
  window.postkamer = bridge.api;
  return bridge;
}

/** Backoff between reconnect attempts: 0.5 s doubling to 10 s, with jitter so that tabs do not stampede. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000, 500 * 2 ** Math.min(Math.max(attempt, 0), 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

/** The part of a WebSocket we use (the browser's, or the `ws` package's in tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void;
}
const OPEN = 1;

export function createWebSocketBridge(
  url: string,
  openSocket: (url: string) => SocketLike = (u) => new WebSocket(u),
): Bridge & { close(): void } {
  let ws: SocketLike | null = null;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let state: ConnectionState = 'connecting';
  let attempt = 0;
  const stateListeners = new Set<(s: ConnectionState) => void>();
  let onServerMessage: (msg: unknown) => void = () => {};
  // Requests are queued until a socket is open. Those written to a socket that then closes can never be
  // answered: they resolve as "connection lost" instead of hanging; queued ones wait for the next socket.
  const queue: { id: number; text: string }[] = [];
  const written = new Set<number>();
  const failers = new Map<number, () => void>();
  let lastId: number | null = null;

  const setState = (s: ConnectionState) => {
    if (s === state) return;
    state = s;
    for (const l of stateListeners) l(s);
  };

  const write = (socket: SocketLike, m: { id: number; text: string }) => {
    socket.send(m.text);
    written.add(m.id);
  };

  const connect = () => {
    timer = null;
    if (closed) return;
    const socket = openSocket(url);
    ws = socket;
    socket.addEventListener('open', () => {
      attempt = 0;
      while (queue.length > 0) write(socket, queue.shift()!);
      setState('open');
    });
    socket.addEventListener('message', (e) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(e.data));
      } catch {
        return;
      }
      const m = msg as { t?: string; id?: unknown };
      if (m.t === 'res' && typeof m.id === 'number') {
        written.delete(m.id);
        failers.delete(m.id);
      }
      onServerMessage(msg);
    });
    socket.addEventListener('close', () => {
      if (ws !== socket) return;
      ws = null;
      for (const id of written) {
        failers.get(id)?.();
        failers.delete(id);
      }
      written.clear();
      setState('connecting');
      if (!closed) timer = setTimeout(connect, reconnectDelay(attempt++));
    });
  };

  const send = (msg: unknown) => {
    const id = (msg as { id: number }).id;
    lastId = id;
    const m = { id, text: JSON.stringify(msg) };
    if (ws && ws.readyState === OPEN) write(ws, m);
    else queue.push(m);
  };

  const inner = createApiClient(
    send,
    (h) => {
      onServerMessage = h;
    },
    (id, kind) => `/blob/${encodeURIComponent(id)}/${kind}`,
  );

  const api: PostkamerApi = {
    call(cmd, input) {
      return new Promise((resolve) => {
        let settled = false;
        lastId = null;
        const answer = inner.call(cmd, input);
        // createApiClient sends synchronously inside call(), so lastId is this request's id.
        const id = lastId;
        if (id !== null) {
          failers.set(id, () => {
            if (settled) return;
            settled = true;
            resolve({ ok: false, error: { code: CONNECTION_LOST, message: 'Verbinding met de kern verbroken.' } } as Result<never>);
          });
        }
        void answer.then((r) => {
          if (settled) return;
          settled = true;
          resolve(r);
        });
      });
    },
    on: (name, listener) => inner.on(name, listener),
    blobUrl: inner.blobUrl,
  };

  connect();
  return {
    api,
    pageUrl: webPageUrl,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    },
    connection: {
      get: () => state,
      subscribe(l) {
        stateListeners.add(l);
        return () => stateListeners.delete(l);
      },
    },
  };
}
