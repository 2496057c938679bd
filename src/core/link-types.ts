// The document type and vertrouwelijkheid a link delivers with: what the clerk chose now, else the document's own
// fields, else the only type the zaaktype allows; checked against the zaaktype at once when the zaak is known here.
import type { Db } from '../store/db';
import { parseManualFields } from '../domain/fields';
import { fieldsRow, saveFields } from '../store/document-fields';
import { getDocument } from '../store/documents';
import { allowedTypes, resolveDocumenttype, zaaktypeOfZaak, type CatalogueView, type ResolvedType } from './documenttype';

export interface TypeChoice {
  informatieobjecttype?: string;
  documenttype?: string;
  vertrouwelijkheidaanduiding?: string;
}
export interface ChosenTypes {
  informatieobjecttype?: string;
  vertrouwelijkheidaanduiding?: string;
  /** The clerk named the type (or vertrouwelijkheid) now: the document's fields record it. */
  chosenNow: { documenttype?: { value: string; url: string | null }; vertrouwelijkheid?: string };
}

/** `target`: the zaaknummer linked to, or the new zaak's zaaktype (URL or identificatie). */
export function chooseTypes(
  db: Db,
  cat: CatalogueView,
  documentId: string,
  target: { zaaknummer: string } | { zaaktype: string },
  choice: TypeChoice,
): ChosenTypes {
  const zaaktype =
    'zaaknummer' in target
      ? zaaktypeOfZaak(db, cat.env, target.zaaknummer)
      : (cat.zaaktypen.find((z) => z.url === target.zaaktype || z.identificatie === target.zaaktype)?.url ?? null);
  const fields = getDocument(db, documentId)?.fields;
  const spec = choice.documenttype ?? choice.informatieobjecttype;
  const own = fields?.documenttype.source ? (fields.documenttype.url ?? fields.documenttype.value) : null;
  const chosenNow: ChosenTypes['chosenNow'] = {};
  let iot: string | undefined;
  let defaultVertrouwelijkheid: string | null = null;
  // The document's own type (a separator sheet's, set earlier) that does not fit this zaaktype is not forced on it.
  const ownType = own && !spec ? tryResolve(cat, own, zaaktype) : null;
  if (spec) {
    const t = resolveDocumenttype(cat, spec, zaaktype);
    iot = t.url ?? undefined;
    defaultVertrouwelijkheid = t.vertrouwelijkheidaanduiding;
    chosenNow.documenttype = { value: t.omschrijving, url: t.url };
  } else if (ownType) {
    iot = ownType.url ?? undefined;
    defaultVertrouwelijkheid = ownType.vertrouwelijkheidaanduiding;
  } else {
    const allowed = allowedTypes(cat, zaaktype);
    if (allowed && allowed.length === 1) {
      iot = allowed[0]!.url;
      defaultVertrouwelijkheid = allowed[0]!.vertrouwelijkheidaanduiding || null;
    }
  }
  if (choice.vertrouwelijkheidaanduiding) chosenNow.vertrouwelijkheid = choice.vertrouwelijkheidaanduiding;
  const ownV = fields?.vertrouwelijkheid.source ? fields.vertrouwelijkheid.value : null;
  const v = choice.vertrouwelijkheidaanduiding ?? ownV ?? defaultVertrouwelijkheid ?? undefined;
  return {
    ...(iot ? { informatieobjecttype: iot } : {}),
    ...(v ? { vertrouwelijkheidaanduiding: v } : {}),
    chosenNow,
  };
}

/** Records in the document's fields the type and vertrouwelijkheid the clerk chose while linking (source: manual). */
export function recordChosen(db: Db, documentId: string, chosen: ChosenTypes['chosenNow'], actor: string): void {
  if (!chosen.documenttype && !chosen.vertrouwelijkheid) return;
  const at = new Date().toISOString();
  db.transaction(() => {
    const row = fieldsRow(db, documentId, Date.now());
    if (!row) return;
    const manual = parseManualFields(row.fields);
    if (chosen.documenttype) manual.documenttype = { ...chosen.documenttype, by: actor, at };
    if (chosen.vertrouwelijkheid) manual.vertrouwelijkheid = { value: chosen.vertrouwelijkheid, by: actor, at };
    saveFields(db, documentId, row.version, JSON.stringify(manual), at);
  }).immediate();
}

function tryResolve(cat: CatalogueView, spec: string, zaaktype: string | null): ResolvedType | null {
  try {
    return resolveDocumenttype(cat, spec, zaaktype);
  } catch {
    return null;
  }
}
