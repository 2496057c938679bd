// 0080: the clerk's corrections. A document carries the values a person set by hand (titel, afzender, datums, kenmerk,
// onderwerp, documenttype, vertrouwelijkheid: JSON, each with who and when), a version that every change raises (two
// windows, or the app and the CLI, cannot silently overwrite each other), and a mark for a document made by an
// automatic split that the clerk has not confirmed yet.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE documents ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE documents ADD COLUMN fields TEXT NOT NULL DEFAULT '{}';
ALTER TABLE documents ADD COLUMN auto_split INTEGER NOT NULL DEFAULT 0;
`;
