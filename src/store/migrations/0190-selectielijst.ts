// 0190: the Selectielijst's resultaten that the cached resultaattypen point to (their selectielijstklasse), as the
// Selectielijst API answered them (validated, only the fields used), so the archivist reads the retention's own words
// offline. Keyed by URL: public reference data, the same for every environment.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE selectielijst_resultaten (
  url TEXT PRIMARY KEY,
  -- JSON: the validated fields of the answer (src/sync/selectielijst.ts).
  data TEXT NOT NULL,
  fetched_at TEXT NOT NULL
) STRICT;
`;
