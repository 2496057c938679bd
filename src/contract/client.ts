// What the renderer sees as `window.postkamer`: derived from the contract, nothing written twice.
import type { CommandInput, CommandOutput, RendererCommandName } from './commands';
import type { EventName, EventPayload } from './events';
import type { Result } from './wire';

/** The preload (Electron) and the WebSocket shim (web harness) both implement exactly this. */
export interface PostkamerApi {
  call<C extends RendererCommandName>(cmd: C, input: CommandInput<C>): Promise<Result<CommandOutput<C>>>;
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** URL under which the core serves a stored document's bytes to this window (custom protocol or HTTP route). */
  blobUrl(documentId: string, kind: 'original' | 'pdf'): string;
}

/** A transport-agnostic implementation over a `send`/`onMessage` pair, used by the preload and the web shim. */
export function createApiClient(
  send: (msg: unknown) => void,
  subscribe: (handler: (msg: unknown) => void) => void,
  blobUrl: PostkamerApi['blobUrl'],
): PostkamerApi {
  let nextId = 1;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  subscribe((raw) => {
    const msg = raw as { t?: string; id?: number; ok?: boolean; data?: unknown; error?: unknown; name?: string };
    if (msg?.t === 'res' && typeof msg.id === 'number') {
      const done = pending.get(msg.id);
      pending.delete(msg.id);
      done?.(msg.ok ? { ok: true, data: msg.data } : { ok: false, error: msg.error as never });
    } else if (msg?.t === 'evt' && typeof msg.name === 'string') {
      for (const l of listeners.get(msg.name) ?? []) l(msg.data);
    }
  });
  return {
    call(cmd, input) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (r: Result<unknown>) => void);
        send({ t: 'req', id, cmd, input });
      });
    },
    on(name, listener) {
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    blobUrl,
  };
}
