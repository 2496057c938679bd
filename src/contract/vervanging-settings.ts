// The settings of vervangende digitalisering: how many pages are checked, the vervangingsbesluit, the wait before
// destruction (apart from ./vervanging so that the settings schema can take them without an import cycle).
import { z } from 'zod';
import { plainText } from './text';

/**
 * How many pages a second person checks (setting qcSampleRule). `percentage`: `percent` of the pages, at least `min`,
 * every page when the batch has no more than `min`. `iso2859`: ISO 2859-1 single sampling, normal inspection, general
 * inspection level II, at acceptance quality limit `aql` (the sample size by lot size; Ac/Re recorded with the result).
 */
export const QcSampleRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percentage'), percent: z.number().min(0.1).max(100), min: z.number().int().min(1).max(10_000) }).strict(),
  z.object({ kind: z.literal('iso2859'), level: z.literal('II'), aql: z.literal(1) }).strict(),
]);
export type QcSampleRule = z.infer<typeof QcSampleRule>;
export const DEFAULT_QC_SAMPLE_RULE: QcSampleRule = { kind: 'percentage', percent: 5, min: 10 };

/** The organisation's decision that allows replacing paper by scans (Archiefregeling art. 26b): title, date, reference. */
export const Vervangingsbesluit = z
  .object({
    titel: plainText().trim().min(1, 'de titel van het vervangingsbesluit is leeg').max(300),
    datum: z.iso.date(),
    kenmerk: plainText().trim().min(1, 'het kenmerk van het vervangingsbesluit is leeg').max(100),
  })
  .strict();
export type Vervangingsbesluit = z.infer<typeof Vervangingsbesluit>;

/** Days after approval before the paper of a batch may be destroyed (setting destructionWaitDays). */
export const DESTRUCTION_WAIT_DAYS = { min: 0, max: 3650, default: 0 } as const;
