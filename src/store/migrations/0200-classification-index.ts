// 0200: the review queue's index — each document's classification facts worked out once (type, confidentiality,
// zaaktype, sender, stage, the reasons that make it te controleren) instead of on every query over every document; triggers
// mark a document stale when anything those facts rest on changes, and src/store/classification-index.ts brings the
// stale rows up to date before the queue is read. Also the (zaaktype, type) pairs the zaaktype rarely uses.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE classification_index (
  document_id TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  title TEXT NOT NULL,
  reviewed INTEGER NOT NULL,
  -- Has a type of its own or is linked to a zaak (not "niet geclassificeerd").
  classed INTEGER NOT NULL,
  r_standaard INTEGER NOT NULL,
  r_afwijkend INTEGER NOT NULL,
  r_laag INTEGER NOT NULL,
  type_url TEXT,
  type_name TEXT,
  -- lower(trim(type_name)): what the documenttype filter and the usage counts compare.
  type_key TEXT,
  vertrouwelijkheid TEXT,
  zaaktype TEXT,
  afzender TEXT,
  -- The clerk's stage (src/domain/stage.ts) and whether the document reached the zaaksysteem, for the filters.
  stage TEXT NOT NULL,
  delivered INTEGER NOT NULL
) STRICT;
CREATE INDEX classification_index_created ON classification_index(created_at, document_id);
CREATE INDEX classification_index_title ON classification_index(title COLLATE NOCASE, created_at, document_id);
CREATE INDEX classification_index_type ON classification_index(type_name IS NULL, type_name COLLATE NOCASE, created_at, document_id);
CREATE INDEX classification_index_afzender ON classification_index(afzender IS NULL, afzender COLLATE NOCASE, created_at, document_id);
CREATE INDEX classification_index_usage ON classification_index(zaaktype, type_key);
CREATE INDEX classification_index_type_url ON classification_index(type_url);

-- Documents whose row in the index no longer holds; all of them when the flag is set (a fresh store, this migration).
-- The triggers below add with ON CONFLICT DO NOTHING, not INSERT OR IGNORE: an OR clause in a trigger gives way to the
-- conflict policy of the statement that fired it (an upsert of the catalogue cache would then fail on a duplicate).
CREATE TABLE classification_stale (document_id TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
CREATE TABLE classification_index_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  all_stale INTEGER NOT NULL,
  -- A digest of the rule the rows were made by (src/store/classification-index.ts): another one makes them all stale.
  rule TEXT NOT NULL
) STRICT;
INSERT INTO classification_index_state (id, all_stale, rule) VALUES (1, 1, '');

-- The (zaaktype, type) pairs the zaaktype's documents rarely carry (src/domain/classification.ts, rarelyUsed).
CREATE TABLE classification_rare (
  zaaktype TEXT NOT NULL,
  type_key TEXT NOT NULL,
  PRIMARY KEY (zaaktype, type_key)
) STRICT, WITHOUT ROWID;

-- Finding a zaak's documents when the cached zaak changes.
CREATE INDEX zgw_outbox_zaak ON zgw_outbox(env, coalesce(zaak_identificatie, zaaknummer));

CREATE TRIGGER classification_stale_doc_insert AFTER INSERT ON documents BEGIN
  INSERT INTO classification_stale (document_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_doc_update
  AFTER UPDATE OF fields, extracted, reviewed_at, qc_flags, title, created_at, status, auto_split, hand_back ON documents BEGIN
  INSERT INTO classification_stale (document_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_doc_delete AFTER DELETE ON documents BEGIN
  INSERT INTO classification_stale (document_id) VALUES (OLD.id) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER classification_stale_outbox_insert AFTER INSERT ON zgw_outbox BEGIN
  INSERT INTO classification_stale (document_id) VALUES (NEW.document_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_outbox_update
  AFTER UPDATE OF document_id, state, env, zaaknummer, zaak_identificatie, new_zaak, informatieobjecttype,
    vertrouwelijkheidaanduiding ON zgw_outbox BEGIN
  INSERT INTO classification_stale (document_id) VALUES (OLD.document_id), (NEW.document_id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_outbox_delete AFTER DELETE ON zgw_outbox BEGIN
  INSERT INTO classification_stale (document_id) VALUES (OLD.document_id) ON CONFLICT DO NOTHING;
END;

-- A cached zaak: its documents (the zaaktype comes from it). A cached type: the documents that carry it (its name and
-- confidentiality come from it). Only when what was cached changed: a refresh that finds the same leaves them be.
CREATE TRIGGER classification_stale_zaak_insert AFTER INSERT ON zgw_objects WHEN NEW.kind = 'zaak' BEGIN
  INSERT INTO classification_stale (document_id)
    SELECT document_id FROM zgw_outbox WHERE env = NEW.env AND coalesce(zaak_identificatie, zaaknummer) = NEW.identificatie ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_zaak_update AFTER UPDATE ON zgw_objects
  WHEN (OLD.kind = 'zaak' OR NEW.kind = 'zaak')
    AND (OLD.data IS NOT NEW.data OR OLD.identificatie IS NOT NEW.identificatie OR OLD.kind IS NOT NEW.kind) BEGIN
  INSERT INTO classification_stale (document_id)
    SELECT document_id FROM zgw_outbox WHERE env = OLD.env AND coalesce(zaak_identificatie, zaaknummer) = OLD.identificatie
    UNION SELECT document_id FROM zgw_outbox WHERE env = NEW.env AND coalesce(zaak_identificatie, zaaknummer) = NEW.identificatie ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_zaak_delete AFTER DELETE ON zgw_objects WHEN OLD.kind = 'zaak' BEGIN
  INSERT INTO classification_stale (document_id)
    SELECT document_id FROM zgw_outbox WHERE env = OLD.env AND coalesce(zaak_identificatie, zaaknummer) = OLD.identificatie ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_type_insert AFTER INSERT ON zgw_objects WHEN NEW.kind = 'informatieobjecttype' BEGIN
  INSERT INTO classification_stale (document_id) SELECT document_id FROM classification_index WHERE type_url = NEW.url ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_type_update AFTER UPDATE ON zgw_objects
  WHEN (OLD.kind = 'informatieobjecttype' OR NEW.kind = 'informatieobjecttype')
    AND (OLD.data IS NOT NEW.data OR OLD.url IS NOT NEW.url OR OLD.kind IS NOT NEW.kind) BEGIN
  INSERT INTO classification_stale (document_id)
    SELECT document_id FROM classification_index WHERE type_url = OLD.url OR type_url = NEW.url ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_type_delete AFTER DELETE ON zgw_objects WHEN OLD.kind = 'informatieobjecttype' BEGIN
  INSERT INTO classification_stale (document_id) SELECT document_id FROM classification_index WHERE type_url = OLD.url ON CONFLICT DO NOTHING;
END;

-- A connection's default type is the type of every linked document that has none of its own.
CREATE TRIGGER classification_stale_connection_insert AFTER INSERT ON zgw_connections BEGIN
  INSERT INTO classification_stale (document_id) SELECT document_id FROM zgw_outbox WHERE env = NEW.env ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_connection_update AFTER UPDATE ON zgw_connections
  WHEN OLD.informatieobjecttype IS NOT NEW.informatieobjecttype OR OLD.env IS NOT NEW.env BEGIN
  INSERT INTO classification_stale (document_id) SELECT document_id FROM zgw_outbox WHERE env IN (OLD.env, NEW.env) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER classification_stale_connection_delete AFTER DELETE ON zgw_connections BEGIN
  INSERT INTO classification_stale (document_id) SELECT document_id FROM zgw_outbox WHERE env = OLD.env ON CONFLICT DO NOTHING;
END;
`;
