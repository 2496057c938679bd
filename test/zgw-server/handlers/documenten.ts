// Documenten API: enkelvoudiginformatieobjecten with versions, base64 and chunked (bestandsdelen)
// uploads, lock/unlock, download; documentnummer reservation. Semantics of Open Zaak 1.30
// (notes/zgw-client.md §5.2, §5.3, §7).

import { randomUUID } from 'node:crypto';
import type { JsonObject } from '../openapi/specs';
import type { InvalidParam } from '../openapi/validator';
import { ZgwError, fieldError, validationError } from '../problem';
import { isValidRsin } from '../rsin';
import { indexEioIdentificatie, type BestandsdeelRecord, type EioRecord, type EioVersion, type ServerState } from '../state';
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

const DOC_IDENT_RE = /^DOCUMENT-(\d{4})-(\d{10})$/;

function current(rec: EioRecord): EioVersion {
  return rec.versions[rec.versions.length - 1];
}

/** EIOs that have (had) this identificatie: the candidates a filter on it needs to look at. */
function eiosWithIdentificatie(state: ServerState, identificatie: string): EioRecord[] {
  const out: EioRecord[] = [];
  for (const uuid of state.eiosByIdentificatie.get(identificatie) ?? []) {
    const rec = state.eios.get(uuid);
    if (rec) out.push(rec);
  }
  return out;
}

/** Next free `DOCUMENT-YYYY-NNNNNNNNNN` (Open Zaak's scheme; year of creatiedatum). */
function nextDocumentIdentificatie(state: ServerState, year: string): string {
  let max = 0;
  const consider = (id: unknown) => {
    const m = typeof id === 'string' ? DOC_IDENT_RE.exec(id) : null;
    if (m && m[1] === year) max = Math.max(max, Number(m[2]));
  };
  for (const e of state.eios.values()) for (const v of e.versions) consider(v.fields.identificatie);
  for (const id of state.reservedDocumentIdentificaties) consider(id);
  return `DOCUMENT-${year}-${String(max + 1).padStart(10, '0')}`;
}

function renderPart(rec: EioRecord, p: BestandsdeelRecord): JsonObject {
  // Open Zaak returns the current lock in every part (notes §8: readable by any client).
  return { url: p.url, volgnummer: p.volgnummer, omvang: p.omvang, voltooid: p.voltooid, lock: rec.lock };
}

export function renderEio(ctx: HandlerContext, rec: EioRecord, v: EioVersion): JsonObject {
  const f = v.fields;
  const isCurrent = v === current(rec);
  const out: JsonObject = {
    url: rec.url,
    identificatie: f.identificatie ?? '',
    bronorganisatie: f.bronorganisatie ?? '',
    creatiedatum: f.creatiedatum ?? null,
    titel: f.titel ?? '',
    vertrouwelijkheidaanduiding: f.vertrouwelijkheidaanduiding ?? '',
    auteur: f.auteur ?? '',
    status: f.status ?? '',
    formaat: f.formaat ?? '',
    taal: f.taal ?? '',
    versie: v.versie,
    beginRegistratie: v.beginRegistratie,
    bestandsnaam: f.bestandsnaam ?? '',
    inhoud: v.content ? `${rec.url}/download?versie=${v.versie}` : null,
    bestandsomvang: f.bestandsomvang ?? null,
    link: f.link ?? '',
    beschrijving: f.beschrijving ?? '',
    ontvangstdatum: f.ontvangstdatum ?? null,
    verzenddatum: f.verzenddatum ?? null,
    indicatieGebruiksrecht: f.indicatieGebruiksrecht ?? null,
    verschijningsvorm: f.verschijningsvorm ?? '',
    ondertekening: f.ondertekening ?? null,
    integriteit: f.integriteit ?? null,
    informatieobjecttype: f.informatieobjecttype ?? '',
    locked: rec.lock !== '',
    bestandsdelen: isCurrent ? rec.parts.map((p) => renderPart(rec, p)) : [],
    trefwoorden: f.trefwoorden ?? [],
  };
  omitEmptyUris(out, ctx.schemaProps('EnkelvoudigInformatieObject'));
  return out;
}

function makeParts(ctx: HandlerContext, size: number): BestandsdeelRecord[] {
  const parts: BestandsdeelRecord[] = [];
  const n = Math.max(1, Math.ceil(size / ctx.config.chunkSize));
  for (let i = 0; i < n; i++) {
    const uuid = randomUUID();
    const omvang = i < n - 1 ? ctx.config.chunkSize : size - ctx.config.chunkSize * (n - 1);
    parts.push({
      uuid,
      url: ctx.urls.resource('documenten', 'bestandsdelen', uuid),
      volgnummer: i + 1,
      omvang,
      voltooid: false,
      data: null,
    });
  }
  return parts;
}

function newLock(): string {
  return randomUUID().replace(/-/g, '');
}

/** Field rules shared by create and update; returns problems instead of throwing so all are reported. */
function checkFields(ctx: HandlerContext, f: JsonObject, selfUuid: string | undefined): InvalidParam[] {
  const errors: InvalidParam[] = [];
  if (typeof f.bronorganisatie === 'string' && !isValidRsin(f.bronorganisatie)) {
    errors.push({ name: 'bronorganisatie', code: 'invalid', reason: 'Onjuist RSIN nummer' });
  }
  const iotUuid = ctx.urls.uuidOf(f.informatieobjecttype, 'catalogi', 'informatieobjecttypen');
  const iot = iotUuid ? ctx.state.catalogue.informatieobjecttypen.get(iotUuid) : undefined;
  if (f.informatieobjecttype !== undefined && !iot) {
    errors.push({
      name: 'informatieobjecttype',
      code: 'bad-url',
      reason: 'De URL is geen geldig INFORMATIEOBJECTTYPE van dit zaaksysteem.',
    });
  } else if (iot && iot.concept === true) {
    errors.push({ name: 'informatieobjecttype', code: 'not-published', reason: 'Het INFORMATIEOBJECTTYPE is nog niet gepubliceerd.' });
  }
  if (typeof f.identificatie === 'string' && f.identificatie !== '') {
    const taken = eiosWithIdentificatie(ctx.state, f.identificatie).some(
      (e) =>
        e.uuid !== selfUuid &&
        current(e).fields.identificatie === f.identificatie &&
        current(e).fields.bronorganisatie === f.bronorganisatie,
    );
    if (taken)
      errors.push({
        name: 'identificatie',
        code: 'identificatie-niet-uniek',
        reason: 'Deze identificatie bestaat al voor deze bronorganisatie.',
      });
  }
  // drc-005: received documents cannot be "in_bewerking" or "ter_vaststelling".
  if (f.ontvangstdatum && (f.status === 'in_bewerking' || f.status === 'ter_vaststelling')) {
    errors.push({
      name: 'status',
      code: 'invalid_for_received',
      reason: 'De statuswaarden `in_bewerking` en `ter_vaststelling` zijn niet van toepassing op ontvangen informatieobjecten.',
    });
  }
  if (f.indicatieGebruiksrecht === true) {
    errors.push({
      name: 'indicatieGebruiksrecht',
      code: 'missing-gebruiksrechten',
      reason: 'De indicatie kan pas gezet worden als er gebruiksrechten gedefinieerd zijn.',
    });
  }
  return errors;
}

interface ContentPlan {
  content: Buffer | null;
  size: number | null;
  chunked: boolean;
}

/** Base64 `inhoud` (with a matching `bestandsomvang`), or `bestandsomvang` alone for a chunked upload. */
function planContent(b: JsonObject, errors: InvalidParam[]): ContentPlan | undefined {
  const size = typeof b.bestandsomvang === 'number' ? b.bestandsomvang : null;
  if (typeof b.inhoud === 'string') {
    const content = Buffer.from(b.inhoud, 'base64');
    if (size !== null && size !== content.length) {
      errors.push({
        name: 'bestandsomvang',
        code: 'file-size',
        reason: `De bestandsomvang (${size}) komt niet overeen met de grootte van de inhoud (${content.length}).`,
      });
      return undefined;
    }
    return { content, size: content.length, chunked: false };
  }
  if (size === null) return undefined;
  if (size === 0) return { content: Buffer.alloc(0), size: 0, chunked: false };
  return { content: null, size, chunked: true };
}

const createEio: Handler = (ctx) => {
  const b = bodyObject(ctx);
  const f = pick(b, Object.keys(ctx.schemaProps('EnkelvoudigInformatieObjectCreateLockRequest')));
  const errors = checkFields(ctx, f, undefined);
  const plan = planContent(b, errors);
  if (errors.length) throw validationError(errors);

  if (typeof f.identificatie !== 'string' || f.identificatie === '') {
    const year = typeof f.creatiedatum === 'string' ? f.creatiedatum.slice(0, 4) : today(ctx).slice(0, 4);
    f.identificatie = nextDocumentIdentificatie(ctx.state, year);
  }
  ctx.state.reservedDocumentIdentificaties.delete(f.identificatie as string);
  if (f.vertrouwelijkheidaanduiding === undefined || f.vertrouwelijkheidaanduiding === '') {
    // drc-007: default from the informatieobjecttype.
    const iot = ctx.state.catalogue.informatieobjecttypen.get(
      ctx.urls.uuidOf(f.informatieobjecttype, 'catalogi', 'informatieobjecttypen') ?? '',
    );
    f.vertrouwelijkheidaanduiding = (iot?.vertrouwelijkheidaanduiding as string) ?? 'openbaar';
  }
  delete f.inhoud;
  f.bestandsomvang = plan?.size ?? null;

  const uuid = randomUUID();
  const rec: EioRecord = {
    uuid,
    url: ctx.urls.resource('documenten', 'enkelvoudiginformatieobjecten', uuid),
    versions: [{ versie: 1, beginRegistratie: nowIso(ctx), fields: f, content: plan?.content ?? null }],
    lock: '',
    parts: [],
  };
  if (plan?.chunked) {
    rec.lock = newLock();
    rec.parts = makeParts(ctx, plan.size!);
  }
  ctx.state.eios.set(uuid, rec);
  indexEioIdentificatie(ctx.state, f.identificatie, uuid);
  // Open Zaak's create response carries the lock at top level ('' unless chunked).
  return { status: 201, body: { ...renderEio(ctx, rec, current(rec)), lock: rec.lock }, headers: { location: rec.url } };
};

function getRecord(ctx: HandlerContext): EioRecord {
  const rec = ctx.state.eios.get(ctx.pathParams.uuid.toLowerCase());
  if (!rec) throw notFound();
  return rec;
}

/** `?versie=N` or `?registratieOp=<datetime>` or the current version. */
function selectVersion(ctx: HandlerContext, rec: EioRecord): EioVersion {
  if (typeof ctx.query.versie === 'number') {
    const v = rec.versions.find((x) => x.versie === ctx.query.versie);
    if (!v) throw notFound();
    return v;
  }
  if (typeof ctx.query.registratieOp === 'string') {
    const at = Date.parse(ctx.query.registratieOp);
    if (Number.isNaN(at)) throw fieldError('registratieOp', 'invalid', 'Voer een geldige datum/tijd in.');
    const candidates = rec.versions.filter((x) => Date.parse(x.beginRegistratie) <= at);
    if (candidates.length === 0) throw notFound();
    return candidates[candidates.length - 1];
  }
  return current(rec);
}

function listMatching(ctx: HandlerContext, q: Record<string, unknown>): EioRecord[] {
  requireRsin('bronorganisatie', q.bronorganisatie);
  const source = typeof q.identificatie === 'string' ? eiosWithIdentificatie(ctx.state, q.identificatie) : [...ctx.state.eios.values()];
  const items = source.filter((rec) => {
    const f = current(rec).fields;
    const eq = (k: string) => q[k] === undefined || f[k] === q[k];
    return (
      eq('identificatie') &&
      eq('bronorganisatie') &&
      eq('informatieobjecttype') &&
      eq('auteur') &&
      eq('vertrouwelijkheidaanduiding') &&
      (typeof q.titel !== 'string' || String(f.titel).toLowerCase().includes(q.titel.toLowerCase())) &&
      (typeof q.locked !== 'boolean' || (rec.lock !== '') === q.locked) &&
      (!Array.isArray(q.uuid__in) || q.uuid__in.includes(rec.uuid)) &&
      (typeof q.creatiedatum__gte !== 'string' || String(f.creatiedatum) >= q.creatiedatum__gte) &&
      (typeof q.creatiedatum__lte !== 'string' || String(f.creatiedatum) <= q.creatiedatum__lte)
    );
  });
  if (!Array.isArray(q.ordering)) return items;
  const rendered = new Map(items.map((r) => [current(r).fields as JsonObject, r]));
  return applyOrdering([...rendered.keys()], q.ordering).map((f) => rendered.get(f)!);
}

const listEios: Handler = (ctx) => ({
  status: 200,
  body: paginate(ctx, listMatching(ctx, ctx.query), (rec) => renderEio(ctx, rec, current(rec))),
});
const zoekEios: Handler = (ctx) => ({
  status: 200,
  body: paginate(ctx, listMatching(ctx, bodyObject(ctx)), (rec) => renderEio(ctx, rec, current(rec))),
});

const readEio: Handler = (ctx) => {
  const rec = getRecord(ctx);
  return { status: 200, body: renderEio(ctx, rec, selectVersion(ctx, rec)) };
};

const downloadEio: Handler = (ctx) => {
  const rec = getRecord(ctx);
  const v = selectVersion(ctx, rec);
  if (!v.content) throw new ZgwError(404, 'not_found', 'Dit informatieobject heeft (nog) geen inhoud.');
  return { status: 200, binary: v.content, headers: { 'content-type': 'application/octet-stream' } };
};

function checkLock(rec: EioRecord, given: unknown): void {
  if (typeof given !== 'string' || given === '') {
    throw fieldError('nonFieldErrors', 'missing-lock-id', 'Het lock-id ontbreekt; vergrendel het document eerst.');
  }
  if (rec.lock === '') throw fieldError('nonFieldErrors', 'unlocked', 'Het document is niet vergrendeld.');
  if (given !== rec.lock) throw fieldError('nonFieldErrors', 'incorrect-lock-id', 'Het lock-id is niet correct.');
}

const lockEio: Handler = (ctx) => {
  const rec = getRecord(ctx);
  if (rec.lock !== '') throw fieldError('nonFieldErrors', 'existing-lock', 'Het document is al vergrendeld.');
  rec.lock = newLock();
  return { status: 200, body: { lock: rec.lock } };
};

const unlockEio: Handler = (ctx) => {
  const rec = getRecord(ctx);
  checkLock(rec, bodyObject(ctx).lock);
  if (rec.parts.some((p) => !p.voltooid)) {
    throw fieldError('nonFieldErrors', 'incomplete-upload', 'Niet alle bestandsdelen zijn geüpload.');
  }
  if (rec.parts.length) {
    // Merge the parts into the current version and drop them, as Open Zaak does on unlock.
    const v = current(rec);
    v.content = Buffer.concat([...rec.parts].sort((a, b) => a.volgnummer - b.volgnummer).map((p) => p.data!));
    v.fields.bestandsomvang = v.content.length;
    rec.parts = [];
  }
  rec.lock = '';
  return { status: 204 };
};

/** PUT/PATCH with the lock: every update creates version + 1 (drc-009/drc-010). */
const updateEio: Handler = (ctx) => {
  const rec = getRecord(ctx);
  const b = bodyObject(ctx);
  checkLock(rec, b.lock);
  const prev = current(rec);
  const writable = pick(b, Object.keys(ctx.schemaProps('EnkelvoudigInformatieObjectWithLockRequest')));
  delete writable.lock;
  const f: JsonObject = ctx.op.method === 'PUT' ? writable : { ...prev.fields, ...writable };
  const errors = checkFields(ctx, f, rec.uuid);
  const newSize = typeof b.bestandsomvang === 'number' && b.bestandsomvang !== prev.fields.bestandsomvang;
  const plan = typeof b.inhoud === 'string' || newSize ? planContent(b, errors) : undefined;
  if (errors.length) throw validationError(errors);
  delete f.inhoud;
  let content = prev.content;
  if (plan) {
    content = plan.content;
    f.bestandsomvang = plan.size;
    rec.parts = plan.chunked ? makeParts(ctx, plan.size!) : [];
  } else {
    f.bestandsomvang = prev.fields.bestandsomvang ?? null;
  }
  if (f.identificatie === undefined) f.identificatie = prev.fields.identificatie;
  rec.versions.push({ versie: prev.versie + 1, beginRegistratie: nowIso(ctx), fields: f, content });
  indexEioIdentificatie(ctx.state, f.identificatie, rec.uuid);
  return { status: 200, body: renderEio(ctx, rec, current(rec)) };
};

function findPart(state: ServerState, uuid: string): { rec: EioRecord; part: BestandsdeelRecord } | undefined {
  for (const rec of state.eios.values()) {
    const part = rec.parts.find((p) => p.uuid === uuid);
    if (part) return { rec, part };
  }
  return undefined;
}

/** `PUT /bestandsdelen/{uuid}` multipart: `inhoud` (file) + `lock`. */
const uploadPart: Handler = (ctx) => {
  const found = findPart(ctx.state, ctx.pathParams.uuid.toLowerCase());
  if (!found) throw notFound();
  const { rec, part } = found;
  const b = (ctx.body ?? {}) as Record<string, unknown>;
  if (typeof b.lock !== 'string' || b.lock !== rec.lock)
    throw fieldError('nonFieldErrors', 'incorrect-lock-id', 'Het lock-id is niet correct.');
  const raw = b.inhoud;
  const data = Buffer.isBuffer(raw) ? raw : typeof raw === 'string' ? Buffer.from(raw, 'utf8') : undefined;
  if (!data) throw fieldError('inhoud', 'required', 'Er is geen bestand opgestuurd.');
  if (data.length !== part.omvang) {
    throw fieldError('inhoud', 'file-size', `Het bestandsdeel is ${data.length} bytes, verwacht ${part.omvang}.`);
  }
  part.data = data;
  part.voltooid = true;
  return { status: 200, body: renderPart(rec, part) };
};

const reserveDocumentnummer: Handler = (ctx) => {
  const b = bodyObject(ctx);
  requireRsin('bronorganisatie', b.bronorganisatie);
  const aantal = typeof b.aantal === 'number' ? b.aantal : 1;
  if (aantal > 100) throw fieldError('aantal', 'max_value', 'Zorg ervoor dat deze waarde kleiner of gelijk is aan 100.');
  const out: JsonObject[] = [];
  for (let i = 0; i < aantal; i++) {
    const id = nextDocumentIdentificatie(ctx.state, today(ctx).slice(0, 4));
    ctx.state.reservedDocumentIdentificaties.add(id);
    out.push({ identificatie: id });
  }
  return { status: 201, body: aantal === 1 ? out[0] : out };
};

export const documentenHandlers: Record<string, Handler> = {
  enkelvoudiginformatieobject_create: createEio,
  enkelvoudiginformatieobject_list: listEios,
  enkelvoudiginformatieobject__zoek: zoekEios,
  enkelvoudiginformatieobject_read: readEio,
  enkelvoudiginformatieobject_head: readEio,
  enkelvoudiginformatieobject_download: downloadEio,
  enkelvoudiginformatieobject_lock: lockEio,
  enkelvoudiginformatieobject_unlock: unlockEio,
  enkelvoudiginformatieobject_update: updateEio,
  enkelvoudiginformatieobject_partial_update: updateEio,
  bestandsdeel_update: uploadPart,
  reserveddocument_create: reserveDocumentnummer,
};
