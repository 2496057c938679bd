import { EventEmitter } from 'node:events';
import { readFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PostkamerApi } from '../../../src/contract/client';
import { storeAsIs } from '../../../src/core/process';
import { startCoreHost, type ParentPortLike } from '../../../src/hosts/utility';
import { electronPort, tempDir } from './support/in-process-core';

// The BUILT preload (.vite/build/preload.cjs), run the way a sandboxed renderer runs it: a plain script whose
// `require` knows only `electron`. contextBridge and ipcRenderer are stood in for (no Electron binary here); the
// MessagePort is a real one, and behind it runs the real core host (SQLCipher store, Core).

const root = resolve(import.meta.dirname, '../../..');
mkdirSync(join(root, '.vite'), { recursive: true });
const out = mkdtempSync(join(root, '.vite', 'unit-preload-'));
let code = '';
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  await build({ configFile: join(root, 'vite.preload.config.ts'), logLevel: 'silent', build: { outDir: out } });
  code = readFileSync(join(out, 'preload.cjs'), 'utf8');
}, 60_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Loads the preload once, as Electron would for one page. */
function loadPreload(invokeAnswer: (cmd: string, input: unknown) => unknown = () => ({ ok: true, data: { locked: false, reason: null } })) {
  const exposed: Record<string, unknown> = {};
  const ipc = new EventEmitter();
  const sent: string[] = [];
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
    ipcRenderer: {
      on: (channel: string, listener: (...a: unknown[]) => void) => ipc.on(channel, listener),
      send: (channel: string) => void sent.push(channel),
      invoke: async (channel: string, cmd: string, input: unknown) => {
        invoked.push([channel, cmd, input]);
        return invokeAnswer(cmd, input);
      },
    },
  };
  const requireInSandbox = (id: string) => {
    if (id === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require "${id}"`);
  };
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(requireInSandbox, module, module.exports);
  const events: string[] = [];
  const api = exposed.postkamer as PostkamerApi;
  api.on('status.changed', () => void events.push('status.changed'));
  return {
    exposed,
    api,
    sent,
    invoked,
    events,
    /** main hands the preload its end of a channel. */
    givePort: (port: MessagePort) => ipc.emit('postkamer:port', { ports: [port] }),
    coreState: (s: unknown) => ipc.emit('postkamer:core-state', {}, s),
  };
}

/** A real core host with a new store; returns a function that connects a port to it. */
async function realCore(): Promise<(port: MessagePort) => void> {
  const { dir, remove } = tempDir();
  const fromCore = new EventEmitter();
  const toCore = new EventEmitter();
  const parent: ParentPortLike = { on: (e, l) => toCore.on(e, l), postMessage: (m) => fromCore.emit('message', m) };
  startCoreHost(parent, {
    log: () => undefined,
    exit: () => undefined,
    pipeline: () => ({ processor: storeAsIs, close: async () => undefined }),
  });
  const ready = new Promise((ok) => fromCore.once('message', ok));
  toCore.emit('message', {
    data: { t: 'init', dataDir: join(dir, 'store'), key: new Uint8Array(32).fill(3), create: { osWrapped: 'eA==' } },
    ports: [],
  });
  expect(await ready).toMatchObject({ t: 'ready' });
  cleanups.push(remove, () => toCore.emit('message', { data: { t: 'shutdown' }, ports: [] }));
  return (port) => toCore.emit('message', { data: { t: 'connect' }, ports: [electronPort(port)] });
}

function channel() {
  const ch = new MessageChannel();
  cleanups.push(
    () => ch.port1.close(),
    () => ch.port2.close(),
  );
  return ch;
}

describe('the preload (built, in a sandbox-like scope)', () => {
  it('exposes only window.postkamer (call, on, blobUrl) and asks main for its port', () => {
    const p = loadPreload();
    expect(Object.keys(p.exposed)).toEqual(['postkamer']);
    expect(Object.keys(p.exposed.postkamer as object).sort()).toEqual(['blobUrl', 'call', 'on']);
    expect(p.sent).toEqual(['postkamer:hello']);
    expect(p.api.blobUrl('0b7c3d9e-1234-4abc-8def-0123456789ab', 'pdf')).toBe('postkamer://blob/0b7c3d9e-1234-4abc-8def-0123456789ab/pdf');
  });

  it('queues calls until the port arrives, then talks to the core directly', async () => {
    const p = loadPreload();
    const early = p.api.call('auth.state', {});
    const connect = await realCore();
    const ch = channel();
    connect(ch.port1);
    p.givePort(ch.port2);
    const state = await early;
    expect(state.ok && state.data.needsFirstAdmin).toBe(true); // a new store: the first administrator is asked for
    expect(p.events).toEqual([]); // the first port is no reconnection
  });

  it('refuses commands the renderer may not call, without reaching anything', async () => {
    const p = loadPreload();
    const call = p.api.call as (c: string, i: unknown) => ReturnType<PostkamerApi['call']>;
    expect(await call('ingest.paths', { paths: ['/etc/passwd'] })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call('constructor', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(p.invoked).toEqual([]);
  });

  it('sends shell.state and shell.unlock to main (invoke), never over the port', async () => {
    const p = loadPreload((cmd) =>
      cmd === 'shell.state' ? { ok: true, data: { locked: true, reason: 'first-run' } } : { ok: true, data: { locked: false } },
    );
    expect(await p.api.call('shell.state', {})).toEqual({ ok: true, data: { locked: true, reason: 'first-run' } });
    expect(await p.api.call('shell.unlock', { passphrase: 'een lang wachtwoord', create: true })).toEqual({
      ok: true,
      data: { locked: false },
    });
    expect(p.invoked).toEqual([
      ['postkamer:shell', 'shell.state', {}],
      ['postkamer:shell', 'shell.unlock', { passphrase: 'een lang wachtwoord', create: true }],
    ]);
    const failing = loadPreload(() => {
      throw new Error('main went away');
    });
    expect(await failing.api.call('shell.state', {})).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('when the core restarts: unanswered calls fail, the UI is told to refresh, new calls wait for the new port', async () => {
    const p = loadPreload();
    const dead = channel(); // nobody answers on this one: the core "crashed" with the call in flight
    p.givePort(dead.port2);
    const inFlight = p.api.call('app.status', {});
    await new Promise((r) => setTimeout(r, 20));
    p.coreState({ state: 'waiting' });
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(p.events).toEqual(['status.changed']);

    const waiting = p.api.call('auth.state', {});
    const connect = await realCore();
    const ch = channel();
    connect(ch.port1);
    p.givePort(ch.port2);
    expect((await waiting).ok).toBe(true);
  });

  it('when the core is down for good: every call fails at once with the reason', async () => {
    const p = loadPreload();
    const queued = p.api.call('app.status', {});
    const reason = {
      code: 'store-too-new',
      message: 'Deze opslag is gemaakt door een nieuwere versie van Postkamer en wordt niet aangeraakt.',
    };
    p.coreState({ state: 'down', error: reason });
    expect(await queued).toEqual({ ok: false, error: reason });
    expect(await p.api.call('documents.list', {})).toEqual({ ok: false, error: reason });
    expect(p.events).toEqual(['status.changed']);
  });
});
