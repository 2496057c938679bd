// 0100: page images made for display (a thumbnail, a display size), cached in the vault like every blob, keyed by the
// page image they were made from and the page's rotation, so that a turned page gets new ones.
// Never edit after release; add a new numbered migration instead.
export default /* sql */ `
CREATE TABLE page_thumbs (
  page_id TEXT NOT NULL REFERENCES pages(id) ON DELETE CASCADE,
  size TEXT NOT NULL CHECK (size IN ('thumb', 'image')),
  -- The page image it was made from; no foreign key, so that dropping that image is never blocked by its copy.
  source_blob_id TEXT NOT NULL,
  rotation INTEGER NOT NULL,
  blob_id TEXT NOT NULL UNIQUE REFERENCES blobs(id),
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (page_id, size)
) STRICT;

-- A cached image goes with its row: its blob's row, and with it the key, is deleted (crypto-shred). Rows go when
-- their page goes (a purge deletes pages; ON DELETE CASCADE) or when the page's image or rotation changes.
-- The encrypted file without a key is removed by the vault's recovery at the next start.
CREATE TRIGGER page_thumbs_shred AFTER DELETE ON page_thumbs
BEGIN
  DELETE FROM blobs WHERE id = OLD.blob_id;
END;

CREATE TRIGGER page_thumbs_stale AFTER UPDATE OF image_blob_id, rotation ON pages
WHEN OLD.image_blob_id IS NOT NEW.image_blob_id OR OLD.rotation <> NEW.rotation
BEGIN
  DELETE FROM page_thumbs WHERE page_id = NEW.id;
END;
`;
