// main/keys.ts against a hostile or mismatched key file: the key check value and the bounded scrypt parameters.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { planStart, planUnlock, type Keychain } from '../../../main/keys';
import { createKeyFile, keyFilePath } from '../../../src/store/keyfile';
import { tempDir, testKeychain } from './support/in-process-core';

const PASSPHRASE = 'een lang genoeg wachtwoord';
const dirs: (() => void)[] = [];
afterEach(() => dirs.splice(0).forEach((r) => r()));
const fresh = () => {
  const t = tempDir();
  dirs.push(t.remove);
  return t.dir;
};

describe("planStart with a keychain that yields a key of the right length but not this store's", () => {
  it('is locked (keychain-failed) instead of handing the core a wrong key', async () => {
    const dir = fresh();
    const kc = testKeychain();
    await createKeyFile(dir, { osWrap: (m) => kc.wrap(m.toString('base64')) });
    const other: Keychain = { usable: true, wrap: (p) => p, unwrap: () => Buffer.alloc(32, 0x42).toString('base64') };
    expect(planStart(dir, other)).toEqual({ kind: 'locked', reason: 'keychain-failed' });
    const right = planStart(dir, kc);
    expect(right.kind).toBe('start');
  });
});

describe('planUnlock with absurd scrypt parameters in keys.json', () => {
  for (const [name, change] of [
    ['N = 2^30', { N: 2 ** 30 }],
    ['r = 1e9', { r: 1e9 }],
  ] as const) {
    it(`refuses ${name} at once (store-corrupt), before any derivation`, async () => {
      const dir = fresh();
      await createKeyFile(dir, { passphrase: PASSPHRASE });
      const kf = JSON.parse(readFileSync(keyFilePath(dir), 'utf8'));
      Object.assign(kf.slots[0], change);
      writeFileSync(keyFilePath(dir), JSON.stringify(kf));
      const t0 = performance.now();
      const err = await planUnlock(dir, { passphrase: PASSPHRASE, create: false }).then(
        () => null,
        (e: unknown) => e as { code?: string; message: string },
      );
      expect(err?.code).toBe('store-corrupt');
      expect(err?.message).toMatch(/^De opslag is beschadigd.*keys\.json.*scrypt/);
      expect(performance.now() - t0).toBeLessThan(500);
    });
  }
});
