// 0060: audit entries say who acted in which roles and from which workstation, with a per-row format version so that
// entries written before this change keep verifying under their own hash; indexes for the audit screen's filters.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE audit ADD COLUMN format INTEGER NOT NULL DEFAULT 1;
ALTER TABLE audit ADD COLUMN actor_name TEXT;
ALTER TABLE audit ADD COLUMN actor_roles TEXT NOT NULL DEFAULT '[]';
ALTER TABLE audit ADD COLUMN workstation TEXT NOT NULL DEFAULT '';
CREATE INDEX audit_actor ON audit (actor, seq);
CREATE INDEX audit_action ON audit (action, seq);
CREATE INDEX audit_object ON audit (object_id, seq);
CREATE INDEX audit_at ON audit (at);
`;
