// Quality control's sampling rule: how many pages of a scan batch a second person checks (percentage or ISO 2859-1),
// and which ones, drawn reproducibly from a recorded 128-bit seed (xoshiro128** and a partial Fisher–Yates shuffle).

/**
 * The setting qcSampleRule, restated here because src/domain may not import src/contract (.dependency-cruiser.cjs,
 * pure-imports-only-itself); structurally the same as QcSampleRule in src/contract/vervanging-settings.ts, so a value of
 * that type is accepted as it is (test/unit/domain/qc-sample.test.ts passes the contract's type and is type-checked).
 */
export type QcSampleRule =
  | { readonly kind: 'percentage'; readonly percent: number; readonly min: number }
  | { readonly kind: 'iso2859'; readonly level: 'II'; readonly aql: 1 };

/** A sample size with ISO 2859-1's acceptance number (Ac: at most this many fout) and rejection number (Re). */
export interface QcSampleSize {
  sampleSize: number;
  ac: number | null;
  re: number | null;
}

/*
 * ISO 2859-1 single sampling, normal inspection, general inspection level II, AQL 1.0.
 *
 * Table I (sample size code letters), level II: lot 2–8 A, 9–15 B, 16–25 C, 26–50 D, 51–90 E, 91–150 F, 151–280 G,
 * 281–500 H, 501–1 200 J, 1 201–3 200 K, 3 201–10 000 L, 10 001–35 000 M, 35 001–150 000 N, 150 001–500 000 P,
 * 500 001 and over Q.
 * Table II-A (normal inspection master table), column AQL 1.0, with the arrows followed ("↓": use the first plan
 * below the arrow, "↑": the first plan above, its sample size and its Ac/Re):
 *   A 2 ↓, B 3 ↓, C 5 ↓, D 8 ↓ → E's plan; E 13: 0/1; F 20 ↑ → E's plan; G 32 ↓ → H's plan; H 50: 1/2; J 80: 2/3;
 *   K 125: 3/4; L 200: 5/6; M 315: 7/8; N 500: 10/11; P 800: 14/15; Q 1250: 21/22 (R 2000 ↑ is not reached at level II).
 * Checked against: Table 1-A "General Level II, Single Normal" of the NIBS guide, nibs.org/FMOC/DPW_AC/AC-TABLE.ASC
 * (developed from MIL-STD-105E Tables I and II-A, which ISO 2859-1 adopted unchanged; it lists Re per AQL and the
 * arrows), and Table I on wisetool.com/sampling.htm and pdfcoffee.com "AQL sampling chart" (ANSI Z1.4 / ISO 2859).
 * Table II-A's note: when the sample size equals or exceeds the lot size, inspect every unit (100 %).
 */
interface IsoPlan {
  readonly n: number;
  readonly ac: number;
  readonly re: number;
}
const PLAN_E: IsoPlan = { n: 13, ac: 0, re: 1 };
const PLAN_H: IsoPlan = { n: 50, ac: 1, re: 2 };

/** Upper bound of each lot-size range of Table I (level II) with the AQL 1.0 plan its code letter leads to. */
const ISO_AQL_1_LEVEL_II: readonly { readonly maxLot: number; readonly letter: string; readonly plan: IsoPlan }[] = [
  { maxLot: 8, letter: 'A', plan: PLAN_E },
  { maxLot: 15, letter: 'B', plan: PLAN_E },
  { maxLot: 25, letter: 'C', plan: PLAN_E },
  { maxLot: 50, letter: 'D', plan: PLAN_E },
  { maxLot: 90, letter: 'E', plan: PLAN_E },
  { maxLot: 150, letter: 'F', plan: PLAN_E },
  { maxLot: 280, letter: 'G', plan: PLAN_H },
  { maxLot: 500, letter: 'H', plan: PLAN_H },
  { maxLot: 1_200, letter: 'J', plan: { n: 80, ac: 2, re: 3 } },
  { maxLot: 3_200, letter: 'K', plan: { n: 125, ac: 3, re: 4 } },
  { maxLot: 10_000, letter: 'L', plan: { n: 200, ac: 5, re: 6 } },
  { maxLot: 35_000, letter: 'M', plan: { n: 315, ac: 7, re: 8 } },
  { maxLot: 150_000, letter: 'N', plan: { n: 500, ac: 10, re: 11 } },
  { maxLot: 500_000, letter: 'P', plan: { n: 800, ac: 14, re: 15 } },
  { maxLot: Number.POSITIVE_INFINITY, letter: 'Q', plan: { n: 1250, ac: 21, re: 22 } },
];

/**
 * How many of `population` pages are checked under `rule`, with ISO 2859-1's acceptance/rejection numbers (null for the
 * percentage rule).
 * - percentage: ceil(percent % of the pages), at least `min`, never more than the batch (so every page when the batch
 *   has no more than `min`); `percent` is read to six decimals so that 16.1 % of 1000 is 161, not 162 by rounding error.
 * - iso2859: the plan above; a plan of more pages than the batch checks every page and keeps that plan's Ac/Re. A batch
 *   of one page (below Table I's smallest lot of 2) is treated as code letter A.
 * An empty batch: sample size 0; for iso2859 with Ac 0/Re 1 (nothing checked, nothing fout: accepted).
 */
export function sampleSize(rule: QcSampleRule, population: number): QcSampleSize {
  if (!Number.isSafeInteger(population) || population < 0) {
    throw new Error(`steekproefgrootte: het aantal pagina's ${population} is geen geheel getal van 0 of meer`);
  }
  if (rule.kind === 'percentage') {
    if (population === 0) return { sampleSize: 0, ac: null, re: null };
    const millionths = BigInt(Math.round(rule.percent * 1_000_000));
    const scale = 100n * 1_000_000n;
    const ceilPercent = Number((millionths * BigInt(population) + scale - 1n) / scale);
    return { sampleSize: Math.min(population, Math.max(rule.min, ceilPercent)), ac: null, re: null };
  }
  if (population === 0) return { sampleSize: 0, ac: 0, re: 1 };
  const row = ISO_AQL_1_LEVEL_II.find((r) => population <= r.maxLot)!;
  return { sampleSize: Math.min(population, row.plan.n), ac: row.plan.ac, re: row.plan.re };
}

/*
 * The draw, step by step (enough to redo it by hand or in any language from the recorded seed):
 * 1. The seed is 32 hex digits (128 bits). Split it into four groups of 8 digits; each group read as a big-endian
 *    unsigned 32-bit number gives the state s0, s1, s2, s3 of xoshiro128** (Blackman & Vigna, 2018,
 *    https://prng.di.unimi.it/xoshiro128starstar.c). An all-zero seed is refused (xoshiro's state may not be all zero).
 *    Example: seed 0123456789abcdeffedcba9876543210 gives s = 0x01234567, 0x89abcdef, 0xfedcba98, 0x76543210 and the
 *    first outputs 2576975000, 1717987679, 3437557858 (checked against the reference C code).
 * 2. Each output (all arithmetic mod 2^32, rotl = rotate left):
 *      result = rotl(s1 * 5, 7) * 9;  t = s1 << 9;
 *      s2 ^= s0; s3 ^= s1; s1 ^= s2; s0 ^= s3; s2 ^= t; s3 = rotl(s3, 11);
 * 3. A number below k (k >= 1): take outputs x until x < limit = 2^32 - (2^32 mod k), answer x mod k (no bias).
 * 4. Partial Fisher–Yates over a copy of `positions` in the order given (length L): for i = 0 … n-1, draw
 *    j = i + (a number below L - i) and swap the entries at i and j. The sample is the first n entries, sorted
 *    ascending. When n >= L every position is the sample and no number is drawn.
 */

const HEX_SEED = /^[0-9a-f]{32}$/i;
const TWO_32 = 2 ** 32;

/** xoshiro128** over the four state words; returns the next unsigned 32-bit output each call. */
function xoshiro128ss(seed: string): () => number {
  if (!HEX_SEED.test(seed)) {
    throw new Error(`steekproef: de seed '${seed}' is geen 32 hexadecimale tekens (128 bits)`);
  }
  if (/^0+$/.test(seed)) throw new Error(`steekproef: de seed '${seed}' is nul; xoshiro128** kan daar niet mee beginnen`);
  let s0 = Number.parseInt(seed.slice(0, 8), 16) | 0;
  let s1 = Number.parseInt(seed.slice(8, 16), 16) | 0;
  let s2 = Number.parseInt(seed.slice(16, 24), 16) | 0;
  let s3 = Number.parseInt(seed.slice(24, 32), 16) | 0;
  const rotl = (x: number, k: number): number => (x << k) | (x >>> (32 - k));
  return () => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
}

/** A uniform integer in [0, k) from `next`, by rejecting the top 2^32 mod k outputs. */
function below(next: () => number, k: number): number {
  const limit = TWO_32 - (TWO_32 % k);
  for (;;) {
    const x = next();
    if (x < limit) return x % k;
  }
}

/**
 * `n` of `positions` drawn at random with the PRNG seeded by `seed` (hex string, 32 hex chars); ascending;
 * deterministic: same inputs, same sample. n >= positions.length gives all. The algorithm is described above.
 */
export function drawSample(positions: readonly number[], n: number, seed: string): number[] {
  const next = xoshiro128ss(seed);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`steekproef: de grootte ${n} is geen geheel getal van 0 of meer`);
  if (new Set(positions).size !== positions.length) throw new Error('steekproef: de posities bevatten dubbele waarden');
  const a = positions.slice();
  const take = Math.min(n, a.length);
  if (take < a.length) {
    for (let i = 0; i < take; i++) {
      const j = i + below(next, a.length - i);
      const tmp = a[i]!;
      a[i] = a[j]!;
      a[j] = tmp;
    }
  }
  return a.slice(0, take).sort((x, y) => x - y);
}
