// Files chosen or dropped in the UI arrive in chunks and are kept in memory only (no plaintext temp files) until
// `upload.commit` hands them to ingest.
import { randomUUID } from 'node:crypto';
import { PostkamerError } from '../contract/errors';

// Each upload reserves its declared size from a shared budget and belongs to the connection that began it: only that
// connection sees it, and closing the connection releases its unfinished uploads. Stale uploads are dropped after a
// while.

interface Upload {
  name: string;
  size: number;
  parts: Buffer[];
  received: number;
  touched: number;
  owner: string | undefined;
}
const STALE_MS = 15 * 60 * 1000;
const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

export class UploadBuffer {
  private readonly uploads = new Map<string, Upload>();
  private reserved = 0;

  /** Bytes reserved by unfinished uploads (their declared sizes); 0 when none is left. */
  get reservedBytes(): number {
    return this.reserved;
  }

  /** `owner` is the connection the upload belongs to (undefined for in-process callers). */
  begin(name: string, size: number, maxFileBytes: number, owner?: string): string {
    this.sweep();
    if (size === 0) throw new PostkamerError('file-empty', `(${name})`, { file: name });
    if (size > maxFileBytes) throw new PostkamerError('file-too-large', `(${name})`, { file: name });
    if (this.reserved + size > MAX_TOTAL_BYTES) throw new PostkamerError('file-too-large', `(${name}: te veel tegelijk)`, { file: name });
    const id = randomUUID();
    this.uploads.set(id, { name: name.replace(/[\\/]/g, '_'), size, parts: [], received: 0, touched: Date.now(), owner });
    this.reserved += size;
    return id;
  }

  chunk(id: string, offset: number, data: Buffer, owner?: string): number {
    const u = this.get(id, owner);
    if (offset !== u.received) throw new PostkamerError('upload-out-of-order');
    if (u.received + data.length > u.size) throw new PostkamerError('invalid-input', '(meer data dan aangekondigd)');
    u.parts.push(data);
    u.received += data.length;
    u.touched = Date.now();
    return u.received;
  }

  take(id: string, owner?: string): { name: string; data: Buffer } {
    const u = this.get(id, owner);
    if (u.received !== u.size) throw new PostkamerError('upload-incomplete', `(${u.name})`);
    this.drop(id);
    return { name: u.name, data: Buffer.concat(u.parts) };
  }

  /** Takes several uploads at once: all of them, or (when one is unknown or incomplete) none. */
  takeAll(ids: readonly string[], owner?: string): { name: string; data: Buffer }[] {
    for (const id of ids) {
      const u = this.get(id, owner);
      if (u.received !== u.size) throw new PostkamerError('upload-incomplete', `(${u.name})`);
    }
    return ids.map((id) => this.take(id, owner));
  }

  /** Drops an upload of this owner; another owner's upload (or an unknown id) is left alone. */
  abort(id: string, owner?: string): void {
    if (this.uploads.get(id)?.owner === owner) this.drop(id);
  }

  /** Drops every unfinished upload of a connection (it closed). */
  releaseOwner(owner: string): void {
    for (const [id, u] of this.uploads) if (u.owner === owner) this.drop(id);
  }

  private get(id: string, owner: string | undefined): Upload {
    const u = this.uploads.get(id);
    if (!u || u.owner !== owner) throw new PostkamerError('upload-unknown');
    return u;
  }

  private drop(id: string): void {
    const u = this.uploads.get(id);
    if (!u) return;
    this.uploads.delete(id);
    this.reserved -= u.size;
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) if (now - u.touched > STALE_MS) this.drop(id);
  }
}
