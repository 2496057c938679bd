// Making an approved batch's verklaring van vervanging once and keeping it in the vault (the sync worker delivers it
// to each zaak of the batch's documents; src/sync/deliver-verklaring.ts).
import { appendAudit } from '../audit/audit';
import { PostkamerError } from '../contract/errors';
import { appendBatchEvent } from '../store/batch-dossier';
import { insertVerklaring, verklaringOf } from '../store/batch-qc';
import { findBatch } from '../store/batches';
import { personByLogin } from '../store/people';
import { BACKGROUND_ACTOR as SYSTEM_LOGIN } from '../sync/identity';
import { dossierView } from './dossier';
import { qcFacts, qcView } from './qc-view';
import type { CoreServices } from './types';
import { buildVerklaring } from './verklaring';

/** The batch's verklaring, made now if the batch is approved and has none yet (a crash may come between the two). */
export async function ensureVerklaring(core: CoreServices, batchId: string): Promise<{ blobId: string; sha256: string; size: number }> {
  const { db, vault } = core.store;
  const have = verklaringOf(db, batchId);
  if (have) return { blobId: have.blob_id, sha256: have.sha256, size: have.size };
  const f = qcFacts(db, batchId);
  if (f.qc?.state !== 'goedgekeurd' || !f.qc.closed_by || !f.qc.closed_at)
    throw new PostkamerError('qc-state', `(de batch is niet goedgekeurd: ${f.qc?.state ?? 'open'})`);
  const dossier = dossierView(db, batchId);
  if (!dossier) throw new PostkamerError('qc-not-ready', '(deze batch heeft geen dossier)');
  const checker = f.qc.closed_by;
  const pdf = await buildVerklaring({
    batchId,
    label: findBatch(db, batchId)?.label ?? '',
    dossier,
    qc: qcView(batchId, f),
    checkedBy: { login: checker, name: personByLogin(db, checker)?.name ?? checker },
    besluit: core.settings().vervangingsbesluit,
    approvedAt: f.qc.closed_at,
  });
  const blob = await vault.write(pdf, 'application/pdf');
  const made = db
    .transaction(() => {
      const other = verklaringOf(db, batchId);
      if (other) return other;
      vault.commit(blob);
      const at = new Date().toISOString();
      insertVerklaring(db, { batchId, blobId: blob.id, sha256: blob.sha256, size: blob.size, at });
      appendBatchEvent(db, {
        batch_id: batchId,
        at,
        by: SYSTEM_LOGIN,
        kind: 'verklaring',
        detail: `sha256 ${blob.sha256.slice(0, 16)}…, ${blob.size} bytes`,
      });
      appendAudit(db, {
        actor: SYSTEM_LOGIN,
        origin: 'main',
        action: 'qc.verklaring',
        objectType: 'batch',
        objectId: batchId,
        result: 'ok',
        details: { sha256: blob.sha256 },
      });
      return null;
    })
    .immediate();
  if (made) {
    vault.shred(blob.id); // made twice at once: the first one stays
    return { blobId: made.blob_id, sha256: made.sha256, size: made.size };
  }
  return { blobId: blob.id, sha256: blob.sha256, size: blob.size };
}
