// React access to window.postkamer: the API, the connection state, and small hooks for queries and events.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type {
  CommandInput,
  CommandOutput,
  EventName,
  EventPayload,
  PostkamerApi,
  RendererCommandName,
  WireError,
} from '../../src/contract';
import type { Bridge, ConnectionState } from './bridge';

/** The bridge, its API watched for `unauthenticated` answers (the session locked or ended behind the UI's back). */
interface WatchedBridge extends Bridge {
  onUnauthenticated(listener: () => void): () => void;
}

const BridgeContext = createContext<WatchedBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: Bridge; children: ReactNode }) {
  const watched = useMemo(() => watchUnauthenticated(bridge), [bridge]);
  return <BridgeContext.Provider value={watched}>{children}</BridgeContext.Provider>;
}

/** Wraps the API so that every answer `unauthenticated`, from whichever screen, is also told to the listeners. */
export function watchUnauthenticated(bridge: Bridge): WatchedBridge {
  const listeners = new Set<() => void>();
  const api: PostkamerApi = {
    call: async (cmd, input) => {
      const r = await bridge.api.call(cmd, input);
      if (!r.ok && r.error.code === 'unauthenticated') for (const l of [...listeners]) l();
      return r;
    },
    on: (name, listener) => bridge.api.on(name, listener),
    blobUrl: (id, kind) => bridge.api.blobUrl(id, kind),
  };
  return {
    api,
    connection: bridge.connection,
    pageUrl: (id, size) => bridge.pageUrl(id, size),
    onUnauthenticated(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

function useBridge(): WatchedBridge {
  const b = useContext(BridgeContext);
  if (!b) throw new Error('BridgeProvider missing');
  return b;
}

/** Runs `handler` whenever a call answers `unauthenticated`. */
export function useUnauthenticated(handler: () => void): void {
  const bridge = useBridge();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => bridge.onUnauthenticated(() => ref.current()), [bridge]);
}

export const useApi = (): PostkamerApi => useBridge().api;

/** `pageUrl(pageId, size)`: where a page's image is served, next to `api.blobUrl` for whole documents. */
export const usePageUrl = (): Bridge['pageUrl'] => useBridge().pageUrl;

export function useConnection(): ConnectionState {
  const { connection } = useBridge();
  return useSyncExternalStore(connection.subscribe, connection.get);
}

/** Increments each time the connection comes back: a dependency that makes queries re-fetch what was missed. */
export function useReconnectCount(): number {
  const state = useConnection();
  const [count, setCount] = useState(0);
  const prev = useRef(state);
  useEffect(() => {
    if (prev.current !== 'open' && state === 'open') setCount((c) => c + 1);
    prev.current = state;
  }, [state]);
  return count;
}

export interface Query<T> {
  data: T | undefined;
  error: WireError | undefined;
  loading: boolean;
  reload(): void;
}

/** Runs a command and keeps its latest answer; re-runs when the input changes, on reload(), and after a reconnect. */
export function useCommand<C extends RendererCommandName>(cmd: C, input: CommandInput<C> | null): Query<CommandOutput<C>> {
  const api = useApi();
  const reconnects = useReconnectCount();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<{ data?: CommandOutput<C>; error?: WireError; loading: boolean }>({ loading: input !== null });
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null) {
      setState({ loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void api.call(cmd, JSON.parse(key) as CommandInput<C>).then((r) => {
      if (!live) return;
      setState(r.ok ? { data: r.data as CommandOutput<C>, loading: false } : { error: r.error, loading: false });
    });
    return () => {
      live = false;
    };
  }, [api, cmd, key, tick, reconnects]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** Subscribes to a core event for the component's lifetime; the handler may change between renders. */
export function useEvent<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): void {
  const api = useApi();
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => api.on(name, (p) => ref.current(p)), [api, name]);
}
