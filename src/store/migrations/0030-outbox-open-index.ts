// 0030: the outbox's claim query looks only at rows still to do. Without this index it read every row of the
// environment — finished ones included, which pile up by the thousand over months — and sorted them, for every
// claim. The partial index holds only open rows, in the order they are claimed.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE INDEX zgw_outbox_open ON zgw_outbox(next_attempt_at, created_at) WHERE state NOT IN ('done', 'attention');
`;
