// Which informatieobjecttype a clerk means: an omschrijving or URL matched in the cached catalogue, among the types
// the zaak's zaaktype allows when the zaak is known; refused at once, with the candidates, when it is unknown,
// ambiguous or not allowed (the choice itself is src/sync/documenttype.ts's, shared with the sync).
import { cachedZaakByIdentificatie } from '../sync/catalogue';
import type { Db } from '../store/db';

export { allowedTypes, resolveDocumenttype, type CatalogueView, type ResolvedType } from '../sync/documenttype';

/** The zaaktype URL of a cached zaak, by its zaaknummer; null when the zaak is not in the cache. */
export function zaaktypeOfZaak(db: Db, env: string | null, zaaknummer: string | null): string | null {
  if (!env || !zaaknummer) return null;
  return cachedZaakByIdentificatie(db, env, zaaknummer.trim())?.data.zaaktype ?? null;
}
