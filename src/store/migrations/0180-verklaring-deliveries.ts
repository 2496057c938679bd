// 0180: the verklaring van vervanging of an approved batch delivered to each zaak its documents are linked to: one row
// per (batch, zaak), stepped through EIO (created inline, its create counted before it is sent, found again by the
// row's identificatie after a lost answer) → zaakinformatieobject, each step recorded before the next, leased like an
// outbox row while a worker sends it.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE zgw_verklaring_deliveries (
  batch_id TEXT NOT NULL REFERENCES batch_verklaringen(batch_id),
  zaak_url TEXT NOT NULL,
  env TEXT NOT NULL,
  -- The zaak's identificatie as the outbox knew it when the row was made (for the dossier screen).
  zaaknummer TEXT,
  -- Fixed when the row is made (a hash of batch and zaak, 28 characters): what a look-up after a lost answer asks for.
  identificatie TEXT NOT NULL UNIQUE,
  -- Who the requests are made for (the JWT's user): the person who approved the batch.
  actor TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'eio-created', 'done', 'attention')),
  -- EIO creates that may have reached the server, each counted before it is sent (more than none: look up first).
  eio_attempts INTEGER NOT NULL DEFAULT 0,
  eio_url TEXT,
  zio_url TEXT,
  -- The setting verklaringDocumenttype as it was when the type was chosen (or refused): a change re-arms a refusal.
  documenttype TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  last_error_code TEXT,
  last_error TEXT,
  claimed_by TEXT,
  claimed_until INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  done_at TEXT,
  PRIMARY KEY (batch_id, zaak_url)
) STRICT;
CREATE INDEX zgw_verklaring_deliveries_due ON zgw_verklaring_deliveries(next_attempt_at) WHERE state NOT IN ('done', 'attention');
`;
