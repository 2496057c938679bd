// 0050: the people who use the workstation, each with their roles, their id in the zaaksysteem and a scrypt hash of
// their PIN; failed sign-ins are counted here so that a restart does not reset the delay.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  roles TEXT NOT NULL,
  zgw_user_id TEXT,
  pin_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
