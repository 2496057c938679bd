// Public types of the test zaaksysteem (re-exported by index.ts).

import type { FaultInjector } from './faults';
import type { SeedName } from './seed';
import type { ServerState } from './state';

export interface ZgwServerOptions {
  port?: number; // 0 = any free port (default 0)
  host?: string; // default '127.0.0.1'; anything that is not loopback is refused
  seed?: SeedName; // default 'minimal'
  clientId?: string; // default 'postkamer-test'
  secret?: string; // default: random, 32 characters
  rsin?: string; // bronorganisatie; default '002220647' (passes the 11-proef)
  validate?: boolean; // validate every request AND response against the OpenAPI file (default true)
  jwtLeewaySeconds?: number; // default 0, like Open Zaak
  log?: (line: string) => void;
  /** Size of each `bestandsdelen` part (default 1 MiB; Open Zaak's default is 4 GiB → one part). */
  chunkSize?: number;
  /** Seed of the PRNG behind `FaultRule.probability` (default 1), for reproducible tests. */
  faultSeed?: number;
  /** Reject an `iat` in the future beyond the leeway with `jwt-expired` (default true; Open Zaak only logs it). */
  rejectFutureIat?: boolean;
  /** Largest request body accepted (default 256 MiB); larger → 413. */
  maxBodyBytes?: number;
  /** Clock for JWT checks and timestamps (default: the system clock). */
  now?: () => Date;
}

export interface ZgwServerInfo {
  zaken: string;
  documenten: string;
  catalogi: string;
  clientId: string;
  secret: string;
  rsin: string;
}

export interface ZgwServer {
  /** Base URLs end in /api/v1, e.g. http://127.0.0.1:PORT/zaken/api/v1 */
  info: ZgwServerInfo;
  faults: FaultInjector;
  /** Read access for tests: eios (all versions), zios, zaken, catalogue, requests log, responseErrors. */
  state: ServerState;
  close(): Promise<void>;
}
