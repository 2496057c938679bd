// Ingest of files and folders: receive every file (stage 1), then process the batch (stage 2), then finish any work
// an earlier, crashed run left behind.
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PostkamerError, type ErrorCode } from '../contract/errors';
import type { IngestResult } from '../contract/schemas';
import { processPendingItems, UnitFeed } from './process';
import { createBatch, receive, recordRejection, type IngestContext, type IngestSource } from './receive';
import { resumeInterruptedWork } from './resume';
import { profileByName } from './profiles';
import { markBatchDoneIfSettled } from '../store/batches';

export type { IngestContext, IngestSource } from './receive';

const IGNORED = new Set(['thumbs.db', 'desktop.ini']);

/** Expands folders recursively (sorted, hidden and system files skipped); keeps the order given otherwise. */
export async function expandPaths(paths: string[]): Promise<{ sources: IngestSource[]; errors: IngestResult['errors'] }> {
  const sources: IngestSource[] = [];
  const errors: IngestResult['errors'] = [];
  const walk = async (p: string, top: boolean): Promise<void> => {
    let st;
    try {
      st = await stat(p);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const err = code === 'EACCES' || code === 'EPERM' ? new PostkamerError('file-unreadable') : new PostkamerError('file-not-found');
      errors.push({ file: p, code: err.code, message: `${p}: ${err.message}` });
      return;
    }
    if (st.isDirectory()) {
      let names: string[];
      try {
        names = (await readdir(p)).sort((a, b) => a.localeCompare(b, 'nl', { numeric: true }));
      } catch {
        const err = new PostkamerError('file-unreadable');
        errors.push({ file: p, code: err.code, message: `${p}: ${err.message}` });
        return;
      }
      for (const n of names) {
        if (n.startsWith('.') || IGNORED.has(n.toLowerCase())) continue;
        await walk(join(p, n), false);
      }
      return;
    }
    if (!top && !st.isFile()) return;
    sources.push({ name: basename(p), kind: 'path', path: resolve(p) });
  };
  for (const p of paths) await walk(p, true);
  return { sources, errors };
}

export async function ingestSources(
  ctx: IngestContext,
  sources: IngestSource[],
  opts: { source: string; profile?: string | null; label?: string; preErrors?: IngestResult['errors'] },
): Promise<IngestResult> {
  // An unknown profile is refused before anything is received; the build's fallback to the default profile
  // (build-document.ts) is only for a batch whose profile was renamed or removed since.
  if (opts.profile) profileByName(ctx.store.db, opts.profile);
  if (sources.length > 0) ctx.warmUp?.();
  const batchId = createBatch(ctx, opts.source, opts.profile ?? null, opts.label ?? new Date().toLocaleString('nl-NL'));
  ctx.emit('batch.changed', { batchId });
  const result: IngestResult = { batchId, documents: [], errors: [] };
  for (const e of opts.preErrors ?? []) {
    result.errors.push(e);
    recordRejection(ctx, batchId, e.file, e.code, e.message);
  }
  const labels = new Map<string, string>();
  // Each file is processed as soon as it is received (its own unit), while the next ones are still being read.
  const feed = new UnitFeed(ctx);
  for (const [i, src] of sources.entries()) {
    const label = src.kind === 'path' ? src.path : src.name;
    ctx.emit('ingest.progress', { batchId, file: src.name, index: i, total: sources.length, stage: 'reading' });
    try {
      const itemId = await receive(ctx, batchId, i, src);
      labels.set(itemId, label);
      feed.push(itemId);
    } catch (e) {
      const code: ErrorCode = e instanceof PostkamerError ? e.code : 'internal';
      const message = `${label}: ${e instanceof PostkamerError ? e.message : (e as Error).message}`;
      result.errors.push({ file: label, code, message });
      recordRejection(ctx, batchId, src.name, code, message);
      ctx.emit('ingest.progress', { batchId, file: src.name, index: i, total: sources.length, stage: 'failed' });
    }
  }
  feed.end();
  // Anything of this batch the feed did not finish (none, unless a unit was claimed elsewhere meanwhile).
  const processed = [...(await feed.done), ...(await processPendingItems(ctx, { batchId }))];
  for (const p of processed) {
    const file = labels.get(p.itemIds[0]) ?? p.fileName;
    if (p.ok) for (const d of p.documents) result.documents.push({ id: d.id, fileName: p.fileName, pageCount: d.pageCount });
    else result.errors.push({ file, code: p.error.code, message: `${file}: ${p.error.message}` });
  }
  // Work an earlier, crashed run left behind is finished too (it belongs to its own batches).
  await resumeInterruptedWork(ctx);
  markBatchDoneIfSettled(ctx.store.db, batchId);
  ctx.emit('batch.changed', { batchId });
  return result;
}
