// Rebuilding the documents a page edit touches: turned page images, then each document through buildDocument.
import { PostkamerError } from '../../contract/errors';
import type { QcFlag } from '../../contract/schemas';
import { straighten } from '../../recognise/imageops';
import type { Colour } from '../../recognise/types';
import { pageOcr } from '../../store/pages';
import type { Store } from '../../store/store';
import type { StoredBlob } from '../../store/vault';
import { buildContextFor, buildDocument, type BuildSettings, type BuiltDocument } from '../build-document';
import type { Change, DocPlan, DocumentRow, PagePlan } from './change';
import { ocrLines, rotateOcr, type StoredOcr } from './ocr';
import { partTitle } from './order';

export interface PreparedPage {
  plan: PagePlan;
  documentId: string;
  seq: number;
  image: Buffer;
  imageBlob: StoredBlob | null;
  width: number;
  height: number;
  rotation: number;
  ocr: StoredOcr | null;
  qcFlags: QcFlag[];
}
export interface PreparedDoc {
  plan: DocPlan;
  pages: PreparedPage[];
  built: BuiltDocument;
  qcFlags: QcFlag[];
}

function metadataOf(doc: DocumentRow): Record<string, string> | undefined {
  try {
    const m = (JSON.parse(doc.extracted) as { metadata?: Record<string, string> }).metadata;
    return m && typeof m === 'object' ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Turns page images and rebuilds each document; every blob written is pushed on `written` for commit or cleanup. */
export async function prepare(store: Store, settings: BuildSettings, change: Change, written: StoredBlob[]): Promise<PreparedDoc[]> {
  const { db, vault } = store;
  const out: PreparedDoc[] = [];
  for (const plan of change.docs) {
    const context = buildContextFor(db, plan.base.batch_id, settings);
    const pages: PreparedPage[] = [];
    for (const [seq, p] of plan.pages.entries()) {
      const prepared: PreparedPage = {
        plan: p,
        documentId: plan.id,
        seq,
        image: Buffer.alloc(0),
        imageBlob: null,
        width: p.row.width,
        height: p.row.height,
        rotation: p.row.rotation,
        ocr: null,
        qcFlags: JSON.parse(p.row.qc_flags) as QcFlag[],
      };
      if ((!p.removed || p.turn) && !p.replace) {
        if (!p.row.image_blob_id)
          throw new PostkamerError('invalid-input', '(deze pagina heeft geen afbeelding om een PDF van te maken)', { pageId: p.row.id });
        prepared.image = vault.read(p.row.image_blob_id);
        const ocr = pageOcr(db, p.row.id);
        prepared.ocr = ocr ? (JSON.parse(ocr) as StoredOcr) : null;
      }
      if (p.replace) {
        const r = p.replace;
        const blob = await vault.write(r.image, 'image/png');
        written.push(blob);
        Object.assign(prepared, {
          image: r.image,
          imageBlob: blob,
          width: r.width,
          height: r.height,
          rotation: r.rotation,
          qcFlags: r.qcFlags,
        });
        prepared.ocr = r.ocr as StoredOcr | null;
      }
      if (p.turn) {
        const turned = await straighten(
          { index: seq, image: prepared.image, width: p.row.width, height: p.row.height, dpi: p.row.dpi, colour: p.row.colour as Colour },
          p.turn,
          0,
        );
        const blob = await vault.write(turned.image, 'image/png');
        written.push(blob);
        prepared.image = turned.image;
        prepared.imageBlob = blob;
        prepared.width = turned.width;
        prepared.height = turned.height;
        prepared.rotation = (p.row.rotation + p.turn) % 360;
        if (prepared.ocr) prepared.ocr = rotateOcr(prepared.ocr, p.turn, p.row.width, p.row.height);
        // The clerk has looked at the page and set it upright: the automatic doubt is answered.
        prepared.qcFlags = prepared.qcFlags.filter((f) => f !== 'orientation-uncertain');
      }
      pages.push(prepared);
    }
    const visible = pages.filter((p) => !p.plan.removed);
    const built = await buildDocument(vault, context, {
      id: plan.id,
      pages: visible.map((p) => ({
        image: p.image,
        width: p.width,
        height: p.height,
        dpi: p.plan.replace?.dpi ?? p.plan.row.dpi,
        colour: (p.plan.replace?.colour ?? p.plan.row.colour) as Colour,
        text: p.ocr?.text ?? '',
        lines: ocrLines(p.ocr),
        words: p.ocr?.words ?? [],
      })),
      metadata: metadataOf(plan.base),
      title: plan.title,
      fallbackTitle: partTitle(plan.base.title),
    });
    written.push(built.pdf);
    // Pages are done with their pixels once the PDF holds them.
    for (const p of pages) p.image = Buffer.alloc(0);
    out.push({ plan, pages, built, qcFlags: [...new Set(visible.flatMap((p) => p.qcFlags))] });
  }
  return out;
}
