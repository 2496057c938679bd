// What a delivery runs with (clients, clock, commit, lease) and how it ends: shared by deliver.ts and its parts.
import type { ZgwClients } from './clients';
import type { ZaakContext } from './deliver-zaak';
import type { BackoffPolicy } from './outbox-machine';

export interface DeliverContext extends ZaakContext {
  owner: string;
  clients(env: string, actor: string): ZgwClients;
  random(): number;
  backoff: BackoffPolicy;
  /** Content up to this size goes inline (base64 in the JSON); larger content in bestandsdelen. */
  inlineLimit: number;
  leaseMs: number;
  /** Runs a store change in the next group commit; resolves when it is durable. */
  commit<T>(fn: () => T): Promise<T>;
  /** Called when only the final record is left to reach the disk: the slot may go to the next document. */
  finishing?: () => void;
}

export type Outcome =
  | { kind: 'done' }
  | { kind: 'attention'; code: string; message: string }
  | { kind: 'retry'; code: string; message: string; offline: boolean; at: number; retryAfterMs?: number }
  | { kind: 'waiting'; at: number }
  | { kind: 'lost-lease' };
