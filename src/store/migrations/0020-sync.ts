// 0020: delivery to the zaaksysteem (ZGW): connections, the catalogue and case cache, and the outbox.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
-- One connection per environment. Credentials (client_id + secret) live in the vault as an encrypted blob,
-- never in a column; replacing them shreds the old blob.
CREATE TABLE zgw_connections (
  env TEXT PRIMARY KEY CHECK (env IN ('test', 'acceptatie', 'productie')),
  zaken_url TEXT NOT NULL,
  documenten_url TEXT NOT NULL,
  catalogi_url TEXT NOT NULL,
  credentials_blob_id TEXT NOT NULL REFERENCES blobs(id),
  rsin TEXT NOT NULL,
  informatieobjecttype TEXT,
  updated_at TEXT NOT NULL
) STRICT;

-- Small key/value state of the sync (active environment, concurrency, inline limit, last refresh).
CREATE TABLE zgw_meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

-- Cached catalogue objects and zaken, as last read from the server (JSON of the fields we use).
CREATE TABLE zgw_objects (
  env TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('zaaktype', 'informatieobjecttype', 'resultaattype', 'zaak')),
  url TEXT NOT NULL,
  identificatie TEXT,
  data TEXT NOT NULL,
  etag TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (env, url)
) STRICT;
CREATE INDEX zgw_objects_kind ON zgw_objects(env, kind, identificatie);

-- Pages of list responses with their ETag, so a refresh can send If-None-Match and reuse an unchanged page.
CREATE TABLE zgw_pages (
  env TEXT NOT NULL,
  url TEXT NOT NULL,
  etag TEXT NOT NULL,
  item_urls TEXT NOT NULL,
  next_url TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (env, url)
) STRICT;

-- One row per document to deliver. Everything needed to resume after a crash is here: the identificatie and
-- the content's SHA-256 are fixed before the first request; server URLs, the lock and the parts are recorded
-- right after the server returns them.
CREATE TABLE zgw_outbox (
  document_id TEXT PRIMARY KEY REFERENCES documents(id),
  env TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'document-created', 'content-uploaded', 'linked', 'done', 'attention')),
  actor TEXT NOT NULL,
  target TEXT NOT NULL CHECK (target IN ('zaaknummer', 'nieuwe-zaak')),
  zaaknummer TEXT,
  zaak_url TEXT,
  new_zaak TEXT,
  zaak_identificatie TEXT,
  informatieobjecttype TEXT,
  vertrouwelijkheidaanduiding TEXT,
  identificatie TEXT NOT NULL,
  content_blob_id TEXT,
  sha256 TEXT,
  size INTEGER,
  formaat TEXT,
  bestandsnaam TEXT,
  titel TEXT,
  ontvangstdatum TEXT,
  verzenddatum TEXT,
  eio_url TEXT,
  lock TEXT,
  parts TEXT,
  zio_url TEXT,
  previous_zio_url TEXT,
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
CREATE INDEX zgw_outbox_due ON zgw_outbox(state, next_attempt_at);
CREATE UNIQUE INDEX zgw_outbox_identificatie ON zgw_outbox(env, identificatie);
`;
