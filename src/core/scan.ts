// A scanner job: every page is stored in the vault the moment it arrives, so a jam, a scanner that disappears or a
// crash keeps what was received; when the job ends the pages are processed together.
import { EsclClient } from '../capture/escl/client';
import { esclSettingsFor, type ScanProfile } from '../capture/profiles';
import { listSaneDevices, scanWithSane } from '../capture/sane';
import { recordScanner } from './dossier';
import { PostkamerError } from '../contract/errors';
import type { IngestResult } from '../contract/schemas';
import { appendAudit } from '../audit/audit';
import { WRITER, writerAlive } from '../store/writer';
import { endScanJob, failScanJob, markBatchDone, scanningBatches, startScanJob } from '../store/batches';
import { createBatch, receive, type IngestContext } from './receive';
import { processPendingItems } from './process';

// Each page is an item of the batch's unit, and separator sheets split across the job's pages. A job a crash
// interrupted is finished by the next run.

export type ScannerRef = { kind: 'escl'; url: string } | { kind: 'sane'; device: string };

export interface ScanOutcome {
  batchId: string;
  pages: number;
  outcome: 'completed' | 'cancelled' | 'failed';
  error: { code: string; message: string } | null;
  result: IngestResult;
}

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf', 'image/tiff': 'tif' };

export async function runScanJob(
  ctx: IngestContext,
  scanner: ScannerRef,
  profile: ScanProfile,
  opts: { signal?: AbortSignal; onStart?: (batchId: string) => void; onPage?: (pages: number) => void } = {},
): Promise<ScanOutcome> {
  const { db } = ctx.store;
  ctx.warmUp?.(); // the OCR workers start while the scanner feeds the first sheets
  const batchId = createBatch(ctx, scanner.kind, profile.name, `Scan ${new Date().toLocaleString('nl-NL')}`);
  startScanJob(db, batchId, WRITER);
  opts.onStart?.(batchId);
  ctx.emit('batch.changed', { batchId });
  let seq = 0;
  const store = async (bytes: Buffer, mime: string) => {
    const n = seq++;
    await receive(
      ctx,
      batchId,
      n,
      { kind: 'buffer', name: `pagina-${String(n + 1).padStart(3, '0')}.${EXT[mime] ?? 'bin'}`, data: bytes },
      batchId,
    );
    opts.onPage?.(seq);
    ctx.emit('ingest.progress', { batchId, file: `pagina ${seq}`, index: n, total: 0, stage: 'reading', page: seq });
  };

  let identified: Promise<void> = Promise.resolve();
  let res: { pages: number; outcome: 'completed' | 'cancelled' | 'failed'; error?: { code: string; message: string } };
  try {
    if (scanner.kind === 'escl') {
      const client = new EsclClient(scanner.url);
      const caps = await client.capabilities();
      // The dossier names the device by what it says of itself (eSCL MakeAndModel, SerialNumber).
      recordScanner(db, batchId, {
        kind: 'escl',
        device: scanner.url,
        ...makeAndModel(caps.makeAndModel ?? null),
        serial: caps.serialNumber ?? null,
      });
      const src =
        profile.source === 'flatbed' ? caps.platen : profile.duplex && caps.adfDuplex ? caps.adfDuplex : (caps.adfSimplex ?? caps.platen);
      if (!src) throw new PostkamerError('unsupported-setting', '(geen bruikbare invoer)');
      const settings = esclSettingsFor(profile, src);
      if ('unsupported' in settings) throw new PostkamerError('unsupported-setting', `(${settings.unsupported})`);
      res = await client.scan(settings, (p) => store(p.bytes, p.mime), opts.signal, { capabilities: caps });
    } else {
      const colour = profile.colour === 'auto' ? 'colour' : profile.colour;
      // SANE reports vendor and model in its device list (no serial); looked up beside the scan, not before it.
      const device = scanner.device;
      identified = listSaneDevices().then((list) => {
        const label = list.find((d) => d.name === device)?.label ?? null;
        recordScanner(db, batchId, { kind: 'sane', device, ...makeAndModel(label?.replace(/\s*\(.*\)\s*$/, '') ?? null), serial: null });
      });
      res = await scanWithSane(
        scanner.device,
        { source: profile.source, duplex: profile.duplex, resolution: profile.resolution, colour },
        (p) => store(p.bytes, p.mime),
        opts.signal,
      );
    }
  } catch (e) {
    const err = e instanceof PostkamerError ? e.toWire() : { code: 'scanner-gone', message: new PostkamerError('scanner-gone').message };
    res = { pages: seq, outcome: 'failed', error: err };
  }
  db.transaction(() => {
    endScanJob(db, batchId, res.outcome, res.error ? JSON.stringify(res.error) : null);
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'scan.end',
      objectType: 'batch',
      objectId: batchId,
      result: res.outcome === 'completed' ? 'ok' : res.outcome,
      details: { pages: seq, code: res.error?.code ?? null },
    });
  }).immediate();
  ctx.emit('batch.changed', { batchId });

  await identified;
  const result: IngestResult = { batchId, documents: [], errors: [] };
  for (const u of await processPendingItems(ctx, { batchId })) {
    if (u.ok) for (const d of u.documents) result.documents.push({ id: d.id, fileName: u.fileName, pageCount: d.pageCount });
    else result.errors.push({ file: u.fileName, code: u.error.code, message: u.error.message });
  }
  markBatchDone(db, batchId);
  ctx.emit('batch.changed', { batchId });
  return { batchId, pages: seq, outcome: res.outcome, error: res.error ?? null, result };
}

/** "Vendor Model words" → make and model (the first word is the make). */
function makeAndModel(text: string | null): { make: string | null; model: string | null } {
  const t = text?.trim().slice(0, 200) ?? '';
  if (!t) return { make: null, model: null };
  const [make, ...rest] = t.split(/\s+/);
  return { make: make ?? null, model: rest.length > 0 ? rest.join(' ') : t };
}

/** Scanner jobs whose process died while pages arrived: end them as interrupted so their pages get processed. */
export function endAbandonedScanJobs(ctx: IngestContext): number {
  const { db } = ctx.store;
  const rows = scanningBatches(db);
  let n = 0;
  for (const r of rows) {
    if (r.job_owner && writerAlive(r.job_owner)) continue;
    db.transaction(() => {
      failScanJob(
        db,
        r.id,
        JSON.stringify({
          code: 'scanner-gone',
          message: "De scanopdracht is onderbroken (het programma stopte); de ontvangen pagina's zijn verwerkt.",
        }),
      );
      appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'scan.resume', objectType: 'batch', objectId: r.id, result: 'ok' });
    }).immediate();
    n++;
  }
  return n;
}
