// Finding eSCL scanners: mDNS/DNS-SD browse for _uscan._tcp (HTTP) and _uscans._tcp (HTTPS), plus an address a
// clerk types in. TXT keys per the Mopria/Apple AirScan convention: rs (resource path, usually "eSCL"), ty (model),
// UUID, cs (colour spaces), is (input sources), duplex, pdl, note (location), adminurl, representation (icon).
import mdns from 'multicast-dns';
import type { Answer } from 'dns-packet';

export const ESCL_SERVICES = ['_uscan._tcp.local', '_uscans._tcp.local'] as const;

export interface EsclScanner {
  /** DNS-SD instance name, e.g. "Kyocera TASKalfa 2553ci (Postkamer)". */
  name: string;
  host: string;
  addresses: string[];
  port: number;
  secure: boolean;
  /** The eSCL root URL to give EsclClient. */
  baseUrl: string;
  uuid?: string;
  model?: string;
  /** TXT "note": where the device stands. */
  location?: string;
  colorSpaces: string[];
  sources: string[];
  duplex?: boolean;
  adminUrl?: string;
  manual?: boolean;
}

type Rec = Answer & { data?: unknown };

function txtMap(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const items = Array.isArray(data) ? data : [data];
  for (const item of items) {
    const s = Buffer.isBuffer(item) ? item.toString('utf8') : typeof item === 'string' ? item : '';
    const eq = s.indexOf('=');
    if (eq > 0) out[s.slice(0, eq).toLowerCase()] = s.slice(eq + 1);
    else if (s) out[s.toLowerCase()] = '';
  }
  return out;
}

const hostInUrl = (h: string) => (h.includes(':') ? `[${h}]` : h);
const stripDot = (s: string) => s.replace(/\.$/, '');

function instanceLabel(fqdn: string, service: string): string {
  const suffix = `.${service}`;
  const raw = fqdn.endsWith(suffix) ? fqdn.slice(0, -suffix.length) : fqdn;
  // DNS-SD escapes dots and backslashes in instance names.
  return raw.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d))).replace(/\\(.)/g, '$1');
}

export function baseUrlFor(secure: boolean, host: string, port: number, rs: string | undefined): string {
  const path = (rs ?? 'eSCL').replace(/^\/+|\/+$/g, '');
  const defaultPort = secure ? 443 : 80;
  return `${secure ? 'https' : 'http'}://${hostInUrl(host)}${port === defaultPort ? '' : `:${port}`}${path ? `/${path}` : ''}`;
}

/**
 * Builds the scanner list from the DNS records seen (answers and additionals of every response). Pure, so the
 * record handling is tested without a network. An instance without SRV is skipped: there is nothing to talk to.
 * The same device advertised as _uscan and _uscans is listed once, preferring HTTPS.
 */
export function scannersFromRecords(records: Rec[]): EsclScanner[] {
  const srv = new Map<string, { target: string; port: number }>();
  const txt = new Map<string, Record<string, string>>();
  const addr = new Map<string, string[]>();
  const instances: { fqdn: string; service: string }[] = [];
  for (const r of records) {
    const name = stripDot(r.name).toLowerCase();
    if (r.type === 'PTR') {
      const service = ESCL_SERVICES.find((s) => s === name);
      if (service && typeof r.data === 'string') {
        const fqdn = stripDot(r.data);
        if (!instances.some((i) => i.fqdn.toLowerCase() === fqdn.toLowerCase())) instances.push({ fqdn, service });
      }
    } else if (r.type === 'SRV') {
      const d = r.data as { target?: string; port?: number };
      if (d?.target && d.port) srv.set(name, { target: stripDot(d.target), port: d.port });
    } else if (r.type === 'TXT') {
      txt.set(name, { ...txt.get(name), ...txtMap(r.data) });
    } else if (r.type === 'A' || r.type === 'AAAA') {
      if (typeof r.data === 'string') {
        const list = addr.get(name) ?? [];
        if (!list.includes(r.data)) list.push(r.data);
        addr.set(name, list);
      }
    }
  }
  const out: EsclScanner[] = [];
  for (const { fqdn, service } of instances) {
    const key = fqdn.toLowerCase();
    const s = srv.get(key);
    if (!s) continue;
    const t = txt.get(key) ?? {};
    const secure = service.startsWith('_uscans');
    const addresses = (addr.get(s.target.toLowerCase()) ?? []).sort((a, b) => Number(a.includes(':')) - Number(b.includes(':')));
    const host = addresses[0] ?? s.target;
    const scanner: EsclScanner = {
      name: instanceLabel(fqdn, service),
      host: s.target,
      addresses,
      port: s.port,
      secure,
      baseUrl: baseUrlFor(secure, host, s.port, t.rs),
      uuid: t.uuid?.toLowerCase() || undefined,
      model: t.ty || undefined,
      location: t.note || undefined,
      colorSpaces: (t.cs ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      sources: (t.is ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
      duplex: t.duplex === undefined ? undefined : /^t/i.test(t.duplex),
      adminUrl: t.adminurl || undefined,
    };
    const same = out.findIndex((o) => (scanner.uuid && o.uuid === scanner.uuid) || (o.host === scanner.host && o.name === scanner.name));
    if (same < 0) out.push(scanner);
    else if (scanner.secure && !out[same]!.secure) out[same] = scanner;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/**
 * One spelling per eSCL root, to compare an address with the scanners the core knows: scheme and host in lower
 * case, the default port and trailing slashes dropped. Null for anything that is not a plain http(s) address.
 */
export function esclAddressKey(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
  if (u.username || u.password || u.search || u.hash) return null;
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '') || '/eSCL'}`;
}

/**
 * A scanner from an address a clerk typed: "192.168.1.20", "scanner.gemeente.local:8080", "[fe80::1]",
 * "https://10.0.0.5/eSCL" or a full URL with another resource path. Throws on anything else.
 */
export function manualScanner(input: string): EsclScanner {
  const raw = input.trim();
  if (!raw || /\s/.test(raw)) throw new Error('Ongeldig scanneradres.');
  const withScheme = /^[a-z]+:\/\//i.test(raw) ? raw : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(withScheme);
  } catch {
    throw new Error('Ongeldig scanneradres.');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('Alleen http:// of https:// is mogelijk.');
  if (u.username || u.password || u.search || u.hash) throw new Error('Ongeldig scanneradres.');
  const secure = u.protocol === 'https:';
  const port = u.port ? Number(u.port) : secure ? 443 : 80;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const path = u.pathname.replace(/^\/+|\/+$/g, '');
  return {
    name: raw,
    host,
    addresses: /^[\d.]+$|:/.test(host) ? [host] : [],
    port,
    secure,
    baseUrl: baseUrlFor(secure, host, port, path || 'eSCL'),
    colorSpaces: [],
    sources: [],
    manual: true,
  };
}

/** Most DNS records kept from one browse (a busy network has a few hundred). */
const MAX_RECORDS = 5000;

export interface DiscoverOptions {
  timeoutMs: number;
  /** Browse on this interface only (its IPv4 address), e.g. the mail-room network card; '127.0.0.1' in tests. */
  interfaceAddress?: string;
  /** mDNS port; 5353 except in tests, which use their own so they neither see nor disturb real devices. */
  port?: number;
}

/**
 * Browses for eSCL scanners for `timeoutMs` and returns what answered. Never hangs and never throws: a machine
 * where multicast is unavailable simply finds nothing (add the scanner by address then).
 */
export function discoverEscl(opts: DiscoverOptions): Promise<EsclScanner[]> {
  return new Promise((resolve) => {
    const records: Rec[] = [];
    let finished = false;
    let browser: ReturnType<typeof mdns> | null = null;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      clearInterval(resend);
      try {
        browser?.destroy();
      } catch {
        /* already closed */
      }
      resolve(scannersFromRecords(records));
    };
    const timer = setTimeout(finish, Math.max(0, opts.timeoutMs));
    let resend: ReturnType<typeof setInterval> | undefined;
    try {
      browser = mdns({
        port: opts.port ?? 5353,
        ...(opts.interfaceAddress ? { interface: opts.interfaceAddress, bind: '0.0.0.0' } : {}),
      });
    } catch {
      finish();
      return;
    }
    browser.on('error', finish);
    browser.on('warning', () => {
      /* an interface that cannot join the group; the others still work */
    });
    browser.on('response', (res) => {
      // A chatty or hostile responder cannot grow the list without end: past the bound, answers are ignored.
      if (records.length >= MAX_RECORDS) return;
      records.push(...[...((res.answers ?? []) as Rec[]), ...((res.additionals ?? []) as Rec[])].slice(0, MAX_RECORDS - records.length));
      // Ask for what a terse responder left out (SRV/TXT of the instance, A of the host).
      const missing = scannersMissing(records);
      if (missing.length) browser?.query(missing);
    });
    const ask = () => browser?.query(ESCL_SERVICES.map((name) => ({ name, type: 'PTR' as const })));
    browser.on('ready', ask);
    // mDNS is lossy: ask again a few times within the window.
    resend = setInterval(ask, Math.max(250, Math.floor(opts.timeoutMs / 3)));
  });
}

function scannersMissing(records: Rec[]): { name: string; type: 'SRV' | 'TXT' | 'A' }[] {
  const have = new Set(records.map((r) => `${r.type} ${stripDot(r.name).toLowerCase()}`));
  const q: { name: string; type: 'SRV' | 'TXT' | 'A' }[] = [];
  for (const r of records) {
    if (r.type === 'PTR' && typeof r.data === 'string' && ESCL_SERVICES.some((s) => s === stripDot(r.name).toLowerCase())) {
      const inst = stripDot(r.data);
      if (!have.has(`SRV ${inst.toLowerCase()}`)) q.push({ name: inst, type: 'SRV' });
      if (!have.has(`TXT ${inst.toLowerCase()}`)) q.push({ name: inst, type: 'TXT' });
    }
    if (r.type === 'SRV') {
      const target = stripDot((r.data as { target?: string })?.target ?? '');
      if (target && !have.has(`A ${target.toLowerCase()}`) && !have.has(`AAAA ${target.toLowerCase()}`))
        q.push({ name: target, type: 'A' });
    }
  }
  // Each question once per response.
  return q.filter((x, i) => q.findIndex((y) => y.name === x.name && y.type === x.type) === i);
}
