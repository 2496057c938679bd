// Unit tests of quality control's sampling rule: the sizes (percentage, ISO 2859-1 at AQL 1.0) and the seeded draw.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_QC_SAMPLE_RULE, type QcSampleRule } from '../../../src/contract/vervanging-settings';
import { drawSample, sampleSize } from '../../../src/domain/qc-sample';

const ISO: QcSampleRule = { kind: 'iso2859', level: 'II', aql: 1 };
const hexSeed = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

// Independent restatement of xoshiro128** (BigInt, masked to 32 bits) and the draw, to check the module against.
function referenceDraw(positions: readonly number[], n: number, seed: string): number[] {
  const M = 0xffffffffn;
  const s = [0, 1, 2, 3].map((i) => BigInt('0x' + seed.slice(i * 8, i * 8 + 8)));
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  const next = (): bigint => {
    const result = (rotl((s[1]! * 5n) & M, 7n) * 9n) & M;
    const t = (s[1]! << 9n) & M;
    s[2]! ^= s[0]!;
    s[3]! ^= s[1]!;
    s[1]! ^= s[2]!;
    s[0]! ^= s[3]!;
    s[2]! ^= t;
    s[3] = rotl(s[3]!, 11n);
    return result;
  };
  const a = [...positions];
  if (n >= a.length) return a.sort((x, y) => x - y);
  for (let i = 0; i < n; i++) {
    const k = BigInt(a.length - i);
    let x = next();
    while (x >= 2n ** 32n - (2n ** 32n % k)) x = next();
    const j = i + Number(x % k);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, n).sort((x, y) => x - y);
}

describe('sampleSize, percentage rule', () => {
  it('the default rule is 5 % at least 10', () => {
    expect(DEFAULT_QC_SAMPLE_RULE).toEqual({ kind: 'percentage', percent: 5, min: 10 });
  });

  it.each([
    [0, 0],
    [1, 1],
    [9, 9],
    [10, 10],
    [11, 10],
    [199, 10],
    [200, 10],
    [201, 11], // 10.05 rounds up
    [220, 11],
    [10_000, 500],
  ])('5 %% at least 10 of %i pages checks %i', (population, expected) => {
    expect(sampleSize(DEFAULT_QC_SAMPLE_RULE, population)).toEqual({ sampleSize: expected, ac: null, re: null });
  });

  it('rounds up exactly, without floating-point error', () => {
    const rule = (percent: number, min = 1): QcSampleRule => ({ kind: 'percentage', percent, min });
    expect(sampleSize(rule(16.1), 1000).sampleSize).toBe(161); // 16.1 * 1000 / 100 is 161.00000000000003 in floats
    expect(sampleSize(rule(0.1), 1001).sampleSize).toBe(2);
    expect(sampleSize(rule(100), 37).sampleSize).toBe(37);
    expect(sampleSize(rule(33.3), 3).sampleSize).toBe(1);
    expect(sampleSize(rule(50, 10_000), 12).sampleSize).toBe(12);
  });

  it('is at least min, at least the percentage, never more than the batch', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }).map((t) => t / 10),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        (percent, min, population) => {
          const n = sampleSize({ kind: 'percentage', percent, min }, population).sampleSize;
          expect(Number.isInteger(n)).toBe(true);
          expect(n).toBeLessThanOrEqual(population);
          expect(n).toBeGreaterThanOrEqual(Math.min(min, population));
          expect(n).toBeGreaterThanOrEqual(Math.min(population, (percent * population) / 100 - 1e-9));
          // one page fewer would be below both the percentage and the minimum (when not capped by the batch)
          if (n < population && n > min) expect(((n - 1) * 100) / population).toBeLessThan(percent);
        },
      ),
    );
  });

  it('refuses a negative or fractional number of pages', () => {
    expect(() => sampleSize(DEFAULT_QC_SAMPLE_RULE, -1)).toThrow(/-1/);
    expect(() => sampleSize(ISO, 2.5)).toThrow(/2\.5/);
  });
});

describe('sampleSize, ISO 2859-1 level II, normal inspection, AQL 1.0', () => {
  // [lot size, code letter (comment only), sample size, Ac, Re] at every boundary of Table I; arrows of Table II-A
  // followed: A–D and F use E's plan (13, 0/1), G uses H's (50, 1/2); 100 % when the plan exceeds the lot.
  it.each([
    [1, 1, 0, 1], // below Table I: treated as A
    [2, 2, 0, 1], // A
    [8, 8, 0, 1],
    [9, 9, 0, 1], // B
    [12, 12, 0, 1],
    [13, 13, 0, 1],
    [14, 13, 0, 1],
    [15, 13, 0, 1],
    [16, 13, 0, 1], // C
    [25, 13, 0, 1],
    [26, 13, 0, 1], // D
    [50, 13, 0, 1],
    [51, 13, 0, 1], // E
    [90, 13, 0, 1],
    [91, 13, 0, 1], // F ↑
    [150, 13, 0, 1],
    [151, 50, 1, 2], // G ↓
    [280, 50, 1, 2],
    [281, 50, 1, 2], // H
    [500, 50, 1, 2],
    [501, 80, 2, 3], // J
    [1200, 80, 2, 3],
    [1201, 125, 3, 4], // K
    [3200, 125, 3, 4],
    [3201, 200, 5, 6], // L
    [10_000, 200, 5, 6],
    [10_001, 315, 7, 8], // M
    [35_000, 315, 7, 8],
    [35_001, 500, 10, 11], // N
    [150_000, 500, 10, 11],
    [150_001, 800, 14, 15], // P
    [500_000, 800, 14, 15],
    [500_001, 1250, 21, 22], // Q
    [5_000_000, 1250, 21, 22],
  ])('a lot of %i pages: n %i, Ac %i, Re %i', (population, n, ac, re) => {
    expect(sampleSize(ISO, population)).toEqual({ sampleSize: n, ac, re });
  });

  it('an empty batch checks nothing and is accepted (Ac 0, Re 1)', () => {
    expect(sampleSize(ISO, 0)).toEqual({ sampleSize: 0, ac: 0, re: 1 });
  });

  it('Re is Ac + 1 and the sample never exceeds the lot', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2_000_000 }), (population) => {
        const { sampleSize: n, ac, re } = sampleSize(ISO, population);
        expect(re).toBe(ac! + 1);
        expect(n).toBeGreaterThanOrEqual(1);
        expect(n).toBeLessThanOrEqual(population);
      }),
    );
  });
});

describe('drawSample', () => {
  const SEED = '0123456789abcdeffedcba9876543210';

  it('draws what xoshiro128** and the partial Fisher–Yates give by hand', () => {
    // Reference C code's first outputs for this seed: 2576975000, 1717987679, 3437557858 →
    // j = 0 + 2576975000 mod 10 = 0, j = 1 + 1717987679 mod 9 = 9, j = 2 + 3437557858 mod 8 = 4.
    expect(drawSample(range(100, 109), 3, SEED)).toEqual([100, 104, 109]);
    expect(drawSample(range(1, 20), 5, SEED)).toEqual([1, 3, 5, 9, 13]);
    expect(drawSample(range(1, 20), 5, SEED.toUpperCase())).toEqual([1, 3, 5, 9, 13]);
  });

  it('rejects an output in the biased top of the 32-bit range', () => {
    // s1 = 0x831c71c7 makes the first output 2^32 - 1 (reference C code: 4294967295, then 4294962680). For k = 10
    // the limit is 2^32 - 6, so the first is rejected and the second gives j = 4294962680 mod 10 = 0 (not 5).
    expect(drawSample(range(1, 10), 1, '01234567831c71c7fedcba9876543210')).toEqual([1]);
  });

  it('agrees with an independent restatement of the algorithm', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 100_000 }), { maxLength: 300 }), fc.nat(320), hexSeed, (positions, n, seed) => {
        expect(drawSample(positions, n, seed)).toEqual(referenceDraw(positions, n, seed));
      }),
    );
  });

  it('is deterministic and gives min(n, length) distinct members of positions, ascending', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 5000 }), { maxLength: 200 }), fc.nat(250), hexSeed, (positions, n, seed) => {
        const input = [...positions];
        const sample = drawSample(positions, n, seed);
        expect(drawSample(positions, n, seed)).toEqual(sample);
        expect(positions).toEqual(input); // the input is not shuffled in place
        expect(sample).toHaveLength(Math.min(n, positions.length));
        expect(new Set(sample).size).toBe(sample.length);
        for (const p of sample) expect(positions).toContain(p);
        for (let i = 1; i < sample.length; i++) expect(sample[i]!).toBeGreaterThan(sample[i - 1]!);
      }),
    );
  });

  it('n >= length gives every position; n = 0 gives none', () => {
    expect(drawSample([5, 3, 9], 3, SEED)).toEqual([3, 5, 9]);
    expect(drawSample([5, 3, 9], 50, SEED)).toEqual([3, 5, 9]);
    expect(drawSample([5, 3, 9], 0, SEED)).toEqual([]);
    expect(drawSample([], 10, SEED)).toEqual([]);
  });

  it('different seeds give different samples', () => {
    fc.assert(
      fc.property(fc.uniqueArray(hexSeed, { minLength: 20, maxLength: 20 }), (seeds) => {
        const samples = new Set(seeds.map((seed) => drawSample(range(1, 200), 10, seed).join(',')));
        expect(samples.size).toBeGreaterThan(1);
      }),
      { numRuns: 50 },
    );
    // every bit of the seed matters: flipping the last hex digit changes the sample
    const flipped = SEED.slice(0, 31) + '1';
    expect(drawSample(range(1, 1000), 20, flipped)).not.toEqual(drawSample(range(1, 1000), 20, SEED));
  });

  it('draws each position about equally often (2000 seeds, 10 of 50)', () => {
    const counts = new Map<number, number>();
    for (let i = 0; i < 2000; i++) {
      const seed = createHash('sha256').update(`seed ${i}`).digest('hex').slice(0, 32);
      for (const p of drawSample(range(1, 50), 10, seed)) counts.set(p, (counts.get(p) ?? 0) + 1);
    }
    // each position is expected 2000 * 10/50 = 400 times (sd ≈ 18); 300–500 is more than 5 sd either side
    expect(counts.size).toBe(50);
    for (const c of counts.values()) {
      expect(c).toBeGreaterThan(300);
      expect(c).toBeLessThan(500);
    }
  });

  it('refuses a seed that is not 32 hex digits, naming it', () => {
    expect(() => drawSample([1, 2, 3], 1, 'abc')).toThrow(/'abc'/);
    expect(() => drawSample([1, 2, 3], 1, SEED + '0')).toThrow(/seed/);
    expect(() => drawSample([1, 2, 3], 1, 'g'.repeat(32))).toThrow(/'g{32}'/);
    expect(() => drawSample([1, 2, 3], 1, '0'.repeat(32))).toThrow(/nul/);
  });

  it('refuses a negative size and duplicate positions', () => {
    expect(() => drawSample([1, 2, 3], -1, SEED)).toThrow(/-1/);
    expect(() => drawSample([1, 2, 2], 1, SEED)).toThrow(/dubbele/);
  });
});
