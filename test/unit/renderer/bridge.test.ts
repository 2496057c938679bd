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
import { CONNECTION_LOST, createWebSocketBridge, type Bridge, type ConnectionState, type SocketLike } from '../../../renderer/app/bridge';
import { watchUnauthenticated } from '../../../renderer/app/api';
import { signInAsAdmin, TEST_ADMIN } from '../../support/people';

// The web shim's WebSocket bridge against a real WebSocket server serving the real core. To cut the connection
// while a call is in flight, the server drops the socket instead of answering one chosen command. Every socket is a
// connection of its own: it signs in (as the test administrator) before it may call anything but auth.*.

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
      { origin: 'web' },
    );
  });
  // The store's first administrator, made on a connection of the test's own.
  await signInAsAdmin(core, { origin: 'cli', connection: 'bridge-test-setup' });
});

/** Signs the bridge's current connection in, as the UI's sign-in form does. */
async function signIn(bridge: Bridge): Promise<void> {
  const r = await bridge.api.call('auth.signIn', { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin });
  expect(r).toMatchObject({ ok: true, data: { person: { login: TEST_ADMIN.login } } });
}

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
      const [state, signedIn] = await Promise.all([
        bridge.api.call('auth.state', {}),
        bridge.api.call('auth.signIn', { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin }),
      ]);
      expect(state).toMatchObject({ ok: true, data: { needsFirstAdmin: false } });
      expect(signedIn).toMatchObject({ ok: true, data: { person: { login: TEST_ADMIN.login } } });
      expect(bridge.connection.get()).toBe('open');
      const [a, b] = await Promise.all([bridge.api.call('settings.get', {}), bridge.api.call('batches.list', {})]);
      expect(a).toEqual({
        ok: true,
        data: {
          locale: 'nl',
          maxFileBytes: expect.any(Number),
          autoLockMinutes: 10,
          purgeAfterDays: 30,
          stageWarnHours: 8,
          perPersonStats: false,
          archiefvormer: null,
          exportDir: null,
          qcSampleRule: { kind: 'percentage', percent: 5, min: 10 },
          destructionWaitDays: 0,
          vervangingsbesluit: null,
          verklaringDocumenttype: null,
          selectielijstBases: ['https://selectielijst.openzaak.nl/api/v1'],
        },
      });
      expect(b).toEqual({ ok: true, data: [] });
    } finally {
      bridge.close();
    }
  });

  it("passes on the core's errors and events", async () => {
    const bridge = createWebSocketBridge(url, open);
    try {
      // Nobody signed in on this socket yet: refused before the input is even looked at.
      const early = await bridge.api.call('documents.get', { id: 'not-a-uuid' } as never);
      expect(early).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      await signIn(bridge);
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
      await signIn(bridge);
      expect((await bridge.api.call('settings.get', {})).ok).toBe(true);
      const lost = await bridge.api.call(DROP_ON, {});
      expect(lost).toMatchObject({ ok: false, error: { code: CONNECTION_LOST } });
      // A call made while reconnecting waits in the queue and is answered on the new socket: a new connection,
      // which the old one's session does not carry over to.
      const later = await bridge.api.call('settings.get', {});
      expect(later).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(states).toEqual(['open', 'connecting', 'open']);
      await signIn(bridge);
      expect((await bridge.api.call('settings.get', {})).ok).toBe(true);
    } finally {
      bridge.close();
    }
  });

  it('tells the UI of every answer "unauthenticated" (the session ended or locked), and of no other', async () => {
    const bridge = createWebSocketBridge(url, open);
    const watched = watchUnauthenticated(bridge);
    let told = 0;
    const off = watched.onUnauthenticated(() => told++);
    try {
      expect(await watched.api.call('batches.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(told).toBe(1);
      await signIn(watched);
      expect((await watched.api.call('batches.list', {})).ok).toBe(true);
      expect(await watched.api.call('documents.get', { id: 'not-a-uuid' } as never)).toMatchObject({ error: { code: 'invalid-input' } });
      expect(told).toBe(1);
      // Locked (as the auto-lock does): the next call is refused and told.
      expect(await watched.api.call('auth.lock', {})).toMatchObject({
        ok: true,
        data: { person: null, lockedFor: { login: TEST_ADMIN.login } },
      });
      expect(await watched.api.call('batches.list', {})).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      expect(told).toBe(2);
    } finally {
      off();
      bridge.close();
    }
  });

  it('stops reconnecting once closed', async () => {
    const bridge = createWebSocketBridge(url, open);
    expect((await bridge.api.call('auth.state', {})).ok).toBe(true);
    const before = wss.clients.size;
    bridge.close();
    await new Promise((r) => setTimeout(r, 1500));
    expect(wss.clients.size).toBe(before - 1);
    expect(bridge.connection.get()).toBe('connecting');
  });
});
