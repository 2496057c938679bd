// The one rule for naming a document by its id or by the start of it (the CLI shows the first 8 characters).

/** The shortest start of an id that is accepted: shorter ones match too many documents to be useful. */
export const MIN_ID_PREFIX = 4;
/** How many candidates an ambiguity names. */
export const MAX_CANDIDATES = 5;

/** The shape of an id (a lower-case UUID): hex digits with dashes after the 8th, 12th, 16th and 20th. */
const SHAPE = 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

/**
 * The given id or start of one in its stored form (trimmed, lower case), or null when it cannot be the start of
 * an id: shorter than MIN_ID_PREFIX, longer than an id, or a character out of place (a dash only where ids have one).
 */
export function normaliseIdPrefix(given: string): string | null {
  const g = given.trim().toLowerCase();
  if (g.length < MIN_ID_PREFIX || g.length > SHAPE.length) return null;
  for (let i = 0; i < g.length; i++) {
    const c = g[i]!;
    if (SHAPE[i] === '-' ? c !== '-' : !/[0-9a-f]/.test(c)) return null;
  }
  return g;
}

/** True when `prefix` (normalised) is a whole id. */
export const isWholeId = (prefix: string): boolean => prefix.length === SHAPE.length;

/**
 * The bounds of an indexed range query for every string that starts with `prefix`: `x >= low AND x < high`.
 * `high` is the prefix with its last character raised by one, so the range holds exactly those strings.
 */
export function prefixRange(prefix: string): { low: string; high: string } {
  if (prefix.length === 0) throw new Error('prefixRange: empty prefix');
  const last = prefix.charCodeAt(prefix.length - 1);
  return { low: prefix, high: prefix.slice(0, -1) + String.fromCharCode(last + 1) };
}

export type PrefixMatch = { kind: 'one'; id: string } | { kind: 'none' } | { kind: 'many'; candidates: string[] };

/**
 * Decides what a prefix names, given the ids that start with it (in id order; at most MAX_CANDIDATES + 1 are
 * needed): one id, none, or several — an exact id always wins.
 */
export function pickByPrefix(prefix: string, ids: readonly string[]): PrefixMatch {
  const hits = ids.filter((id) => id.startsWith(prefix));
  if (hits.includes(prefix)) return { kind: 'one', id: prefix };
  if (hits.length === 1) return { kind: 'one', id: hits[0]! };
  if (hits.length === 0) return { kind: 'none' };
  return { kind: 'many', candidates: hits.slice(0, MAX_CANDIDATES) };
}
