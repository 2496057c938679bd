// A document's classification and retention as the contract shows them (a leaf: the document summary includes it).
import { z } from 'zod';

export const CLASSIFICATION_STATES = ['niet-geclassificeerd', 'te-controleren', 'geclassificeerd'] as const;
export const ClassificationState = z.enum(CLASSIFICATION_STATES);
export type ClassificationState = z.infer<typeof ClassificationState>;

/**
 * Why a classification is to be checked: a person chose another type than the separator sheet suggested, the type is
 * only the connection's default (nobody chose it), a page was read with low OCR confidence (`lage-zekerheid`), or the
 * type is one the documents of its zaaktype rarely carry (`zelden-gebruikt`: under 10 % of at least 10).
 */
export const ClassificationReason = z.enum(['afwijkend-van-voorstel', 'standaardtype', 'lage-zekerheid', 'zelden-gebruikt']);
export type ClassificationReason = z.infer<typeof ClassificationReason>;

/** One way the zaak may end: a resultaattype with what it means for the record's retention. */
export const RetentionOption = z.object({
  resultaattype: z.string(),
  omschrijving: z.string(),
  /** ZGW: `blijvend_bewaren` or `vernietigen` (null when the catalogue does not say). */
  archiefnominatie: z.string().nullable(),
  /** ISO-8601 duration, e.g. `P10Y`. */
  archiefactietermijn: z.string().nullable(),
  /** The Selectielijst's resultaat (a URL), as the catalogue gives it. */
  selectielijstklasse: z.string().nullable(),
  /**
   * That resultaat in the Selectielijst's own words, as cached here when the catalogue was last refreshed (null when
   * it is not cached: no selectielijstklasse, or the Selectielijst did not answer yet).
   */
  selectielijst: z
    .object({
      /** volledigNummer (e.g. `1.1.2`), else nummer. */
      nummer: z.string(),
      naam: z.string(),
      /** `blijvend_bewaren` or `vernietigen`, as the Selectielijst says. */
      waardering: z.string(),
      /** ISO-8601 duration, e.g. `P10Y`; null when the Selectielijst gives none. */
      bewaartermijn: z.string().nullable(),
    })
    .nullable(),
  /** How the brondatum of the archive procedure is derived (e.g. `afgehandeld`). */
  brondatumAfleidingswijze: z.string().nullable(),
});
export type RetentionOption = z.infer<typeof RetentionOption>;

/**
 * Retention belongs to the zaak: `resultaat` once the zaak has a result (one option: the one that applies),
 * otherwise `zaaktype` with every resultaattype of the zaak's zaaktype.
 */
export const Retention = z.object({
  basis: z.enum(['resultaat', 'zaaktype']),
  zaaktype: z.object({ url: z.string(), omschrijving: z.string() }).nullable(),
  options: z.array(RetentionOption),
});
export type Retention = z.infer<typeof Retention>;

export const Classification = z.object({
  state: ClassificationState,
  reasons: z.array(ClassificationReason),
  /** The informatieobjecttype's URL (as set, or as delivered), null when none is known. */
  informatieobjecttype: z.string().nullable(),
  /** Its omschrijving. */
  documenttype: z.string().nullable(),
  vertrouwelijkheid: z.string().nullable(),
  /** An archivist classified or marked it reviewed. */
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().datetime({ offset: true }).nullable(),
  /** Null where the zaak (or its zaaktype) is not known here. */
  retention: Retention.nullable(),
});
export type Classification = z.infer<typeof Classification>;
