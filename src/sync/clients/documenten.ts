import type { components } from '../generated/documenten';
import type { ZgwHttp, Identity } from '../http';
import { Eio, Paginated, BestandsDeel } from '../schemas';
import { z } from 'zod';

// Documenten API 1.4.2 (Open Zaak 1.30): the calls a capture client makes. Request bodies are typed from the
// OpenAPI file; responses are checked with the zod schemas of the fields we read.

export type EioCreateRequest = components['schemas']['EnkelvoudigInformatieObjectCreateLockRequest'];

const EioList = Paginated(Eio);

export class DocumentenClient {
  constructor(
    private readonly http: ZgwHttp,
    readonly baseUrl: string,
  ) {}

  /** The latest version of the EIO with this identificatie, or null. */
  async findByIdentificatie(identificatie: string, bronorganisatie: string, as?: Identity): Promise<Eio | null> {
    const r = await this.http.request({
      method: 'GET',
      url: `${this.baseUrl}/enkelvoudiginformatieobjecten`,
      query: { identificatie, bronorganisatie },
      schema: EioList,
      as,
    });
    return r.data.results.find((e) => e.identificatie === identificatie && e.bronorganisatie === bronorganisatie) ?? null;
  }

  async get(url: string, as?: Identity): Promise<Eio> {
    return (await this.http.request({ method: 'GET', url, schema: Eio, as })).data;
  }

  async create(body: EioCreateRequest, as?: Identity): Promise<Eio> {
    return (await this.http.request({ method: 'POST', url: `${this.baseUrl}/enkelvoudiginformatieobjecten`, json: body, schema: Eio, as })).data;
  }

  /** `PUT /bestandsdelen/{uuid}` as multipart/form-data with the part's bytes and the lock. */
  async putPart(partUrl: string, bytes: Uint8Array, lock: string, as?: Identity): Promise<z.infer<typeof BestandsDeel>> {
    const form = { fields: { lock }, file: { name: 'inhoud', filename: 'deel', bytes } };
    return (await this.http.request({ method: 'PUT', url: partUrl, form, schema: BestandsDeel, as })).data;
  }

  async unlock(eioUrl: string, lock: string, as?: Identity): Promise<void> {
    await this.http.request({ method: 'POST', url: `${eioUrl}/unlock`, json: { lock } satisfies components['schemas']['UnlockEnkelvoudigInformatieObjectRequest'], as });
  }
}
