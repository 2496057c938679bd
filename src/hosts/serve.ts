// Serves the contract over any message channel (a WebSocket, an Electron MessagePort, a worker port).
import { randomUUID } from 'node:crypto';
import { PostkamerError } from '../contract/errors';
import { RequestMessage, type ServerMessage } from '../contract/wire';
import type { CallContext, Core } from '../core/core';

/** Requests one connection may have in flight; more are refused at once (a flood queues no work). */
export const MAX_IN_FLIGHT = 256;

/**
 * Malformed messages are answered with an error when they carry an id and dropped otherwise.
 * Each channel is a connection of its own (`ctx.connection`): its uploads are private to it and released when
 * it closes.
 */
export function serveChannel(
  core: Core,
  channel: { send(msg: ServerMessage): void; onMessage(h: (raw: unknown) => void): void; onClose(h: () => void): void },
  ctx: CallContext,
  opts: { maxInFlight?: number } = {},
): void {
  const maxInFlight = opts.maxInFlight ?? MAX_IN_FLIGHT;
  const connection = randomUUID();
  const callCtx: CallContext = { ...ctx, connection };
  let inFlight = 0;
  let closed = false;
  // Events reach the connection only while a person is signed in on it (the session's own changes always).
  const off = core.on((name, data) => channel.send({ t: 'evt', name, data }), connection);
  channel.onClose(() => {
    closed = true;
    off();
    core.releaseConnection(connection);
  });
  channel.onMessage(async (raw) => {
    if (closed) return;
    const parsed = RequestMessage.safeParse(raw);
    if (!parsed.success) {
      const id = (raw as { id?: unknown })?.id;
      if (typeof id === 'number') channel.send({ t: 'res', id, ok: false, error: { code: 'invalid-input', message: 'Ongeldig bericht.' } });
      return;
    }
    const { id, cmd, input } = parsed.data;
    if (inFlight >= maxInFlight) {
      channel.send({
        t: 'res',
        id,
        ok: false,
        error: new PostkamerError('too-many-requests', `(${cmd.slice(0, 100)}: al ${maxInFlight} lopende verzoeken)`).toWire(),
      });
      return;
    }
    inFlight++;
    try {
      const res = await core.call(cmd, input, callCtx);
      if (!closed) channel.send(res.ok ? { t: 'res', id, ok: true, data: res.data } : { t: 'res', id, ok: false, error: res.error });
    } finally {
      inFlight--;
      // A call that was still running when the connection closed (an upload begun late) is released too.
      if (closed && inFlight === 0) core.releaseConnection(connection);
    }
  });
}
