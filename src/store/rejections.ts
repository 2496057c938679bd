// Writing the `rejections` table: a file that was not taken in, why, and its quarantined copy (if any).
import type { Db } from './db';

export interface NewRejection {
  id: string;
  batchId: string | null;
  fileName: string;
  code: string;
  message: string;
  blobId: string | null;
  at: string;
}

export function insertRejection(db: Db, r: NewRejection): void {
  db.prepare(`INSERT INTO rejections (id, batch_id, file_name, code, message, blob_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
    r.id,
    r.batchId,
    r.fileName,
    r.code,
    r.message,
    r.blobId,
    r.at,
  );
}
