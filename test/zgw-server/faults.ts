// Fault injection: rules matched per request, in the order they were added. A seeded PRNG decides
// `probability`, so a test that uses it is reproducible.

export type FaultKind = 'status' | 'rate-limit' | 'slow' | 'reset-after-commit' | 'reset-before' | 'expired-token' | 'huge-body';
export const FAULT_KINDS: readonly FaultKind[] = [
  'status',
  'rate-limit',
  'slow',
  'reset-after-commit',
  'reset-before',
  'expired-token',
  'huge-body',
];

export interface FaultRule {
  method?: string;
  path?: RegExp | string; // matched against the path without host or query, e.g. /documenten/api/v1/enkelvoudiginformatieobjecten
  kind: FaultKind;
  status?: number; // for 'status' (500, 502, 503…)
  retryAfterSeconds?: number; // for 'rate-limit' (429 + Retry-After)
  delayMs?: number; // for 'slow'
  /** For 'huge-body': a 200 whose JSON body is this many bytes, streamed (the server itself never holds it). */
  bodyBytes?: number;
  /** For 'huge-body': 'none' (chunked, the default), 'honest' (the real length) or a number (a lie). */
  contentLength?: 'none' | 'honest' | number;
  times?: number; // how many matching requests it hits (default 1; Infinity allowed)
  probability?: number; // 0..1, default 1
}

export interface FaultInjector {
  add(rule: FaultRule): void;
  clear(): void;
  /** Refuse connections: sockets are destroyed as soon as they connect (and open ones now). */
  setOffline(offline: boolean): void;
}

interface ActiveRule {
  rule: FaultRule;
  path?: RegExp;
  remaining: number;
}

/** mulberry32: tiny, seedable, good enough to decide coin flips reproducibly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFaultRule(rule: FaultRule): string | undefined {
  if (!FAULT_KINDS.includes(rule.kind)) return `unknown fault kind: ${String(rule.kind)}`;
  if (rule.kind === 'status' && !(Number.isInteger(rule.status) && rule.status! >= 400 && rule.status! <= 599)) {
    return "'status' faults need a status between 400 and 599";
  }
  if (rule.kind === 'slow' && !(typeof rule.delayMs === 'number' && rule.delayMs >= 0)) return "'slow' faults need delayMs >= 0";
  if (rule.kind === 'huge-body' && !(Number.isInteger(rule.bodyBytes) && rule.bodyBytes! >= 2))
    return "'huge-body' faults need bodyBytes >= 2";
  if (rule.times !== undefined && !(rule.times === Infinity || (Number.isInteger(rule.times) && rule.times > 0))) {
    return 'times must be a positive integer or Infinity';
  }
  if (rule.probability !== undefined && !(rule.probability >= 0 && rule.probability <= 1)) return 'probability must be within 0..1';
  if (typeof rule.path === 'string') {
    try {
      new RegExp(rule.path);
    } catch {
      return `path is not a valid regular expression: ${rule.path}`;
    }
  }
  return undefined;
}

export class Faults implements FaultInjector {
  private rules: ActiveRule[] = [];
  private readonly random: () => number;
  private offline = false;
  private readonly onOffline: () => void;

  constructor(seed: number, onOffline: () => void) {
    this.random = seededRandom(seed);
    this.onOffline = onOffline;
  }

  add(rule: FaultRule): void {
    const problem = validateFaultRule(rule);
    if (problem) throw new Error(problem);
    this.rules.push({
      rule: { ...rule },
      path: rule.path === undefined ? undefined : typeof rule.path === 'string' ? new RegExp(rule.path) : rule.path,
      remaining: rule.times ?? 1,
    });
  }

  clear(): void {
    this.rules = [];
  }

  setOffline(offline: boolean): void {
    this.offline = offline;
    if (offline) this.onOffline();
  }

  isOffline(): boolean {
    return this.offline;
  }

  pending(): number {
    return this.rules.length;
  }

  /** The fault that hits this request, if any; consumes one of its `times`. */
  take(method: string, path: string): FaultRule | undefined {
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (active.path) {
        active.path.lastIndex = 0;
        if (!active.path.test(path)) continue;
      }
      if (rule.probability !== undefined && rule.probability < 1 && this.random() >= rule.probability) continue;
      active.remaining -= 1;
      if (active.remaining <= 0) this.rules = this.rules.filter((r) => r !== active);
      return rule;
    }
    return undefined;
  }
}
