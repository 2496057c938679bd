// 0010: the first schema. Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Every stored byte lives in the vault as an encrypted file; this row holds its wrapped key.
-- state 'writing' is recorded before the file is written, so a crash leaves a row that recovery can clean up.
CREATE TABLE blobs (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('writing', 'stored')),
  writer TEXT,
  sha256 TEXT,
  size INTEGER,
  mime TEXT NOT NULL,
  wrapped_key BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX blobs_sha256 ON blobs(sha256);
CREATE INDEX blobs_state ON blobs(state) WHERE state = 'writing';

CREATE TABLE batches (
  id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  source TEXT NOT NULL,
  -- for scanner jobs: 'scanning' while pages arrive; items are processed once the job has ended.
  job_state TEXT,
  job_owner TEXT,
  job_error TEXT,
  profile TEXT,
  label TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'processing', 'done'))
) STRICT;

-- A received file (or a scanner's page stream), stored as it came, before any processing. Processing turns
-- items into documents; an item that cannot be processed is rejected and its bytes stay quarantined in the vault.
CREATE TABLE items (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches(id),
  seq INTEGER NOT NULL,
  -- Items of one unit are processed together: a file is its own unit; the pages of one scanner job form one
  -- unit (the batch id), so separator sheets can split across pages that arrived one by one.
  unit TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  blob_id TEXT NOT NULL REFERENCES blobs(id),
  state TEXT NOT NULL CHECK (state IN ('received', 'processing', 'done', 'rejected')),
  claimed_by TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX items_pending ON items(state) WHERE state IN ('received', 'processing');
CREATE INDEX items_batch ON items(batch_id, seq);
CREATE INDEX items_unit ON items(unit, seq);
CREATE INDEX items_sha256 ON items(sha256);

CREATE TABLE documents (
  id TEXT PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches(id),
  item_id TEXT REFERENCES items(id),
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  file_name TEXT NOT NULL,
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  source_blob_id TEXT REFERENCES blobs(id),
  pdf_blob_id TEXT REFERENCES blobs(id),
  status TEXT NOT NULL CHECK (status IN ('stored', 'processing', 'ready', 'failed')),
  page_count INTEGER NOT NULL DEFAULT 0,
  qc_flags TEXT NOT NULL DEFAULT '[]',
  contains_bsn INTEGER NOT NULL DEFAULT 0,
  extracted TEXT NOT NULL DEFAULT '{}',
  zaaknummer TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX documents_batch ON documents(batch_id, seq);

CREATE TABLE pages (
  id TEXT PRIMARY KEY,
  document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  image_blob_id TEXT REFERENCES blobs(id),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  dpi INTEGER NOT NULL,
  colour TEXT NOT NULL,
  rotation INTEGER NOT NULL DEFAULT 0,
  skew REAL NOT NULL DEFAULT 0,
  blank INTEGER NOT NULL DEFAULT 0,
  ocr_confidence REAL,
  qc_flags TEXT NOT NULL DEFAULT '[]',
  ocr TEXT,
  -- A page the clerk deleted stays (hidden, restorable) with its image until the document is delivered.
  removed INTEGER NOT NULL DEFAULT 0,
  UNIQUE (document_id, seq)
) STRICT;

CREATE TABLE rejections (
  id TEXT PRIMARY KEY,
  batch_id TEXT REFERENCES batches(id),
  file_name TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  blob_id TEXT REFERENCES blobs(id),
  created_at TEXT NOT NULL
) STRICT;

-- Full text of each document; rowid = documents.rowid.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2');

-- Append-only, hash-chained audit trail.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  origin TEXT NOT NULL,
  action TEXT NOT NULL,
  object_type TEXT,
  object_id TEXT,
  result TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
`;
