// The initiator side of a new zaak's delivery (deliver.ts, step `create-rol`): the roltype, the BSN the clerk
// confirmed, and the Rol itself, made once.
import { confirmedBsns } from '../domain/mask';
import type { OcrPage } from '../domain/types';
import { bsnSourcesOf } from '../store/documents';
import { cachedObject, initiatorRoltype } from './catalogue';
import type { ZgwClients } from './clients';
import type { RolType } from './clients/catalogi';
import type { ZaakContext } from './deliver-zaak';
import type { NewZaak, OutboxRow, RolProgress } from './outbox-machine';
import type { AuditNote } from './outbox';
import { initiatorRolBody } from './rol-body';
import type { Zaak } from './schemas';

/** The row's new zaak with its Rol progress replaced (the whole JSON column is written). */
export function withRol(row: OutboxRow, rol: RolProgress): Pick<OutboxRow, 'newZaak'> {
  return { newZaak: { ...(row.newZaak as NewZaak), rol } };
}

/** The initiator roltype of the row's zaak's zaaktype (the zaak is in the cache since it was made or found). */
export async function roltypeFor(ctx: ZaakContext, c: ZgwClients, row: OutboxRow): Promise<RolType | null> {
  const zaak = cachedObject<Zaak>(ctx.store.db, row.env, row.zaakUrl!)?.data ?? (await c.zaken.get(row.zaakUrl!)).data;
  return initiatorRoltype(ctx.store.db, c, row.env, zaak.zaaktype);
}

/** What a zaaktype without an initiator roltype leaves: the toelichting (already sent) names the initiator. */
export function noRoltype(row: OutboxRow): [Partial<OutboxRow>, AuditNote] {
  return [
    withRol(row, { attempts: row.newZaak?.rol?.attempts ?? 0, done: 'no-roltype' }),
    { action: 'zgw.rol.skipped', result: 'ok', details: { reason: 'geen-initiator-roltype', zaaknummer: row.zaaknummer } },
  ];
}

/** A Rol the server refused for good: the document is delivered all the same, the audit says why. */
export function refusedRol(row: OutboxRow, code: string): [Partial<OutboxRow>, AuditNote] {
  return [
    withRol(row, { attempts: row.newZaak?.rol?.attempts ?? 0, done: 'refused' }),
    { action: 'zgw.rol.refused', result: 'rejected', details: { code, zaaknummer: row.zaaknummer } },
  ];
}

/**
 * The one BSN the document's page shows, read from the store now (never kept in the outbox, never logged); null
 * when there is not exactly one.
 */
function bsnOnPage(ctx: ZaakContext, documentId: string): string | null {
  const src = bsnSourcesOf(ctx.store.db, [documentId]).get(documentId);
  if (!src) return null;
  const pages: OcrPage[] = [];
  for (const p of src.pages) {
    try {
      pages.push(JSON.parse(p) as OcrPage);
    } catch {
      /* a damaged OCR record: the text still counts */
    }
  }
  const all = new Set([...confirmedBsns(pages), ...confirmedBsns(src.body)]);
  return all.size === 1 ? [...all][0] : null;
}

/**
 * Creates the initiator Rol (attempt already recorded in the row); with `lookUp`, first adopts one an earlier,
 * unanswered attempt made.
 */
export async function createRol(
  ctx: ZaakContext,
  c: ZgwClients,
  row: OutboxRow,
  roltype: RolType,
  lookUp: boolean,
): Promise<[Partial<OutboxRow>, AuditNote]> {
  const i = row.newZaak!.initiator!;
  const attempts = row.newZaak!.rol?.attempts ?? 1;
  const found = lookUp ? (await c.zaken.findRollen(row.zaakUrl!, roltype.url))[0] : undefined;
  if (found) {
    return [
      withRol(row, { attempts, done: 'found', url: found.url }),
      {
        action: 'zgw.rol.created',
        result: 'ok',
        details: { betrokkeneType: found.betrokkeneType, found: true, zaaknummer: row.zaaknummer },
      },
    ];
  }
  const wantsBsn = i.bsnVanPagina === true && !i.kvk;
  const bsn = wantsBsn ? bsnOnPage(ctx, row.documentId) : null;
  const rol = await c.zaken.createRol(initiatorRolBody(row.zaakUrl!, roltype.url, i, bsn));
  ctx.checkpoint('after-create-rol');
  return [
    withRol(row, { attempts, done: 'created', url: rol.url }),
    {
      action: 'zgw.rol.created',
      result: 'ok',
      details: {
        betrokkeneType: rol.betrokkeneType,
        bsn: bsn !== null,
        // Confirmed, yet the page no longer shows exactly one BSN: the Rol went without one.
        ...(wantsBsn && bsn === null ? { bsnOntbreekt: true } : {}),
        zaaknummer: row.zaaknummer,
      },
    },
  ];
}
