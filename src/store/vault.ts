// Blob vault: every page image, original file and PDF is a file `vault/<xx>/<id>` encrypted with AES-256-GCM under
// its own random key.
import { createCipheriv, createDecipheriv, createHash, randomBytes, randomUUID, type CipherGCM, type DecipherGCM } from 'node:crypto';
import {
  closeSync,
  createReadStream,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
  constants,
} from 'node:fs';
import { join } from 'node:path';
import { PostkamerError } from '../contract/errors';
import { KEY_BYTES, open, seal } from './crypto';
import { fsyncDir } from './fsutil';
import { WRITER, pidAlive, writerAlive } from './writer';
import type { Db } from './db';
import { stmt } from './statements';

// Format: "PKB1" | iv(12) | ciphertext | tag(16). The key is kept in the database,
// wrapped with a key derived from the master key and bound to the blob id. Deleting the key shreds the blob.
//
// Crash safety: (1) a row in state 'writing' (with the writer's identity) is committed first, (2) the file is
// written under a temp name, fsync'ed and renamed, (3) the caller's transaction marks the row 'stored' together
// with whatever refers to it. Recovery removes what a dead writer left behind.

const MAGIC = Buffer.from('PKB1');
const IV = 12;
const TAG = 16;

export interface StoredBlob {
  id: string;
  sha256: string;
  size: number;
  mime: string;
}

export class Vault {
  readonly dir: string;
  private closed = false;
  /** Takes ownership of `wrapKey`: it is zeroed by `close()`. */
  constructor(
    dataDir: string,
    private readonly db: Db,
    private readonly wrapKey: Buffer,
  ) {
    this.dir = join(dataDir, 'vault');
    mkdirSync(join(this.dir, 'tmp'), { recursive: true, mode: 0o700 });
  }

  /** Forgets the wrap key (zeroed); any later use of the vault throws instead of using an all-zero key. */
  close(): void {
    this.closed = true;
    this.wrapKey.fill(0);
  }

  private key(): Buffer {
    if (this.closed) throw new Error('vault is closed');
    return this.wrapKey;
  }

  private pathOf(id: string): string {
    return join(this.dir, id.slice(0, 2), id);
  }

  /** Step 1: record the intent to write. Returns the id and the plaintext key (kept only in memory). */
  private reserve(mime: string): { id: string; key: Buffer } {
    const id = randomUUID();
    const key = randomBytes(KEY_BYTES);
    try {
      this.db
        .prepare(`INSERT INTO blobs (id, state, writer, mime, wrapped_key, created_at) VALUES (?, 'writing', ?, ?, ?, ?)`)
        .run(id, WRITER, mime, seal(this.key(), key, `blob/${id}`), new Date().toISOString());
    } catch (e) {
      key.fill(0);
      throw e;
    }
    return { id, key };
  }

  /**
   * Encrypts and writes the bytes (from a buffer or streamed from a file) and returns the blob's identity.
   * The blob is durable on disk, but stays in state 'writing' until `commit` runs in the caller's transaction.
   */
  async write(source: Buffer | Uint8Array | { path: string }, mime: string): Promise<StoredBlob> {
    const { id, key } = this.reserve(mime);
    const iv = randomBytes(IV);
    let cipher: CipherGCM;
    try {
      cipher = createCipheriv('aes-256-gcm', key, iv); // keeps its own copy of the key schedule
    } finally {
      key.fill(0);
    }
    cipher.setAAD(Buffer.from(`blob/${id}`));
    const hash = createHash('sha256');
    const tmp = join(this.dir, 'tmp', `${process.pid}-${id}`);
    const fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
    let size = 0;
    const put = (b: Buffer) => {
      let off = 0;
      while (off < b.length) off += writeSync(fd, b, off, b.length - off);
    };
    try {
      put(MAGIC);
      put(iv);
      const feed = (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
        put(cipher.update(chunk));
      };
      if ('path' in source) {
        for await (const chunk of createReadStream(source.path, { highWaterMark: 1 << 20 })) feed(chunk as Buffer);
      } else {
        feed(Buffer.from(source.buffer, source.byteOffset, source.byteLength));
      }
      put(cipher.final());
      put(cipher.getAuthTag());
      fsyncSync(fd);
    } catch (e) {
      closeSync(fd);
      rmSync(tmp, { force: true });
      this.db.prepare(`DELETE FROM blobs WHERE id = ? AND state = 'writing'`).run(id);
      throw e;
    }
    closeSync(fd);
    const dir = join(this.dir, id.slice(0, 2));
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    renameSync(tmp, this.pathOf(id));
    fsyncDir(dir);
    return { id, sha256: hash.digest('hex'), size, mime };
  }

  /** Step 3, to be called inside the caller's transaction. */
  commit(blob: StoredBlob): void {
    const r = this.db
      .prepare(`UPDATE blobs SET state = 'stored', writer = NULL, sha256 = ?, size = ? WHERE id = ? AND state = 'writing'`)
      .run(blob.sha256, blob.size, blob.id);
    if (r.changes !== 1) throw new Error(`blob ${blob.id} is not awaiting commit`);
  }

  /** Reads, decrypts and verifies a stored blob (GCM tag and SHA-256). */
  read(id: string): Buffer {
    const row = stmt(this.db, `SELECT wrapped_key, sha256, state, size FROM blobs WHERE id = ?`).get(id) as
      { wrapped_key: Buffer; sha256: string; state: string; size: number } | undefined;
    if (!row || row.state !== 'stored') throw new PostkamerError('not-found', `(blob ${id})`);
    // The file's length comes from disk: it must be what the database recorded before a byte is allocated for it.
    const expected = row.size + MAGIC.length + IV + TAG;
    let onDisk: number;
    try {
      onDisk = statSync(this.pathOf(id)).size;
    } catch {
      throw new PostkamerError('blob-integrity', `(${id}: bestand ontbreekt)`);
    }
    if (onDisk !== expected) throw new PostkamerError('blob-integrity', `(${id}: ${onDisk} bytes, verwacht ${expected})`);
    const file = readFileSync(this.pathOf(id));
    if (file.length !== expected || !file.subarray(0, 4).equals(MAGIC)) throw new PostkamerError('blob-integrity', `(${id})`);
    const key = open(this.key(), row.wrapped_key, `blob/${id}`);
    let d: DecipherGCM;
    try {
      d = createDecipheriv('aes-256-gcm', key, file.subarray(4, 4 + IV));
    } finally {
      key.fill(0);
    }
    d.setAAD(Buffer.from(`blob/${id}`));
    d.setAuthTag(file.subarray(file.length - TAG));
    let plain: Buffer;
    try {
      const body = d.update(file.subarray(4 + IV, file.length - TAG));
      const tail = d.final(); // empty for GCM; checks the tag
      plain = tail.length === 0 ? body : Buffer.concat([body, tail]);
    } catch {
      throw new PostkamerError('blob-integrity', `(${id})`);
    }
    if (createHash('sha256').update(plain).digest('hex') !== row.sha256) throw new PostkamerError('blob-integrity', `(${id})`);
    return plain;
  }

  /** Crypto-shred: forget the key, then remove the file. */
  shred(id: string): void {
    this.db.prepare(`DELETE FROM blobs WHERE id = ?`).run(id);
    rmSync(this.pathOf(id), { force: true });
  }

  /**
   * Removes the files of blobs whose rows (and so keys) a committed transaction deleted (the purge): a file whose blob
   * still has a row is left alone. A file left by a crash between the commit and here is removed by `recover`.
   */
  removeShredded(ids: Iterable<string>): number {
    const known = stmt(this.db, `SELECT 1 FROM blobs WHERE id = ?`);
    let removed = 0;
    for (const id of ids) {
      if (known.get(id)) continue;
      const p = this.pathOf(id);
      if (!existsSync(p)) continue;
      rmSync(p, { force: true });
      removed++;
    }
    return removed;
  }

  /** Removes what crashed writers left: 'writing' rows of dead processes, their temp files, and files without a row. */
  recover(): { removedRows: number; removedFiles: number } {
    let removedRows = 0;
    let removedFiles = 0;
    const rows = this.db.prepare(`SELECT id, writer FROM blobs WHERE state = 'writing'`).all() as { id: string; writer: string | null }[];
    for (const r of rows) {
      if (r.writer && writerAlive(r.writer)) continue;
      rmSync(this.pathOf(r.id), { force: true });
      this.db.prepare(`DELETE FROM blobs WHERE id = ? AND state = 'writing'`).run(r.id);
      removedRows++;
    }
    for (const name of readdirSync(join(this.dir, 'tmp'))) {
      const pid = Number(name.split('-')[0]);
      if (Number.isInteger(pid) && pid !== process.pid && pidAlive(pid)) continue;
      if (pid === process.pid) continue;
      unlinkSync(join(this.dir, 'tmp', name));
      removedFiles++;
    }
    const known = this.db.prepare(`SELECT 1 FROM blobs WHERE id = ?`);
    for (const sub of readdirSync(this.dir)) {
      if (sub === 'tmp' || !/^[0-9a-f]{2}$/.test(sub)) continue;
      for (const name of readdirSync(join(this.dir, sub))) {
        // A file is only created after its row; a file without a row is garbage from an interrupted delete.
        if (!known.get(name)) {
          unlinkSync(join(this.dir, sub, name));
          removedFiles++;
        }
      }
    }
    return { removedRows, removedFiles };
  }

  /** Verifies that every stored blob has a file of plausible size (a cheap check; `read` verifies content). */
  check(): { missing: string[]; sizeMismatch: string[] } {
    const missing: string[] = [];
    const sizeMismatch: string[] = [];
    for (const r of this.db.prepare(`SELECT id, size FROM blobs WHERE state = 'stored'`).iterate() as Iterable<{
      id: string;
      size: number;
    }>) {
      const p = this.pathOf(r.id);
      if (!existsSync(p)) missing.push(r.id);
      else if (statSync(p).size !== r.size + MAGIC.length + IV + TAG) sizeMismatch.push(r.id);
    }
    return { missing, sizeMismatch };
  }
}
