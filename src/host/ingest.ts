import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, readdir, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { PostkamerError, type ErrorCode } from '../contract/errors';
import type { IngestResult } from '../contract/schemas';
import { appendAudit } from '../audit/audit';
import type { Store } from '../store/store';
import type { StoredBlob } from '../store/vault';
import { processPendingItems, type Processor } from './process';

// Ingest: files in, documents out, in two stages.
//  1. receive: each file is checked and stored as it came (an item, encrypted in the vault) in its own transaction —
//     so one bad file never costs the others, and a crash loses at most the file in flight;
//  2. process (process.ts): each received item becomes one or more documents, or is rejected and quarantined.
// Items left unprocessed by a crash are picked up again by the next process that runs the pipeline.

export type IngestSource =
  | { name: string; kind: 'path'; path: string }
  | { name: string; kind: 'buffer'; data: Buffer };

export interface IngestContext {
  store: Store;
  actor: string;
  origin: string;
  maxFileBytes: number;
  emit: (name: 'ingest.progress' | 'document.changed' | 'batch.changed', data: Record<string, unknown>) => void;
  processor: Processor;
}

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

/** Checks a path before reading it. Throws a PostkamerError whose message names the reason. */
async function precheck(path: string, maxFileBytes: number): Promise<number> {
  let st;
  try {
    st = await lstat(path);
    if (st.isSymbolicLink()) st = await stat(path);
  } catch {
    throw new PostkamerError('file-not-found');
  }
  if (!st.isFile()) throw new PostkamerError('file-not-regular');
  if (st.size === 0) throw new PostkamerError('file-empty');
  if (st.size > maxFileBytes) throw new PostkamerError('file-too-large', `(${formatBytes(st.size)} > ${formatBytes(maxFileBytes)})`);
  try {
    await access(path, constants.R_OK);
  } catch {
    throw new PostkamerError('file-unreadable');
  }
  return st.size;
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}

const MIME_BY_EXT: Record<string, string> = {
  '.pdf': 'application/pdf', '.tif': 'image/tiff', '.tiff': 'image/tiff', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png',
};
export const guessMime = (name: string) => MIME_BY_EXT[extname(name).toLowerCase()] ?? 'application/octet-stream';

export function createBatch(ctx: IngestContext, source: string, profile: string | null, label: string): string {
  const id = randomUUID();
  const { db } = ctx.store;
  db.transaction(() => {
    db.prepare(`INSERT INTO batches (id, created_at, source, profile, label, status) VALUES (?, ?, ?, ?, ?, 'processing')`)
      .run(id, new Date().toISOString(), source, profile, label);
    appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'batch.create', objectType: 'batch', objectId: id, result: 'ok', details: { source } });
  }).immediate();
  return id;
}

export function recordRejection(ctx: IngestContext, batchId: string | null, fileName: string, code: string, message: string, blob?: StoredBlob): void {
  const { db, vault } = ctx.store;
  db.transaction(() => {
    if (blob) vault.commit(blob);
    const id = randomUUID();
    db.prepare(`INSERT INTO rejections (id, batch_id, file_name, code, message, blob_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(id, batchId, fileName, code, message, blob?.id ?? null, new Date().toISOString());
    appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'ingest.reject', objectType: 'rejection', objectId: id, result: 'rejected', details: { code } });
  }).immediate();
}

/** Stage 1 for one source: check, encrypt into the vault, record the item. */
export async function receive(ctx: IngestContext, batchId: string, seq: number, src: IngestSource): Promise<string> {
  const { db, vault } = ctx.store;
  if (src.kind === 'path') await precheck(src.path, ctx.maxFileBytes);
  else if (src.data.length === 0) throw new PostkamerError('file-empty');
  else if (src.data.length > ctx.maxFileBytes) throw new PostkamerError('file-too-large', `(${formatBytes(src.data.length)} > ${formatBytes(ctx.maxFileBytes)})`);
  const blob = await vault.write(src.kind === 'path' ? { path: src.path } : src.data, guessMime(src.name));
  const id = randomUUID();
  const now = new Date().toISOString();
  db.transaction(() => {
    vault.commit(blob);
    db.prepare(
      `INSERT INTO items (id, batch_id, seq, file_name, mime, size, sha256, blob_id, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?, ?)`,
    ).run(id, batchId, seq, src.name, blob.mime, blob.size, blob.sha256, blob.id, now, now);
    appendAudit(db, { actor: ctx.actor, origin: ctx.origin, action: 'item.receive', objectType: 'item', objectId: id, result: 'ok', details: { batchId, size: blob.size } });
  }).immediate();
  return id;
}

export async function ingestSources(
  ctx: IngestContext,
  sources: IngestSource[],
  opts: { source: string; profile?: string | null; label?: string; preErrors?: IngestResult['errors'] },
): Promise<IngestResult> {
  const batchId = createBatch(ctx, opts.source, opts.profile ?? null, opts.label ?? new Date().toLocaleString('nl-NL'));
  ctx.emit('batch.changed', { batchId });
  const result: IngestResult = { batchId, documents: [], errors: [] };
  for (const e of opts.preErrors ?? []) {
    result.errors.push(e);
    recordRejection(ctx, batchId, e.file, e.code, e.message);
  }
  const labels = new Map<string, string>();
  for (const [i, src] of sources.entries()) {
    const label = src.kind === 'path' ? src.path : src.name;
    ctx.emit('ingest.progress', { batchId, file: src.name, index: i, total: sources.length, stage: 'reading' });
    try {
      labels.set(await receive(ctx, batchId, i, src), label);
    } catch (e) {
      const code: ErrorCode = e instanceof PostkamerError ? e.code : 'internal';
      const message = `${label}: ${e instanceof PostkamerError ? e.message : (e as Error).message}`;
      result.errors.push({ file: label, code, message });
      recordRejection(ctx, batchId, src.name, code, message);
      ctx.emit('ingest.progress', { batchId, file: src.name, index: i, total: sources.length, stage: 'failed' });
    }
  }
  const processed = await processPendingItems(ctx, { batchId });
  for (const p of processed) {
    const file = labels.get(p.itemId) ?? p.fileName;
    if (p.ok) for (const d of p.documents) result.documents.push({ id: d.id, fileName: p.fileName, pageCount: d.pageCount });
    else result.errors.push({ file, code: p.error.code, message: `${file}: ${p.error.message}` });
  }
  // Items an earlier, crashed run left behind are finished too (they belong to their own batches).
  await processPendingItems(ctx);
  ctx.store.db.prepare(`UPDATE batches SET status = 'done' WHERE id = ? AND NOT EXISTS (SELECT 1 FROM items WHERE batch_id = ? AND state IN ('received', 'processing'))`).run(batchId, batchId);
  ctx.emit('batch.changed', { batchId });
  return result;
}
