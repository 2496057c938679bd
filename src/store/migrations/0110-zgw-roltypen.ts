// 0110: the ZGW cache also holds roltypen (a new zaak's initiator is registered under its zaaktype's initiator
// roltype), kept with the zaaktype's URL in `identificatie`. SQLite cannot widen a CHECK in place: the cache table is
// rebuilt with its rows.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE zgw_objects_new (
  env TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('zaaktype', 'informatieobjecttype', 'resultaattype', 'zaak', 'roltype')),
  url TEXT NOT NULL,
  identificatie TEXT,
  data TEXT NOT NULL,
  etag TEXT,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (env, url)
) STRICT;
INSERT INTO zgw_objects_new (env, kind, url, identificatie, data, etag, fetched_at)
  SELECT env, kind, url, identificatie, data, etag, fetched_at FROM zgw_objects;
DROP TABLE zgw_objects;
ALTER TABLE zgw_objects_new RENAME TO zgw_objects;
CREATE INDEX zgw_objects_kind ON zgw_objects(env, kind, identificatie);
`;
