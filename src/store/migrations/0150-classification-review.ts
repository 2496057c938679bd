// 0150: the archivist's review of a document's classification (who marked it, when), and what a bulk classification
// changed, kept so that it can be undone until the documents are delivered or changed again; and the zaak's result as
// last read (its resultaattype), so that the retention that applies is known offline.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE documents ADD COLUMN reviewed_by TEXT;
ALTER TABLE documents ADD COLUMN reviewed_at TEXT;
CREATE TABLE classification_undo (
  token TEXT NOT NULL,
  document_id TEXT NOT NULL REFERENCES documents(id),
  fields_before TEXT NOT NULL,
  reviewed_by_before TEXT,
  reviewed_at_before TEXT,
  version_after INTEGER NOT NULL,
  -- The queued delivery's type and confidentiality before (JSON), when the document was linked but not sent.
  outbox_before TEXT,
  actor TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (token, document_id)
) STRICT;
CREATE INDEX classification_undo_created ON classification_undo(created_at);
-- The review queue's orders that need no expression: oldest/newest first and by title, read in index order.
CREATE INDEX documents_created_id ON documents(created_at, id);
CREATE INDEX documents_title ON documents(title COLLATE NOCASE, created_at, id);
-- By sender: the same expression as the queue's order (src/store/classification.ts AFZENDER), so it is read in order.
CREATE INDEX documents_afzender ON documents(
  (coalesce(json_extract(fields, '$.afzender.value'), json_extract(extracted, '$.detail.senderName.value')) IS NULL),
  coalesce(json_extract(fields, '$.afzender.value'), json_extract(extracted, '$.detail.senderName.value')) COLLATE NOCASE,
  created_at, id);
CREATE TABLE zaak_outcomes (
  env TEXT NOT NULL,
  zaak_url TEXT NOT NULL,
  resultaat_url TEXT,
  resultaattype_url TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (env, zaak_url)
) STRICT;
`;
