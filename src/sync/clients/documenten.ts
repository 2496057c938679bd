// The client of the Documenten API 1.4.2 (Open Zaak 1.30): the calls a capture client makes.
import type { components } from '../generated/documenten';
import type { ZgwHttp, Identity } from '../http';
import { Eio, Paginated, BestandsDeel } from '../schemas';
import { z } from 'zod';

// Request bodies are typed from the OpenAPI file; responses are checked with the zod schemas of the fields we read.

export type EioCreateRequest = components['schemas']['EnkelvoudigInformatieObjectCreateLockRequest'];

const EioList = Paginated(Eio);

/** The EIO's descriptive fields a correction may change, as the server holds them now (a correction compares them). */
export const EioDescriptive = z.object({
  url: z.string().min(1),
  locked: z.boolean(),
  versie: z.number().int().optional(),
  titel: z.string().optional(),
  auteur: z.string().optional(),
  creatiedatum: z.string().nullable().optional(),
  ontvangstdatum: z.string().nullable().optional(),
  verzenddatum: z.string().nullable().optional(),
  beschrijving: z.string().optional(),
  informatieobjecttype: z.string().optional(),
  vertrouwelijkheidaanduiding: z.string().optional(),
  bestandsnaam: z.string().optional(),
  bestandsomvang: z.number().int().nullable().optional(),
  /** The checksum of the latest version's content: what a content correction compares. */
  integriteit: z
    .object({ algoritme: z.string().optional(), waarde: z.string().optional(), datum: z.string().nullable().optional() })
    .nullable()
    .optional(),
});
export type EioDescriptive = z.infer<typeof EioDescriptive>;
export type EioPatch = Omit<components['schemas']['PatchedEnkelvoudigInformatieObjectWithLockRequest'], 'lock'>;
const LockAnswer = z.object({ lock: z.string().min(1) });

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

  /** The descriptive fields of the EIO's latest version. */
  async getDescriptive(url: string, as?: Identity): Promise<EioDescriptive> {
    return (await this.http.request({ method: 'GET', url, schema: EioDescriptive, as })).data;
  }

  /** `POST {eio}/lock`: the lock the server gave (400 `existing-lock` when another holds one). */
  async lock(eioUrl: string, as?: Identity): Promise<string> {
    // No body is defined; the spec asks for Content-Type: application/json, which an empty object gives.
    return (await this.http.request({ method: 'POST', url: `${eioUrl}/lock`, json: {}, schema: LockAnswer, as })).data.lock;
  }

  /**
   * `PATCH {eio}` with the lock: the server makes a new version holding `changes`. With `content`, it goes as the
   * body's `inhoud` (base64, written in place as for a create): the new version's content.
   */
  async patch(
    eioUrl: string,
    changes: Omit<EioPatch, 'inhoud'>,
    lock: string,
    content?: Uint8Array,
    as?: Identity,
  ): Promise<EioDescriptive> {
    const json = { ...changes, lock } satisfies components['schemas']['PatchedEnkelvoudigInformatieObjectWithLockRequest'];
    const base64Field = content ? { field: 'inhoud', bytes: content } : undefined;
    return (await this.http.request({ method: 'PATCH', url: eioUrl, json, base64Field, schema: EioDescriptive, as })).data;
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
