// In-memory state of the test zaaksysteem. Tests get read access through `ZgwServer.state`;
// only the handlers write to it.

import type { JsonObject } from './openapi/specs';

export interface CatalogueState {
  catalogussen: Map<string, JsonObject>;
  zaaktypen: Map<string, JsonObject>;
  informatieobjecttypen: Map<string, JsonObject>;
  resultaattypen: Map<string, JsonObject>;
  zaaktypeInformatieobjecttypen: Map<string, JsonObject>;
  roltypen: Map<string, JsonObject>;
}

/** One version of an EnkelvoudigInformatieObject. `fields` holds the writable attributes as last set. */
export interface EioVersion {
  versie: number;
  beginRegistratie: string;
  fields: JsonObject;
  /** The file; null while a chunked upload is pending or when the document has no content. */
  content: Buffer | null;
}

export interface BestandsdeelRecord {
  uuid: string;
  url: string;
  volgnummer: number;
  omvang: number;
  voltooid: boolean;
  data: Buffer | null;
}

export interface EioRecord {
  uuid: string;
  url: string;
  /** All versions, oldest first; the last one is current. */
  versions: EioVersion[];
  /** '' when unlocked. */
  lock: string;
  /** Parts of a pending chunked upload of the current version. */
  parts: BestandsdeelRecord[];
}

export interface RequestLogEntry {
  at: string;
  method: string;
  /** Path without host and query. */
  path: string;
  operationId?: string;
  status: number;
  /** Fault kind applied to this request, if any. */
  fault?: string;
  ms: number;
  /**
   * Who the request was made for, from its JWT once the signature and times were verified (absent when the request
   * was refused before that, or by a fault): what a real zaaksysteem writes to its audit trail.
   */
  jwt?: VerifiedJwt;
  /** The URL of the object the request created (a 201 whose body has a `url`): ties the request to that object. */
  created?: string;
}

/** The acting client and person of a request, as its verified JWT names them. */
export interface VerifiedJwt {
  clientId: string;
  /** The claims as sent (a string when the client follows the standard; anything else is kept as it came). */
  userId: unknown;
  userRepresentation: unknown;
}

/** A request to the Selectielijst route, kept apart from `requests` (it is no ZGW API and carries no JWT). */
export interface SelectielijstRequest {
  at: string;
  method: string;
  path: string;
  status: number;
  /** Whether it carried an Authorization header (it never should: the Selectielijst is asked without credentials). */
  authorization: boolean;
}

/** The Selectielijst API this server also plays (`/selectielijst/api/v1/resultaten/{uuid}`, no authentication). */
export interface SelectielijstState {
  /** Resultaten by uuid, answered as they are (a test may put a malformed one here, or delete one for a 404). */
  resultaten: Map<string, unknown>;
  requests: SelectielijstRequest[];
}

export interface ResponseError {
  operationId: string;
  status: number;
  problems: string[];
}

export interface ServerState {
  catalogue: CatalogueState;
  zaken: Map<string, JsonObject>;
  zios: Map<string, JsonObject>;
  /** Rollen (betrokkenen bij een zaak), by uuid. */
  rollen: Map<string, JsonObject>;
  /** Resultaten (how a zaak ended), by uuid; the zaak's `resultaat` names its one. */
  resultaten: Map<string, JsonObject>;
  eios: Map<string, EioRecord>;
  /** Zaak identificaties handed out by zaaknummer_reserveren and not yet used. */
  reservedZaakIdentificaties: Set<string>;
  /** Document identificaties handed out by documentnummer_reserveren and not yet used. */
  reservedDocumentIdentificaties: Set<string>;
  requests: RequestLogEntry[];
  selectielijst: SelectielijstState;
  /** Responses that did not match the OpenAPI file (each also answered 500): a server bug. */
  responseErrors: ResponseError[];
  /**
   * Look-up indexes, as a real zaaksysteem has them in its database (a scan of every stored object per request
   * made the server's cost grow with what it holds): EIO uuids per identificatie of any version, ZIO uuid per
   * (zaak, informatieobject). Kept by the handlers; candidates are always checked against the full filter.
   */
  eiosByIdentificatie: Map<string, Set<string>>;
  zioByPair: Map<string, string>;
  counts(): Record<string, number>;
}

export function zioPairKey(zaak: unknown, informatieobject: unknown): string {
  return `${String(zaak)}\u0000${String(informatieobject)}`;
}

/** Records that `uuid` has a version with this identificatie (versions are never removed). */
export function indexEioIdentificatie(state: ServerState, identificatie: unknown, uuid: string): void {
  if (typeof identificatie !== 'string' || identificatie === '') return;
  let set = state.eiosByIdentificatie.get(identificatie);
  if (!set) state.eiosByIdentificatie.set(identificatie, (set = new Set()));
  set.add(uuid);
}

export function createState(): ServerState {
  const state: ServerState = {
    catalogue: {
      catalogussen: new Map(),
      zaaktypen: new Map(),
      informatieobjecttypen: new Map(),
      resultaattypen: new Map(),
      zaaktypeInformatieobjecttypen: new Map(),
      roltypen: new Map(),
    },
    zaken: new Map(),
    zios: new Map(),
    rollen: new Map(),
    resultaten: new Map(),
    eios: new Map(),
    reservedZaakIdentificaties: new Set(),
    reservedDocumentIdentificaties: new Set(),
    requests: [],
    selectielijst: { resultaten: new Map(), requests: [] },
    responseErrors: [],
    eiosByIdentificatie: new Map(),
    zioByPair: new Map(),
    counts() {
      let versions = 0;
      let locked = 0;
      for (const e of state.eios.values()) {
        versions += e.versions.length;
        if (e.lock) locked += 1;
      }
      return {
        catalogussen: state.catalogue.catalogussen.size,
        zaaktypen: state.catalogue.zaaktypen.size,
        informatieobjecttypen: state.catalogue.informatieobjecttypen.size,
        resultaattypen: state.catalogue.resultaattypen.size,
        zaaktypeInformatieobjecttypen: state.catalogue.zaaktypeInformatieobjecttypen.size,
        roltypen: state.catalogue.roltypen.size,
        zaken: state.zaken.size,
        rollen: state.rollen.size,
        resultaten: state.resultaten.size,
        zaakinformatieobjecten: state.zios.size,
        enkelvoudiginformatieobjecten: state.eios.size,
        eioVersions: versions,
        lockedEios: locked,
        requests: state.requests.length,
        responseErrors: state.responseErrors.length,
      };
    },
  };
  return state;
}

/** Builds and parses the resource URLs of this server (URLs are identifiers in ZGW). */
export class Urls {
  readonly origin: string;
  constructor(origin: string) {
    this.origin = origin;
  }
  base(api: 'zaken' | 'documenten' | 'catalogi'): string {
    return `${this.origin}/${api}/api/v1`;
  }
  /** The Selectielijst API's base on this server (the seed's selectielijstklasse URLs point here). */
  selectielijst(): string {
    return `${this.origin}/selectielijst/api/v1`;
  }
  resource(api: 'zaken' | 'documenten' | 'catalogi', collection: string, uuid: string): string {
    return `${this.base(api)}/${collection}/${uuid}`;
  }
  /** The uuid if `url` is exactly a resource of `collection` on this server; scheme/host must match as in Open Zaak. */
  uuidOf(url: unknown, api: 'zaken' | 'documenten' | 'catalogi', collection: string): string | undefined {
    if (typeof url !== 'string') return undefined;
    const prefix = `${this.base(api)}/${collection}/`;
    if (!url.startsWith(prefix)) return undefined;
    const rest = url.slice(prefix.length);
    return /^[0-9a-f-]{36}$/i.test(rest) ? rest.toLowerCase() : undefined;
  }
}
