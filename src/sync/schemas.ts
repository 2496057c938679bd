// The fields of ZGW responses that Postkamer reads, checked at the boundary.
import { z } from 'zod';

// Everything else the server sends is passed over (zod objects strip unknown keys), so a newer server with extra
// fields still works.
// The generated types (./generated) describe the full resources; these schemas are the runtime check.

const Url = z.string().min(1);
const DateStr = z.string().regex(/^\d{4}-\d{2}-\d{2}/);

export const Paginated = <T extends z.ZodType>(item: T) =>
  z.object({ count: z.number().int(), next: z.string().nullable(), previous: z.string().nullable().optional(), results: z.array(item) });

export const BestandsDeel = z.object({
  url: Url,
  volgnummer: z.number().int(),
  omvang: z.number().int(),
  voltooid: z.boolean(),
  lock: z.string().optional(),
});

export const Eio = z.object({
  url: Url,
  identificatie: z.string(),
  bronorganisatie: z.string(),
  versie: z.number().int().optional(),
  locked: z.boolean(),
  bestandsomvang: z
    .number()
    .int()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  integriteit: z
    .object({ algoritme: z.string().optional(), waarde: z.string().optional(), datum: z.string().nullable().optional() })
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  bestandsdelen: z.array(BestandsDeel).optional().default([]),
  /** Only in the create response (Open Zaak); empty for inline content. */
  lock: z.string().optional(),
});
export type Eio = z.infer<typeof Eio>;

export const Zio = z.object({ url: Url, zaak: Url, informatieobject: Url });
export type Zio = z.infer<typeof Zio>;

export const Zaak = z.object({
  url: Url,
  identificatie: z.string(),
  bronorganisatie: z.string(),
  zaaktype: Url,
  omschrijving: z.string().optional().default(''),
  startdatum: DateStr,
  einddatum: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  archiefstatus: z.string().optional().default('nog_te_archiveren'),
  vertrouwelijkheidaanduiding: z.string().optional(),
  /** The zaak's resultaat (Zaken API), once it has one. */
  resultaat: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v || null),
});
export type Zaak = z.infer<typeof Zaak>;

/** The result of a zaak (Zaken API `resultaten`): which resultaattype applies. */
export const Resultaat = z.object({
  url: Url,
  zaak: Url,
  resultaattype: Url,
  toelichting: z.string().optional().default(''),
});
export type Resultaat = z.infer<typeof Resultaat>;

export const ZaakType = z.object({
  url: Url,
  identificatie: z.string().optional().default(''),
  omschrijving: z.string(),
  concept: z.boolean().optional().default(false),
  vertrouwelijkheidaanduiding: z.string().optional(),
  informatieobjecttypen: z.array(z.string()).optional().default([]),
  beginGeldigheid: z.string().optional(),
  eindeGeldigheid: z.string().nullable().optional(),
});
export type ZaakType = z.infer<typeof ZaakType>;

export const InformatieObjectType = z.object({
  url: Url,
  omschrijving: z.string(),
  vertrouwelijkheidaanduiding: z.string(),
  concept: z.boolean().optional().default(false),
  zaaktypen: z.array(z.string()).optional().default([]),
  beginGeldigheid: z.string().optional(),
  eindeGeldigheid: z.string().nullable().optional(),
});
export type InformatieObjectType = z.infer<typeof InformatieObjectType>;

/** How the brondatum of the archiefprocedure is derived (`afgehandeld`, `ander_datumkenmerk`, …) and its details. */
export const BrondatumArchiefprocedure = z
  .object({
    afleidingswijze: z.string(),
    datumkenmerk: z.string().optional(),
    einddatumBekend: z.boolean().optional(),
    objecttype: z.string().optional(),
    registratie: z.string().optional(),
    procestermijn: z.string().nullable().optional(),
  })
  .passthrough();

/**
 * A resultaattype is kept whole (passthrough): the archivist's retention needs its selectielijstklasse and
 * brondatumArchiefprocedure, and the cache must not lose what a 304 would never send again.
 */
export const ResultaatType = z
  .object({
    url: Url,
    omschrijving: z.string(),
    zaaktype: Url,
    omschrijvingGeneriek: z.string().optional(),
    archiefnominatie: z.string().optional(),
    archiefactietermijn: z.string().nullable().optional(),
    selectielijstklasse: z.string().optional(),
    brondatumArchiefprocedure: BrondatumArchiefprocedure.nullable().optional(),
  })
  .passthrough();
export type ResultaatType = z.infer<typeof ResultaatType>;

/** `OneOrMultipleZaakIdentificaties` with aantal = 1. */
export const ReservedZaaknummer = z.object({ zaaknummer: z.string().min(1).max(40) });

export const InvalidParam = z.object({ name: z.string(), code: z.string(), reason: z.string() });
export const ProblemBody = z
  .object({
    code: z.string().optional(),
    title: z.string().optional(),
    detail: z.string().optional(),
    status: z.number().optional(),
    invalidParams: z.array(InvalidParam).optional(),
  })
  .passthrough();
