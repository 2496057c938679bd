// Stage 1 of ingest: a file (or a scanner's page) is checked and stored as it came — an item, encrypted in the vault
// — in its own transaction, so one bad file never costs the others and a crash loses at most the one in flight.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { access, lstat, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { PostkamerError } from '../contract/errors';
import { appendAudit } from '../audit/audit';
import type { StoredBlob } from '../store/vault';
import { insertBatch } from '../store/batches';
import { insertItem } from '../store/items';
import { insertRejection } from '../store/rejections';
import type { IngestContext } from './types';
import { openDossier } from './dossier';

// Stage 2 (process.ts) turns items into documents.

export type IngestSource = { name: string; kind: 'path'; path: string } | { name: string; kind: 'buffer'; data: Buffer };

export type { IngestContext } from './types';

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
  '.pdf': 'application/pdf',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};
export const guessMime = (name: string) => MIME_BY_EXT[extname(name).toLowerCase()] ?? 'application/octet-stream';

export function createBatch(ctx: IngestContext, source: string, profile: string | null, label: string): string {
  const id = randomUUID();
  const { db } = ctx.store;
  const at = new Date().toISOString();
  db.transaction(() => {
    insertBatch(db, { id, createdAt: at, source, profile, label });
    openDossier(db, { batchId: id, actor: ctx.actor, origin: ctx.origin, source, profile, at });
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'batch.create',
      objectType: 'batch',
      objectId: id,
      result: 'ok',
      details: { source },
    });
  }).immediate();
  return id;
}

export function recordRejection(
  ctx: IngestContext,
  batchId: string | null,
  fileName: string,
  code: string,
  message: string,
  blob?: StoredBlob,
): void {
  const { db, vault } = ctx.store;
  db.transaction(() => {
    if (blob) vault.commit(blob);
    const id = randomUUID();
    insertRejection(db, { id, batchId, fileName, code, message, blobId: blob?.id ?? null, at: new Date().toISOString() });
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'ingest.reject',
      objectType: 'rejection',
      objectId: id,
      result: 'rejected',
      details: { code },
    });
  }).immediate();
}

/** Stage 1 for one source: check, encrypt into the vault, record the item. */
export async function receive(ctx: IngestContext, batchId: string, seq: number, src: IngestSource, unit?: string): Promise<string> {
  const { db, vault } = ctx.store;
  if (src.kind === 'path') await precheck(src.path, ctx.maxFileBytes);
  else if (src.data.length === 0) throw new PostkamerError('file-empty');
  else if (src.data.length > ctx.maxFileBytes)
    throw new PostkamerError('file-too-large', `(${formatBytes(src.data.length)} > ${formatBytes(ctx.maxFileBytes)})`);
  const blob = await vault.write(src.kind === 'path' ? { path: src.path } : src.data, guessMime(src.name));
  const id = randomUUID();
  const now = new Date().toISOString();
  db.transaction(() => {
    vault.commit(blob);
    insertItem(db, {
      id,
      batchId,
      seq,
      unit: unit ?? id,
      fileName: src.name,
      mime: blob.mime,
      size: blob.size,
      sha256: blob.sha256,
      blobId: blob.id,
      at: now,
    });
    appendAudit(db, {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'item.receive',
      objectType: 'item',
      objectId: id,
      result: 'ok',
      details: { batchId, size: blob.size },
    });
  }).immediate();
  return id;
}
