// Sends chosen or dropped files to the core: upload.begin → upload.chunk… → upload.commit (one batch for all).
import type { IngestResult, PostkamerApi, WireError } from '../../../src/contract';
import { bytesToBase64, CHUNK_BYTES, chunkRanges } from './chunks';

// The core gets names and bytes, never a path. Files go one after the other, chunks in order (the core
// refuses out-of-order chunks), so memory holds one chunk at a time.

export type UploadPhase = 'waiting' | 'uploading' | 'sent' | 'stored' | 'failed';

export interface FileUpload {
  name: string;
  size: number;
  sent: number;
  phase: UploadPhase;
  /** Why the file was not stored; shown as the message for `code` in the UI language plus the file name. */
  error?: { code: string };
  documentId?: string;
}

export interface UploadOutcome {
  files: FileUpload[];
  result: IngestResult | null;
}

/** What a File is to us: a name and sliceable bytes (lets the tests run under Node's own Blob). */
export interface UploadFile {
  readonly name: string;
  readonly size: number;
  slice(start: number, end: number): Blob;
}

type Caller = Pick<PostkamerApi, 'call'>;

export const MAX_NAME = 255;

/** The contract limits names to 255 characters; shorten in the middle so the extension survives. */
export function clampName(name: string): string {
  const clean = name.replace(/[\\/]/g, '_') || 'naamloos';
  if (clean.length <= MAX_NAME) return clean;
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 16 ? clean.slice(dot) : '';
  return clean.slice(0, MAX_NAME - ext.length - 1) + '…' + ext;
}

export async function uploadFiles(
  api: Caller,
  files: readonly UploadFile[],
  opts: { chunkBytes?: number; onChange?: (files: FileUpload[]) => void } = {},
): Promise<UploadOutcome> {
  const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
  const state: FileUpload[] = files.map((f) => ({ name: clampName(f.name), size: f.size, sent: 0, phase: 'waiting' }));
  const notify = () => opts.onChange?.(state.map((s) => ({ ...s })));
  const set = (i: number, patch: Partial<FileUpload>) => {
    state[i] = { ...state[i], ...patch };
    notify();
  };
  const fail = (i: number, err: WireError | { code: string }) => set(i, { phase: 'failed', error: { code: err.code } });
  notify();

  const uploadIds: string[] = [];
  const sentIndex: number[] = [];
  for (const [i, file] of files.entries()) {
    set(i, { phase: 'uploading' });
    const begun = await api.call('upload.begin', { name: state[i].name, size: file.size });
    if (!begun.ok) {
      fail(i, begun.error);
      continue;
    }
    const { uploadId } = begun.data;
    let ok = true;
    for (const r of chunkRanges(file.size, chunkBytes)) {
      const bytes = new Uint8Array(await file.slice(r.start, r.end).arrayBuffer());
      const res = await api.call('upload.chunk', { uploadId, offset: r.start, data: bytesToBase64(bytes) });
      if (!res.ok) {
        fail(i, res.error);
        ok = false;
        await api.call('upload.abort', { uploadId });
        break;
      }
      set(i, { sent: res.data.received });
    }
    if (!ok) continue;
    set(i, { phase: 'sent', sent: file.size });
    uploadIds.push(uploadId);
    sentIndex.push(i);
  }
  if (uploadIds.length === 0) return { files: state, result: null };

  const committed = await api.call('upload.commit', { uploadIds });
  if (!committed.ok) {
    for (const i of sentIndex) fail(i, committed.error);
    return { files: state, result: null };
  }
  // The result names files, not upload ids. A file either fails (one error) or becomes one or more documents
  // (a separator sheet splits it); names can repeat, so errors are matched one by one, in order.
  const errs = [...committed.data.errors];
  for (const i of sentIndex) {
    const e = errs.findIndex((x) => x.file === state[i].name);
    if (e >= 0) {
      fail(i, { code: errs[e].code });
      errs.splice(e, 1);
      continue;
    }
    const doc = committed.data.documents.find((d) => d.fileName === state[i].name);
    if (doc) set(i, { phase: 'stored', documentId: doc.id });
    else fail(i, { code: 'internal' });
  }
  return { files: state, result: committed.data };
}
