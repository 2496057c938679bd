import { randomUUID } from 'node:crypto';
import { PostkamerError } from '../contract/errors';

// Files chosen or dropped in the UI arrive in chunks and are kept in memory only (no plaintext temp files)
// until `upload.commit` hands them to ingest. Stale uploads are dropped after a while.

interface Upload { name: string; size: number; parts: Buffer[]; received: number; touched: number }
const STALE_MS = 15 * 60 * 1000;
const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

export class UploadBuffer {
  private readonly uploads = new Map<string, Upload>();

  begin(name: string, size: number, maxFileBytes: number): string {
    this.sweep();
    if (size === 0) throw new PostkamerError('file-empty', `(${name})`, { file: name });
    if (size > maxFileBytes) throw new PostkamerError('file-too-large', `(${name})`, { file: name });
    const total = [...this.uploads.values()].reduce((n, u) => n + u.size, 0);
    if (total + size > MAX_TOTAL_BYTES) throw new PostkamerError('file-too-large', `(${name}: te veel tegelijk)`, { file: name });
    const id = randomUUID();
    this.uploads.set(id, { name: name.replace(/[\\/]/g, '_'), size, parts: [], received: 0, touched: Date.now() });
    return id;
  }

  chunk(id: string, offset: number, data: Buffer): number {
    const u = this.uploads.get(id);
    if (!u) throw new PostkamerError('upload-unknown');
    if (offset !== u.received) throw new PostkamerError('upload-out-of-order');
    if (u.received + data.length > u.size) throw new PostkamerError('invalid-input', '(meer data dan aangekondigd)');
    u.parts.push(data);
    u.received += data.length;
    u.touched = Date.now();
    return u.received;
  }

  take(id: string): { name: string; data: Buffer } {
    const u = this.uploads.get(id);
    if (!u) throw new PostkamerError('upload-unknown');
    if (u.received !== u.size) throw new PostkamerError('upload-incomplete', `(${u.name})`);
    this.uploads.delete(id);
    return { name: u.name, data: Buffer.concat(u.parts) };
  }

  abort(id: string): void {
    this.uploads.delete(id);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, u] of this.uploads) if (now - u.touched > STALE_MS) this.uploads.delete(id);
  }
}
