// Which informatieobjecttype an omschrijving or URL means in a catalogue, among the types a zaaktype allows: refused,
// with the candidates, when it is unknown, ambiguous or not allowed. Pure; the clerk's linking (src/core/documenttype.ts)
// and the delivery of the verklaring van vervanging (deliver-verklaring.ts) both choose with it.
import { PostkamerError } from '../contract/errors';

/** The part of the cached catalogue the choice is made in (`sync.catalogue`). */
export interface CatalogueView {
  env: string | null;
  zaaktypen: { url: string; identificatie: string; omschrijving: string; informatieobjecttypen: string[] }[];
  informatieobjecttypen: { url: string; omschrijving: string; vertrouwelijkheidaanduiding: string; zaaktypen: string[] }[];
}

export interface ResolvedType {
  /** Null when the catalogue has not been fetched yet (offline from the start): resolved again when linking. */
  url: string | null;
  omschrijving: string;
  /** The type's default vertrouwelijkheid, when known. */
  vertrouwelijkheidaanduiding: string | null;
}

const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
const isUrl = (s: string) => /^https?:\/\//i.test(s.trim());
const named = (t: { omschrijving: string; url: string }) => `'${t.omschrijving}' (${t.url})`;

/** The types a zaaktype allows (by either side of the relation), in the catalogue's order; null when it is unknown. */
export function allowedTypes(cat: CatalogueView, zaaktype: string | null): CatalogueView['informatieobjecttypen'] | null {
  if (!zaaktype) return null;
  const zt = cat.zaaktypen.find((z) => z.url === zaaktype);
  const allowed = cat.informatieobjecttypen.filter(
    (t) => t.zaaktypen.includes(zaaktype) || (zt?.informatieobjecttypen ?? []).includes(t.url),
  );
  return zt || allowed.length > 0 ? allowed : null;
}

/**
 * The informatieobjecttype meant by `spec` (an omschrijving, case and spacing aside, or a URL). With `zaaktype`, only
 * the types it allows count: another is refused with the ones it does allow.
 */
export function resolveDocumenttype(cat: CatalogueView, spec: string, zaaktype: string | null): ResolvedType {
  const all = cat.informatieobjecttypen;
  const allowed = allowedTypes(cat, zaaktype);
  const pool = allowed ?? all;
  const hits = isUrl(spec) ? all.filter((t) => t.url === spec.trim()) : all.filter((t) => norm(t.omschrijving) === norm(spec));
  if (all.length === 0) return { url: isUrl(spec) ? spec.trim() : null, omschrijving: spec.trim(), vertrouwelijkheidaanduiding: null };
  // A URL the cache does not hold (yet): the cache may be partial; the zaaksysteem checks it on delivery. But a zaaktype
  // whose own list of types is cached and does not name it does not allow it (as the delivery judges it too).
  if (hits.length === 0 && isUrl(spec)) {
    const zt = cat.zaaktypen.find((z) => z.url === zaaktype);
    if (zt && zt.informatieobjecttypen.length > 0 && !zt.informatieobjecttypen.includes(spec.trim())) {
      throw new PostkamerError(
        'documenttype-not-allowed',
        `(zaaktype '${zt.omschrijving}' staat toe: ${allowed!.map((t) => `'${t.omschrijving}'`).join(', ') || 'geen'})`,
        { candidates: allowed!.map((t) => ({ omschrijving: t.omschrijving, url: t.url })) },
      );
    }
    return { url: spec.trim(), omschrijving: spec.trim(), vertrouwelijkheidaanduiding: null };
  }
  if (hits.length === 0) {
    const known = pool.slice(0, 12).map((t) => `'${t.omschrijving}'`);
    throw new PostkamerError('documenttype-unknown', `(${spec.trim()}; bekend: ${known.join(', ') || 'geen'})`, {
      candidates: pool.map((t) => ({ omschrijving: t.omschrijving, url: t.url })),
    });
  }
  const fit = allowed ? hits.filter((t) => allowed.some((a) => a.url === t.url)) : hits;
  if (fit.length === 0) {
    const zt = cat.zaaktypen.find((z) => z.url === zaaktype);
    throw new PostkamerError(
      'documenttype-not-allowed',
      `(zaaktype ${zt ? `'${zt.omschrijving}'` : zaaktype} staat toe: ${allowed!.map((t) => `'${t.omschrijving}'`).join(', ') || 'geen'})`,
      { candidates: allowed!.map((t) => ({ omschrijving: t.omschrijving, url: t.url })) },
    );
  }
  if (fit.length > 1) {
    throw new PostkamerError('documenttype-ambiguous', `(${fit.map(named).join('; ')})`, {
      candidates: fit.map((t) => ({ omschrijving: t.omschrijving, url: t.url })),
    });
  }
  const t = fit[0]!;
  return { url: t.url, omschrijving: t.omschrijving, vertrouwelijkheidaanduiding: t.vertrouwelijkheidaanduiding || null };
}
