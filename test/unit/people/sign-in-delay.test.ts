// Failed sign-ins (src/people/sign-in-delay.ts): three typos are free, then every failure doubles the wait, up to a
// quarter of an hour; guessing a six-digit PIN this way takes years.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { delayAfterFailures, FREE_ATTEMPTS, MAX_DELAY_MS, secondsToWait } from '../../../src/people/sign-in-delay';

describe('delays after failed sign-ins', () => {
  it('lets the first few typos go, then doubles from 2 seconds to at most 15 minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(delayAfterFailures)).toEqual([0, 0, 2_000, 4_000, 8_000, 16_000]);
    expect(FREE_ATTEMPTS).toBe(3);
    expect(delayAfterFailures(12)).toBe(MAX_DELAY_MS);
    expect(delayAfterFailures(10_000)).toBe(15 * 60_000);
  });

  it('never shrinks as failures go on, and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (n) => {
        expect(delayAfterFailures(n + 1)).toBeGreaterThanOrEqual(delayAfterFailures(n));
        expect(delayAfterFailures(n)).toBeLessThanOrEqual(MAX_DELAY_MS);
      }),
    );
  });

  it('makes guessing a six-digit PIN take years', () => {
    let ms = 0;
    for (let n = 1; n <= 1_000_000 / 2; n++) ms += delayAfterFailures(n);
    expect(ms / (365 * 24 * 3600_000)).toBeGreaterThan(10);
  });

  it('says how many whole seconds are left', () => {
    expect(secondsToWait(null, 1000)).toBe(0);
    expect(secondsToWait(1000, 1000)).toBe(0);
    expect(secondsToWait(2001, 1000)).toBe(2);
  });
});
