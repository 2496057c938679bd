// Reading the store's documents: lists, one document, its text, search, export, batches and rejections.
import { createHash } from 'node:crypto';
import { PostkamerError } from '../../contract/errors';
import type { DocumentSummary } from '../../contract/schemas';
import {
  documentText,
  getDocument,
  getDocumentBlobIds,
  listDocuments,
  listRejections,
  searchDocuments,
  stageCounts,
} from '../../store/documents';
import { bsnsInQuery, PROCESSING_ACTIVITY, recordBsnAccess, requireBsnRight, requireReason } from '../bsn-access';
import { knownBsnsOf, queryNamesBsn, showDocument as showFields, showRejection, showSearchHits, showShort, showText } from '../display';
import { resolveDocumentPrefix } from '../documents-resolve';
import { writeExport } from '../export-file';
import { ClassificationReader } from '../classification';
import type { CoreServices, SomeHandlers } from '../types';

// Shown texts leave through src/core/display.ts (the one BSN masking); see there.

/** A document as shown, its stage's reason (the server's text) masked too. */
function showDocument(d: DocumentSummary, known?: ReadonlySet<string>): DocumentSummary {
  const out = showFields(d, known);
  return { ...out, stageReason: out.stageReason === null ? null : showShort(out.stageReason) };
}

export function documentCommands(core: CoreServices) {
  const db = () => core.store.db;
  return {
    'documents.list': (i) => {
      const reader = i.classification ? new ClassificationReader(db()) : null;
      return listDocuments(db(), i).map((d) => {
        const shown = showDocument(d);
        const c = reader?.of(d);
        return c ? { ...shown, classification: c } : shown;
      });
    },
    'documents.stageCounts': () => stageCounts(db()),
    'documents.resolve': (i) => resolveDocumentPrefix(db(), i),
    'documents.get': (i) => {
      const d = getDocument(db(), i.id);
      if (!d) throw new PostkamerError('not-found');
      const c = new ClassificationReader(db()).of(d);
      return { ...showDocument(d, knownBsnsOf(db(), [d.id]).get(d.id)), ...(c ? { classification: c } : {}) };
    },
    'documents.text': (i) => {
      const body = documentText(db(), i.id);
      if (body === null) throw new PostkamerError('not-found');
      return { id: i.id, text: showText(body, knownBsnsOf(db(), [i.id]).get(i.id) ?? new Set()) };
    },
    'documents.export': (i) => {
      const ids = getDocumentBlobIds(db(), i.id);
      const blobId = ids && (i.kind === 'pdf' ? ids.pdf : ids.source);
      if (!blobId) throw new PostkamerError('not-found', i.kind === 'pdf' ? '(dit document heeft (nog) geen PDF)' : undefined);
      const data = core.store.vault.read(blobId);
      writeExport(i.path, data);
      return { path: i.path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    },
    'documents.search': (i, ctx) => {
      // Which documents hold a BSN is itself personal data: a query that names one needs the right to see a full BSN
      // (archivaris, teamleider) and a reason, and is recorded as a processing of personal data (src/core/bsn-access.ts).
      const namesBsn = queryNamesBsn(i.query);
      let reason = '';
      if (namesBsn) {
        requireBsnRight(ctx, 'documents.search', 'zoeken op een BSN');
        reason = requireReason(i.reason, 'zoeken op een BSN');
      }
      const hits = showSearchHits(db(), searchDocuments(db(), i.query, i.limit));
      if (namesBsn) {
        recordBsnAccess(db(), ctx, {
          action: 'document.bsn-searched',
          activity: PROCESSING_ACTIVITY.search,
          objectType: null,
          objectId: null,
          reason,
          bsns: bsnsInQuery(i.query),
          extra: { hits: hits.length, documents: hits.map((h) => h.id).join(',') },
        });
      }
      return hits;
    },
    'rejections.list': (i) => listRejections(db(), i.batchId).map(showRejection),
  } satisfies SomeHandlers;
}
