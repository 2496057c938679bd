// Which scanners the UI may scan from: those the core found on the network this run, and those an administrator set up.
import { esclAddressKey } from '../capture/escl/discover';
import { PostkamerError } from '../contract/errors';
import type { Db } from '../store/db';
import { getSetting, putSetting } from '../store/settings';
import { fromUi } from './origin';
import type { ScannerRef } from './scan';
import type { CallContext } from './types';

/** The settings key of the scanners an administrator set up (JSON array of scannerKey values). */
const CONFIGURED_SCANNERS = 'scanners.configured';
/** At most this many set-up scanners are remembered (the oldest are forgotten first). */
const MAX_CONFIGURED = 200;

/** One key per scanner: 'escl:' + its normalised address, or 'sane:' + the device name; null when unusable. */
export function scannerKey(ref: ScannerRef): string | null {
  if (ref.kind === 'escl') {
    const k = esclAddressKey(ref.url);
    return k ? `escl:${k}` : null;
  }
  return ref.device ? `sane:${ref.device}` : null;
}

export class ScannerTrust {
  /** Scanners scanners.list found (keys from scannerKey), remembered for as long as the core runs. */
  private readonly discovered = new Set<string>();

  constructor(private readonly db: () => Db) {}

  found(ref: ScannerRef): void {
    const key = scannerKey(ref);
    if (key) this.discovered.add(key);
  }

  /**
   * Records a scanner an administrator set up (a trusted origin: the CLI's --escl/--sane, Electron main), in the
   * store, so the UI may scan from it too. Throws for a call from the renderer or the web harness.
   */
  configure(ref: ScannerRef, ctx: CallContext): void {
    if (fromUi(ctx)) throw new PostkamerError('forbidden', '(een scanner instellen doet de beheerder, op deze computer)');
    const key = scannerKey(ref);
    if (!key) return;
    const list = this.configured();
    if (list.includes(key)) return;
    putSetting(this.db(), CONFIGURED_SCANNERS, JSON.stringify([...list, key].slice(-MAX_CONFIGURED)));
  }

  known(ref: ScannerRef): boolean {
    const key = scannerKey(ref);
    return key !== null && (this.discovered.has(key) || this.configured().includes(key));
  }

  private configured(): string[] {
    const value = getSetting(this.db(), CONFIGURED_SCANNERS);
    try {
      const v = value !== undefined ? (JSON.parse(value) as unknown) : [];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    } catch {
      return [];
    }
  }
}

/**
 * The scanner a call may scan from: from the UI only one the core found or an administrator set up (refused before
 * any traffic); a trusted origin's scanner is remembered as set up.
 */
export function admitScanner(trust: ScannerTrust, ref: ScannerRef, ctx: CallContext): void {
  if (fromUi(ctx)) {
    if (!trust.known(ref)) {
      const name = ref.kind === 'escl' ? ref.url : ref.device;
      throw new PostkamerError(
        'forbidden',
        `(de scanner ${name} is niet op het netwerk gevonden en niet door de beheerder ingesteld)`.slice(0, 300),
      );
    }
  } else {
    trust.configure(ref, ctx);
  }
}
