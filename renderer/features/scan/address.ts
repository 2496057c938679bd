// Scanners the clerk can pick: found on the network (eSCL over mDNS, SANE devices) or entered by address.
import { Scanner } from '../../../src/contract';

// Pure: no DOM, no I/O.

export type EsclScanner = Extract<Scanner, { kind: 'escl' }>;

/**
 * A scanner from what the clerk typed: "http://192.0.2.10/eSCL", or just "192.0.2.10" (http and the usual
 * /eSCL path are filled in). Null when it is not a usable http(s) address. Credentials, a query or a fragment
 * are refused: a scanner address has none, and a password must not end up in a list on screen.
 */
export function scannerFromAddress(input: string): EsclScanner | null {
  let text = input.trim();
  if (!text || /\s/.test(text)) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `http://${text}`;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return null;
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname) return null;
  if (u.username || u.password || u.search || u.hash) return null;
  const path = u.pathname.replace(/\/+$/, '');
  const url = `${u.protocol}//${u.host}${path || '/eSCL'}`;
  const parsed = Scanner.safeParse({ kind: 'escl', url, name: u.host });
  return parsed.success && parsed.data.kind === 'escl' ? parsed.data : null;
}

/** One key per device, the same whether it was found or entered. */
export const scannerKey = (s: Scanner): string => (s.kind === 'escl' ? `escl:${s.url}` : `sane:${s.device}`);

/** Where a scanner is: its address or SANE device name. */
export const scannerAddress = (s: Scanner): string => (s.kind === 'escl' ? s.url : s.device);

export interface ScannerChoice {
  scanner: Scanner;
  /** Entered by the clerk (and remembered). */ saved: boolean;
  /** Reported by the core now. */ found: boolean;
}

/** Found scanners first (the network knows their names), then entered ones that were not found; no doubles. */
export function mergeScanners(found: readonly Scanner[], saved: readonly Scanner[]): ScannerChoice[] {
  const seen = new Set<string>();
  const out: ScannerChoice[] = [];
  for (const s of found) {
    const k = scannerKey(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ scanner: s, saved: saved.some((x) => scannerKey(x) === k), found: true });
  }
  for (const s of saved) {
    const k = scannerKey(s);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ scanner: s, saved: true, found: false });
  }
  return out;
}

/**
 * What the clerk reads for a scanner: the name the device gives; for one only entered by address (whose name is
 * its host) "Scanner op 192.0.2.10", in the language of the moment.
 */
export function scannerLabel(
  t: (key: string, opts?: Record<string, unknown>) => string,
  c: Pick<ScannerChoice, 'scanner' | 'found'>,
): string {
  if (!c.found && c.scanner.kind === 'escl') return t('scan.manualName', { host: c.scanner.name });
  return c.scanner.name || scannerAddress(c.scanner);
}

// Entered scanners are remembered in this window's storage (an address is no secret and no personal data).
const STORAGE_KEY = 'postkamer.scanners.v1';
const MAX_SAVED = 20;

type KeyValueStore = Pick<Storage, 'getItem' | 'setItem'>;

export function loadSavedScanners(storage: KeyValueStore | undefined): Scanner[] {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return [];
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return [];
    return list
      .flatMap((x) => {
        const p = Scanner.safeParse(x);
        return p.success ? [p.data] : [];
      })
      .slice(0, MAX_SAVED);
  } catch {
    return [];
  }
}

export function storeSavedScanners(storage: KeyValueStore | undefined, list: readonly Scanner[]): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(list.slice(0, MAX_SAVED)));
  } catch {
    // Storage full or disabled: the scanner stays for this session only.
  }
}
