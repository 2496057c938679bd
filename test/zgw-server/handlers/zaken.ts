// Zaken API: zaken (find, create), zaaknummer reservation, zaakinformatieobjecten (link a document), rollen (who
// is involved: a new zaak's initiator).

import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../openapi/specs';
import { fieldError, validationError, type ZgwError } from '../problem';
import type { InvalidParam } from '../openapi/validator';
import { isValidRsin } from '../rsin';
import { zioPairKey, type ServerState } from '../state';
import {
  applyOrdering,
  bodyObject,
  notFound,
  nowIso,
  omitEmptyUris,
  paginate,
  pick,
  requireRsin,
  today,
  type Handler,
  type HandlerContext,
} from './context';

export const GEO_OPERATIONS = new Set([
  'zaak_list',
  'zaak_create',
  'zaak_read',
  'zaak_head',
  'zaak_update',
  'zaak_partial_update',
  'zaak_delete',
  'zaak__zoek',
]);
export const CRS = 'EPSG:4326';
const crsHeaders = { 'content-crs': CRS };

const IDENT_RE = /^ZAAK-(\d{4})-(\d{10})$/;

/** Next free `ZAAK-YYYY-NNNNNNNNNN` (Open Zaak's default scheme), skipping reserved numbers. */
export function nextZaakIdentificatie(state: ServerState, year: string): string {
  let max = 0;
  const consider = (id: unknown) => {
    const m = typeof id === 'string' ? IDENT_RE.exec(id) : null;
    if (m && m[1] === year) max = Math.max(max, Number(m[2]));
  };
  for (const z of state.zaken.values()) consider(z.identificatie);
  for (const id of state.reservedZaakIdentificaties) consider(id);
  return `ZAAK-${year}-${String(max + 1).padStart(10, '0')}`;
}

function zakenMatching(ctx: HandlerContext, f: Record<string, unknown>): JsonObject[] {
  requireRsin('bronorganisatie', f.bronorganisatie);
  const icontains = (v: unknown, s: unknown) =>
    typeof s !== 'string' ||
    String(v ?? '')
      .toLowerCase()
      .includes(s.toLowerCase());
  const inList = (v: unknown, l: unknown) => !Array.isArray(l) || l.includes(v);
  const eq = (v: unknown, w: unknown) => w === undefined || v === w;
  const items = [...ctx.state.zaken.values()].filter(
    (z) =>
      eq(z.identificatie, f.identificatie) &&
      icontains(z.identificatie, f.identificatie__icontains) &&
      eq(z.bronorganisatie, f.bronorganisatie) &&
      inList(z.bronorganisatie, f.bronorganisatie__in) &&
      eq(z.zaaktype, f.zaaktype) &&
      inList(z.zaaktype, f.zaaktype__in) &&
      eq(z.archiefstatus, f.archiefstatus) &&
      inList(z.archiefstatus, f.archiefstatus__in) &&
      inList(z.uuid, f.uuid__in) &&
      icontains(z.omschrijving, f.omschrijving) &&
      eq(z.startdatum, f.startdatum) &&
      (typeof f.startdatum__gte !== 'string' || String(z.startdatum) >= f.startdatum__gte) &&
      (typeof f.startdatum__lte !== 'string' || String(z.startdatum) <= f.startdatum__lte) &&
      (typeof f.einddatum__isnull !== 'boolean' || (z.einddatum === null) === f.einddatum__isnull),
  );
  return applyOrdering(items, f.ordering);
}

function zaaktypeChecks(ctx: HandlerContext, url: unknown, errors: InvalidParam[]): JsonObject | undefined {
  const uuid = ctx.urls.uuidOf(url, 'catalogi', 'zaaktypen');
  const zt = uuid ? ctx.state.catalogue.zaaktypen.get(uuid) : undefined;
  if (!zt) {
    errors.push({ name: 'zaaktype', code: 'bad-url', reason: 'De URL is geen geldig ZAAKTYPE van dit zaaksysteem.' });
    return undefined;
  }
  if (zt.concept === true) errors.push({ name: 'zaaktype', code: 'not-published', reason: 'Het ZAAKTYPE is nog niet gepubliceerd.' });
  return zt;
}

const createZaak: Handler = (ctx) => {
  const b = bodyObject(ctx);
  const errors: InvalidParam[] = [];
  const zt = zaaktypeChecks(ctx, b.zaaktype, errors);
  for (const f of ['bronorganisatie', 'verantwoordelijkeOrganisatie', 'opdrachtgevendeOrganisatie']) {
    try {
      if (b[f] !== undefined && b[f] !== '') requireRsin(f, b[f]);
    } catch (e) {
      errors.push(...((e as ZgwError).invalidParams ?? []));
    }
  }
  const registratiedatum = typeof b.registratiedatum === 'string' ? b.registratiedatum : today(ctx);
  let identificatie = typeof b.identificatie === 'string' && b.identificatie !== '' ? b.identificatie : '';
  if (identificatie) {
    const taken = [...ctx.state.zaken.values()].some((z) => z.identificatie === identificatie && z.bronorganisatie === b.bronorganisatie);
    if (taken)
      errors.push({
        name: 'identificatie',
        code: 'identificatie-niet-uniek',
        reason: 'Deze identificatie bestaat al binnen de bronorganisatie.',
      });
  }
  if (errors.length) throw validationError(errors);
  if (!identificatie) identificatie = nextZaakIdentificatie(ctx.state, registratiedatum.slice(0, 4));
  ctx.state.reservedZaakIdentificaties.delete(identificatie);

  const uuid = randomUUID();
  const url = ctx.urls.resource('zaken', 'zaken', uuid);
  const zaak: JsonObject = {
    ...renderZaakDefaults(),
    ...pick(b, Object.keys(ctx.schemaProps('ZaakRequest'))),
    url,
    uuid,
    identificatie,
    registratiedatum,
    vertrouwelijkheidaanduiding: (b.vertrouwelijkheidaanduiding as string) ?? (zt?.vertrouwelijkheidaanduiding as string) ?? 'openbaar',
    archiefstatus: (b.archiefstatus as string) ?? 'nog_te_archiveren',
    laatstGemuteerd: nowIso(ctx),
    betalingsindicatieWeergave: '',
  };
  omitEmptyUris(zaak, ctx.schemaProps('Zaak'));
  ctx.state.zaken.set(uuid, zaak);
  return { status: 201, body: zaak, headers: { ...crsHeaders, location: url } };
};

/** Read-only and empty attributes of a new zaak, shaped to pass the response schema. */
export function renderZaakDefaults(): JsonObject {
  return {
    omschrijving: '',
    toelichting: '',
    einddatum: null,
    einddatumGepland: null,
    uiterlijkeEinddatumAfdoening: null,
    publicatiedatum: null,
    laatstGeopend: null,
    communicatiekanaalNaam: '',
    productenOfDiensten: [],
    betalingsindicatie: '',
    betalingsindicatieWeergave: '',
    laatsteBetaaldatum: null,
    zaakgeometrie: null,
    verlenging: null,
    opschorting: { indicatie: false, eerdereOpschorting: false, reden: '' },
    hoofdzaak: null,
    deelzaken: [],
    relevanteAndereZaken: [],
    gerelateerdeZaken: [],
    eigenschappen: [],
    rollen: [],
    status: null,
    zaakinformatieobjecten: [],
    zaakobjecten: [],
    kenmerken: [],
    archiefnominatie: null,
    archiefstatus: 'nog_te_archiveren',
    archiefactiedatum: null,
    resultaat: null,
    processobjectaard: '',
    startdatumBewaartermijn: null,
    processobject: null,
  };
}

const readZaak: Handler = (ctx) => {
  const z = ctx.state.zaken.get(ctx.pathParams.uuid.toLowerCase());
  if (!z) throw notFound();
  return { status: 200, body: z, headers: crsHeaders };
};

/** `POST /zaaknummer_reserveren` {bronorganisatie, aantal} → one or a list of `{zaaknummer}`. */
const reserveZaaknummer: Handler = (ctx) => {
  const b = bodyObject(ctx);
  requireRsin('bronorganisatie', b.bronorganisatie);
  const aantal = typeof b.aantal === 'number' ? b.aantal : 1;
  if (aantal > 100) throw fieldError('aantal', 'max_value', 'Zorg ervoor dat deze waarde kleiner of gelijk is aan 100.');
  const year = today(ctx).slice(0, 4);
  const out: JsonObject[] = [];
  for (let i = 0; i < aantal; i++) {
    const id = nextZaakIdentificatie(ctx.state, year);
    ctx.state.reservedZaakIdentificaties.add(id);
    out.push({ zaaknummer: id });
  }
  return { status: 201, body: aantal === 1 ? out[0] : out };
};

const ZIO_AARD = 'Hoort bij, omgekeerd: kent';

const createZio: Handler = (ctx) => {
  const b = bodyObject(ctx);
  const errors: InvalidParam[] = [];
  const zaakUuid = ctx.urls.uuidOf(b.zaak, 'zaken', 'zaken');
  const zaak = zaakUuid ? ctx.state.zaken.get(zaakUuid) : undefined;
  if (!zaak) errors.push({ name: 'zaak', code: 'does_not_exist', reason: 'Ongeldige hyperlink - Object bestaat niet.' });
  const eioUuid = ctx.urls.uuidOf(b.informatieobject, 'documenten', 'enkelvoudiginformatieobjecten');
  const eio = eioUuid ? ctx.state.eios.get(eioUuid) : undefined;
  if (!eio)
    errors.push({ name: 'informatieobject', code: 'bad-url', reason: 'De URL is geen geldig INFORMATIEOBJECT van dit zaaksysteem.' });
  if (errors.length) throw validationError(errors);

  // DRF runs every object-level validator and reports all failures as nonFieldErrors.
  const nonField: InvalidParam[] = [];
  const duplicate = ctx.state.zioByPair.has(zioPairKey(zaak!.url, eio!.url));
  if (duplicate)
    nonField.push({ name: 'nonFieldErrors', code: 'unique', reason: 'De velden zaak, informatieobject moeten een unieke set zijn.' });
  if (zaak!.archiefstatus !== 'nog_te_archiveren') {
    nonField.push({
      name: 'nonFieldErrors',
      code: 'zaak-archiefstatus-invalid',
      reason: 'De archiefstatus van de zaak is niet "nog_te_archiveren"; er kunnen geen documenten meer aan worden toegevoegd.',
    });
  }
  const iot = eio!.versions[eio!.versions.length - 1].fields.informatieobjecttype;
  const ztUuid = ctx.urls.uuidOf(zaak!.zaaktype, 'catalogi', 'zaaktypen');
  const zt = ztUuid ? ctx.state.catalogue.zaaktypen.get(ztUuid) : undefined;
  if (!zt || !(zt.informatieobjecttypen as string[]).includes(iot as string)) {
    nonField.push({
      name: 'nonFieldErrors',
      code: 'missing-zaaktype-informatieobjecttype-relation',
      reason: 'Het informatieobjecttype hoort niet bij het zaaktype van de zaak.',
    });
  }
  if (nonField.length) throw validationError(nonField);

  const uuid = randomUUID();
  const url = ctx.urls.resource('zaken', 'zaakinformatieobjecten', uuid);
  const zio: JsonObject = {
    url,
    uuid,
    informatieobject: eio!.url,
    zaak: zaak!.url,
    aardRelatieWeergave: ZIO_AARD,
    titel: typeof b.titel === 'string' ? b.titel : '',
    beschrijving: typeof b.beschrijving === 'string' ? b.beschrijving : '',
    registratiedatum: nowIso(ctx),
    vernietigingsdatum: (b.vernietigingsdatum as string | null | undefined) ?? null,
    status: (b.status as string | null | undefined) ?? null,
  };
  ctx.state.zios.set(uuid, zio);
  ctx.state.zioByPair.set(zioPairKey(zio.zaak, zio.informatieobject), uuid);
  (zaak!.zaakinformatieobjecten as string[]).push(url);
  zaak!.laatstGemuteerd = nowIso(ctx);
  return { status: 201, body: zio, headers: { location: url } };
};

/** Not paginated in Open Zaak: a plain array (open-zaak issue #1369). */
const listZios: Handler = (ctx) => {
  const q = ctx.query;
  const pair =
    q.zaak !== undefined && q.informatieobject !== undefined ? ctx.state.zioByPair.get(zioPairKey(q.zaak, q.informatieobject)) : undefined;
  const source =
    q.zaak !== undefined && q.informatieobject !== undefined
      ? pair && ctx.state.zios.has(pair)
        ? [ctx.state.zios.get(pair)!]
        : []
      : [...ctx.state.zios.values()];
  const items = source.filter(
    (z) => (q.zaak === undefined || z.zaak === q.zaak) && (q.informatieobject === undefined || z.informatieobject === q.informatieobject),
  );
  return { status: 200, body: items };
};

/**
 * Open Zaak removes the link (and its mirror in the Documenten API) and answers 204; a zaak that is archived
 * no longer changes. Used by a capture client to relink a document to another zaak.
 */
const destroyZio: Handler = (ctx) => {
  const uuid = ctx.pathParams.uuid.toLowerCase();
  const z = ctx.state.zios.get(uuid);
  if (!z) throw notFound();
  const zaakUuid = ctx.urls.uuidOf(z.zaak as string, 'zaken', 'zaken');
  const zaak = zaakUuid ? ctx.state.zaken.get(zaakUuid) : undefined;
  if (zaak && zaak.archiefstatus !== 'nog_te_archiveren') {
    throw validationError([
      {
        name: 'nonFieldErrors',
        code: 'zaak-archiefstatus-invalid',
        reason: 'De archiefstatus van de zaak is niet "nog_te_archiveren"; de koppeling kan niet meer worden verwijderd.',
      },
    ]);
  }
  ctx.state.zios.delete(uuid);
  if (ctx.state.zioByPair.get(zioPairKey(z.zaak, z.informatieobject)) === uuid)
    ctx.state.zioByPair.delete(zioPairKey(z.zaak, z.informatieobject));
  if (zaak) {
    zaak.zaakinformatieobjecten = (zaak.zaakinformatieobjecten as string[]).filter((u) => u !== z.url);
    zaak.laatstGemuteerd = nowIso(ctx);
  }
  return { status: 204 };
};

const readZio: Handler = (ctx) => {
  const z = ctx.state.zios.get(ctx.pathParams.uuid.toLowerCase());
  if (!z) throw notFound();
  return { status: 200, body: z };
};

/** `POST /rollen`: the betrokkene of a zaak under a roltype of the zaak's zaaktype. */
const createRol: Handler = (ctx) => {
  const b = bodyObject(ctx);
  const errors: InvalidParam[] = [];
  const zaakUuid = ctx.urls.uuidOf(b.zaak, 'zaken', 'zaken');
  const zaak = zaakUuid ? ctx.state.zaken.get(zaakUuid) : undefined;
  if (!zaak) errors.push({ name: 'zaak', code: 'does_not_exist', reason: 'Ongeldige hyperlink - Object bestaat niet.' });
  const rtUuid = ctx.urls.uuidOf(b.roltype, 'catalogi', 'roltypen');
  const roltype = rtUuid ? ctx.state.catalogue.roltypen.get(rtUuid) : undefined;
  if (!roltype) errors.push({ name: 'roltype', code: 'bad-url', reason: 'De URL is geen geldig ROLTYPE van dit zaaksysteem.' });
  const ident = (b.betrokkeneIdentificatie ?? null) as JsonObject | null;
  // Open Zaak's BSNValidator: the same 11-proef as an RSIN.
  if (typeof ident?.inpBsn === 'string' && !isValidRsin(ident.inpBsn))
    errors.push({ name: 'betrokkeneIdentificatie.inpBsn', code: 'invalid', reason: 'Onjuist BSN nummer.' });
  if (errors.length) throw validationError(errors);
  if (roltype!.zaaktype !== zaak!.zaaktype)
    throw validationError([
      { name: 'nonFieldErrors', code: 'zaaktype-mismatch', reason: 'Het ROLTYPE hoort niet bij het ZAAKTYPE van de ZAAK.' },
    ]);

  const uuid = randomUUID();
  const url = ctx.urls.resource('zaken', 'rollen', uuid);
  const rol: JsonObject = {
    url,
    uuid,
    zaak: zaak!.url,
    betrokkeneType: b.betrokkeneType as string,
    afwijkendeNaamBetrokkene: typeof b.afwijkendeNaamBetrokkene === 'string' ? b.afwijkendeNaamBetrokkene : '',
    roltype: roltype!.url,
    omschrijving: roltype!.omschrijving,
    omschrijvingGeneriek: roltype!.omschrijvingGeneriek,
    roltoelichting: typeof b.roltoelichting === 'string' ? b.roltoelichting : '',
    registratiedatum: nowIso(ctx),
    indicatieMachtiging: typeof b.indicatieMachtiging === 'string' ? b.indicatieMachtiging : '',
    contactpersoonRol: (b.contactpersoonRol as JsonObject | null | undefined) ?? null,
    statussen: [],
    beginGeldigheid: (b.beginGeldigheid as string | null | undefined) ?? null,
    eindeGeldigheid: (b.eindeGeldigheid as string | null | undefined) ?? null,
    betrokkeneIdentificatie: ident,
    authenticatieContext: null,
  };
  if (typeof b.betrokkene === 'string' && b.betrokkene !== '') rol.betrokkene = b.betrokkene;
  ctx.state.rollen.set(uuid, rol);
  (zaak!.rollen as string[]).push(url);
  zaak!.laatstGemuteerd = nowIso(ctx);
  return { status: 201, body: rol, headers: { location: url } };
};

const listRollen: Handler = (ctx) => {
  const q = ctx.query;
  const eq = (v: unknown, w: unknown) => w === undefined || v === w;
  const items = [...ctx.state.rollen.values()].filter(
    (r) =>
      eq(r.zaak, q.zaak) &&
      eq(r.roltype, q.roltype) &&
      eq(r.betrokkeneType, q.betrokkeneType) &&
      eq(r.omschrijvingGeneriek, q.omschrijvingGeneriek) &&
      eq(r.betrokkene, q.betrokkene),
  );
  return { status: 200, body: paginate(ctx, items, (r) => r) };
};

const readRol: Handler = (ctx) => {
  const r = ctx.state.rollen.get(ctx.pathParams.uuid.toLowerCase());
  if (!r) throw notFound();
  return { status: 200, body: r };
};

export const zakenHandlers: Record<string, Handler> = {
  zaak_list: (ctx) => ({ status: 200, body: paginate(ctx, zakenMatching(ctx, ctx.query), (z) => z), headers: crsHeaders }),
  zaak__zoek: (ctx) => ({
    status: 200,
    body: paginate(ctx, zakenMatching(ctx, { ...bodyObject(ctx), ordering: ctx.query.ordering }), (z) => z),
    headers: crsHeaders,
  }),
  zaak_create: createZaak,
  zaak_read: readZaak,
  zaak_head: readZaak,
  zaaknummer_reserveren: reserveZaaknummer,
  zaak_reserveer_zaaknummer: reserveZaaknummer,
  zaakinformatieobject_create: createZio,
  zaakinformatieobject_list: listZios,
  zaakinformatieobject_read: readZio,
  zaakinformatieobject_delete: destroyZio,
  zaakinformatieobject_head: readZio,
  rol_create: createRol,
  rol_list: listRollen,
  rol_read: readRol,
  rol_head: readRol,
};
