// A person's PIN hash (src/people/pin.ts): salted, verified in constant time, and a stored value outside the bounds
// (a forged row asking for an enormous cost, or garbage) is refused without being tried.
import { describe, expect, it } from 'vitest';
import { decoyHash, hashPin, PIN_SCRYPT, verifyPin } from '../../../src/people/pin';

describe('PIN hashes', () => {
  it('verifies the right PIN and refuses a wrong one; the same PIN hashes differently each time (salt)', async () => {
    const a = await hashPin('246810');
    const b = await hashPin('246810');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await verifyPin('246810', a)).toBe(true);
    expect(await verifyPin('246811', a)).toBe(false);
    expect(await verifyPin('', a)).toBe(false);
    expect(a).not.toContain('246810');
  });

  it('treats a passphrase in another Unicode form as the same (NFC)', async () => {
    const h = await hashPin('café-ochtend');
    expect(await verifyPin('cafe\u0301-ochtend', h)).toBe(true);
  });

  it('refuses a stored hash whose parameters are out of bounds or malformed, without running scrypt on them', async () => {
    const good = await hashPin('246810');
    const [, , r, p, salt, hash] = good.split('$');
    for (const forged of [
      ['scrypt', 30, r, p, salt, hash].join('$'), // 2^30: gigabytes of memory
      ['scrypt', 10, r, p, salt, hash].join('$'), // too cheap to be worth anything
      ['scrypt', 15, 16, p, salt, hash].join('$'),
      ['scrypt', 15, r, 9, salt, hash].join('$'),
      ['scrypt', 15, r, p, 'AAAA', hash].join('$'),
      ['argon2', 15, r, p, salt, hash].join('$'),
      '',
      'scrypt$15$8$1$$',
    ]) {
      // Tried, 2^30 would ask scrypt for a terabyte and throw or hang; refused, it is simply false.
      expect(await verifyPin('246810', forged), forged).toBe(false);
    }
    // A hash that really was made with a too-cheap or a too-costly-in-parallel setting, for the right PIN: only the
    // bounds can refuse it (a mismatch cannot be the reason).
    for (const params of [
      { N: 2 ** 10, r: 8, p: 1 },
      { N: 2 ** 14, r: 8, p: 5 },
    ]) {
      const real = await hashPin('246810', params);
      expect(await verifyPin('246810', real), real).toBe(false);
    }
    expect(await verifyPin('246810', await hashPin('246810', { N: 2 ** 14, r: 8, p: 1 }))).toBe(true); // the lower bound itself
  });

  it('uses N = 2^15, r = 8, p = 1 for new hashes, and a decoy hash of the same cost for unknown logins', async () => {
    expect(PIN_SCRYPT).toEqual({ N: 2 ** 15, r: 8, p: 1 });
    const decoy = await decoyHash();
    expect(decoy).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(await decoyHash()).toBe(decoy);
    expect(await verifyPin('246810', decoy)).toBe(false);
  });
});
