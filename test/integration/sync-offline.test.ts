import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { PASSPHRASE, call, ingestPdfs, openStoreWithConnection, serverDocuments, tempDir } from './sync-support';
import { CLI_PERSON } from '../support/cli';

// Offline-first (the "must show" 3): documents linked by zaaknummer while the zaaksysteem is down are
// delivered when it returns — by the background loop, without anyone pressing a button — and an unknown
// zaaknummer lands in attention with a clear reason.

const ROOT = resolve(__dirname, '../..');

async function waitFor<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A test server and a store connected to it, for the tests of one describe block. */
function serverAndStore(name: string): { server: ZgwServer; core: Core; dir: ReturnType<typeof tempDir> } {
  const ctx = {} as { server: ZgwServer; core: Core; dir: ReturnType<typeof tempDir> };
  beforeAll(async () => {
    process.env.POSTKAMER_SYNC_BACKOFF_MS = '100';
    ctx.server = await startZgwServer({ seed: 'minimal' });
    ctx.dir = tempDir(name);
    ctx.core = await openStoreWithConnection(ctx.dir.dir, ctx.server);
  });
  afterAll(async () => {
    await ctx.core?.close();
    await ctx.server?.close();
    ctx.dir?.cleanup();
  });
  return ctx;
}

describe('sync offline and back', () => {
  const ctx = serverAndStore('sync-offline');

  it('links while the server is down, delivers by itself when it returns, and flags the unknown zaaknummer', async () => {
    const { server, core, dir } = ctx;
    server.faults.setOffline(true);
    const ids = await ingestPdfs(core, 6);
    // Linking needs no server.
    for (const [i, id] of ids.entries()) {
      await call(core, 'sync.link', { documentId: id, zaaknummer: i === 5 ? 'ZAAK-2026-0000004242' : `ZAAK-2026-000000000${1 + (i % 3)}` });
    }

    // A run-once while offline returns promptly with everything still queued and the reason recorded.
    const t0 = Date.now();
    const once = await call(core, 'sync.run', { maxWaitMs: 2000 });
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(once).toMatchObject({ delivered: 0, remaining: 6, offline: ['test'] });
    const waiting = await call(core, 'sync.outbox.list', {});
    expect(waiting.every((w) => w.state === 'pending')).toBe(true);
    expect(waiting.some((w) => (w.lastError ?? '').includes('niet bereikbaar'))).toBe(true);

    // The CLI says the same and exits 0: the sync itself could run.
    const cli = await new Promise<{ code: number | null; stdout: string }>((res) => {
      const c = spawn(process.execPath, ['bin/postkamer.mjs', 'sync', '--once', '--json', '--max-wait', '1000', '--data', dir.dir], {
        cwd: ROOT,
        env: { ...process.env, ...CLI_PERSON, POSTKAMER_PASSPHRASE: PASSPHRASE },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let out = '';
      c.stdout.on('data', (d) => (out += d));
      c.on('exit', (code) => res({ code, stdout: out }));
    });
    expect(cli.code).toBe(0);
    expect(JSON.parse(cli.stdout)).toMatchObject({ delivered: 0, offline: ['test'], outbox: { pending: 6 } });

    // The background loop keeps probing; the server comes back.
    core.startBackground();
    await new Promise((r) => setTimeout(r, 1500));
    expect(serverDocuments(server).eios).toHaveLength(0);
    server.faults.setOffline(false);
    const status = await waitFor('delivery after reconnect', async () => {
      const s = await call(core, 'sync.status', {});
      return s.outbox.done === 5 && s.outbox.attention === 1 ? s : undefined;
    });
    expect(status.offline).toEqual([]);
    const { eios, zios } = serverDocuments(server);
    expect(eios).toHaveLength(5);
    expect(zios).toHaveLength(5);
    const [flagged] = await call(core, 'sync.outbox.list', { state: 'attention' });
    expect(flagged).toMatchObject({ zaaknummer: 'ZAAK-2026-0000004242', lastErrorCode: 'zgw-zaak-onbekend' });
    expect(flagged.lastError).toMatch(/Zaak ZAAK-2026-0000004242 bestaat niet in het zaaksysteem/);
    expect(server.state.responseErrors).toEqual([]);
  });
});

describe('sync: rows of a server that went offline', () => {
  const ctx = serverAndStore('sync-offline-claimed');

  it('rows claimed ahead for a server that went offline are given back: a clerk can relink them at once', async () => {
    const { server, core } = ctx;
    server.faults.setOffline(true);
    const ids = await ingestPdfs(core, 10, { offset: 100 });
    for (const id of ids) await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000001' });
    // The run claims more rows than it starts (claims go ahead of the deliveries); the first answers fail and the
    // environment goes offline, so the rest are never started.
    const once = await call(core, 'sync.run', { maxWaitMs: 1000 });
    expect(once).toMatchObject({ delivered: 0, offline: ['test'] });
    // None of them may stay leased to this process: relinking answers at once instead of 'zgw-busy' for a minute.
    for (const id of ids) await call(core, 'sync.link', { documentId: id, zaaknummer: 'ZAAK-2026-0000000002' });
    const rows = await call(core, 'sync.outbox.list', {});
    expect(rows.filter((r) => ids.includes(r.documentId)).every((r) => r.zaaknummer === 'ZAAK-2026-0000000002')).toBe(true);
    server.faults.setOffline(false);
  });
});
