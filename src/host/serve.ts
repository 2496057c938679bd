import { RequestMessage, type ServerMessage } from '../contract/wire';
import type { CallContext, Core } from './core';

/**
 * Serves the contract over any message channel (a WebSocket, an Electron MessagePort, a worker port).
 * Malformed messages are answered with an error when they carry an id and dropped otherwise.
 */
export function serveChannel(core: Core, channel: { send(msg: ServerMessage): void; onMessage(h: (raw: unknown) => void): void; onClose(h: () => void): void }, ctx: CallContext): void {
  const off = core.on((name, data) => channel.send({ t: 'evt', name, data }));
  channel.onClose(off);
  channel.onMessage(async (raw) => {
    const parsed = RequestMessage.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      if (typeof id === 'number') channel.send({ t: 'res', id, ok: false, error: { code: 'invalid-input', message: 'Ongeldig bericht.' } });
      return;
    }
    const { id, cmd, input } = parsed.data;
    const res = await core.call(cmd, input, ctx);
    channel.send(res.ok ? { t: 'res', id, ok: true, data: res.data } : { t: 'res', id, ok: false, error: res.error });
  });
}
