import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CoreProcess } from '../../../main/core-process';
import { restartPolicy } from '../../../main/restart';
import { Shell, type AnchorCopy, type ShellDeps } from '../../../main/shell';
import { planStart } from '../../../main/keys';
import { anchorPath } from '../../../src/audit/anchor';
import { keyFilePath } from '../../../src/store/keyfile';
import { databasePath, openStore } from '../../../src/store/store';
import { signInAdminVia, TEST_ADMIN, type AnyCall } from '../../support/people';
import {
  fakeRenderer,
  inProcessChild,
  tempDir,
  testChannel,
  testKeychain,
  type InProcessChild,
  type TestPort,
} from './support/in-process-core';

// Main's life cycle (lock, unlock, start, restart, ports, blobs) against the REAL core host: SQLCipher store,
// vault and Core run in-process behind a parent port; only Electron's transport is stood in for.

const PASSPHRASE = 'een lang genoeg wachtwoord';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function setup(
  opts: { keychain?: ReturnType<typeof testKeychain>; policy?: ShellDeps<TestPort>['policy']; dir?: string; anchorCopy?: AnchorCopy } = {},
) {
  const tmp = opts.dir ? null : tempDir();
  const dataDir = opts.dir ?? join(tmp!.dir, 'store');
  const children: InProcessChild[] = [];
  const fatal: string[] = [];
  const keychain = opts.keychain ?? testKeychain();
  const shell = new Shell<TestPort>({
    dataDir,
    keychain,
    spawn: () => {
      const c = inProcessChild();
      children.push(c);
      return c;
    },
    channel: testChannel,
    log: () => undefined,
    onFatal: (e) => void fatal.push(e.code),
    policy: opts.policy,
    schedule: (fn) => void setImmediate(fn),
    anchorCopy: opts.anchorCopy,
  });
  const renderer = fakeRenderer();
  cleanups.push(
    () => tmp?.remove(),
    () => renderer.close(),
    () => shell.shutdown(),
  );
  return { shell, renderer, children, dataDir, keychain, fatal };
}

const slotTypes = (dataDir: string) =>
  (JSON.parse(readFileSync(keyFilePath(dataDir), 'utf8')) as { slots: { type: string }[] }).slots.map((s) => s.type);

describe('Shell: key handling', () => {
  it('first run with a usable keychain: a new store keyed by the keychain only, served to the renderer', async () => {
    const { shell, renderer, children, dataDir } = setup();
    shell.attachRenderer(renderer.link);
    const port = renderer.nextPort();
    await shell.boot();
    await port;
    expect(shell.shellState()).toEqual({ locked: false, reason: null });
    expect(slotTypes(dataDir)).toEqual(['os-keychain']);
    const init = children[0]!.received[0]!;
    expect(init).toMatchObject({ t: 'init', dataDir, create: { osWrapped: expect.any(String) } });
    expect(init.t === 'init' && init.create?.passphrase).toBeFalsy();
    expect((await renderer.api.call('app.status', {})).ok).toBe(false); // nobody signed in yet
    await signIn(renderer);
    const status = await renderer.api.call('app.status', {});
    expect(status.ok && status.data.documents).toBe(0);
  });

  it('a later start unwraps the key from the keychain; a reset keychain locks the store (keychain-failed)', async () => {
    const first = setup();
    await first.shell.boot();
    await first.shell.shutdown();

    const again = setup({ dir: first.dataDir, keychain: first.keychain });
    await again.shell.boot();
    expect(again.shell.shellState()).toEqual({ locked: false, reason: null });
    expect(again.children[0]!.received[0]).toMatchObject({ t: 'init', create: null });
    await again.shell.shutdown();

    first.keychain.failing = true;
    const reset = setup({ dir: first.dataDir, keychain: first.keychain });
    await reset.shell.boot();
    expect(reset.shell.shellState()).toEqual({ locked: true, reason: 'keychain-failed' });
    expect(reset.children).toHaveLength(0);
    // That store has no passphrase slot: unlocking by passphrase says so instead of hanging.
    const r = await reset.shell.unlock({ passphrase: PASSPHRASE });
    expect(!r.ok && r.error.code).toBe('wrong-passphrase');
  });

  it('without a usable keychain: locked (first-run), created by passphrase, refused with a wrong one, locked again after a crash', async () => {
    const { shell, renderer, children, dataDir } = setup({ keychain: testKeychain(false) });
    await shell.boot();
    expect(shell.shellState()).toEqual({ locked: true, reason: 'first-run' });
    shell.attachRenderer(renderer.link); // the window said hello while the store was locked: no port yet
    expect(renderer.ports).toHaveLength(0);

    expect(await shell.unlock({ passphrase: 'kort' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await shell.unlock({ passphrase: PASSPHRASE, create: false })).toMatchObject({
      ok: false,
      error: { code: 'store-not-initialised' },
    });
    const port = renderer.nextPort();
    expect(await shell.unlock({ passphrase: PASSPHRASE, create: true })).toEqual({ ok: true, data: { locked: false } });
    await port;
    expect(slotTypes(dataDir)).toEqual(['passphrase']);
    await signIn(renderer);
    expect((await renderer.api.call('app.status', {})).ok).toBe(true);

    // main keeps no key: after a crash of a passphrase-unlocked core the user unlocks again.
    children[0]!.crash();
    await until(() => renderer.states.length > 0);
    expect(renderer.states).toEqual([{ state: 'locked' }]);
    expect(shell.shellState()).toEqual({ locked: true, reason: 'no-keychain' });
    expect(await shell.unlock({ passphrase: PASSPHRASE, create: true })).toMatchObject({ ok: false, error: { code: 'store-exists' } });
    expect(await shell.unlock({ passphrase: 'niet het goede wachtwoord' })).toMatchObject({
      ok: false,
      error: { code: 'wrong-passphrase' },
    });
    const again = renderer.nextPort();
    expect(await shell.unlock({ passphrase: PASSPHRASE })).toEqual({ ok: true, data: { locked: false } });
    await again;
    expect(children).toHaveLength(2);
    await signIn(renderer); // a new core: a new session
    expect((await renderer.api.call('app.status', {})).ok).toBe(true);
  });

  it('CoreProcess zeroes the key it was given as soon as the init message is sent', async () => {
    const { dir, remove } = tempDir();
    cleanups.push(remove);
    const key = Buffer.alloc(32, 7);
    const child = inProcessChild();
    const core = new CoreProcess(child, { dataDir: dir, key, create: { passphrase: PASSPHRASE } }, null, () => undefined);
    expect(key.equals(Buffer.alloc(32))).toBe(true);
    const sent = child.received[0]!;
    expect(sent.t === 'init' && Buffer.from(sent.key).equals(Buffer.alloc(32, 7))).toBe(true);
    await core.ready;
    await core.stop();
    expect(child.exited).toBe(true);
  });
});

describe('Shell: the core process', () => {
  it('renderer calls go to the core (renderer audience only); main calls may ingest paths; blobs come back byte for byte', async () => {
    const { shell, renderer, dataDir } = setup();
    shell.attachRenderer(renderer.link);
    const port = renderer.nextPort();
    await shell.boot();
    await port;
    await signIn(renderer);

    const bytes = Buffer.from('%PDF-1.4\n% not really a pdf, stored as it came\n');
    const begin = await renderer.api.call('upload.begin', { name: 'brief.pdf', size: bytes.length });
    if (!begin.ok) throw new Error(begin.error.message);
    await renderer.api.call('upload.chunk', { uploadId: begin.data.uploadId, offset: 0, data: bytes.toString('base64') });
    const committed = await renderer.api.call('upload.commit', { uploadIds: [begin.data.uploadId] });
    if (!committed.ok) throw new Error(committed.error.message);
    const documentId = committed.data.documents[0]!.id;

    const blob = await shell.blob(documentId, 'original');
    expect(blob?.ok).toBe(true);
    if (blob?.ok) {
      expect(Buffer.from(blob.data).equals(bytes)).toBe(true);
      expect(blob.mime).toBe('application/pdf');
    }
    expect(await shell.blob('00000000-0000-4000-8000-000000000000', 'original')).toEqual({ ok: false, status: 404 });

    // ingest.paths takes file-system paths: refused from the renderer, allowed from main (after a native dialog).
    const file = join(dataDir, '..', 'scan.pdf');
    writeFileSync(file, bytes);
    const fromRenderer = await (renderer.api.call as (c: string, i: unknown) => Promise<{ ok: boolean; error?: { code: string } }>)(
      'ingest.paths',
      { paths: [file] },
    );
    expect(fromRenderer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const fromMain = await shell.call('ingest.paths', { paths: [file], source: 'import' });
    expect(fromMain.ok).toBe(true);
    const audit = await renderer.api.call('audit.list', { limit: 50 });
    // main acts for the person signed in at the window.
    expect(audit.ok && audit.data.some((e) => e.origin === 'main' && e.actor === TEST_ADMIN.login)).toBe(true);
  });

  it('restarts a keychain-unlocked core after a crash and hands the renderer a new port; gives up after too many', async () => {
    const { shell, renderer, children, fatal } = setup({ policy: restartPolicy({ maxRestarts: 1, windowMs: 60_000, delaysMs: [1] }) });
    shell.attachRenderer(renderer.link);
    let port = renderer.nextPort();
    await shell.boot();
    await port;
    await signIn(renderer);

    port = renderer.nextPort();
    children[0]!.crash();
    await port;
    expect(renderer.states).toEqual([{ state: 'waiting' }]);
    expect(children).toHaveLength(2);
    expect(children[1]!.received[0]).toMatchObject({ t: 'init', create: null });
    await signIn(renderer);
    expect((await renderer.api.call('app.status', {})).ok).toBe(true);

    children[1]!.crash();
    await until(() => renderer.states.length > 1);
    expect(renderer.states[1]).toMatchObject({ state: 'down', error: { code: 'internal' } });
    expect(fatal).toEqual(['internal']);
    expect(children).toHaveLength(2);
    expect(shell.shellState()).toEqual({ locked: false, reason: null });
    expect(await shell.call('app.status', {})).toMatchObject({ ok: false });
    expect(await shell.blob('00000000-0000-4000-8000-000000000000', 'pdf')).toBeNull();
  });

  it('a store the core cannot open puts the app down with the reason, told to the renderer', async () => {
    const first = setup();
    await first.shell.boot();
    await first.shell.shutdown();
    rmSync(databasePath(first.dataDir));
    expect(existsSync(keyFilePath(first.dataDir))).toBe(true);

    const broken = setup({ dir: first.dataDir, keychain: first.keychain });
    broken.shell.attachRenderer(broken.renderer.link);
    await broken.shell.boot();
    expect(broken.fatal).toHaveLength(1);
    expect(broken.renderer.states).toMatchObject([{ state: 'down' }]);
    expect(broken.renderer.ports).toHaveLength(0);
  });
});

describe('Shell: the audit anchor in the OS keychain', () => {
  it('keeps a copy that only moves forward; a trail cut together with its anchor file is found at the next start', async () => {
    const saved: string[] = [];
    const copy: AnchorCopy = { load: () => saved.at(-1) ?? null, save: (t) => void saved.push(t) };
    const first = setup({ anchorCopy: copy });
    first.shell.attachRenderer(first.renderer.link);
    const port = first.renderer.nextPort();
    await first.shell.boot();
    await port;
    await signIn(first.renderer);
    await first.renderer.api.call('auth.lock', {});
    await signIn(first.renderer);
    expect(await first.shell.keepAuditAnchor()).toBe(true);
    expect(await first.shell.keepAuditAnchor()).toBe(false); // nothing new: the copy stays as it is
    const kept = JSON.parse(saved.at(-1)!) as { seq: number; mac: string };
    expect(kept.seq).toBeGreaterThanOrEqual(3);
    await first.shell.shutdown();

    // Someone holding the store's key removes the newest entries and the anchor file, then writes more.
    const plan = planStart(first.dataDir, first.keychain);
    if (plan.kind !== 'start') throw new Error('the store should open with the keychain');
    const store = await openStore(first.dataDir, { kind: 'master-key', key: plan.key });
    store.db.exec('DROP TRIGGER IF EXISTS audit_no_delete'); // the append-only guard is no obstacle to the key's holder
    store.db.prepare('DELETE FROM audit WHERE seq >= ?').run(kept.seq - 1);
    store.close();
    rmSync(anchorPath(first.dataDir));

    const again = setup({ dir: first.dataDir, keychain: first.keychain, anchorCopy: copy });
    again.shell.attachRenderer(again.renderer.link);
    const port2 = again.renderer.nextPort();
    await again.shell.boot();
    await port2;
    await signIn(again.renderer);
    for (let i = 0; i < 3; i++) {
      await again.renderer.api.call('auth.lock', {});
      await signIn(again.renderer); // the trail grows past the copy's head again
    }
    const verify = await again.renderer.api.call('audit.verify', {});
    expect(verify.ok && verify.data.valid).toBe(false);
    expect(verify.ok && verify.data.problem).toMatchObject({ kind: 'tail-removed', seq: kept.seq - 1 }); // the first entry cut
    const status = await again.renderer.api.call('app.status', {});
    expect(status.ok && status.data.audit.chainValid).toBe(false);
    // The cut trail's fresh anchor never replaces the evidence.
    expect(await again.shell.keepAuditAnchor()).toBe(false);
    expect(JSON.parse(saved.at(-1)!)).toMatchObject({ seq: kept.seq, mac: kept.mac });
  });
});

describe('Shell: quitting', () => {
  it('quitting while the core is still starting stops it quietly (no error dialog)', async () => {
    const { shell, children, fatal } = setup();
    const booting = shell.boot();
    await shell.shutdown();
    await booting;
    expect(fatal).toEqual([]);
    expect(children[0]!.exited).toBe(true);
    expect(await shell.call('app.status', {})).toMatchObject({ ok: false });
  });
});

/** Signs the window's connection in (the first administrator on a new store), as the sign-in screen does. */
function signIn(renderer: { api: { call: (c: never, i: never) => Promise<{ ok: boolean; data?: unknown }> } }): Promise<void> {
  return signInAdminVia(renderer.api.call as unknown as AnyCall);
}

async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
