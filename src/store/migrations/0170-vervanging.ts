// 0170: vervangende digitalisering. A scan batch's dossier (who, where, with what; page counts in and out), each
// received unit's page tally, the batch's pages by their position in the scanned stack, its quality control (sample,
// judgements, rescans), its verklaring van vervanging and the registration that its paper was destroyed.
// The dossier's capture facts are immutable once it is closed; judgements, rescans and registrations are append-only:
// triggers refuse anything else, whoever asks.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE batch_dossiers (
  batch_id TEXT PRIMARY KEY REFERENCES batches(id),
  scanned_by TEXT NOT NULL,
  scanned_by_name TEXT NOT NULL,
  origin TEXT NOT NULL,
  workstation TEXT NOT NULL,
  started_at TEXT NOT NULL,
  scanner TEXT NOT NULL,
  profile TEXT NOT NULL,
  software TEXT NOT NULL,
  -- Written once, when processing of the batch ends (closed_at); from then on the row never changes.
  closed_at TEXT,
  pages_in INTEGER,
  pages_out INTEGER,
  blank_removed INTEGER,
  blank_flagged INTEGER,
  separator_sheets INTEGER,
  documents INTEGER,
  qc_flags TEXT
) STRICT;
CREATE TRIGGER batch_dossiers_closed BEFORE UPDATE ON batch_dossiers WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'the dossier of a closed batch is immutable'); END;
CREATE TRIGGER batch_dossiers_no_delete BEFORE DELETE ON batch_dossiers
BEGIN SELECT RAISE(ABORT, 'a batch dossier is never deleted'); END;

-- One row per processed unit (a file, or a scanner job's pages): what went in and what came out.
CREATE TABLE batch_units (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  unit TEXT NOT NULL,
  first_seq INTEGER NOT NULL,
  pages_in INTEGER NOT NULL,
  pages_out INTEGER NOT NULL,
  blank_removed INTEGER NOT NULL,
  blank_flagged INTEGER NOT NULL,
  separator_sheets INTEGER NOT NULL,
  PRIMARY KEY (batch_id, unit)
) STRICT;

-- A stored page's 0-based place among the input pages of its unit; with the units' tallies it gives the page's
-- position in the scanned batch.
ALTER TABLE pages ADD COLUMN source_index INTEGER;

-- The batch's kept pages by their 1-based position in the scanned stack (gaps where blanks and separator sheets were
-- removed), fixed when the dossier closes: what the sample draws from and what a checker and a rescan name.
CREATE TABLE batch_pages (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  page INTEGER NOT NULL,
  page_id TEXT NOT NULL,
  PRIMARY KEY (batch_id, page)
) STRICT;
CREATE TRIGGER batch_pages_no_update BEFORE UPDATE ON batch_pages BEGIN SELECT RAISE(ABORT, 'batch pages are fixed'); END;

CREATE TABLE batch_qc (
  batch_id TEXT PRIMARY KEY REFERENCES batches(id),
  state TEXT NOT NULL CHECK (state IN ('steekproef', 'goedgekeurd', 'afgekeurd', 'nascan')),
  seed TEXT NOT NULL,
  -- JSON: the rule and its figures (population, sample size, Ac/Re).
  rule TEXT NOT NULL,
  -- JSON array of the sampled positions, ascending.
  sample TEXT NOT NULL,
  started_by TEXT NOT NULL,
  started_at TEXT NOT NULL,
  closed_by TEXT,
  closed_at TEXT,
  -- JSON { documentId: sha256 } of the batch's documents when it was approved: what each EIO must hold before the
  -- paper may go.
  approved_checksums TEXT
) STRICT;
CREATE TRIGGER batch_qc_sample_fixed BEFORE UPDATE OF seed, rule, sample, started_by, started_at ON batch_qc
BEGIN SELECT RAISE(ABORT, 'a recorded sample never changes'); END;
CREATE TRIGGER batch_qc_approved BEFORE UPDATE ON batch_qc WHEN OLD.state = 'goedgekeurd'
BEGIN SELECT RAISE(ABORT, 'an approved batch is final'); END;

-- Every judgement, rescan and close, in order: the dossier's history after closing. Append-only.
CREATE TABLE batch_events (
  seq INTEGER PRIMARY KEY,
  batch_id TEXT NOT NULL REFERENCES batches(id),
  at TEXT NOT NULL,
  by TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('qc-start', 'qc-judge', 'rescan', 'qc-close', 'verklaring', 'vernietigd')),
  page INTEGER,
  verdict TEXT CHECK (verdict IN ('goed', 'fout')),
  reason TEXT,
  -- rescan: the replaced and the new image, and the document's checksum before and after.
  old_blob_id TEXT,
  new_blob_id TEXT,
  detail TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX batch_events_batch ON batch_events(batch_id, seq);
CREATE TRIGGER batch_events_no_update BEFORE UPDATE ON batch_events BEGIN SELECT RAISE(ABORT, 'batch events are append-only'); END;
CREATE TRIGGER batch_events_no_delete BEFORE DELETE ON batch_events BEGIN SELECT RAISE(ABORT, 'batch events are append-only'); END;

-- The approved batch's verklaring van vervanging (PDF/A in the vault), made once.
CREATE TABLE batch_verklaringen (
  batch_id TEXT PRIMARY KEY REFERENCES batches(id),
  blob_id TEXT NOT NULL REFERENCES blobs(id),
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  made_at TEXT NOT NULL
) STRICT;
CREATE TRIGGER batch_verklaringen_no_update BEFORE UPDATE ON batch_verklaringen BEGIN SELECT RAISE(ABORT, 'a verklaring is final'); END;

CREATE TABLE batch_destructions (
  batch_id TEXT PRIMARY KEY REFERENCES batches(id),
  by TEXT NOT NULL,
  at TEXT NOT NULL,
  method TEXT NOT NULL
) STRICT;
CREATE TRIGGER batch_destructions_no_update BEFORE UPDATE ON batch_destructions BEGIN SELECT RAISE(ABORT, 'a registration is final'); END;
CREATE TRIGGER batch_destructions_no_delete BEFORE DELETE ON batch_destructions BEGIN SELECT RAISE(ABORT, 'a registration is final'); END;
`;
