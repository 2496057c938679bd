// The audit chain's head anchored outside the table: a keyed MAC over (head seq, head hash) in a file in the data dir,
// so that deleting the newest rows is detected as well as changing one; and the whole check (chain + anchors).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import type { AuditVerification } from '../contract/audit';
import { auditHashAt, auditHead, auditVerifiedMark, setAuditVerifiedMark } from '../store/audit-log';
import { writeFileAtomic } from '../store/fsutil';
import type { Store } from '../store/store';
import { checkAuditChain, verifyAuditChain, type AnchorReading } from './verify';

export const ANCHOR_FILE = 'audit-anchor.json';
const MAX_ANCHOR_BYTES = 4096;

/** The anchor file as written: the head it names, when it was anchored, and the MAC binding these to this store's key. */
interface AnchorFile {
  format: 1;
  storeId: string;
  seq: number;
  hash: string;
  at: string;
  mac: string;
}

export function anchorPath(dataDir: string): string {
  return join(dataDir, ANCHOR_FILE);
}

function macOf(store: Store, seq: number, hash: string, at: string): Buffer {
  return store.auditAnchorMac(`postkamer/audit-anchor/v1\n${store.keyFile.storeId}\n${seq}\n${hash}\n${at}`);
}

/**
 * Reads an anchor's text (the file's, or the copy the OS keychain kept) and checks its MAC with this store's key.
 * Anything wrong with it is `invalid`, with the reason: a forged or damaged anchor must not pass as no anchor.
 */
export function parseAuditAnchor(store: Store, text: string): AnchorReading {
  let a: Partial<AnchorFile>;
  try {
    a = JSON.parse(text) as Partial<AnchorFile>;
  } catch {
    return { state: 'invalid', seq: null, reason: 'het bestand is geen geldige JSON' };
  }
  const seq = typeof a?.seq === 'number' && Number.isSafeInteger(a.seq) && a.seq > 0 ? a.seq : null;
  const shape = typeof a?.hash === 'string' && /^[0-9a-f]{64}$/.test(a.hash) && typeof a.at === 'string' && typeof a.mac === 'string';
  if (a?.format !== 1 || seq === null || !shape) return { state: 'invalid', seq, reason: 'onbekende of onvolledige inhoud' };
  if (a.storeId !== store.keyFile.storeId) return { state: 'invalid', seq, reason: 'het hoort bij een andere opslag' };
  const mac = Buffer.from(a.mac!, 'base64');
  const mine = macOf(store, seq, a.hash!, a.at!);
  if (mac.length !== mine.length || !timingSafeEqual(mac, mine)) return { state: 'invalid', seq, reason: 'de MAC klopt niet (gewijzigd)' };
  return { state: 'valid', seq, hash: a.hash!, at: a.at! };
}

/** The anchor file of this store: absent, invalid (with why) or the head it names. */
export function readAuditAnchor(store: Store): AnchorReading {
  let text: string;
  try {
    const buf = readFileSync(anchorPath(store.dataDir));
    if (buf.length > MAX_ANCHOR_BYTES) return { state: 'invalid', seq: null, reason: 'het bestand is te groot' };
    text = buf.toString('utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'absent' };
    return { state: 'invalid', seq: null, reason: `het bestand kan niet gelezen worden (${(e as NodeJS.ErrnoException).code ?? 'fout'})` };
  }
  return parseAuditAnchor(store, text);
}

/** The anchor text for the current head (what the file holds; Electron main keeps a copy of it in the OS keychain). */
function anchorText(store: Store, seq: number, hash: string): string {
  const at = new Date().toISOString();
  const a: AnchorFile = { format: 1, storeId: store.keyFile.storeId, seq, hash, at, mac: macOf(store, seq, hash, at).toString('base64') };
  return JSON.stringify(a) + '\n';
}

export type AnchorOutcome =
  /** The head was anchored already (nothing read from disk but one indexed row). */
  | 'unchanged'
  | 'anchored'
  /** The anchor names a head the table no longer has, or it is invalid: left as it is, for verification to report. */
  | 'refused'
  /** The file could not be written (full disk, read-only folder); tried again next time. */
  | 'failed';

/** What this process last anchored (or found anchored) per store: the cheap path compares the head with it. */
const anchored = new WeakMap<Store, { seq: number; hash: string }>();

/**
 * Anchors the chain's current head: call after entries are committed (after every command, on close, on a timer).
 * Cheap when nothing changed (one indexed row). Never moves the anchor to a head that does not descend from the one
 * anchored before: when the anchored row is gone or changed, or the file is invalid, it leaves the file alone, so the
 * evidence stays for `verifyAuditTrail`. Never throws.
 */
export function anchorAuditHead(store: Store): AnchorOutcome {
  try {
    const head = auditHead(store.db);
    if (!head) return 'unchanged';
    const last = anchored.get(store);
    if (last && last.seq === head.seq && last.hash === head.hash) return 'unchanged';
    const current = readAuditAnchor(store);
    if (current.state === 'invalid') return 'refused';
    if (current.state === 'valid') {
      if (auditHashAt(store.db, current.seq) !== current.hash) return 'refused';
      // Another process anchored a newer head meanwhile: keep theirs.
      if (current.seq >= head.seq) {
        if (current.seq === head.seq) anchored.set(store, head);
        return 'unchanged';
      }
    }
    writeFileAtomic(anchorPath(store.dataDir), anchorText(store, head.seq, head.hash), 0o600);
    anchored.set(store, head);
    return 'anchored';
  } catch {
    return 'failed';
  }
}

/**
 * The anchor file's text after anchoring the current head, when it is valid (what main copies to the keychain).
 * Null when a copy kept elsewhere (`keptAnchors`) names a head the table no longer has: a trail that was cut and has
 * grown again must not hand out an anchor that would replace the evidence.
 */
export function currentAuditAnchorText(store: Store, keptAnchors: readonly string[] = []): string | null {
  for (const kept of keptAnchors) {
    const a = parseAuditAnchor(store, kept);
    if (a.state === 'valid' && auditHashAt(store.db, a.seq) !== a.hash) return null;
  }
  anchorAuditHead(store);
  try {
    const text = readFileSync(anchorPath(store.dataDir), 'utf8');
    return text.length <= MAX_ANCHOR_BYTES && parseAuditAnchor(store, text).state === 'valid' ? text : null;
  } catch {
    return null;
  }
}

/**
 * The whole check: the chain row by row, and the head against the anchor file and any `extraAnchors` (anchor texts
 * kept elsewhere, e.g. the OS keychain's copy that Electron main holds). What app.status and audit.verify report.
 */
export function verifyAuditTrail(store: Store, extraAnchors: string[] = []): AuditVerification {
  // Anchors first: one written after this point names a row the chain's snapshot may not see.
  const anchors = [readAuditAnchor(store), ...extraAnchors.map((t) => parseAuditAnchor(store, t))];
  return verifyAuditChain(store.db, anchors);
}

/**
 * The status's check: like verifyAuditTrail, but the chain is walked only from the last entry this check verified
 * before (kept in the store), after checking that entry is unchanged; then the anchors, as always. An old entry
 * changed in place, with the chain after it left alone, is found by `verifyAuditTrail` (audit.verify), not here —
 * unless the rows after it were re-hashed to hide it, which moves the head away from the anchor's MAC.
 */
export function verifyAuditTrailSinceLastCheck(store: Store, extraAnchors: string[] = []): AuditVerification {
  const anchors = [readAuditAnchor(store), ...extraAnchors.map((t) => parseAuditAnchor(store, t))];
  const db = store.db;
  const { mark, check } = db.transaction(() => {
    const m = auditVerifiedMark(db);
    return { mark: m, check: checkAuditChain(db, anchors, m) };
  })();
  const { headHash, ...v } = check;
  if (v.valid && v.headSeq !== null && headHash !== null && v.headSeq > (mark?.seq ?? 0)) {
    try {
      setAuditVerifiedMark(db, { seq: v.headSeq, hash: headHash });
    } catch {
      // A read-only or busy store: the next check walks a little further, nothing is lost.
    }
  }
  return v;
}
