import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { createApiClient, type PostkamerApi } from '../../../../src/contract/client';
import { storeAsIs } from '../../../../src/core/process';
import { startCoreHost, type ParentPortLike, type PortLike as CorePort } from '../../../../src/hosts/utility';
import { open, seal } from '../../../../src/store/crypto';
import type { ChildLike } from '../../../../main/core-process';
import type { FromCore, ToCore } from '../../../../src/contract/core-process';
import type { Keychain } from '../../../../main/keys';
import type { CoreState, RendererLink } from '../../../../main/shell';

// What Electron provides in the app, stood in for by Node: the utilityProcess becomes the REAL core host
// (src/hosts/utility.ts: SQLCipher store, vault, Core) running in this process behind a parent port, and
// MessagePortMain becomes a Node MessageChannel port. Only the transport is simulated; every message is
// structured-cloned as Electron's IPC would.

/** A Node MessagePort with Electron's MessagePortMain event shape ({data, ports} instead of the data itself). */
export interface TestPort extends CorePort {
  readonly node: MessagePort;
}

export function electronPort(port: MessagePort): TestPort {
  const self: TestPort = {
    node: port,
    on(event: 'message' | 'close', listener: ((e: { data: unknown }) => void) | (() => void)) {
      if (event === 'message') port.on('message', (data) => (listener as (e: { data: unknown }) => void)({ data }));
      else port.on('close', listener as () => void);
      return self;
    },
    postMessage: (m) => port.postMessage(m),
    start: () => port.start(),
    close: () => port.close(),
  };
  return self;
}

export function testChannel(): { core: TestPort; renderer: TestPort } {
  const { port1, port2 } = new MessageChannel();
  return { core: electronPort(port1), renderer: electronPort(port2) };
}

export interface InProcessChild extends ChildLike<TestPort> {
  /** Simulates a crash: the core host closes its store and "exits" with code 70 without main asking. */
  crash(): void;
  readonly received: ToCore[];
  exited: boolean;
}

/** A stand-in for `utilityProcess.fork(utility.js)`. */
export function inProcessChild(): InProcessChild {
  const toCore = new EventEmitter();
  const fromCore = new EventEmitter();
  let exitCode = 0;
  const parent: ParentPortLike = {
    on: (event, listener) => toCore.on(event, listener),
    postMessage: (m) => {
      const copy = structuredClone(m) as FromCore;
      setImmediate(() => fromCore.emit('message', copy));
    },
  };
  const child: InProcessChild = {
    received: [],
    exited: false,
    postMessage(message, transfer = []) {
      const copy = structuredClone(message);
      child.received.push(copy);
      setImmediate(() => toCore.emit('message', { data: copy, ports: transfer }));
    },
    on(event: 'message' | 'exit', listener: ((m: FromCore) => void) | ((code: number) => void)) {
      fromCore.on(event, listener);
      return child;
    },
    kill() {
      child.exited = true;
      setImmediate(() => fromCore.emit('exit', -1));
      return true;
    },
    crash() {
      exitCode = 70;
      toCore.emit('message', { data: { t: 'shutdown' }, ports: [] });
    },
  };
  startCoreHost(parent, {
    // Files are kept as they come: these tests are about main's side, not about OCR.
    pipeline: () => ({ processor: storeAsIs, close: async () => undefined }),
    log: () => undefined,
    exit: () => {
      child.exited = true;
      setImmediate(() => fromCore.emit('exit', exitCode));
    },
  });
  return child;
}

/** The OS keychain, stood in for by AES-GCM under a key of this test run (safeStorage needs Electron). */
export function testKeychain(usable = true): Keychain & { failing: boolean } {
  const k = randomBytes(32);
  const kc = {
    usable,
    failing: false,
    wrap: (plain: string) => seal(k, Buffer.from(plain, 'utf8'), 'keychain').toString('base64'),
    unwrap: (wrapped: string) => {
      if (kc.failing) throw new Error('keyring reset');
      return open(k, Buffer.from(wrapped, 'base64'), 'keychain').toString('utf8');
    },
  };
  return kc;
}

/** The renderer side: the preload's createApiClient over the port main hands it. */
export function fakeRenderer() {
  const states: CoreState[] = [];
  const ports: TestPort[] = [];
  let api: PostkamerApi | null = null;
  let arrived: (() => void) | null = null;
  const link: RendererLink<TestPort> = {
    postPort(port) {
      ports.push(port);
      api = createApiClient(
        (m) => port.node.postMessage(m),
        (h) => port.node.on('message', h),
        (id, kind) => `postkamer://blob/${id}/${kind}`,
      );
      arrived?.();
    },
    send: (s) => void states.push(s),
  };
  return {
    link,
    states,
    ports,
    get api(): PostkamerApi {
      if (!api) throw new Error('no port from main yet');
      return api;
    },
    /** Resolves when main has handed over a (further) port. */
    nextPort(): Promise<void> {
      return new Promise((ok) => (arrived = ok));
    },
    close: () => ports.forEach((p) => p.close()),
  };
}

export function tempDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-main-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
