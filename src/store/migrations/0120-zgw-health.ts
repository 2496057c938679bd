// 0120: the outcome of every request the sync sends to the zaaksysteem, per environment (the supervisor's sync
// health: last success, error rate, failing or offline). Codes and classes only — never a URL, a body or a name.
// Rows older than two days are pruned as new ones are written (src/store/zgw-health.ts).
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE zgw_health (
  id INTEGER PRIMARY KEY,
  env TEXT NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  class TEXT CHECK (class IN ('network', 'server', 'auth', 'client', 'invalid')),
  code TEXT CHECK (length(code) <= 40),
  CHECK ((ok = 1 AND class IS NULL AND code IS NULL) OR (ok = 0 AND class IS NOT NULL AND code IS NOT NULL))
) STRICT;
CREATE INDEX zgw_health_env ON zgw_health(env, ok, at);
CREATE INDEX zgw_health_at ON zgw_health(at);
`;
