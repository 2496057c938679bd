// 0090: corrections of a delivered document's EIO (titel, auteur, datums, beschrijving), each sent to the zaaksysteem
// once as lock → PATCH → unlock. A row records every step before the next (the lock before the PATCH), is leased
// like an outbox row while a worker sends it, and waits for its document's delivery to be done; the corrections of
// one document apply in the order they were made.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE zgw_eio_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  document_id TEXT NOT NULL REFERENCES documents(id),
  changes TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'locking', 'locked', 'patched', 'releasing', 'done', 'attention')),
  lock TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error_code TEXT,
  last_error TEXT,
  claimed_by TEXT,
  claimed_until INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  done_at TEXT
) STRICT;
CREATE INDEX zgw_eio_corrections_open ON zgw_eio_corrections(document_id, id) WHERE state <> 'done';
CREATE INDEX zgw_eio_corrections_due ON zgw_eio_corrections(next_attempt_at) WHERE state NOT IN ('done', 'attention');
`;
