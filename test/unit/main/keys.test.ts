import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { keychainUsable, planStart, planUnlock, type Keychain } from '../../../main/keys';
import { restartPolicy } from '../../../main/restart';
import { createKeyFile, databasePath, keyFilePath } from '../../../src/store/keyfile';
import { tempDir, testKeychain } from './support/in-process-core';

const PASSPHRASE = 'een lang genoeg wachtwoord';
const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((r) => r()));
const fresh = () => {
  const t = tempDir();
  dirs.push(t.remove);
  return t.dir;
};

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return (e as { code?: string }).code ?? `other: ${(e as Error).message}`;
  }
}

describe('keychainUsable', () => {
  it('refuses Linux basic_text and unknown backends, and anything without encryption', () => {
    expect(keychainUsable({ platform: 'linux', encryptionAvailable: true, backend: 'gnome_libsecret' })).toBe(true);
    expect(keychainUsable({ platform: 'linux', encryptionAvailable: true, backend: 'kwallet5' })).toBe(true);
    expect(keychainUsable({ platform: 'linux', encryptionAvailable: true, backend: 'basic_text' })).toBe(false);
    expect(keychainUsable({ platform: 'linux', encryptionAvailable: true, backend: 'unknown' })).toBe(false);
    expect(keychainUsable({ platform: 'linux', encryptionAvailable: true })).toBe(false);
    expect(keychainUsable({ platform: 'win32', encryptionAvailable: true })).toBe(true);
    expect(keychainUsable({ platform: 'darwin', encryptionAvailable: true })).toBe(true);
    expect(keychainUsable({ platform: 'darwin', encryptionAvailable: false })).toBe(false);
  });
});

describe('planStart', () => {
  it('first run: a fresh random key wrapped by the keychain, or the passphrase screen without one', () => {
    const dir = fresh();
    const kc = testKeychain();
    const a = planStart(dir, kc);
    const b = planStart(dir, kc);
    if (a.kind !== 'start' || b.kind !== 'start') throw new Error('expected a start');
    expect(a.key).toHaveLength(32);
    expect(a.key.equals(b.key)).toBe(false);
    expect(Buffer.from(kc.unwrap(a.create!.osWrapped!), 'base64').equals(a.key)).toBe(true);
    // The wrapped value is not the key in any plain encoding.
    expect(a.create!.osWrapped).not.toContain(a.key.toString('base64'));
    expect(planStart(dir, testKeychain(false))).toEqual({ kind: 'locked', reason: 'first-run' });
    const broken: Keychain = {
      usable: true,
      wrap: () => {
        throw new Error('no keyring');
      },
      unwrap: () => '',
    };
    expect(planStart(dir, broken)).toEqual({ kind: 'locked', reason: 'first-run' });
  });

  it('existing store: unwraps its keychain slot; otherwise says why it is locked', async () => {
    const kc = testKeychain();
    const dir = fresh();
    const { master } = await createKeyFile(dir, { osWrap: (m) => kc.wrap(m.toString('base64')) });
    const plan = planStart(dir, kc);
    expect(plan.kind === 'start' && plan.key.equals(master) && plan.create === null).toBe(true);
    expect(planStart(dir, testKeychain(false))).toEqual({ kind: 'locked', reason: 'no-keychain' });
    expect(planStart(dir, testKeychain())).toEqual({ kind: 'locked', reason: 'keychain-failed' }); // another account's keyring

    const onlyPassphrase = fresh();
    await createKeyFile(onlyPassphrase, { passphrase: PASSPHRASE });
    expect(planStart(onlyPassphrase, kc)).toEqual({ kind: 'locked', reason: 'no-keychain' });

    const damaged = fresh();
    writeFileSync(keyFilePath(damaged), '{"format":"something else"}');
    expect(planStart(damaged, kc)).toEqual({ kind: 'locked', reason: 'no-keychain' });
    expect(await codeOf(planUnlock(damaged, { passphrase: PASSPHRASE, create: false }))).toBe('store-corrupt');

    // A database whose key file is gone is a damaged store, never a first run (nothing new is made over it).
    const orphan = fresh();
    writeFileSync(databasePath(orphan), 'x');
    expect(planStart(orphan, kc)).toEqual({ kind: 'locked', reason: 'no-keychain' });
    expect(await codeOf(planUnlock(orphan, { passphrase: PASSPHRASE, create: false }))).toBe('store-corrupt');
    expect(await codeOf(planUnlock(orphan, { passphrase: PASSPHRASE, create: true }))).toBe('store-exists');
  });
});

describe('planUnlock', () => {
  it('opens with the right passphrase only, creates only where no store is', async () => {
    const dir = fresh();
    expect(await codeOf(planUnlock(dir, { passphrase: PASSPHRASE, create: false }))).toBe('store-not-initialised');
    const created = await planUnlock(dir, { passphrase: PASSPHRASE, create: true });
    expect(created.create).toEqual({ passphrase: PASSPHRASE });
    expect(created.key).toHaveLength(32);

    const { master } = await createKeyFile(dir, { passphrase: PASSPHRASE });
    expect((await planUnlock(dir, { passphrase: PASSPHRASE, create: false })).key.equals(master)).toBe(true);
    expect(await codeOf(planUnlock(dir, { passphrase: 'fout wachtwoord!', create: false }))).toBe('wrong-passphrase');
    expect(await codeOf(planUnlock(dir, { passphrase: PASSPHRASE, create: true }))).toBe('store-exists');
  });
});

describe('restartPolicy', () => {
  it('backs off, then gives up after too many crashes within the window; forgets old ones', () => {
    const p = restartPolicy({ maxRestarts: 3, windowMs: 60_000, delaysMs: [500, 2_000, 5_000] });
    expect([p.next(0), p.next(1_000), p.next(2_000)]).toEqual([500, 2_000, 5_000]);
    expect(p.next(3_000)).toBeNull();
    const q = restartPolicy({ maxRestarts: 2, windowMs: 10_000, delaysMs: [100] });
    expect([q.next(0), q.next(1), q.next(20_000), q.next(20_001)]).toEqual([100, 100, 100, 100]);
    expect(q.next(20_002)).toBeNull();
  });
});
