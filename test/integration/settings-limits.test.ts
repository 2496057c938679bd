// Settings other than a person's own preference (the language) are the administrator's: a clerk may not change them
// from any channel, an administrator may from every channel, always within the hard bounds the core names, and every
// change is audited with its old and new value. Real store on disk, people signed in through the contract.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTO_LOCK_MINUTES, FILE_SIZE_LIMIT, PURGE_AFTER_DAYS, type Settings } from '../../src/contract/schemas';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, tempDir } from '../support/cli';
import { signInAsAdmin, signedInAs } from '../support/people';

describe('settings.set: the administrator changes limits, everyone their language; always within bounds', () => {
  let core: Core;
  const cli: CallContext = { origin: 'cli', connection: 'cli-beheerder' };
  let webClerk: CallContext;
  let rendererClerk: CallContext;
  let webAdmin: CallContext;
  beforeAll(async () => {
    core = await openCore(join(tempDir(), 'store'), PASSPHRASE, { create: true });
    await signInAsAdmin(core, cli);
    webClerk = await signedInAs(core, ['medewerker'], 'web');
    rendererClerk = await signedInAs(core, ['archivaris', 'teamleider'], 'renderer');
    webAdmin = await signedInAs(core, ['beheerder'], 'web');
  });
  afterAll(async () => {
    await core?.close();
  });
  const get = async (): Promise<Settings> => {
    const r = await core.call('settings.get', {}, cli);
    if (!r.ok) throw new Error(r.error.message);
    return r.data as Settings;
  };
  const rowCount = () => (core.store.db.prepare(`SELECT count(*) AS n FROM settings WHERE key = 'maxFileBytes'`).get() as { n: number }).n;
  const audited = () =>
    core.store.db.prepare(`SELECT actor, object_id, details FROM audit WHERE action = 'settings.changed' ORDER BY seq`).all() as {
      actor: string;
      object_id: string;
      details: string;
    }[];

  it('names sane bounds: files 1 MiB to 2 GiB, auto-lock 1 to 60 minutes (10 by default), purge after 1 day to 10 years (30 days)', async () => {
    expect(FILE_SIZE_LIMIT).toEqual({ min: 1024 * 1024, max: 2 * 1024 ** 3 });
    expect(AUTO_LOCK_MINUTES).toEqual({ min: 1, max: 60, default: 10 });
    expect(PURGE_AFTER_DAYS).toEqual({ min: 1, max: 3650, default: 30 });
    expect(await get()).toMatchObject({ autoLockMinutes: 10, purgeAfterDays: 30 });
  });

  it('someone who is not an administrator may not change a limit, from any channel (forbidden, Dutch reason, value unchanged)', async () => {
    const before = await get();
    const rowsBefore = rowCount();
    for (const ctx of [webClerk, rendererClerk]) {
      for (const input of [
        { maxFileBytes: 2 * 1024 ** 3 },
        { locale: 'en', maxFileBytes: 10 * 1024 * 1024 },
        { autoLockMinutes: 60 },
        { purgeAfterDays: 1 },
      ]) {
        const r = await core.call('settings.set', input, ctx);
        expect(r.ok, JSON.stringify(r)).toBe(false);
        const err = (r as { ok: false; error: { code: string; message: string } }).error;
        expect(err.code).toBe('forbidden');
        expect(err.message).toMatch(/beheerder/);
      }
    }
    expect(await get()).toEqual(before);
    expect(rowCount()).toBe(rowsBefore);
    expect(audited()).toEqual([]);
  });

  it('everyone may change the language (a preference: not audited as a setting)', async () => {
    expect(await core.call('settings.set', { locale: 'en' }, webClerk)).toMatchObject({ ok: true, data: { locale: 'en' } });
    expect((await get()).locale).toBe('en');
    await core.call('settings.set', { locale: 'nl' }, rendererClerk);
    expect((await get()).locale).toBe('nl');
    expect(audited()).toEqual([]);
  });

  it('an absurd value is invalid input, even for the administrator, and the value stays', async () => {
    const before = await get();
    for (const input of [
      ...[0, 1, 1000, 1024 * 1024 - 1, 2 * 1024 ** 3 + 1, 1e15, Number.MAX_SAFE_INTEGER, -5].map((v) => ({ maxFileBytes: v })),
      ...[0, 61, 1.5, -1].map((v) => ({ autoLockMinutes: v })),
      ...[0, 3651, -30].map((v) => ({ purgeAfterDays: v })),
    ]) {
      const r = await core.call('settings.set', input, cli);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      expect((r as { error: { code: string } }).error.code).toBe('invalid-input');
    }
    expect(await get()).toEqual(before);
  });

  it('the administrator changes limits within the bounds, from the CLI or the UI; each change is audited with old and new value', async () => {
    expect(await core.call('settings.set', { maxFileBytes: 64 * 1024 * 1024 }, cli)).toMatchObject({
      ok: true,
      data: { maxFileBytes: 64 * 1024 * 1024 },
    });
    expect(await core.call('settings.set', { autoLockMinutes: 5, purgeAfterDays: 90 }, webAdmin)).toMatchObject({
      ok: true,
      data: { autoLockMinutes: 5, purgeAfterDays: 90 },
    });
    const entries = audited().map((e) => ({
      actor: e.actor,
      key: e.object_id,
      details: JSON.parse(e.details) as { old: number; new: number },
    }));
    expect(entries).toEqual([
      { actor: 'test-beheerder', key: 'maxFileBytes', details: expect.objectContaining({ old: 500_000_000, new: 64 * 1024 * 1024 }) },
      { actor: 't-beheerder', key: 'autoLockMinutes', details: expect.objectContaining({ old: 10, new: 5 }) },
      { actor: 't-beheerder', key: 'purgeAfterDays', details: expect.objectContaining({ old: 30, new: 90 }) },
    ]);
  });

  it('a value out of bounds in the store (written by an older version or by hand) is not used', async () => {
    const put = (k: string, v: string) =>
      core.store.db
        .prepare(`INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`)
        .run(k, v);
    put('maxFileBytes', '1e18');
    put('autoLockMinutes', '100000');
    put('purgeAfterDays', '-4');
    expect(await get()).toMatchObject({ maxFileBytes: FILE_SIZE_LIMIT.max, autoLockMinutes: 60, purgeAfterDays: 1 });
    put('maxFileBytes', '"veel"');
    put('autoLockMinutes', 'null');
    const s = await get();
    expect(s.maxFileBytes).toBeGreaterThanOrEqual(FILE_SIZE_LIMIT.min);
    expect(s.autoLockMinutes).toBe(AUTO_LOCK_MINUTES.default);
  });
});
