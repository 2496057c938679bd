import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { Core } from '../../../src/core/core';
import { storeAsIs } from '../../../src/core/process';
import { serveChannel } from '../../../src/hosts/serve';
import { initStore } from '../../../src/store/store';
import { CONNECTION_LOST, createWebSocketBridge, type ConnectionState, type SocketLike } from '../../../renderer/app/bridge';

// The web shim's WebSocket bridge against a real WebSocket server serving the real core. To cut the connection
// while a call is in flight, the server drops the socket instead of answering one chosen command.

let dir: string;
let core: Core;
let wss: WebSocketServer;
let url: string;
const DROP_ON = 'audit.list';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'postkamer-bridge-'));
  core = new Core(await initStore(join(dir, 'data'), { passphrase: 'bridge-test-wachtwoord' }), {
    processor: storeAsIs,
    close: async () => undefined,
  });
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((ok) => wss.once('listening', () => ok()));
  url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/ws`;
  wss.on('connection', (ws) => {
    serveChannel(
      core,
      {
        send: (m) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m)),
        onMessage: (h) =>
          ws.on('message', (data) => {
            const msg = JSON.parse(String(data)) as { cmd?: string };
            if (msg.cmd === DROP_ON) ws.terminate();
            else h(msg);
          }),
        onClose: (h) => ws.on('close', h),
      },
      { origin: 'web', actor: 'test' },
    );
  });
});

afterAll(async () => {
  for (const c of wss?.clients ?? []) c.terminate();
  await new Promise<void>((ok) => (wss ? wss.close(() => ok()) : ok()));
  await core?.close();
  rmSync(dir, { recursive: true, force: true });
});

const open = (u: string) => new WebSocket(u) as unknown as SocketLike;

describe('WebSocket bridge', () => {
  it('queues calls made before the socket is open and answers them once it is', async () => {
    const bridge = createWebSocketBridge(url, open);
    try {
      expect(bridge.connection.get()).toBe('connecting');
      const [a, b] = await Promise.all([bridge.api.call('settings.get', {}), bridge.api.call('batches.list', {})]);
      expect(a).toEqual({ ok: true, data: { locale: 'nl', maxFileBytes: expect.any(Number) } });
      expect(b).toEqual({ ok: true, data: [] });
      expect(bridge.connection.get()).toBe('open');
    } finally {
      bridge.close();
    }
  });

  it("passes on the core's errors and events", async () => {
    const bridge = createWebSocketBridge(url, open);
    try {
      const bad = await bridge.api.call('documents.get', { id: 'not-a-uuid' } as never);
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      const got = new Promise((ok) => bridge.api.on('status.changed', ok));
      core.emit('status.changed', {});
      await expect(got).resolves.toEqual({});
    } finally {
      bridge.close();
    }
  });

  it('fails a call in flight when the connection drops, reconnects, and works again', async () => {
    const bridge = createWebSocketBridge(url, open);
    const states: ConnectionState[] = [];
    bridge.connection.subscribe((s) => states.push(s));
    try {
      expect((await bridge.api.call('settings.get', {})).ok).toBe(true);
      const lost = await bridge.api.call(DROP_ON, {});
      expect(lost).toMatchObject({ ok: false, error: { code: CONNECTION_LOST } });
      // A call made while reconnecting waits in the queue and is answered on the new socket.
      const later = await bridge.api.call('settings.get', {});
      expect(later.ok).toBe(true);
      expect(states).toEqual(['open', 'connecting', 'open']);
    } finally {
      bridge.close();
    }
  });

  it('stops reconnecting once closed', async () => {
    const bridge = createWebSocketBridge(url, open);
    expect((await bridge.api.call('settings.get', {})).ok).toBe(true);
    const before = wss.clients.size;
    bridge.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect(wss.clients.size).toBe(before - 1);
    expect(bridge.connection.get()).toBe('connecting');
  });
});
