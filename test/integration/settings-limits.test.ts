// Limits are an administrator's setting: the renderer and the web harness may change the user's own preference
// (the language) and nothing else; trusted local callers (CLI, Electron main) may change a limit, but only within
// the hard bounds the core names. Real store on disk.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_SIZE_LIMIT } from '../../src/contract/schemas';
import type { Result } from '../../src/contract/wire';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, tempDir } from '../support/cli';

const cli: CallContext = { origin: 'cli', actor: 'beheerder' };
const main: CallContext = { origin: 'main', actor: 'beheerder' };
const web: CallContext = { origin: 'web', actor: 'clerk' };
const renderer: CallContext = { origin: 'renderer', actor: 'clerk' };

describe('settings.set: limits only from trusted origins, always within bounds', () => {
  let core: Core;
  beforeAll(async () => {
    core = await openCore(join(tempDir(), 'store'), PASSPHRASE, { create: true });
  });
  afterAll(async () => {
    await core?.close();
  });
  const get = async () =>
    ((await core.call('settings.get', {}, web)) as Result<{ locale: string; maxFileBytes: number }> & { ok: true }).data;
  const rowCount = () => (core.store.db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'maxFileBytes'`).get() as { n: number }).n;

  it('names sane bounds: at least 1 MiB, at most 2 GiB', () => {
    expect(FILE_SIZE_LIMIT.min).toBe(1024 * 1024);
    expect(FILE_SIZE_LIMIT.max).toBe(2 * 1024 ** 3);
  });

  it('a renderer or web call may not change maxFileBytes (forbidden, Dutch reason, value unchanged)', async () => {
    const before = await get();
    const rowsBefore = rowCount();
    for (const ctx of [web, renderer]) {
      for (const input of [
        { maxFileBytes: 2 * 1024 ** 3 },
        { maxFileBytes: 1024 * 1024 },
        { locale: 'en', maxFileBytes: 10 * 1024 * 1024 },
      ]) {
        const r = await core.call('settings.set', input, ctx);
        expect(r.ok, JSON.stringify(r)).toBe(false);
        const err = (r as { ok: false; error: { code: string; message: string } }).error;
        expect(err.code).toBe('forbidden');
        expect(err.message).toMatch(/beheerder/);
        expect(err.message).toMatch(/bestandsgrootte|limiet/i);
      }
    }
    expect(await get()).toEqual(before);
    expect(rowCount()).toBe(rowsBefore);
  });

  it('a renderer or web call may change the language', async () => {
    const r = await core.call('settings.set', { locale: 'en' }, web);
    expect(r).toMatchObject({ ok: true, data: { locale: 'en' } });
    expect((await get()).locale).toBe('en');
    await core.call('settings.set', { locale: 'nl' }, renderer);
    expect((await get()).locale).toBe('nl');
  });

  it('a CLI call with an absurd value is invalid input, and the value stays', async () => {
    const before = await get();
    for (const v of [0, 1, 1000, 1024 * 1024 - 1, 2 * 1024 ** 3 + 1, 1e15, Number.MAX_SAFE_INTEGER, -5]) {
      const r = await core.call('settings.set', { maxFileBytes: v }, cli);
      expect(r.ok, `maxFileBytes ${v}`).toBe(false);
      expect((r as { error: { code: string } }).error.code).toBe('invalid-input');
    }
    expect(await get()).toEqual(before);
  });

  it('a CLI or main call within the bounds works', async () => {
    const r = await core.call('settings.set', { maxFileBytes: 64 * 1024 * 1024 }, cli);
    expect(r).toMatchObject({ ok: true, data: { maxFileBytes: 64 * 1024 * 1024 } });
    expect((await get()).maxFileBytes).toBe(64 * 1024 * 1024);
    const m = await core.call('settings.set', { maxFileBytes: FILE_SIZE_LIMIT.max }, main);
    expect(m).toMatchObject({ ok: true, data: { maxFileBytes: FILE_SIZE_LIMIT.max } });
  });

  it('a value out of bounds in the store (written by an older version or by hand) is not used', async () => {
    core.store.db
      .prepare(`INSERT INTO settings (key, value) VALUES ('maxFileBytes', '1e18') ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
      .run();
    expect((await get()).maxFileBytes).toBe(FILE_SIZE_LIMIT.max);
    core.store.db.prepare(`UPDATE settings SET value = '"veel"' WHERE key = 'maxFileBytes'`).run();
    const s = await get();
    expect(s.maxFileBytes).toBeGreaterThanOrEqual(FILE_SIZE_LIMIT.min);
    expect(s.maxFileBytes).toBeLessThanOrEqual(FILE_SIZE_LIMIT.max);
  });
});
