// The test and demo zaaksysteem: a real HTTP server on 127.0.0.1 that behaves like Open Zaak 1.30
// for what a document-capture client does. Never loaded by the app; used by tests and `npm run demo`.

export { startZgwServer } from './server';
export { runZgwServerCli } from './cli';
export { mintZgwJwt } from './jwt';
export type { ZgwServer, ZgwServerInfo, ZgwServerOptions } from './options';
export type { FaultInjector, FaultKind, FaultRule } from './faults';
export type {
  BestandsdeelRecord,
  CatalogueState,
  EioRecord,
  EioVersion,
  RequestLogEntry,
  ResponseError,
  ServerState,
  VerifiedJwt,
} from './state';
export type { SeedName } from './seed';
export { ZgwTestClient, zgwToken, signJwt } from './test-client';
