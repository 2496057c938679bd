// A batch's quality control as the contract shows it (QcView), from its recorded sample and the dossier's events, and
// the checks every QC command makes first: the batch exists, has a dossier, and the caller is not who scanned it.
import { PostkamerError } from '../contract/errors';
import type { QcSampleRule, QcState, QcView } from '../contract/vervanging';
import { currentVerdicts, type PageVerdict } from '../domain/qc';
import { batchEvents, batchPages, dossierRow, type DossierRow } from '../store/batch-dossier';
import { qcRow, type QcRow } from '../store/batch-qc';
import { findBatch } from '../store/batches';
import type { Db } from '../store/db';

export interface QcFacts {
  dossier: DossierRow | undefined;
  qc: QcRow | undefined;
  sample: number[];
  verdicts: PageVerdict[];
  /** Position → the page and the document it is in now. */
  pages: Map<number, { pageId: string; documentId: string | null; removed: boolean }>;
}

/** Everything a QC command decides on, read in one go. Throws not-found for an unknown batch. */
export function qcFacts(db: Db, batchId: string): QcFacts {
  if (!findBatch(db, batchId)) throw new PostkamerError('not-found', `(batch ${batchId})`);
  const dossier = dossierRow(db, batchId);
  const qc = qcRow(db, batchId);
  const sample = qc ? (JSON.parse(qc.sample) as number[]) : [];
  const events = qc ? batchEvents(db, batchId) : [];
  const pages = new Map(batchPages(db, batchId).map((p) => [p.page, p]));
  return { dossier, qc, sample, verdicts: currentVerdicts(sample, events), pages };
}

/** Where the batch stands: `open` until QC starts. */
export function qcStateOf(f: Pick<QcFacts, 'qc'>): QcState {
  return f.qc?.state ?? 'open';
}

/** Four eyes: who scanned the batch never starts, judges or closes its QC (the core decides, whatever the UI shows). */
export function refuseScanner(f: QcFacts, actor: string): void {
  if (f.dossier && f.dossier.scanned_by === actor)
    throw new PostkamerError('qc-four-eyes', `(${actor} scande batch ${f.dossier.batch_id.slice(0, 8)})`);
}

export function qcView(batchId: string, f: QcFacts): QcView {
  const rule = f.qc
    ? (JSON.parse(f.qc.rule) as { rule: QcSampleRule; population: number; sampleSize: number; ac: number | null; re: number | null })
    : null;
  const sample = f.verdicts.flatMap((v) => {
    const p = f.pages.get(v.page);
    if (!p || !p.documentId) return [];
    return [
      {
        page: v.page,
        documentId: p.documentId,
        pageId: p.pageId,
        verdict: v.verdict,
        reason: v.reason,
        judgedBy: v.judgedBy,
        judgedAt: v.judgedAt,
        rescans: v.rescans,
      },
    ];
  });
  const state = qcStateOf(f);
  return {
    batchId,
    state,
    seed: f.qc?.seed ?? null,
    rule,
    sample,
    progress: { judged: f.verdicts.filter((v) => v.verdict !== null).length, total: f.verdicts.length },
    faults: f.verdicts.filter((v) => v.verdict === 'fout').map((v) => ({ page: v.page, reden: v.reason! })),
    startedBy: f.qc?.started_by ?? null,
    closedBy: f.qc?.closed_by ?? null,
    closedAt: f.qc?.closed_at ?? null,
    scannedBy: f.dossier?.scanned_by ?? null,
  };
}
