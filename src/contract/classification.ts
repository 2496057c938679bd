// The archivist's workspace in the contract: a document's classification and retention, the review queue, and bulk
// classification with a preview and an undo.
import { z } from 'zod';
import { cmd } from './define';
import { DocumentStage, Id, IsoDateTime } from './schemas';
import { Vertrouwelijkheid } from './sync';
import { plainText } from './text';
import { Classification, ClassificationReason, ClassificationState } from './classification-schema';

export * from './classification-schema';

/** A row of the review queue: what the list shows, without the whole document. */
export const QueueItem = z.object({
  id: Id,
  title: z.string(),
  createdAt: IsoDateTime,
  stage: DocumentStage,
  delivered: z.boolean(),
  zaaknummer: z.string().nullable(),
  zaaktype: z.string().nullable(),
  afzender: z.string().nullable(),
  state: ClassificationState,
  reasons: z.array(ClassificationReason),
  documenttype: z.string().nullable(),
  vertrouwelijkheid: z.string().nullable(),
  version: z.number().int(),
});
export type QueueItem = z.infer<typeof QueueItem>;

const Filter = z
  .object({
    state: ClassificationState.optional(),
    /** A zaaktype's URL or omschrijving. */
    zaaktype: plainText().trim().min(1).max(1000).optional(),
    /** A documenttype's omschrijving (as the list shows it). */
    documenttype: plainText().trim().min(1).max(1000).optional(),
    vertrouwelijkheid: Vertrouwelijkheid.optional(),
    /** Received on or after / on or before (Amsterdam days). */
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    /** Part of the sender's name (case-insensitive). */
    afzender: plainText().trim().min(1).max(200).optional(),
    stage: DocumentStage.optional(),
    delivered: z.boolean().optional(),
  })
  .strict();
export type QueueFilter = z.infer<typeof Filter>;

export const QUEUE_SORTS = ['oldest', 'newest', 'title', 'documenttype', 'afzender'] as const;

/** What one document of a bulk action becomes (or would become, in a preview). */
export const BulkOutcome = z.object({
  id: Id,
  title: z.string(),
  before: z.object({ documenttype: z.string().nullable(), vertrouwelijkheid: z.string().nullable(), reviewed: z.boolean() }),
  after: z.object({ documenttype: z.string().nullable(), vertrouwelijkheid: z.string().nullable(), reviewed: z.boolean() }),
  outcome: z.enum(['changed', 'unchanged', 'refused']),
  /** Why it is refused (Dutch), or null. */
  reason: z.string().nullable(),
  /** After delivery the change goes to the zaaksysteem as an update of the EIO. */
  delivery: z.enum(['niet-gekoppeld', 'outbox-bijgewerkt', 'correctie-klaargezet']).nullable(),
});
export type BulkOutcome = z.infer<typeof BulkOutcome>;

export const classificationCommands = {
  /**
   * The archivist's review queue: documents with their classification state, filtered and sorted in the store (fast
   * with 50 000 documents), `total` after the filter, `counts` per state over the whole store.
   */
  'classification.queue': cmd(
    z
      .object({
        filter: Filter.default({}),
        sort: z.enum(QUEUE_SORTS).default('oldest'),
        limit: z.number().int().min(1).max(5000).default(200),
        offset: z.number().int().min(0).default(0),
      })
      .strict(),
    z.object({
      total: z.number().int(),
      counts: z.record(ClassificationState, z.number().int()),
      items: z.array(QueueItem),
    }),
  ),
  /** One document's classification with its retention (the zaak's resultaat, or its zaaktype's options). */
  'classification.get': cmd(z.object({ id: Id }).strict(), Classification),
  /**
   * Sets the type and/or the confidentiality and/or marks reviewed on a selection. `preview`: nothing changes, the
   * answer says what would. Otherwise each document changes as `documents.classify` would (refused ones named with the
   * reason, the others go on) and `undo` is a token for `classification.undo`.
   */
  'classification.bulk': cmd(
    z
      .object({
        ids: z.array(Id).min(1).max(1000),
        documenttype: plainText().trim().min(1).max(1000).optional(),
        vertrouwelijkheid: Vertrouwelijkheid.optional(),
        reviewed: z.literal(true).optional(),
        preview: z.boolean().default(false),
      })
      .strict()
      .refine(
        (i) => i.documenttype !== undefined || i.vertrouwelijkheid !== undefined || i.reviewed !== undefined,
        'geef een documenttype, een vertrouwelijkheid of markeer als gecontroleerd',
      ),
    z.object({ results: z.array(BulkOutcome), changed: z.number().int(), refused: z.number().int(), undo: Id.nullable() }),
  ),
  /**
   * Undoes a bulk action for every document not delivered since and not changed after it (those are named, with the
   * reason, and stay as they are).
   */
  'classification.undo': cmd(
    z.object({ undo: Id }).strict(),
    z.object({ restored: z.number().int(), kept: z.array(z.object({ id: Id, reason: z.string() })) }),
  ),
} as const;
