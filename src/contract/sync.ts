// Commands of the zaaksysteem delivery (ZGW sync).
import { z } from 'zod';
import { cmd } from './define';
import { DocumentSummary, Id, IsoDateTime, OutboxState } from './schemas';
import { httpUrl, plainText } from './text';

// Merged into `commands` in commands.ts.
// Owned by the sync module; kept in its own file so the contract stays readable.
// Secrets only ever travel inward (`sync.connection.set`, local audience); nothing here returns one.

const Empty = z.object({}).strict();
export const ZgwEnv = z.enum(['test', 'acceptatie', 'productie']);
const HttpUrl = httpUrl();
const Zaaknummer = plainText().trim().min(1).max(40);
export const Vertrouwelijkheid = z.enum([
  'openbaar',
  'beperkt_openbaar',
  'intern',
  'zaakvertrouwelijk',
  'vertrouwelijk',
  'confidentieel',
  'geheim',
  'zeer_geheim',
]);

export const ZgwConnection = z.object({
  env: ZgwEnv,
  zaken: z.string(),
  documenten: z.string(),
  catalogi: z.string(),
  rsin: z.string(),
  informatieobjecttype: z.string().nullable(),
  updatedAt: IsoDateTime,
  active: z.boolean(),
});

const Counts = z.record(z.string(), z.number().int());

/**
 * One environment's sync health, from the outcome of every request sent to it (codes and classes only): `offline`
 * when the last request got no answer, `failing` when the server answered 5xx/429, refused the token (401/403) or
 * answered something unusable, `ok` when it succeeded. Documents in attention and those waiting for an automatic
 * retry, by their reason (the outbox's last error code).
 */
export const SyncHealth = z.object({
  state: z.enum(['ok', 'failing', 'offline']),
  lastSuccessAt: IsoDateTime.nullable(),
  lastFailure: z
    .object({
      at: IsoDateTime,
      class: z.enum(['network', 'server', 'auth', 'client', 'invalid']),
      code: z.string(),
      /** What it means, in Dutch. */
      message: z.string(),
    })
    .nullable(),
  errorsLastHour: z.number().int(),
  errorsLastDay: z.number().int(),
  requestsLastHour: z.number().int(),
  attentionByReason: Counts,
  waitingByReason: Counts,
});
export type SyncHealth = z.infer<typeof SyncHealth>;

export const SyncStatus = z.object({
  activeEnv: ZgwEnv.nullable(),
  connections: z.array(ZgwConnection),
  running: z.boolean(),
  offline: z.array(z.string()),
  concurrency: z.number().int(),
  inlineLimitBytes: z.number().int(),
  outbox: z.record(z.string(), z.number().int()),
  lastRefreshAt: IsoDateTime.nullable(),
  lastRefreshError: z.string().nullable(),
  /** Per configured environment. */
  health: z.record(z.string(), SyncHealth),
});

export const OutboxItem = z.object({
  documentId: Id,
  title: z.string(),
  env: z.string(),
  state: OutboxState,
  target: z.enum(['zaaknummer', 'nieuwe-zaak']),
  zaaknummer: z.string().nullable(),
  zaakUrl: z.string().nullable(),
  newZaak: z.object({ zaaktype: z.string(), omschrijving: z.string() }).nullable(),
  identificatie: z.string(),
  eioUrl: z.string().nullable(),
  zioUrl: z.string().nullable(),
  attempts: z.number().int(),
  nextAttemptAt: IsoDateTime.nullable(),
  lastErrorCode: z.string().nullable(),
  /** Dutch explanation for the clerk (the server's invalidParams explained). */
  lastError: z.string().nullable(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  doneAt: IsoDateTime.nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

/**
 * The sender as the new zaak's initiator (a Rol of the zaaktype's initiator roltype): a company by its KvK number, a
 * citizen by name and address. `bsnVanPagina`: "use the BSN read on this document's page; I checked it against the
 * page" — the clerk's confirmation (audited); the number itself never travels through the contract. Refused with a
 * KvK number (a company has no BSN) and on a document without exactly one BSN.
 */
export const Initiator = z
  .object({
    naam: plainText().trim().min(1).max(200),
    adres: plainText().trim().max(200).optional(),
    postcode: plainText().trim().max(10).optional(),
    woonplaats: plainText().trim().max(80).optional(),
    email: plainText().trim().max(254).optional(),
    telefoon: plainText().trim().max(20).optional(),
    kvk: z
      .string()
      .trim()
      .regex(/^\d{8}$/, 'KvK-nummer: acht cijfers')
      .optional(),
    bsnVanPagina: z.boolean().default(false),
  })
  .strict();

const ZaakSummary = z.object({
  url: z.string(),
  identificatie: z.string(),
  omschrijving: z.string(),
  zaaktype: z.string(),
  startdatum: z.string(),
  einddatum: z.string().nullable(),
  archiefstatus: z.string(),
});

export const Catalogue = z.object({
  env: ZgwEnv.nullable(),
  zaaktypen: z.array(
    z.object({ url: z.string(), identificatie: z.string(), omschrijving: z.string(), informatieobjecttypen: z.array(z.string()) }),
  ),
  informatieobjecttypen: z.array(
    z.object({ url: z.string(), omschrijving: z.string(), vertrouwelijkheidaanduiding: z.string(), zaaktypen: z.array(z.string()) }),
  ),
  resultaattypen: z.array(z.object({ url: z.string(), omschrijving: z.string(), zaaktype: z.string() })),
  refreshedAt: IsoDateTime.nullable(),
});

const ConnectionCheck = z.object({
  check: z.enum(['dns', 'tls', 'auth', 'clock', 'catalogi', 'zaken', 'documenten', 'informatieobjecttype', 'addresses']),
  ok: z.boolean(),
  message: z.string(),
});

const RunSummary = z.object({
  delivered: z.number().int(),
  attention: z.number().int(),
  retried: z.number().int(),
  remaining: z.number().int(),
  offline: z.array(z.string()),
});

const DocumentRef = z.object({ documentId: Id }).strict();
const TypeChoice = {
  informatieobjecttype: HttpUrl.optional(),
  /**
   * The document type by its omschrijving (or URL), matched among the types the zaak's zaaktype allows; refused at once
   * when it is not allowed, unknown, or matches several (the candidates named). Without either, the document's own
   * documenttype field, else the zaaktype's only type, else the connection's default.
   */
  documenttype: plainText().trim().min(1).max(1000).optional(),
  vertrouwelijkheidaanduiding: Vertrouwelijkheid.optional(),
};

export const syncCommands = {
  /** Saves a connection; the secret may only come from a trusted caller (CLI, Electron main). */
  'sync.connection.set': cmd(
    z
      .object({
        env: ZgwEnv,
        zaken: HttpUrl,
        documenten: HttpUrl,
        catalogi: HttpUrl,
        clientId: plainText().trim().min(1).max(200),
        secret: z.string().min(1).max(2000),
        rsin: z
          .string()
          .trim()
          .regex(/^\d{9}$/, 'RSIN: negen cijfers'),
        informatieobjecttype: HttpUrl.nullable().optional(),
        activate: z.boolean().default(false),
      })
      .strict(),
    ZgwConnection,
    'local',
  ),
  'sync.connection.activate': cmd(z.object({ env: ZgwEnv }).strict(), SyncStatus, 'local'),
  'sync.settings.set': cmd(
    z
      .object({
        concurrency: z.number().int().min(1).max(16).optional(),
        inlineLimitBytes: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .optional(),
      })
      .strict(),
    SyncStatus,
    'local',
  ),
  /** Connection state for the UI: addresses, RSIN and environment — never client_id or secret. */
  'sync.status': cmd(Empty, SyncStatus),
  'sync.connection.test': cmd(
    z.object({ env: ZgwEnv.optional() }).strict(),
    z.object({ env: ZgwEnv, ok: z.boolean(), checks: z.array(ConnectionCheck) }),
  ),
  'sync.outbox.list': cmd(
    z
      .object({
        state: OutboxState.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    z.array(OutboxItem),
  ),
  'sync.outbox.get': cmd(DocumentRef, OutboxItem.nullable()),
  /** Link a document to an existing zaak by its zaaknummer; works offline (resolved when the server is reachable). */
  'sync.link': cmd(z.object({ documentId: Id, zaaknummer: Zaaknummer, ...TypeChoice }).strict(), OutboxItem),
  /** Deliver a document to a new zaak, created in the Zaken API exactly once. */
  'sync.newZaak': cmd(
    z
      .object({
        documentId: Id,
        zaaktype: plainText().trim().min(1).max(1000),
        omschrijving: plainText().trim().min(1).max(80),
        initiator: Initiator.optional(),
        ...TypeChoice,
      })
      .strict(),
    OutboxItem,
  ),
  'sync.retry': cmd(DocumentRef, OutboxItem),
  /**
   * Retries a group in one action (one transaction, one audit entry): the documents in attention or waiting for a
   * retry after an error, of the selection `documentIds`, or all with the reason `reason` (a last error code), or
   * both filters together. `skipped`: selected documents that were not in attention nor waiting after an error.
   */
  'sync.retryMany': cmd(
    z
      .object({
        documentIds: z.array(Id).min(1).max(1000).optional(),
        reason: z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9_.-]{1,100}$/, 'een foutcode (zoals zgw-http-500)')
          .optional(),
      })
      .strict()
      .refine((i) => i.documentIds !== undefined || i.reason !== undefined, 'geef documentIds, een reden (reason), of beide'),
    z.object({ retried: z.number().int(), skipped: z.number().int(), reason: z.string().nullable() }),
  ),
  /**
   * A supervisor hands a document in attention back to the clerk with a note: its link is undone (only while nothing
   * of it reached the zaaksysteem) and it waits in `te-controleren` with the note as its reason until it is linked again.
   */
  'sync.handBack': cmd(
    z.object({ documentId: Id, note: plainText().trim().min(1, 'schrijf een toelichting voor de medewerker').max(500) }).strict(),
    DocumentSummary,
  ),
  /** Point a document (also one in attention, or already delivered) at another zaak. */
  'sync.relink': cmd(z.object({ documentId: Id, zaaknummer: Zaaknummer, ...TypeChoice }).strict(), OutboxItem),
  'sync.catalogue': cmd(Empty, Catalogue),
  'sync.zaken.search': cmd(
    z.object({ query: plainText().trim().min(1).max(100), limit: z.number().int().min(1).max(100).default(20) }).strict(),
    z.object({ zaken: z.array(ZaakSummary), source: z.enum(['cache', 'server']) }),
  ),
  /**
   * The cached zaken most likely meant for a document, best first: the zaaknummer read on its page (or separator sheet),
   * zaken earlier letters with the same kenmerk went to, and zaken earlier letters from the same sender went to.
   */
  'sync.zaken.suggest': cmd(
    z.object({ documentId: Id, limit: z.number().int().min(1).max(50).default(10) }).strict(),
    z.array(z.object({ zaak: ZaakSummary, reasons: z.array(z.enum(['zaaknummer', 'kenmerk', 'afzender'])), filings: z.number().int() })),
  ),
  'sync.refresh': cmd(
    Empty,
    z.object({
      zaaktypen: z.number().int(),
      informatieobjecttypen: z.number().int(),
      resultaattypen: z.number().int(),
      zaken: z.number().int(),
      pages: z.number().int(),
      pagesNotModified: z.number().int(),
      /**
       * The Selectielijst's words of the resultaattypen (no credentials): entries fresh in the cache, fetched, failed,
       * skipped (host down, out of time) and refused (outside the setting selectielijstBases: never requested).
       */
      selectielijst: z
        .object({
          fresh: z.number().int(),
          fetched: z.number().int(),
          failed: z.number().int(),
          skipped: z.number().int(),
          refused: z.number().int(),
        })
        .nullable(),
    }),
  ),
  /** Deliver what can be delivered now, then return (the CLI's `sync --once`). */
  'sync.run': cmd(
    z
      .object({ maxWaitMs: z.number().int().min(0).max(600_000).optional(), concurrency: z.number().int().min(1).max(16).optional() })
      .strict(),
    RunSummary,
    'local',
  ),
} as const;
