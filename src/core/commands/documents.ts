// Reading the store's documents: lists, one document, its text, search, export, batches and rejections.
import { createHash } from 'node:crypto';
import { PostkamerError } from '../../contract/errors';
import {
  documentText,
  getDocument,
  getDocumentBlobIds,
  listBatches,
  listDocuments,
  listRejections,
  searchDocuments,
} from '../../store/documents';
import { knownBsnsOf, queryNamesBsn, showDocument, showRejection, showSearchHits, showText } from '../display';
import { resolveDocumentPrefix } from '../documents-resolve';
import { writeExport } from '../export-file';
import { fromUi } from '../origin';
import type { CoreServices, SomeHandlers } from '../types';

// Shown texts leave through src/core/display.ts (the one BSN masking); see there.
export function documentCommands(core: CoreServices) {
  const db = () => core.store.db;
  return {
    'batches.list': (i) => listBatches(db(), i.limit),
    'documents.list': (i) => listDocuments(db(), i).map((d) => showDocument(d)),
    'documents.resolve': (i) => resolveDocumentPrefix(db(), i),
    'documents.get': (i) => {
      const d = getDocument(db(), i.id);
      if (!d) throw new PostkamerError('not-found');
      return showDocument(d, knownBsnsOf(db(), [d.id]).get(d.id));
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
      // Which documents hold a BSN is itself personal data: not a question the UI may ask (a renderer could find any
      // masked number by trying the 11-proef's candidates). The local CLI, run with the store's passphrase, may.
      if (fromUi(ctx) && queryNamesBsn(i.query)) {
        throw new PostkamerError('forbidden', '(zoeken op een BSN mag hier niet: het laat zien welke documenten dat nummer bevatten)');
      }
      return showSearchHits(db(), searchDocuments(db(), i.query, i.limit));
    },
    'rejections.list': (i) => listRejections(db(), i.batchId).map(showRejection),
  } satisfies SomeHandlers;
}
