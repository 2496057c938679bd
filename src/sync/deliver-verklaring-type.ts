// Which informatieobjecttype the verklaring van vervanging goes to a zaak as: the setting verklaringDocumenttype
// (omschrijving or URL), chosen among the types the zaak's zaaktype allows (documenttype.ts), with its vertrouwelijkheid.
import { PostkamerError } from '../contract/errors';
import { getSetting } from '../store/settings';
import { cachedObject, cachedObjects, cacheZaak, catalogueObject, type InformatieObjectType } from './catalogue';
import type { ZgwClients } from './clients';
import type { DeliverContext } from './deliver-context';
import { resolveDocumenttype, type CatalogueView } from './documenttype';
import type { Zaak } from './schemas';

/** Every refusal for want of a usable setting has a code starting so (a change of the setting makes it due again). */
export const SETTING_CODE = 'verklaring-documenttype';
export const SETTING_KEY = 'verklaringDocumenttype';

/** The setting as stored (JSON text of a string), or null when it is not set (or empty). */
export function verklaringSetting(store: DeliverContext['store']): string | null {
  const raw = getSetting(store.db, SETTING_KEY);
  if (raw === undefined) return null;
  try {
    const v: unknown = JSON.parse(raw);
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
  } catch {
    return null;
  }
}

const MISSING =
  'Er is geen documenttype voor de verklaring van vervanging ingesteld (instelling verklaringDocumenttype). Laat de ' +
  'beheerder bij Instellingen het informatieobjecttype kiezen (omschrijving of URL) dat de zaaktypen toestaan; de ' +
  'verklaring wordt daarna vanzelf afgeleverd.';

/** Refused because of the setting: attention with the reason, naming the setting; `spec` is recorded with it. */
export class SettingRefusal extends Error {
  constructor(
    readonly code: string,
    readonly reason: string,
    readonly spec: string | null,
  ) {
    super(reason);
  }
}

/**
 * The type and vertrouwelijkheid of the verklaring for the zaak at `zaakUrl`: the zaak's zaaktype and the types it
 * names are read from the catalogue cache (fetched and cached when absent). A setting that is missing, unknown,
 * ambiguous or not allowed for the zaaktype is a SettingRefusal.
 */
export async function verklaringType(
  ctx: DeliverContext,
  c: ZgwClients,
  env: string,
  zaakUrl: string,
): Promise<{ url: string; vertrouwelijkheid: string; spec: string }> {
  const spec = verklaringSetting(ctx.store);
  if (!spec) throw new SettingRefusal(`${SETTING_CODE}-ontbreekt`, MISSING, null);
  const db = ctx.store.db;
  let zaak = cachedObject<Zaak>(db, env, zaakUrl)?.data;
  if (!zaak) {
    const r = await c.zaken.get(zaakUrl);
    zaak = r.data;
    cacheZaak(db, env, zaak, r.etag ?? null);
  }
  const zt = await catalogueObject(db, c, env, 'zaaktype', zaak.zaaktype);
  const named = await Promise.all(zt.informatieobjecttypen.map((u) => catalogueObject(db, c, env, 'informatieobjecttype', u)));
  const types = new Map<string, InformatieObjectType>();
  for (const t of [...named, ...cachedObjects<InformatieObjectType>(db, env, 'informatieobjecttype')])
    if (!types.has(t.url)) types.set(t.url, t);
  const cat: CatalogueView = {
    env,
    zaaktypen: [
      { url: zt.url, identificatie: zt.identificatie, omschrijving: zt.omschrijving, informatieobjecttypen: zt.informatieobjecttypen },
    ],
    informatieobjecttypen: [...types.values()].map((t) => ({
      url: t.url,
      omschrijving: t.omschrijving,
      vertrouwelijkheidaanduiding: t.vertrouwelijkheidaanduiding,
      zaaktypen: t.zaaktypen,
    })),
  };
  let t: ReturnType<typeof resolveDocumenttype>;
  try {
    t = resolveDocumenttype(cat, spec, zt.url);
  } catch (e) {
    if (!(e instanceof PostkamerError)) throw e;
    const why =
      e.code === 'documenttype-not-allowed' ? 'niet-toegestaan' : e.code === 'documenttype-ambiguous' ? 'dubbelzinnig' : 'onbekend';
    throw new SettingRefusal(
      `${SETTING_CODE}-${why}`,
      `De instelling verklaringDocumenttype ('${spec}') is niet te gebruiken voor zaak ${zaak.identificatie} (zaaktype ` +
        `'${zt.omschrijving}'): ${e.message} Pas de instelling aan of laat het documenttype in de catalogus aan het ` +
        'zaaktype toevoegen, en probeer het daarna opnieuw.',
      spec,
    );
  }
  if (!t.url)
    throw new SettingRefusal(
      `${SETTING_CODE}-onbekend`,
      `Het documenttype '${spec}' (instelling verklaringDocumenttype) staat niet in de catalogus van het zaaksysteem.`,
      spec,
    );
  const vertrouwelijkheid =
    t.vertrouwelijkheidaanduiding ?? (await catalogueObject(db, c, env, 'informatieobjecttype', t.url)).vertrouwelijkheidaanduiding;
  return { url: t.url, vertrouwelijkheid, spec };
}
