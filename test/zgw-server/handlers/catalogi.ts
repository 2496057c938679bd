// Catalogi API (read only): what a capture client needs to choose a zaaktype and informatieobjecttype, and the
// roltype under which it registers a new zaak's initiator.

import type { JsonObject } from '../openapi/specs';
import type { CatalogueState } from '../state';
import { notFound, paginate, validOn, type Handler, type HandlerContext } from './context';

type Collection = keyof CatalogueState;

/** `status` filter of the Catalogi API: alles | concept | definitief (default). */
function statusMatches(concept: boolean, status: unknown): boolean {
  if (status === 'alles') return true;
  if (status === 'concept') return concept;
  return !concept;
}

function conceptOf(ctx: HandlerContext, collection: 'zaaktypen' | 'informatieobjecttypen', url: unknown): boolean {
  const uuid = ctx.urls.uuidOf(url, 'catalogi', collection);
  const obj = uuid ? ctx.state.catalogue[collection].get(uuid) : undefined;
  return obj?.concept === true;
}

function list(collection: Collection, keep: (item: JsonObject, q: Record<string, unknown>, ctx: HandlerContext) => boolean): Handler {
  return (ctx) => {
    const items = [...ctx.state.catalogue[collection].values()].filter((i) => keep(i, ctx.query, ctx));
    return { status: 200, body: paginate(ctx, items, (i) => i) };
  };
}

function read(collection: Collection): Handler {
  return (ctx) => {
    const item = ctx.state.catalogue[collection].get(ctx.pathParams.uuid.toLowerCase());
    if (!item) throw notFound();
    return { status: 200, body: item };
  };
}

const eq = (actual: unknown, wanted: unknown): boolean => wanted === undefined || actual === wanted;
const inList = (actual: unknown, wanted: unknown): boolean => !Array.isArray(wanted) || wanted.includes(actual);
const geldig = (i: JsonObject, q: Record<string, unknown>): boolean =>
  typeof q.datumGeldigheid !== 'string' || validOn(i.beginGeldigheid, i.eindeGeldigheid, q.datumGeldigheid);

export const catalogiHandlers: Record<string, Handler> = {
  catalogus_list: list(
    'catalogussen',
    (i, q) => eq(i.domein, q.domein) && inList(i.domein, q.domein__in) && eq(i.rsin, q.rsin) && inList(i.rsin, q.rsin__in),
  ),
  catalogus_read: read('catalogussen'),
  catalogus_head: read('catalogussen'),

  zaaktype_list: list(
    'zaaktypen',
    (i, q) =>
      eq(i.catalogus, q.catalogus) &&
      eq(i.identificatie, q.identificatie) &&
      (typeof q.identificatie__icontains !== 'string' ||
        String(i.identificatie).toLowerCase().includes(q.identificatie__icontains.toLowerCase())) &&
      (typeof q.omschrijving__icontains !== 'string' ||
        String(i.omschrijving).toLowerCase().includes(q.omschrijving__icontains.toLowerCase())) &&
      statusMatches(i.concept === true, q.status) &&
      (!Array.isArray(q.trefwoorden) || q.trefwoorden.every((t) => (i.trefwoorden as string[]).includes(t as string))) &&
      geldig(i, q),
  ),
  zaaktype_read: read('zaaktypen'),
  zaaktype_head: read('zaaktypen'),

  informatieobjecttype_list: list(
    'informatieobjecttypen',
    (i, q) =>
      eq(i.catalogus, q.catalogus) &&
      eq(i.omschrijving, q.omschrijving) &&
      (typeof q.omschrijving__icontains !== 'string' ||
        String(i.omschrijving).toLowerCase().includes(q.omschrijving__icontains.toLowerCase())) &&
      (q.zaaktype === undefined || (i.zaaktypen as string[]).includes(q.zaaktype as string)) &&
      statusMatches(i.concept === true, q.status) &&
      geldig(i, q),
  ),
  informatieobjecttype_read: read('informatieobjecttypen'),
  informatieobjecttype_head: read('informatieobjecttypen'),

  resultaattype_list: list(
    'resultaattypen',
    (i, q, ctx) =>
      eq(i.zaaktype, q.zaaktype) &&
      eq(i.zaaktypeIdentificatie, q.zaaktypeIdentificatie) &&
      statusMatches(conceptOf(ctx, 'zaaktypen', i.zaaktype), q.status) &&
      geldig(i, q),
  ),
  resultaattype_read: read('resultaattypen'),
  resultaattype_head: read('resultaattypen'),

  roltype_list: list(
    'roltypen',
    (i, q, ctx) =>
      eq(i.zaaktype, q.zaaktype) &&
      eq(i.zaaktypeIdentificatie, q.zaaktypeIdentificatie) &&
      eq(i.omschrijving, q.omschrijving) &&
      eq(i.omschrijvingGeneriek, q.omschrijvingGeneriek) &&
      statusMatches(conceptOf(ctx, 'zaaktypen', i.zaaktype), q.status) &&
      geldig(i, q),
  ),
  roltype_read: read('roltypen'),
  roltype_head: read('roltypen'),

  zaaktypeinformatieobjecttype_list: list(
    'zaaktypeInformatieobjecttypen',
    (i, q, ctx) =>
      eq(i.zaaktype, q.zaaktype) &&
      eq(i.informatieobjecttype, q.informatieobjecttype) &&
      eq(i.richting, q.richting) &&
      statusMatches(conceptOf(ctx, 'zaaktypen', i.zaaktype) || conceptOf(ctx, 'informatieobjecttypen', i.informatieobjecttype), q.status),
  ),
  zaaktypeinformatieobjecttype_read: read('zaaktypeInformatieobjecttypen'),
  zaaktypeinformatieobjecttype_head: read('zaaktypeInformatieobjecttypen'),
};
