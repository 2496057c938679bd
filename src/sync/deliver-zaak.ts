// The zaak side of a delivery (deliver.ts): resolving a zaaknummer to its zaak, creating a new zaak, and the
// document type both need.
import type { Store } from '../store/store';
import { selectZaaktypeUrl } from '../store/zgw-catalogue';
import { cacheZaak, catalogueObject, cachedObject, lookupZaak } from './catalogue';
import type { ZgwClients } from './clients';
import type { ZaakCreateRequest } from './clients/zaken';
import { amsterdamDate } from './dates';
import { SyncError } from './failure';
import { clip } from './freeze';
import type { NewZaak, OutboxRow } from './outbox-machine';
import type { AuditNote } from './outbox';
import type { ZaakType } from './schemas';

// Everything here only reads the store's caches; what it returns, deliver records.

export interface ZaakContext {
  store: Store;
  now(): number;
  /** How old a cached zaak may be before it is revalidated with the server. */
  zaakMaxAgeMs: number;
  /** Test hook: a named point between a server's answer and its recording. */
  checkpoint(name: string): void;
}

export const local = (code: string, message: string): SyncError => new SyncError({ kind: 'local', code, message });

export function informatieobjecttypeOf(c: ZgwClients, row: OutboxRow): string {
  const iot = row.informatieobjecttype ?? c.conn.informatieobjecttype;
  if (!iot)
    throw local(
      'zgw-geen-informatieobjecttype',
      'Er is geen documenttype (informatieobjecttype) gekozen of ingesteld voor deze verbinding.',
    );
  return iot;
}

async function resolveZaakType(ctx: ZaakContext, c: ZgwClients, env: string, ref: string): Promise<string> {
  if (/^https?:\/\//.test(ref)) return ref;
  const cached = selectZaaktypeUrl(ctx.store.db, env, ref);
  if (cached) return cached;
  const page = await c.catalogi.page('zaaktype', c.catalogi.listUrl('zaaktype'), { identificatie: ref, status: 'definitief' });
  const hit = (page.data.results as ZaakType[]).find((z) => z.identificatie === ref);
  if (!hit) throw local('zgw-zaaktype-onbekend', `Zaaktype ${ref} bestaat niet (of is niet gepubliceerd) in de catalogus.`);
  return hit.url;
}

/** Creates the row's new zaak under its reserved identificatie; with `lookUp`, reuses one an earlier try made. */
export async function createZaak(
  ctx: ZaakContext,
  c: ZgwClients,
  row: OutboxRow,
  lookUp: boolean,
): Promise<[Partial<OutboxRow>, AuditNote]> {
  const nz = row.newZaak!;
  const identificatie = row.zaakIdentificatie!;
  let zaak = lookUp ? await c.zaken.findByIdentificatie(identificatie, c.conn.rsin) : null;
  if (!zaak) {
    const zaaktype = await resolveZaakType(ctx, c, row.env, nz.zaaktype);
    // A document type the zaaktype does not allow would only fail at the link, after the zaak and the document
    // were made: refuse it before anything is created.
    const iot = informatieobjecttypeOf(c, row);
    const zt = await catalogueObject(ctx.store.db, c, row.env, 'zaaktype', zaaktype);
    if (zt.informatieobjecttypen.length > 0 && !zt.informatieobjecttypen.includes(iot)) {
      throw local(
        'missing-zaaktype-informatieobjecttype-relation',
        `Dit documenttype is niet toegestaan bij zaaktype ${zt.identificatie || zt.omschrijving}. Kies een ander documenttype of een ander zaaktype.`,
      );
    }
    const today = amsterdamDate(new Date(ctx.now()));
    const body: ZaakCreateRequest = {
      identificatie,
      bronorganisatie: c.conn.rsin,
      verantwoordelijkeOrganisatie: c.conn.rsin,
      zaaktype,
      omschrijving: clip(nz.omschrijving, 80),
      startdatum: row.ontvangstdatum ?? today,
      registratiedatum: today,
      ...(nz.initiator ? { toelichting: initiatorText(nz.initiator) } : {}),
    };
    zaak = await c.zaken.create(body);
    ctx.checkpoint('after-create-zaak');
  }
  cacheZaak(ctx.store.db, row.env, zaak, null);
  return [
    { zaakUrl: zaak.url, zaaknummer: zaak.identificatie },
    { action: 'zgw.zaak.created', result: 'ok', details: { zaaknummer: zaak.identificatie } },
  ];
}

/**
 * The initiator as the clerk took it from the letter. A Rol needs a roltype from the zaaktype's catalogue, which
 * not every zaaksysteem offers a capture client; the toelichting always reaches the case worker.
 */
function initiatorText(i: NonNullable<NewZaak['initiator']>): string {
  const adres = [i.adres, [i.postcode, i.woonplaats].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const contact = [i.email, i.telefoon].filter(Boolean).join(', ');
  return clip(
    `Initiatiefnemer: ${i.naam}${adres ? `, ${adres}` : ''}${contact ? ` (${contact})` : ''}. Geregistreerd door de postkamer.`,
    1000,
  );
}

/** The zaak of the row's zaaknummer (cached per zaak, see lookupZaak), refused when unknown or archived. */
export async function resolveZaak(ctx: ZaakContext, c: ZgwClients, row: OutboxRow): Promise<Partial<OutboxRow>> {
  const nr = row.zaaknummer!;
  // The document type's vertrouwelijkheidaanduiding is needed next (createEio): fetch it (once, then cached) meanwhile.
  const iotRead =
    row.vertrouwelijkheidaanduiding === null && (row.informatieobjecttype ?? c.conn.informatieobjecttype)
      ? catalogueObject(ctx.store.db, c, row.env, 'informatieobjecttype', informatieobjecttypeOf(c, row))
      : undefined;
  const [zaak] = await Promise.all([lookupZaak(ctx.store.db, c, row.env, nr, ctx.zaakMaxAgeMs, ctx.now()), iotRead]);
  if (!zaak)
    throw local(
      'zgw-zaak-onbekend',
      `Zaak ${nr} bestaat niet in het zaaksysteem (bronorganisatie ${c.conn.rsin}). Controleer het zaaknummer of koppel aan een andere zaak.`,
    );
  if (zaak.archiefstatus !== 'nog_te_archiveren')
    throw local(
      'zaak-archiefstatus-invalid',
      `Zaak ${nr} is gearchiveerd; koppelen kan niet meer. Koppel het document aan een andere zaak.`,
    );
  // Where the catalogue is known, refuse a type the zaaktype does not allow before anything is created.
  const iot = informatieobjecttypeOf(c, row);
  const zt = cachedObject<ZaakType>(ctx.store.db, row.env, zaak.zaaktype);
  if (zt && zt.data.informatieobjecttypen.length > 0 && !zt.data.informatieobjecttypen.includes(iot)) {
    throw local(
      'missing-zaaktype-informatieobjecttype-relation',
      `Dit documenttype is niet toegestaan bij het zaaktype van zaak ${nr}. Kies een ander documenttype of een andere zaak.`,
    );
  }
  return { zaakUrl: zaak.url };
}
