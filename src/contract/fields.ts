// Commands of the clerk's corrections: setting a document's fields by hand, and confirming or undoing an automatic split.
import { z } from 'zod';
import { cmd } from './define';
import { EditResult } from './edit';
import { DocumentSummary, FieldName, Id, IsoDate } from './schemas';
import { Vertrouwelijkheid } from './sync';
import { plainText } from './text';

// Merged into `commands` in commands.ts. An empty text clears a field (null); `reset` drops what a person set, so the
// value read on the page (or the separator sheet's) applies again.

const text = (max: number) => plainText().trim().max(max);
/** The values a person sets; each optional (only what is given changes). */
export const FieldChanges = z
  .object({
    titel: text(200).min(1, 'de titel is leeg').optional(),
    afzender: text(200).nullable().optional(),
    afzenderAdres: text(200).nullable().optional(),
    afzenderPostcode: text(12).nullable().optional(),
    datumBrief: IsoDate.nullable().optional(),
    ontvangstdatum: IsoDate.optional(),
    kenmerk: text(100).nullable().optional(),
    onderwerp: text(1000).nullable().optional(),
    /**
     * An informatieobjecttype: its omschrijving (matched in the catalogue; for a linked document among the types its
     * zaaktype allows) or URL.
     */
    documenttype: text(1000).nullable().optional(),
    vertrouwelijkheid: Vertrouwelijkheid.nullable().optional(),
  })
  .strict();
export type FieldChanges = z.infer<typeof FieldChanges>;

/** What became of the delivery: nothing to do, the queued delivery now carries the values, or an EIO update queued. */
export const DeliveryEffect = z.enum(['niet-gekoppeld', 'outbox-bijgewerkt', 'correctie-klaargezet']);

export const fieldCommands = {
  /**
   * Sets fields by hand (what a person sets wins over extraction, and is what is delivered). `expectedVersion`: the
   * version the person saw; a document changed meanwhile is refused (`edit-conflict`). After delivery the descriptive
   * fields may still change (the zaaksysteem's EIO is updated through the outbox); documenttype and vertrouwelijkheid
   * are then the archivist's.
   */
  'documents.edit': cmd(
    z
      .object({
        id: Id,
        expectedVersion: z.number().int().positive().optional(),
        set: FieldChanges.default({}),
        reset: z.array(FieldName).max(10).default([]),
      })
      .strict(),
    z.object({ document: DocumentSummary, changed: z.array(FieldName), delivery: DeliveryEffect }),
  ),
  /**
   * The archivist classifies a document: its documenttype (an informatieobjecttype's omschrijving or URL; one the
   * zaak's zaaktype allows) and vertrouwelijkheid, before or after delivery. After delivery the change becomes an update
   * of the EIO through the outbox (lock, PATCH, unlock; exactly once); while the document is being sent it is refused.
   * Audited with the old and the new value.
   */
  'documents.classify': cmd(
    z
      .object({
        id: Id,
        expectedVersion: z.number().int().positive().optional(),
        documenttype: text(1000).min(1, 'het documenttype is leeg').optional(),
        vertrouwelijkheid: Vertrouwelijkheid.optional(),
      })
      .strict()
      .refine(
        (i) => i.documenttype !== undefined || i.vertrouwelijkheid !== undefined,
        'geef een documenttype, een vertrouwelijkheid of beide',
      ),
    z.object({ document: DocumentSummary, changed: z.array(FieldName), delivery: DeliveryEffect }),
  ),
  /** The clerk confirms a document made by an automatic split: it stays as it is. */
  'documents.confirmSplit': cmd(z.object({ id: Id }).strict(), DocumentSummary),
  /** The clerk undoes an automatic split: the document joins the one before it in the stack again. */
  'documents.undoSplit': cmd(z.object({ id: Id }).strict(), EditResult),
} as const;
