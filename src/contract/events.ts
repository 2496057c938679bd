// Events the core pushes to every connected client.
import { z } from 'zod';
import { Id } from './schemas';

/** Payloads are small: clients re-fetch what they show. */
export const events = {
  'batch.changed': z.object({ batchId: Id }),
  'document.changed': z.object({ documentId: Id, batchId: Id }),
  'ingest.progress': z.object({
    batchId: Id,
    file: z.string(),
    index: z.number().int(),
    total: z.number().int(),
    stage: z.enum(['reading', 'decoding', 'recognising', 'storing', 'done', 'failed']),
    page: z.number().int().optional(),
    pages: z.number().int().optional(),
  }),
  'status.changed': z.object({}),
  /** An e-depot export started in the UI: how many of its documents are done. */
  'export.progress': z.object({ done: z.number().int(), total: z.number().int() }),
  /** A session was locked (auto-lock, the OS locked or suspended) or ended: clients ask `auth.state` again. */
  'session.changed': z.object({}),
  'scan.progress': z.object({
    batchId: Id,
    state: z.enum(['scanning', 'completed', 'cancelled', 'failed']),
    pages: z.number().int(),
    error: z.object({ code: z.string(), message: z.string() }).nullable(),
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
