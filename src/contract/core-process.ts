// The messages between Electron main and the core's utility process (src/hosts/utility.ts documents the protocol):
// declared once, here in the pure contract, so that main imports them without type-checking the core.
import type { WireError } from './errors';
import type { Result } from './wire';

export interface InitMessage {
  t: 'init';
  dataDir: string;
  /** The 32-byte master key; zeroed by the core once the store is open. */
  key: Uint8Array;
  /** First run: create the store with these key slots (the OS-keychain wrap is made by main, which has safeStorage). */
  create: null | { osWrapped?: string; passphrase?: string };
  /** The audit trail's anchor as the OS keychain kept it (main's copy): checked beside the anchor file. */
  auditAnchors?: string[];
}

export type ToCore =
  | InitMessage
  | { t: 'connect' }
  | { t: 'blob'; id: number; documentId: string; kind: 'original' | 'pdf' }
  | { t: 'page'; id: number; pageId: string; size: 'thumb' | 'image' }
  | { t: 'call'; id: number; cmd: string; input: unknown }
  | { t: 'lock-sessions' }
  | { t: 'audit-anchor'; id: number }
  | { t: 'shutdown' };

/** Bytes for the `postkamer:` protocol: a stored document, or a page's image (503: too many page images waiting). */
export type BlobAnswer = { ok: true; mime: string; data: Uint8Array } | { ok: false; status: 404 | 500 | 503 };

export type FromCore =
  | { t: 'ready'; schemaVersion: number }
  | { t: 'init-failed'; error: WireError }
  | ({ t: 'blob'; id: number } & BlobAnswer)
  | ({ t: 'page'; id: number } & BlobAnswer)
  | { t: 'result'; id: number; result: Result<unknown> }
  /** The current anchor text of the audit trail (null: none yet), for main to keep in the OS keychain. */
  | { t: 'audit-anchor'; id: number; text: string | null };
