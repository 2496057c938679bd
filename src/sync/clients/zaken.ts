// The client of the Zaken API 1.5.1 (Open Zaak 1.30).
import type { components } from '../generated/zaken';
import type { Identity, Query, ZgwHttp } from '../http';
import { SyncError } from '../failure';
import { Paginated, ReservedZaaknummer, Resultaat, Zaak, Zio } from '../schemas';
import { z } from 'zod';

// Zaak resources need the CRS headers (Open Zaak answers 412 without);
// zaakinformatieobjecten do not, and their list is a plain array, not paginated.

export type ZaakCreateRequest = components['schemas']['ZaakRequest'];
export type ZioCreateRequest = components['schemas']['ZaakInformatieObjectRequest'];
export type RolCreateRequest =
  components['schemas']['natuurlijk_persoon_RolSerializerRequest'] | components['schemas']['niet_natuurlijk_persoon_RolSerializerRequest'];

/** The fields of a Rol Postkamer reads back (to find the one an earlier, unanswered POST made). */
export const Rol = z.object({ url: z.string().min(1), zaak: z.string().min(1), roltype: z.string().min(1), betrokkeneType: z.string() });
export type Rol = z.infer<typeof Rol>;
const RolPage = Paginated(Rol);

export const ZaakPage = Paginated(Zaak);
export type ZaakPage = z.infer<typeof ZaakPage>;

export class ZakenClient {
  constructor(
    private readonly http: ZgwHttp,
    readonly baseUrl: string,
  ) {}

  async findByIdentificatie(identificatie: string, bronorganisatie: string, as?: Identity): Promise<Zaak | null> {
    const r = await this.http.request({
      method: 'GET',
      url: `${this.baseUrl}/zaken`,
      query: { identificatie, bronorganisatie },
      crs: true,
      schema: ZaakPage,
      as,
    });
    return r.data.results.find((z) => z.identificatie === identificatie) ?? null;
  }

  /** One page of /zaken; `url` is either the first page (with query) or a `next` link followed as given. */
  async page(url: string, query: Query | undefined, ifNoneMatch?: string, as?: Identity) {
    return this.http.request({ method: 'GET', url, query, crs: true, schema: ZaakPage, ifNoneMatch, as });
  }

  async get(url: string, ifNoneMatch?: string, as?: Identity) {
    return this.http.request({ method: 'GET', url, crs: true, schema: Zaak, ifNoneMatch, as });
  }

  /** A zaak's resultaat (the URL its `resultaat` names). */
  async getResultaat(url: string, as?: Identity): Promise<Resultaat> {
    return (await this.http.request({ method: 'GET', url, schema: Resultaat, as })).data;
  }

  async create(body: ZaakCreateRequest, as?: Identity): Promise<Zaak> {
    return (await this.http.request({ method: 'POST', url: `${this.baseUrl}/zaken`, json: body, crs: true, schema: Zaak, as })).data;
  }

  /**
   * Reserves a zaaknummer (Open Zaak, experimental). Returns null when the server does not offer it
   * (404/405/501), so the caller falls back to an identificatie of its own.
   */
  async reserveZaaknummer(bronorganisatie: string, as?: Identity): Promise<string | null> {
    try {
      const body: components['schemas']['ReserveZaakIdentificatieRequest'] = { bronorganisatie, aantal: 1 };
      const r = await this.http.request({
        method: 'POST',
        url: `${this.baseUrl}/zaaknummer_reserveren`,
        json: body,
        schema: ReservedZaaknummer,
        as,
      });
      return r.data.zaaknummer;
    } catch (e) {
      if (e instanceof SyncError && e.failure.kind === 'http' && [404, 405, 501].includes(e.failure.status)) return null;
      throw e;
    }
  }

  async findZios(zaak: string, informatieobject: string, as?: Identity): Promise<Zio[]> {
    const r = await this.http.request({
      method: 'GET',
      url: `${this.baseUrl}/zaakinformatieobjecten`,
      query: { zaak, informatieobject },
      schema: z.array(Zio),
      as,
    });
    return r.data.filter((z) => z.zaak === zaak && z.informatieobject === informatieobject);
  }

  async createZio(body: ZioCreateRequest, as?: Identity): Promise<Zio> {
    return (await this.http.request({ method: 'POST', url: `${this.baseUrl}/zaakinformatieobjecten`, json: body, schema: Zio, as })).data;
  }

  /** The zaak's rollen under `roltype` (a zaak has a handful: one page). */
  async findRollen(zaak: string, roltype: string, as?: Identity): Promise<Rol[]> {
    const r = await this.http.request({ method: 'GET', url: `${this.baseUrl}/rollen`, query: { zaak, roltype }, schema: RolPage, as });
    return r.data.results.filter((x) => x.zaak === zaak && x.roltype === roltype);
  }

  async createRol(body: RolCreateRequest, as?: Identity): Promise<Rol> {
    return (await this.http.request({ method: 'POST', url: `${this.baseUrl}/rollen`, json: body, schema: Rol, as })).data;
  }

  /**
   * Removes a link (relink to another zaak). A link that is already gone counts as removed; false when the server
   * does not offer removal (405/501).
   */
  async deleteZio(url: string, as?: Identity): Promise<boolean> {
    try {
      await this.http.request({ method: 'DELETE', url, as });
      return true;
    } catch (e) {
      if (e instanceof SyncError && e.failure.kind === 'http' && e.failure.status === 404) return true;
      if (e instanceof SyncError && e.failure.kind === 'http' && (e.failure.status === 405 || e.failure.status === 501)) return false;
      throw e;
    }
  }
}
