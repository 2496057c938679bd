// Recording a prepared page edit in one transaction: documents, pages, search index, dropped PDFs and the audit trail.
import { appendAudit } from '../../audit/audit';
import { PostkamerError } from '../../contract/errors';
import { dropBlobRowIfUnused } from '../../store/blobs';
import { deleteDocument, freePlaceAfter, insertDocument, updateRebuiltDocument } from '../../store/documents';
import { placePages } from '../../store/pages';
import type { Store } from '../../store/store';
import type { HandlerContext } from '../types';
import { assertEditable, assertNotQueued, fingerprint, type Change } from './change';
import type { PreparedDoc } from './rebuild';

/** Records the change unless a watched document changed since `expected`; returns the blob ids whose rows were dropped. */
export function record(store: Store, ctx: HandlerContext, change: Change, docs: PreparedDoc[], expected: string): string[] {
  const { db, vault } = store;
  const dropped: string[] = [];
  db.transaction(() => {
    if (fingerprint(db, change.watched) !== expected) throw new PostkamerError('edit-conflict');
    if (!change.afterDelivery) for (const id of change.watched) assertEditable(db, { id });
    for (const d of change.gone) assertNotQueued(db, d);
    const now = new Date().toISOString();
    for (const d of docs) {
      vault.commit(d.built.pdf);
      for (const p of d.pages) if (p.imageBlob) vault.commit(p.imageBlob);
    }
    const visibleCount = (d: PreparedDoc) => d.pages.filter((p) => !p.plan.removed).length;
    // New documents first: their pages point at them. Each goes right after its original.
    for (const d of docs.filter((x) => x.plan.isNew)) {
      const base = d.plan.base;
      const { built } = d;
      insertDocument(db, {
        id: d.plan.id,
        batchId: base.batch_id,
        itemId: base.item_id,
        seq: freePlaceAfter(db, base.batch_id, base.seq),
        title: built.title,
        fileName: base.file_name,
        mime: 'application/pdf',
        size: built.pdf.size,
        sha256: built.pdf.sha256,
        sourceBlobId: base.source_blob_id,
        pdfBlobId: built.pdf.id,
        status: 'ready',
        pageCount: visibleCount(d),
        qcFlags: d.qcFlags,
        containsBsn: built.containsBsn,
        extracted: built.extracted,
        zaaknummer: built.zaaknummer,
        createdAt: base.created_at,
        updatedAt: now,
        text: built.text,
      });
    }
    placePages(
      db,
      docs
        .flatMap((d) => d.pages)
        .map((p) => ({
          id: p.plan.row.id,
          documentId: p.documentId,
          seq: p.seq,
          removed: p.plan.removed,
          rotation: p.rotation,
          width: p.width,
          height: p.height,
          imageBlobId: p.imageBlob?.id ?? p.plan.row.image_blob_id,
          qcFlags: p.qcFlags,
          ...((p.plan.turn || p.plan.replace) && p.ocr ? { ocr: JSON.stringify(p.ocr) } : {}),
          ...(p.plan.replace ? { dpi: p.plan.replace.dpi, colour: p.plan.replace.colour } : {}),
        })),
    );
    for (const g of change.gone) {
      deleteDocument(db, g.id);
      appendAudit(db, {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'document.delete',
        objectType: 'document',
        objectId: g.id,
        result: 'ok',
        details: { reason: 'merged', into: change.objectId, itemId: g.item_id, previousPdfBlobId: g.pdf_blob_id },
      });
      if (g.pdf_blob_id && dropBlobRowIfUnused(db, g.pdf_blob_id)) dropped.push(g.pdf_blob_id);
    }
    for (const d of docs.filter((x) => !x.plan.isNew)) {
      const { built } = d;
      updateRebuiltDocument(db, d.plan.id, {
        title: built.title,
        size: built.pdf.size,
        sha256: built.pdf.sha256,
        pdfBlobId: built.pdf.id,
        pageCount: visibleCount(d),
        qcFlags: d.qcFlags,
        containsBsn: built.containsBsn,
        extracted: built.extracted,
        zaaknummer: built.zaaknummer,
        updatedAt: now,
        text: built.text,
      });
    }
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: change.action,
      objectType: 'document',
      objectId: change.objectId,
      result: 'ok',
      details: change.details,
    });
    for (const d of docs) {
      const previous = d.plan.isNew ? null : d.plan.base.pdf_blob_id;
      appendAudit(db, {
        actor: ctx.actor,
        origin: ctx.origin,
        action: d.plan.isNew ? 'document.create' : 'document.rebuild',
        objectType: 'document',
        objectId: d.plan.id,
        result: 'ok',
        details: {
          pages: visibleCount(d),
          removedPages: d.pages.filter((p) => p.plan.removed).length,
          pdfBlobId: d.built.pdf.id,
          previousPdfBlobId: previous,
          ...(d.plan.isNew ? { splitFrom: change.objectId, itemId: d.plan.base.item_id } : {}),
        },
      });
      // A turned page has a new image; the one it replaces stays in the vault.
      for (const p of d.pages.filter((x) => x.imageBlob)) {
        appendAudit(db, {
          actor: ctx.actor,
          origin: ctx.origin,
          action: 'page.image',
          objectType: 'page',
          objectId: p.plan.row.id,
          result: 'ok',
          details: {
            documentId: d.plan.id,
            rotation: p.rotation,
            imageBlobId: p.imageBlob!.id,
            previousImageBlobId: p.plan.row.image_blob_id,
          },
        });
      }
      if (previous && dropBlobRowIfUnused(db, previous)) dropped.push(previous);
    }
    change.alsoRecord?.(
      docs.map((d) => ({
        id: d.plan.id,
        pdfBlobId: d.built.pdf.id,
        sha256: d.built.pdf.sha256,
        size: d.built.pdf.size,
        previousPdfBlobId: d.plan.isNew ? null : d.plan.base.pdf_blob_id,
      })),
      docs.flatMap((d) => d.pages.flatMap((p) => (p.imageBlob ? [{ pageId: p.plan.row.id, blobId: p.imageBlob.id }] : []))),
    );
  }).immediate();
  return dropped;
}
