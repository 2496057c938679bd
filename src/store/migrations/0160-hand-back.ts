// 0160: a supervisor's hand-back of a document from attention to the clerk, with a note ({ note, by, at } as JSON),
// kept until the document is linked again.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
ALTER TABLE documents ADD COLUMN hand_back TEXT;
`;
