// The client of the Catalogi API 1.3.1 (Open Zaak 1.30): read-only.
import { z } from 'zod';
import type { Identity, Query, ZgwHttp, ZgwResponse } from '../http';
import { InformatieObjectType, Paginated, ResultaatType, ZaakType } from '../schemas';

// Lists are paginated; detail resources carry an ETag.

export const CATALOGUE_KINDS = {
  zaaktype: { path: 'zaaktypen', schema: ZaakType, page: Paginated(ZaakType) },
  informatieobjecttype: { path: 'informatieobjecttypen', schema: InformatieObjectType, page: Paginated(InformatieObjectType) },
  resultaattype: { path: 'resultaattypen', schema: ResultaatType, page: Paginated(ResultaatType) },
} as const;
export type CatalogueKind = keyof typeof CATALOGUE_KINDS;
export type CatalogueObject<K extends CatalogueKind> = z.infer<(typeof CATALOGUE_KINDS)[K]['schema']>;
export interface CataloguePage<K extends CatalogueKind> {
  count: number;
  next: string | null;
  results: CatalogueObject<K>[];
}

/** The fields of a roltype Postkamer reads (a new zaak's initiator is registered under one). */
export const RolType = z.object({
  url: z.string().min(1),
  zaaktype: z.string().min(1),
  omschrijving: z.string(),
  omschrijvingGeneriek: z.string(),
});
export type RolType = z.infer<typeof RolType>;
const RolTypePage = Paginated(RolType);

export class CatalogiClient {
  constructor(
    private readonly http: ZgwHttp,
    readonly baseUrl: string,
  ) {}

  listUrl(kind: CatalogueKind): string {
    return `${this.baseUrl}/${CATALOGUE_KINDS[kind].path}`;
  }

  async page<K extends CatalogueKind>(
    kind: K,
    url: string,
    query: Query | undefined,
    ifNoneMatch?: string,
    as?: Identity,
  ): Promise<ZgwResponse<CataloguePage<K>>> {
    const schema = CATALOGUE_KINDS[kind].page as unknown as z.ZodType<CataloguePage<K>>;
    return this.http.request({ method: 'GET', url, query, schema, ifNoneMatch, as });
  }

  /** The zaaktype's roltypen with this omschrijvingGeneriek (one page: a zaaktype has a handful). */
  async roltypen(zaaktype: string, omschrijvingGeneriek: string, as?: Identity): Promise<RolType[]> {
    const url = `${this.baseUrl}/roltypen`;
    const r = await this.http.request({ method: 'GET', url, query: { zaaktype, omschrijvingGeneriek }, schema: RolTypePage, as });
    return r.data.results.filter((t) => t.zaaktype === zaaktype && t.omschrijvingGeneriek === omschrijvingGeneriek);
  }

  async get<K extends CatalogueKind>(kind: K, url: string, ifNoneMatch?: string, as?: Identity): Promise<ZgwResponse<CatalogueObject<K>>> {
    const schema = CATALOGUE_KINDS[kind].schema as unknown as z.ZodType<CatalogueObject<K>>;
    return this.http.request({ method: 'GET', url, schema, ifNoneMatch, as });
  }
}
