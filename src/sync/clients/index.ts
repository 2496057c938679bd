import type { Connection } from '../connections';
import { ZgwHttp, type HttpOptions, type ZgwCredentials } from '../http';
import { CatalogiClient } from './catalogi';
import { DocumentenClient } from './documenten';
import { ZakenClient } from './zaken';

/** The three API clients of one connection over one HTTP layer. */
export interface ZgwClients {
  conn: Connection;
  http: ZgwHttp;
  zaken: ZakenClient;
  documenten: DocumentenClient;
  catalogi: CatalogiClient;
}

export function createClients(conn: Connection, credentials: ZgwCredentials, options: HttpOptions): ZgwClients {
  const http = new ZgwHttp(credentials, options);
  return {
    conn,
    http,
    zaken: new ZakenClient(http, conn.zaken),
    documenten: new DocumentenClient(http, conn.documenten),
    catalogi: new CatalogiClient(http, conn.catalogi),
  };
}

export { CatalogiClient, DocumentenClient, ZakenClient };
