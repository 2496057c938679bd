// 0070: data protection. A document can be held by an archivist (never purged while held) and is marked when its
// content was purged from the workstation (the row stays as a stub); a random key, kept only inside the encrypted
// database, turns a BSN into a non-reversible reference for the processing records of the audit trail.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE documents ADD COLUMN held_at TEXT;
ALTER TABLE documents ADD COLUMN purged_at TEXT;

-- Keys for pseudonymous references (one per purpose), made on first use by the core with a CSPRNG.
CREATE TABLE privacy_keys (
  purpose TEXT PRIMARY KEY,
  key BLOB NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
`;
