// 0130: indexes for the questions asked by time — the latest filings (zaak suggestions), what came in and what was
// delivered in a period (the supervisor's report and desk) — so they read a range instead of every row.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE INDEX IF NOT EXISTS zgw_outbox_created ON zgw_outbox(created_at);
CREATE INDEX IF NOT EXISTS zgw_outbox_done ON zgw_outbox(done_at) WHERE state = 'done';
CREATE INDEX IF NOT EXISTS documents_created ON documents(created_at);
`;
