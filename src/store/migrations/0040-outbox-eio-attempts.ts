// 0040: the outbox counts the creates of a row's EIO that may have reached the server, each recorded before it is
// sent. A first attempt (nothing recorded before it) needs no look-up by identificatie; only a later one, whose
// predecessor's outcome is unknown (a crash, a reset, a timeout), looks up first. Rows that older versions may
// already have sent a create for (their content was frozen, which happened at their first claim) count as tried.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE zgw_outbox ADD COLUMN eio_attempts INTEGER NOT NULL DEFAULT 0;
UPDATE zgw_outbox SET eio_attempts = 1 WHERE sha256 IS NOT NULL AND eio_url IS NULL;
`;
