// A document's classification as the archivist sees it: its state and reasons (the domain's rule), the type and
// confidentiality as set or as delivered, and the retention that follows from its zaak (the zaak's resultaat once it
// has one, otherwise every resultaattype of the zaak's zaaktype) with the Selectielijst's words for each, from what
// this workstation has cached.
import type { Classification, Retention, RetentionOption } from '../contract/classification';
import type { DocumentSummary } from '../contract/schemas';
import { classificationState, rarelyUsed, typeKey } from '../domain/classification';
import { classificationRow, zaakOutcomeRow, type ClassificationRow } from '../store/classification';
import { typeUsage } from '../store/classification-index';
import type { Db } from '../store/db';
import { cachedObjects } from '../sync/catalogue';
import { cachedSelectielijst, type SelectielijstWords } from '../sync/selectielijst';
import type { InformatieObjectType, ResultaatType, ZaakType } from '../sync/schemas';

/** The cached catalogue of one environment, read once per list. */
interface CatalogueCache {
  zaaktypen: Map<string, ZaakType>;
  typen: Map<string, InformatieObjectType>;
  resultaattypen: ResultaatType[];
}

/** Reads each environment's cached catalogue once, for as long as one answer is being made. */
export class ClassificationReader {
  private readonly catalogues = new Map<string, CatalogueCache>();
  private readonly selectielijst = new Map<string, SelectielijstWords | null>();

  constructor(private readonly db: Db) {}

  private catalogue(env: string): CatalogueCache {
    let c = this.catalogues.get(env);
    if (!c) {
      c = {
        zaaktypen: new Map(cachedObjects<ZaakType>(this.db, env, 'zaaktype').map((t) => [t.url, t])),
        typen: new Map(cachedObjects<InformatieObjectType>(this.db, env, 'informatieobjecttype').map((t) => [t.url, t])),
        resultaattypen: cachedObjects<ResultaatType>(this.db, env, 'resultaattype'),
      };
      this.catalogues.set(env, c);
    }
    return c;
  }

  /** The classification of `doc` (null when it is gone). */
  of(doc: DocumentSummary): Classification | null {
    const row = classificationRow(this.db, doc.id);
    if (!row) return null;
    const cat = row.env ? this.catalogue(row.env) : null;
    const typeName = doc.fields.documenttype.value ?? (row.type_url ? (cat?.typen.get(row.type_url)?.omschrijving ?? null) : null);
    const usage = row.zaaktype && typeName !== null ? typeUsage(this.db, row.zaaktype, typeKey(typeName)) : null;
    const { state, reasons } = classificationState({
      documenttype: { value: doc.fields.documenttype.value, source: doc.fields.documenttype.source },
      suggestion: doc.metadata?.documenttype ?? null,
      linked: row.linked === 1,
      linkedType: row.linked_type,
      reviewed: row.reviewed_at !== null,
      lowConfidence: doc.qcFlags.includes('low-ocr-confidence'),
      rarelyUsed: usage !== null && rarelyUsed(usage.pair, usage.total),
    });
    return {
      state,
      reasons,
      informatieobjecttype: row.type_url,
      documenttype: typeName,
      vertrouwelijkheid:
        row.vertrouwelijkheid ?? (row.type_url ? (cat?.typen.get(row.type_url)?.vertrouwelijkheidaanduiding ?? null) : null),
      reviewedBy: row.reviewed_by,
      reviewedAt: row.reviewed_at,
      retention: cat ? this.retention(row, cat) : null,
    };
  }

  /** The zaak's retention: the resultaat's resultaattype when known, else the zaaktype's options; null if unknown. */
  private retention(row: ClassificationRow, cat: CatalogueCache): Retention | null {
    if (!row.zaaktype || !/^https?:\/\//.test(row.zaaktype)) return null;
    const zt = cat.zaaktypen.get(row.zaaktype);
    const zaaktype = { url: row.zaaktype, omschrijving: zt?.omschrijving ?? row.zaaktype };
    const outcome = row.zaak_url && row.env ? zaakOutcomeRow(this.db, row.env, row.zaak_url) : null;
    if (outcome?.resultaattype_url) {
      const rt = cat.resultaattypen.find((t) => t.url === outcome.resultaattype_url);
      if (rt) return { basis: 'resultaat', zaaktype, options: [this.option(rt)] };
    }
    const options = cat.resultaattypen.filter((t) => t.zaaktype === row.zaaktype).map((t) => this.option(t));
    return { basis: 'zaaktype', zaaktype, options };
  }

  /** The Selectielijst's words for a selectielijstklasse, from the cache (read once per URL per answer). */
  private words(url: string | null): SelectielijstWords | null {
    if (!url) return null;
    if (!this.selectielijst.has(url)) this.selectielijst.set(url, cachedSelectielijst(this.db, url));
    return this.selectielijst.get(url) ?? null;
  }

  private option(t: ResultaatType): RetentionOption {
    return option(t, this.words(t.selectielijstklasse || null));
  }
}

function option(t: ResultaatType, selectielijst: SelectielijstWords | null): RetentionOption {
  return {
    resultaattype: t.url,
    omschrijving: t.omschrijving,
    archiefnominatie: t.archiefnominatie ?? null,
    archiefactietermijn: t.archiefactietermijn ?? null,
    selectielijstklasse: t.selectielijstklasse || null,
    selectielijst,
    brondatumAfleidingswijze: t.brondatumArchiefprocedure?.afleidingswijze ?? null,
  };
}
