// Quality control of a scan batch with four eyes: the batch list with dossiers, drawing and judging the sample,
// rescanning what was wrong (a delivered document gets a new EIO version), closing a round and the verklaring.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { appendAudit } from '../../audit/audit';
import { PostkamerError } from '../../contract/errors';
import type { QcReason } from '../../contract/vervanging';
import { closeRound, JUDGING_STATES, stateAfterRescan } from '../../domain/qc';
import type { QcRowState } from '../../store/batch-qc';
import { drawSample, sampleSize } from '../../domain/qc-sample';
import { appendBatchEvent, dossierRows } from '../../store/batch-dossier';
import { insertQc, qcStates, setQcState, verklaringOf } from '../../store/batch-qc';
import { verklaringDeliveriesOf } from '../../store/verklaring-deliveries';
import { retryVerklaringDeliveries } from '../../sync/deliver-verklaring-runner';
import { batchSummary, deliveryFacts, listBatches } from '../../store/documents';
import { queueEioCorrection } from '../../store/eio-corrections';
import { dossierView } from '../dossier';
import { apply, type EditHost } from '../pages/apply';
import { load, modelOf, plansFrom, removedOf, type ReplacementPage } from '../pages/change';
import { qcFacts, qcStateOf, qcView, refuseScanner } from '../qc-view';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';
import { ensureVerklaring } from '../verklaring-store';
import { writeExport } from '../export-file';
import { scanOnePage } from '../scan-one-page';
import type { ScannerTrust } from '../scanner-trust';

/** Most bytes a rescanned page's file may have (one page; the store's own file limit still applies). */
const MAX_RESCAN_BYTES = 200 * 1024 * 1024;

export function qcCommands(
  core: CoreServices,
  host: EditHost,
  trust: ScannerTrust,
  recognisePage: (bytes: Uint8Array, name: string) => Promise<ReplacementPage>,
) {
  const db = () => core.store.db;
  const changed = (batchId: string) => {
    core.emit('batch.changed', { batchId });
    core.emit('status.changed', {});
  };

  /**
   * Four eyes, audited when refused (a refusal through the contract is as much an act as a success): checked before
   * the command's transaction, so the refusal's entry is not rolled back with it. Who scanned a batch never changes.
   */
  const asChecker = (batchId: string, ctx: HandlerContext, action: string) => {
    const f = qcFacts(db(), batchId);
    try {
      refuseScanner(f, ctx.actor);
    } catch (e) {
      appendAudit(db(), {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'qc.refused',
        objectType: 'batch',
        objectId: batchId,
        result: 'rejected',
        details: { command: action },
      });
      throw e;
    }
    return f;
  };

  const rescan = async (i: { batchId: string; page: number }, bytes: Buffer, fileName: string, ctx: HandlerContext) => {
    const before = qcFacts(db(), i.batchId);
    const state = qcStateOf(before);
    if (state === 'open' || state === 'goedgekeurd')
      throw new PostkamerError('qc-state', `(${state}: alleen een pagina die fout is beoordeeld wordt opnieuw gescand)`);
    const v = before.verdicts.find((x) => x.page === i.page);
    if (!v) throw new PostkamerError('qc-not-sampled', `(pagina ${i.page})`);
    if (v.verdict !== 'fout') throw new PostkamerError('qc-state', `(pagina ${i.page} is niet fout beoordeeld)`);
    const target = before.pages.get(i.page);
    if (!target?.documentId) throw new PostkamerError('not-found', `(pagina ${i.page} van de batch is er niet meer)`);
    const replacement = await recognisePage(bytes, fileName);
    let newEioVersion = false;
    await apply(host, ctx, () => {
      const l = load(db(), target.documentId!);
      const docs = plansFrom([l], modelOf([l]), removedOf([l]), new Map());
      for (const d of docs) for (const p of d.pages) if (p.row.id === target.pageId) p.replace = replacement;
      return {
        action: 'qc.rescanned',
        objectId: l.doc.id,
        details: { batchId: i.batchId, page: i.page, pageId: target.pageId },
        docs,
        gone: [],
        watched: [l.doc.id],
        batchChanged: true,
        afterDelivery: true,
        alsoRecord: (built, images) => {
          const now = new Date().toISOString();
          // The state may have moved while the page was recognised: the rules are checked again in the transaction.
          const f = qcFacts(db(), i.batchId);
          if (f.verdicts.find((x) => x.page === i.page)?.verdict !== 'fout') throw new PostkamerError('edit-conflict');
          const doc = built.find((b) => b.id === l.doc.id)!;
          const o = deliveryFacts(db(), l.doc.id);
          // Once its delivery has begun, the EIO gets the new content as a new version (after the delivery is done).
          if (o && (o.state !== 'pending' || o.sha256 !== null)) {
            queueEioCorrection(db(), {
              documentId: l.doc.id,
              changes: {
                inhoud: {
                  blobId: doc.pdfBlobId,
                  sha256: doc.sha256,
                  size: doc.size,
                  bestandsnaam: l.doc.file_name.replace(/\.[^.]+$/, '') + '.pdf',
                },
              },
              requestedBy: ctx.actor,
              at: now,
            });
            newEioVersion = true;
          }
          const oldImage = l.pages.find((p) => p.id === target.pageId)?.image_blob_id ?? null;
          appendBatchEvent(db(), {
            batch_id: i.batchId,
            at: now,
            by: ctx.actor,
            kind: 'rescan',
            page: i.page,
            old_blob_id: oldImage,
            new_blob_id: images.find((x) => x.pageId === target.pageId)?.blobId ?? null,
            detail: `document ${l.doc.id.slice(0, 8)}: nieuwe inhoud sha256 ${doc.sha256.slice(0, 16)}${newEioVersion ? ', nieuwe versie naar het zaaksysteem' : ''}`,
          });
          const next = stateAfterRescan(qcStateOf(f));
          if (next !== qcStateOf(f)) setQcState(db(), i.batchId, next as QcRowState, null);
        },
      };
    });
    changed(i.batchId);
    return {
      page: i.page,
      documentId: target.documentId,
      pageId: target.pageId,
      newEioVersion,
      qc: qcView(i.batchId, qcFacts(db(), i.batchId)),
    };
  };

  return {
    'batches.list': (i) => {
      const batches = listBatches(db(), i.limit);
      const ids = batches.map((b) => b.id);
      const states = qcStates(db(), ids);
      const dossiers = dossierRows(db(), ids);
      return batches.map((b) => ({
        ...b,
        qc: states.get(b.id) ?? 'open',
        dossier: dossierView(db(), b.id, dossiers.get(b.id) ?? undefined),
      }));
    },

    'batches.get': (i) => {
      const qc = qcView(i.batchId, qcFacts(db(), i.batchId)); // not-found for an unknown batch
      const v = verklaringOf(db(), i.batchId);
      const verklaring = v
        ? {
            sha256: v.sha256,
            size: v.size,
            madeAt: v.made_at,
            deliveries: verklaringDeliveriesOf(db(), i.batchId).map((d) => ({
              zaaknummer: d.zaaknummer,
              state: d.state,
              lastError: d.lastError,
              doneAt: d.doneAt,
            })),
          }
        : null;
      return { batch: batchSummary(db(), i.batchId)!, dossier: dossierView(db(), i.batchId), qc, verklaring };
    },

    'qc.verklaringRetry': (i, ctx) => {
      qcFacts(db(), i.batchId); // not-found for an unknown batch
      const retried = retryVerklaringDeliveries(db(), { actor: ctx.actor, origin: ctx.origin }, i.batchId);
      changed(i.batchId); // batch.changed also wakes the sync worker (src/core/sync-service.ts)
      return { retried };
    },

    'qc.get': (i) => qcView(i.batchId, qcFacts(db(), i.batchId)),

    'qc.start': (i, ctx) => {
      asChecker(i.batchId, ctx, 'qc.start');
      const out = db()
        .transaction(() => {
          const f = qcFacts(db(), i.batchId);
          if (!f.dossier)
            throw new PostkamerError('qc-not-ready', '(deze batch heeft geen dossier: hij is van voor de vervangende digitalisering)');
          if (f.qc) return f; // started before: the recorded sample, never a new one
          if (!f.dossier.closed_at) throw new PostkamerError('qc-not-ready', '(de batch wordt nog verwerkt)');
          const population = [...f.pages.entries()].filter(([, p]) => p.documentId && !p.removed).map(([n]) => n);
          if (population.length === 0) throw new PostkamerError('qc-not-ready', "(de batch heeft geen pagina's)");
          const rule = core.settings().qcSampleRule;
          const size = sampleSize(rule, population.length);
          const seed = randomBytes(16).toString('hex');
          const sample = drawSample(population, size.sampleSize, seed);
          const now = new Date().toISOString();
          insertQc(db(), {
            batchId: i.batchId,
            seed,
            rule: { rule, population: population.length, ...size },
            sample,
            by: ctx.actor,
            at: now,
          });
          appendBatchEvent(db(), {
            batch_id: i.batchId,
            at: now,
            by: ctx.actor,
            kind: 'qc-start',
            detail: `steekproef van ${sample.length} uit ${population.length}, seed ${seed}`,
          });
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'qc.started',
            objectType: 'batch',
            objectId: i.batchId,
            result: 'ok',
            details: { population: population.length, sample: sample.length, seed },
          });
          return qcFacts(db(), i.batchId);
        })
        .immediate();
      changed(i.batchId);
      const view = qcView(i.batchId, out);
      return { seed: view.seed!, sample: view.sample.map((s) => ({ page: s.page, documentId: s.documentId })), qc: view };
    },

    'qc.judge': (i, ctx) => {
      asChecker(i.batchId, ctx, 'qc.judge');
      db()
        .transaction(() => {
          const f = qcFacts(db(), i.batchId);
          if (!JUDGING_STATES.includes(qcStateOf(f))) throw new PostkamerError('qc-state', `(${qcStateOf(f)})`);
          const v = f.verdicts.find((x) => x.page === i.page);
          if (!v) throw new PostkamerError('qc-not-sampled', `(pagina ${i.page})`);
          if (v.rescannedBy === ctx.actor) throw new PostkamerError('qc-four-eyes', `(${ctx.actor} scande pagina ${i.page} opnieuw)`);
          const now = new Date().toISOString();
          appendBatchEvent(db(), {
            batch_id: i.batchId,
            at: now,
            by: ctx.actor,
            kind: 'qc-judge',
            page: i.page,
            verdict: i.verdict,
            reason: i.reason ?? null,
          });
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'qc.judged',
            objectType: 'batch',
            objectId: i.batchId,
            result: 'ok',
            details: { page: i.page, verdict: i.verdict, reason: i.reason ?? null },
          });
        })
        .immediate();
      changed(i.batchId);
      return qcView(i.batchId, qcFacts(db(), i.batchId));
    },

    'qc.close': async (i, ctx) => {
      asChecker(i.batchId, ctx, 'qc.close');
      const outcome = db()
        .transaction(() => {
          const f = qcFacts(db(), i.batchId);
          if (!JUDGING_STATES.includes(qcStateOf(f))) throw new PostkamerError('qc-state', `(${qcStateOf(f)})`);
          const r = closeRound(f.verdicts);
          if (!r.ok) throw new PostkamerError('qc-unjudged', `(nog te beoordelen: pagina ${r.unjudged.join(', ')})`, { pages: r.unjudged });
          const now = new Date().toISOString();
          setQcState(db(), i.batchId, r.qc, { by: ctx.actor, at: now });
          const faults = r.faults.map((x) => `${x.page} (${x.reden})`).join(', ');
          appendBatchEvent(db(), {
            batch_id: i.batchId,
            at: now,
            by: ctx.actor,
            kind: 'qc-close',
            detail: r.qc + (faults ? `: ${faults}` : ''),
          });
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'qc.closed',
            objectType: 'batch',
            objectId: i.batchId,
            result: 'ok',
            details: { qc: r.qc, faults: r.faults.length },
          });
          return r;
        })
        .immediate();
      // The verklaring is made right after approval (and again on demand if a crash came between).
      if (outcome.qc === 'goedgekeurd') await ensureVerklaring(core, i.batchId);
      changed(i.batchId);
      return { qc: outcome.qc, faults: outcome.faults.map((x) => ({ page: x.page, reden: x.reden as QcReason })) };
    },

    'qc.rescanFile': async (i, ctx) => {
      let bytes: Buffer;
      try {
        bytes = await readFile(i.path);
      } catch (e) {
        throw new PostkamerError('file-not-found', `(${i.path}: ${(e as NodeJS.ErrnoException).code ?? 'onleesbaar'})`);
      }
      if (bytes.length === 0) throw new PostkamerError('file-empty', `(${i.path})`);
      if (bytes.length > Math.min(MAX_RESCAN_BYTES, core.settings().maxFileBytes))
        throw new PostkamerError('file-too-large', `(${i.path})`);
      return rescan(i, bytes, basename(i.path), ctx);
    },

    'qc.rescanScan': async (i, ctx) => {
      const { bytes, fileName } = await scanOnePage(core, trust, ctx, i.scanner, i.profile);
      return rescan(i, bytes, fileName, ctx);
    },

    'qc.verklaring': async (i, ctx) => {
      const v = await ensureVerklaring(core, i.batchId);
      const bytes = core.store.vault.read(v.blobId);
      writeExport(i.path, bytes);
      appendAudit(db(), {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'qc.verklaring-exported',
        objectType: 'batch',
        objectId: i.batchId,
        result: 'ok',
      });
      return { path: i.path, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },
  } satisfies SomeHandlers;
}
