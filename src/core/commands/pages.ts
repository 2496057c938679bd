// The clerk's corrections of the automatic split: each page command as a change, around the pure rules of capture/edit.ts.
import { randomUUID } from 'node:crypto';
import {
  deletePage,
  mergeDocuments,
  movePage,
  restorePage,
  rotatePage,
  splitDocument,
  type EditModel,
  type Rotation,
} from '../../capture/edit';
import { PostkamerError } from '../../contract/errors';
import { pagesOf } from '../../store/pages';
import { getDocument } from '../../store/documents';
import { previousInBatch } from '../../store/document-fields';
import { appendAudit } from '../../audit/audit';
import type { HandlerContext, SomeHandlers } from '../types';
import {
  assertEditable,
  assertNotQueued,
  editResult,
  load,
  loadDoc,
  modelOf,
  pageAt,
  pageInfos,
  plansFrom,
  removedOf,
} from '../pages/change';
import { apply, serial, type EditHost } from '../pages/apply';

// One command = one change: read the documents it touches, apply the pure operation, turn page images where
// asked, rebuild each touched document through buildDocument (../build-document.ts, as at ingest) from its page
// images and stored OCR words, write the new blobs, then record everything in one transaction. Nothing is
// destroyed before that transaction commits: a turned page gets a new image blob (the previous one stays in the
// vault), a deleted page stays as a hidden row with its image, the received item is never touched; only the
// superseded PDF — derived, rebuildable — is dropped, and only after the new one is committed.
//
// Pages are ordered by `seq` across visible and deleted pages together, so a deleted page keeps its place
// between its neighbours and comes back there when restored. A deleted page travels with the visible page that
// follows it (or, at the end of a document, the one before it) when pages are moved, split off or merged.
//
// A document that the delivery to the zaaksysteem has started on (its outbox row froze the content, holds a
// lease, or went past `pending`) is not edited: what was sent must stay what is stored.
//
// The parts, in src/core/pages/: change.ts (reading, planning, who may edit), order.ts (page order, part titles),
// ocr.ts (stored OCR following its image), rebuild.ts (turn and rebuild), record.ts (the
// transaction), apply.ts (one change end to end).

export function pageCommands(host: EditHost) {
  const db = () => host.store.db;
  const queue = serial();

  const merge = (i: { targetId: string; sourceIds: string[] }, ctx: HandlerContext) =>
    queue(async () => {
      await apply(host, ctx, () => {
        const target = load(db(), i.targetId);
        assertEditable(db(), target.doc);
        const sources = i.sourceIds.map((id) => {
          if (id === i.targetId) throw new PostkamerError('invalid-input', '(een document kan niet met zichzelf worden samengevoegd)');
          const s = load(db(), id);
          if (s.doc.batch_id !== target.doc.batch_id)
            throw new PostkamerError('invalid-input', '(alleen documenten uit dezelfde batch kunnen worden samengevoegd)', { id });
          assertNotQueued(db(), s.doc);
          return s;
        });
        const all = [target, ...sources];
        const after = mergeDocuments(modelOf(all), target.doc.id, i.sourceIds);
        return {
          action: 'document.merge',
          objectId: target.doc.id,
          details: {
            sources: sources.map((s) => s.doc.id).join(','),
            pagesAdded: sources.reduce((n, s) => n + s.visible.length, 0),
            pages: after.documents.find((d) => d.id === target.doc.id)!.pages.length,
          },
          docs: plansFrom(all, after, removedOf(all), new Map()),
          gone: sources.map((s) => s.doc),
          watched: all.map((l) => l.doc.id),
          batchChanged: true,
        };
      });
      return editResult(db(), i.targetId);
    });

  return {
    'documents.pages': (i) => {
      loadDoc(db(), i.id);
      return pageInfos(pagesOf(db(), i.id), i.includeRemoved);
    },

    'documents.split': (i, ctx) =>
      queue(async () => {
        const newId = randomUUID();
        await apply(host, ctx, () => {
          const l = load(db(), i.id);
          assertEditable(db(), l.doc);
          const after = splitDocument(modelOf([l]), l.doc.id, i.atPage, newId);
          return {
            action: 'document.split',
            objectId: l.doc.id,
            details: { newDocumentId: newId, atPage: i.atPage, pagesKept: i.atPage, pagesMoved: l.visible.length - i.atPage },
            docs: plansFrom([l], after, removedOf([l]), new Map([[newId, l.doc]])),
            gone: [],
            watched: [l.doc.id],
            batchChanged: true,
          };
        });
        return { documents: [i.id, newId] as [string, string] };
      }),

    'documents.merge': (i, ctx) => merge(i, ctx),

    /** An automatic split undone: the document joins the one before it in the stack (a merge, audited as such too). */
    'documents.undoSplit': async (i, ctx) => {
      const doc = getDocument(db(), i.id);
      if (!doc) throw new PostkamerError('not-found');
      if (!doc.autoSplit) throw new PostkamerError('not-auto-split');
      const previous = previousInBatch(db(), i.id);
      if (!previous) throw new PostkamerError('not-auto-split', '(het eerste document van de stapel heeft geen voorganger)');
      const result = await merge({ targetId: previous, sourceIds: [i.id] }, ctx);
      appendAudit(db(), {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'document.split-undone',
        objectType: 'document',
        objectId: previous,
        result: 'ok',
        details: { joined: i.id },
      });
      return result;
    },

    'documents.movePage': (i, ctx) =>
      queue(async () => {
        await apply(host, ctx, () => {
          const l = load(db(), i.id);
          assertEditable(db(), l.doc);
          const page = pageAt(l, i.from);
          const after = movePage(modelOf([l]), page.id, { documentId: l.doc.id, index: i.to });
          return {
            action: 'page.move',
            objectId: l.doc.id,
            details: { pageId: page.id, from: i.from, to: i.to },
            docs: plansFrom([l], after, removedOf([l]), new Map()),
            gone: [],
            watched: [l.doc.id],
            batchChanged: false,
          };
        });
        return editResult(db(), i.id);
      }),

    'documents.rotatePage': (i, ctx) =>
      queue(async () => {
        await apply(host, ctx, () => {
          const l = load(db(), i.id);
          assertEditable(db(), l.doc);
          const page = pageAt(l, i.page);
          const after = rotatePage(modelOf([l]), page.id, i.rotation);
          const rotation = after.documents[0]!.pages[i.page]!.rotation;
          return {
            action: 'page.rotate',
            objectId: l.doc.id,
            details: { pageId: page.id, page: i.page, degrees: i.rotation, rotation },
            docs: plansFrom([l], after, removedOf([l]), new Map(), new Map([[page.id, i.rotation]])),
            gone: [],
            watched: [l.doc.id],
            batchChanged: false,
          };
        });
        return editResult(db(), i.id);
      }),

    'documents.deletePage': (i, ctx) =>
      queue(async () => {
        let removedPageId = '';
        await apply(host, ctx, () => {
          const l = load(db(), i.id);
          assertEditable(db(), l.doc);
          const page = pageAt(l, i.page);
          if (l.visible.length === 1) {
            throw new PostkamerError(
              'invalid-input',
              '(de laatste pagina van een document kan niet worden verwijderd; voeg het document eventueel samen met een ander)',
            );
          }
          removedPageId = page.id;
          const after = deletePage(modelOf([l]), page.id);
          return {
            action: 'page.delete',
            objectId: l.doc.id,
            details: { pageId: page.id, page: i.page, imageBlobId: page.image_blob_id },
            docs: plansFrom([l], after, new Set([...removedOf([l]), page.id]), new Map()),
            gone: [],
            watched: [l.doc.id],
            batchChanged: false,
          };
        });
        return { ...editResult(db(), i.id), removedPageId };
      }),

    'documents.restorePage': (i, ctx) =>
      queue(async () => {
        await apply(host, ctx, () => {
          const l = load(db(), i.id);
          assertEditable(db(), l.doc);
          const k = l.pages.findIndex((p) => p.id === i.pageId && p.removed === 1);
          if (k < 0) throw new PostkamerError('not-found', '(deze verwijderde pagina hoort niet bij dit document)', { pageId: i.pageId });
          const at = l.pages.slice(0, k).filter((p) => p.removed === 0).length;
          const page = l.pages[k]!;
          const model: EditModel = {
            ...modelOf([l]),
            removed: [{ page: { id: page.id, rotation: (page.rotation % 360) as Rotation }, fromDocument: l.doc.id, at }],
          };
          const after = restorePage(model, page.id);
          const removed = removedOf([l]);
          removed.delete(page.id);
          return {
            action: 'page.restore',
            objectId: l.doc.id,
            details: { pageId: page.id, page: at },
            docs: plansFrom([l], after, removed, new Map()),
            gone: [],
            watched: [l.doc.id],
            batchChanged: false,
          };
        });
        return editResult(db(), i.id);
      }),
  } satisfies SomeHandlers;
}
