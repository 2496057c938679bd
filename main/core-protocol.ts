import type { WireError } from '../src/contract/errors';
import type { Result } from '../src/contract/wire';

// The messages between main and the core's utility process, as main sees them. The core's side is declared in
// src/hosts/utility.ts (which documents the protocol). They are declared twice only because main must not pull
// the whole core into its own type-check (tsconfig.main.json, DOM lib); test/unit/main/core-protocol.test.ts
// fails `npm run typecheck` when the two drift apart.

export type ToCore =
  | { t: 'init'; dataDir: string; key: Uint8Array; create: null | { osWrapped?: string; passphrase?: string } }
  | { t: 'connect' }
  | { t: 'blob'; id: number; documentId: string; kind: 'original' | 'pdf' }
  | { t: 'call'; id: number; cmd: string; input: unknown }
  | { t: 'shutdown' };

export type BlobAnswer = { ok: true; mime: string; data: Uint8Array } | { ok: false; status: 404 | 500 };

export type FromCore =
  | { t: 'ready'; schemaVersion: number }
  | { t: 'init-failed'; error: WireError }
  | ({ t: 'blob'; id: number } & BlobAnswer)
  | { t: 'result'; id: number; result: Result<unknown> };
