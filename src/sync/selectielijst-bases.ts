// The administrator's allow-list of Selectielijst API base URLs (setting selectielijstBases): checked with the rule for
// the zaaksysteem's base URLs, read back from the store, and the only places a selectielijstklasse is fetched from.
import { PostkamerError } from '../contract/errors';
import { DEFAULT_SELECTIELIJST_BASES, SELECTIELIJST_BASES_MAX } from '../contract/selectielijst-settings';
import type { Db } from '../store/db';
import { getSetting } from '../store/settings';
import { checkBaseUrl } from './connections';
import { parseScopedUrl } from './url-scope';

// A selectielijstklasse is matched against these bases by url-scope.ts (parsed URLs: same scheme, host and port, the
// path on a segment boundary), never by comparing text. The zaaksysteem's own base URLs are not implicitly allowed: the
// catalogue that names the selectielijstklasse is exactly what must not choose where the workstation goes.

export const SELECTIELIJST_BASES_KEY = 'selectielijstBases';

/** Why a base is refused (Dutch), or its normal form: a connection's rule, and a path the scope check can compare. */
function checkOne(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  const c = checkBaseUrl(raw);
  if (!c.ok) return c;
  if (parseScopedUrl(c.url) === null) return { ok: false, reason: 'het pad bevat %2F, %5C of een punt-segment' };
  return c;
}

/**
 * The bases as settings.set stores them: each in its normal form (no trailing slash), duplicates dropped. One that is
 * not acceptable refuses the whole change as invalid input, with the reason per entry.
 */
export function normaliseSelectielijstBases(raw: readonly string[]): string[] {
  const out: string[] = [];
  const issues: { path: string; message: string }[] = [];
  raw.forEach((r, i) => {
    const c = checkOne(r);
    if (!c.ok) issues.push({ path: `${SELECTIELIJST_BASES_KEY}.${i}`, message: c.reason });
    else if (!out.includes(c.url)) out.push(c.url);
  });
  // As the contract's own validation answers: the reason per entry, under its path (selectielijstBases.<n>).
  if (issues.length > 0) throw new PostkamerError('invalid-input', undefined, { issues });
  return out;
}

/**
 * The allow-list from a stored value: the default when it was never set (or is not a list); an entry that no longer
 * passes the rule (an older version, a hand edit) is left out, so it admits nothing.
 */
export function readSelectielijstBases(stored: unknown): string[] {
  if (!Array.isArray(stored)) return [...DEFAULT_SELECTIELIJST_BASES];
  const out: string[] = [];
  for (const v of stored.slice(0, SELECTIELIJST_BASES_MAX)) {
    if (typeof v !== 'string') continue;
    const c = checkOne(v);
    if (c.ok && !out.includes(c.url)) out.push(c.url);
  }
  return out;
}

/** The allow-list as the store holds it now. */
export function selectielijstBases(db: Db): string[] {
  const raw = getSetting(db, SELECTIELIJST_BASES_KEY);
  let stored: unknown;
  try {
    stored = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    stored = undefined;
  }
  return readSelectielijstBases(stored);
}
