// The three API clients of one connection over one HTTP layer.
import type { Connection } from '../connections';
import { ZgwHttp, type HttpOptions, type ZgwCredentials } from '../http';
import { connectionBases } from '../url-scope';
import { CatalogiClient } from './catalogi';
import { DocumentenClient } from './documenten';
import { ZakenClient } from './zaken';

export interface ZgwClients {
  conn: Connection;
  http: ZgwHttp;
  zaken: ZakenClient;
  documenten: DocumentenClient;
  catalogi: CatalogiClient;
}

/** The credential only goes to the connection's own base URLs (`options.bases` is always taken from `conn`). */
export function createClients(conn: Connection, credentials: ZgwCredentials, options: Omit<HttpOptions, 'bases'>): ZgwClients {
  const http = new ZgwHttp(credentials, { ...options, bases: connectionBases(conn) });
  return {
    conn,
    http,
    zaken: new ZakenClient(http, conn.zaken),
    documenten: new DocumentenClient(http, conn.documenten),
    catalogi: new CatalogiClient(http, conn.catalogi),
  };
}

export { CatalogiClient, DocumentenClient, ZakenClient };
