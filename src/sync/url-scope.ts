// Decides whether a URL lies under one of a connection's configured base URLs, the only places the ZGW credential
// may be sent to; pure functions, no I/O.
//
// Both sides are parsed with the WHATWG URL parser, the same one the transport sends with, so what is checked is
// what would be sent: scheme and host in lower case, default ports dropped, `.`/`..` (also as %2e) resolved.
// On top of that, percent-encoded unreserved characters are decoded and the hex of the others is upper-cased
// (RFC 3986 §6.2.2), and a path segment that hides a separator (%2F, %5C) or a dot segment after decoding is
// refused outright: a server may decode it and walk out of the base. The base path must match whole segments:
// `…/api/v1` admits `…/api/v1` and `…/api/v1/…`, never `…/api/v1evil`.

export interface ScopedUrl {
  /** `http:` or `https:`. */
  protocol: string;
  /** Lower-case host name (IPv6 in brackets), as the URL parser gives it. */
  hostname: string;
  /** The port, '' for the scheme's default. */
  port: string;
  /** Normalised path segments, without the leading empty one; a trailing '' stands for a trailing slash. */
  segments: string[];
  /** The URL as it will be sent (WHATWG serialisation). */
  href: string;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** RFC 3986 §6.2.2.1–2: decode percent-encoded unreserved characters, upper-case the hex of the rest. */
function normaliseSegment(segment: string): string | null {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const ch = segment[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const hex = segment.slice(i + 1, i + 3);
    if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null; // a stray '%': ambiguous, refuse
    const decoded = String.fromCharCode(parseInt(hex, 16));
    out += UNRESERVED.test(decoded) ? decoded : `%${hex.toUpperCase()}`;
    i += 2;
  }
  // An encoded separator or a dot segment that survived parsing: a server that decodes it leaves the base.
  if (/%2F|%5C|%00/.test(out) || out === '.' || out === '..') return null;
  return out;
}

/** Parses and normalises a URL for the scope check; null when it is not an acceptable http(s) URL. */
export function parseScopedUrl(raw: string): ScopedUrl | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return null;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return null;
  if (u.username !== '' || u.password !== '') return null;
  if (u.hostname === '') return null;
  const parts = u.pathname.split('/').slice(1);
  const segments: string[] = [];
  for (const p of parts) {
    const n = normaliseSegment(p);
    if (n === null) return null;
    segments.push(n);
  }
  return { protocol: u.protocol, hostname: u.hostname, port: u.port, segments, href: u.href };
}

/** Path segments of a base, without a trailing empty segment (`…/v1/` and `…/v1` are the same base). */
function baseSegments(base: ScopedUrl): string[] {
  const s = base.segments;
  return s.length > 0 && s[s.length - 1] === '' ? s.slice(0, -1) : s;
}

/** True when `url` is `base` itself or lies under it (same scheme, host and port; path prefix on a segment boundary). */
export function isUnderBase(url: string | ScopedUrl, base: string | ScopedUrl): boolean {
  const u = typeof url === 'string' ? parseScopedUrl(url) : url;
  const b = typeof base === 'string' ? parseScopedUrl(base) : base;
  if (!u || !b) return false;
  if (u.protocol !== b.protocol || u.hostname !== b.hostname || u.port !== b.port) return false;
  const prefix = baseSegments(b);
  if (u.segments.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (u.segments[i] !== prefix[i]) return false;
  return true;
}

/** A set of base URLs, parsed once. */
export class UrlScope {
  private readonly parsed: ScopedUrl[];

  constructor(readonly bases: readonly string[]) {
    this.parsed = bases.map((b) => parseScopedUrl(b)).filter((b): b is ScopedUrl => b !== null);
  }

  /** The URL as it is to be sent when it lies under one of the bases, else null. */
  admit(url: string): string | null {
    const u = parseScopedUrl(url);
    if (!u) return null;
    return this.parsed.some((b) => isUnderBase(u, b)) ? u.href : null;
  }

  contains(url: string): boolean {
    return this.admit(url) !== null;
  }

  /** The URLs (deduplicated, in order) that lie outside every base. */
  outside(urls: Iterable<string>): string[] {
    const out: string[] = [];
    for (const url of urls) if (!this.contains(url) && !out.includes(url)) out.push(url);
    return out;
  }
}

/** The base URLs of a connection: where its credential may go. */
export function connectionBases(conn: { zaken: string; documenten: string; catalogi: string }): string[] {
  return [conn.zaken, conn.documenten, conn.catalogi];
}

/**
 * Where a URL points, for a message: scheme, host, port and path (no query: it can carry a zaaknummer; no
 * userinfo: it can carry a password), at most 200 characters.
 */
export function describeTarget(raw: string): string {
  try {
    const u = new URL(raw);
    const text = `${u.protocol}//${u.host}${u.pathname}`;
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
  } catch {
    return '(geen geldige URL)';
  }
}
