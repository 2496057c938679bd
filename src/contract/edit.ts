// Manual corrections of the automatic split: the clerk splits, merges, reorders, rotates, deletes and restores pages.
import { z } from 'zod';
import { cmd } from './define';
import { Id, QcFlag } from './schemas';

// Merged into `commands` in commands.ts. Pages are addressed by their 0-based position among the
// document's visible pages (what the clerk sees); a deleted page is addressed by its id, because it has no
// position any more. Every change rebuilds the PDF/A of the documents it touches; the original scan and the
// page images are kept.

const Position = z.number().int().min(0).max(100_000);

export const PageInfo = z.object({
  pageId: Id,
  /** Position among the visible pages; for a deleted page, the position it returns to when restored. */
  seq: z.number().int(),
  /** Clockwise degrees the page image is turned from the scan (automatic orientation plus the clerk's turns). */
  rotation: z.number().int(),
  blank: z.boolean(),
  qcFlags: z.array(QcFlag),
  width: z.number().int(),
  height: z.number().int(),
  dpi: z.number().int(),
  removed: z.boolean(),
});
export type PageInfo = z.infer<typeof PageInfo>;

/** The document after the change: its visible pages in order. */
export const EditResult = z.object({ documentId: Id, pageCount: z.number().int(), pages: z.array(PageInfo) });
export type EditResult = z.infer<typeof EditResult>;

export const editCommands = {
  /** The pages of a document in order; deleted pages only when asked for. */
  'documents.pages': cmd(z.object({ id: Id, includeRemoved: z.boolean().default(false) }).strict(), z.array(PageInfo)),
  /** Pages [0, atPage) stay; the rest become a new document right after it in the same batch. */
  'documents.split': cmd(z.object({ id: Id, atPage: Position.min(1) }).strict(), z.object({ documents: z.tuple([Id, Id]) })),
  /** Appends the pages of the sources (in the order given) to the target; the sources cease to exist. */
  'documents.merge': cmd(z.object({ targetId: Id, sourceIds: z.array(Id).min(1).max(200) }).strict(), EditResult),
  /** Moves the page at `from` to position `to` (counted after it is taken out). */
  'documents.movePage': cmd(z.object({ id: Id, from: Position, to: Position }).strict(), EditResult),
  /** Turns a page clockwise by 90, 180 or 270 degrees, added to its current rotation. */
  'documents.rotatePage': cmd(
    z.object({ id: Id, page: Position, rotation: z.union([z.literal(90), z.literal(180), z.literal(270)]) }).strict(),
    EditResult,
  ),
  /** Hides a page (kept with its image, restorable); a document keeps at least one page. */
  'documents.deletePage': cmd(z.object({ id: Id, page: Position }).strict(), EditResult.extend({ removedPageId: Id })),
  /** Puts a deleted page back where it was. */
  'documents.restorePage': cmd(z.object({ id: Id, pageId: Id }).strict(), EditResult),
} as const;
