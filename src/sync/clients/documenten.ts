// The client of the Documenten API 1.4.2 (Open Zaak 1.30): the calls a capture client makes.
import type { components } from '../generated/documenten';
import type { ZgwHttp, Identity } from '../http';
import { Eio, Paginated, BestandsDeel } from '../schemas';
import { type z } from 'zod';

// Request bodies are typed from the OpenAPI file; responses are checked with the zod schemas of the fields we read.

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

  /**
   * `POST /enkelvoudiginformatieobjecten`. With `content`, it goes inline as the body's `inhoud` (base64); without,
   * `inhoud` is null and the server answers with bestandsdelen to upload.
   */
  async create(body: Omit<EioCreateRequest, 'inhoud'>, content?: Uint8Array, as?: Identity): Promise<Eio> {
    const url = `${this.baseUrl}/enkelvoudiginformatieobjecten`;
    const json = { ...body, inhoud: null } satisfies EioCreateRequest;
    const base64Field = content ? { field: 'inhoud', bytes: content } : undefined;
    return (await this.http.request({ method: 'POST', url, json, base64Field, schema: Eio, as })).data;
  }

  /** `PUT /bestandsdelen/{uuid}` as multipart/form-data with the part's bytes and the lock. */
  async putPart(partUrl: string, bytes: Uint8Array, lock: string, as?: Identity): Promise<z.infer<typeof BestandsDeel>> {
    const form = { fields: { lock }, file: { name: 'inhoud', filename: 'deel', bytes } };
    return (await this.http.request({ method: 'PUT', url: partUrl, form, schema: BestandsDeel, as })).data;
  }

  async unlock(eioUrl: string, lock: string, as?: Identity): Promise<void> {
    await this.http.request({
      method: 'POST',
      url: `${eioUrl}/unlock`,
      json: { lock } satisfies components['schemas']['UnlockEnkelvoudigInformatieObjectRequest'],
      as,
    });
  }
}
