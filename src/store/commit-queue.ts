// Group commit for the sync's records: changes queued in one turn of the event loop share one transaction, and the
// WAL is fsync'ed off the event loop before any of them is acknowledged.
import { close as closeFd, fsync, open as openFd } from 'node:fs';
import type { Db } from './db';
import { stmt } from './statements';

/**
 * Group commit with an asynchronous fsync. Changes queued in the same turn of the event loop are written in one
 * transaction; the promise of each resolves only once its change is on disk. The fsync (milliseconds each) runs in
 * libuv's thread pool instead of blocking the event loop the way a synchronous=FULL commit does, so the other
 * deliveries keep talking to the server meanwhile, and one fsync covers every change written before it started.
 *
 * Durability is the same as synchronous=FULL for these changes: nothing is acknowledged — so no request that
 * depends on it is sent — before the WAL holding it has been fsync'ed. (The transaction itself runs with
 * synchronous=NORMAL, under which SQLite still syncs around checkpoints; the pragma is restored at once, so other
 * writers in this process keep FULL.) Each change runs in its own savepoint and gets its own result or error.
 */
export class CommitQueue {
  private queue: { fn: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void }[] = [];
  private written: { resolve: (v: unknown) => void; reject: (e: unknown) => void; v: unknown }[] = [];
  private scheduled = false;
  private syncing = false;
  commits = 0;
  fsyncs = 0;

  constructor(
    private readonly db: Db,
    /** The database file; its `-wal` is fsync'ed. Without it, commits are plain synchronous=FULL ones. */
    private readonly file?: string,
  ) {}

  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue.splice(0);
    if (batch.length === 0) return;
    const results: ({ ok: true; v: unknown } | { ok: false; e: unknown })[] = [];
    const asyncSync = this.file !== undefined;
    try {
      if (asyncSync) stmt(this.db, 'PRAGMA synchronous = NORMAL').run();
      try {
        this.db
          .transaction(() => {
            for (const item of batch) {
              try {
                results.push({ ok: true, v: this.db.transaction(item.fn)() });
              } catch (e) {
                results.push({ ok: false, e });
              }
            }
          })
          .immediate();
      } finally {
        if (asyncSync) stmt(this.db, 'PRAGMA synchronous = FULL').run();
      }
      this.commits++;
    } catch (e) {
      for (const item of batch) item.reject(e);
      return;
    }
    batch.forEach((item, i) => {
      const r = results[i];
      if (!r.ok)
        item.reject(r.e); // rolled back to its savepoint: nothing to wait for
      else if (asyncSync) this.written.push({ resolve: item.resolve, reject: item.reject, v: r.v });
      else item.resolve(r.v);
    });
    if (asyncSync) this.sync();
  }

  /** The WAL's file descriptor, kept open between fsyncs. */
  private wal: number | null = null;

  /**
   * fsync of the WAL through a descriptor kept open (reopened after an error, e.g. when the file was replaced).
   * Callback fs rather than fs/promises: FileHandle.sync() cost ~0.15 ms of main-thread time per call here.
   */
  private async fsyncWal(): Promise<void> {
    const openWal = () => new Promise<number>((res, rej) => openFd(`${this.file}-wal`, 'r+', (e, fd) => (e ? rej(e) : res(fd))));
    const syncFd = (fd: number) => new Promise<void>((res, rej) => fsync(fd, (e) => (e ? rej(e) : res())));
    try {
      this.wal ??= await openWal();
      await syncFd(this.wal);
    } catch {
      const old = this.wal;
      this.wal = null;
      if (old !== null) closeFd(old, () => undefined);
      this.wal = await openWal();
      await syncFd(this.wal);
    }
  }

  /** Closes the kept WAL descriptor (when the store closes). */
  async close(): Promise<void> {
    const w = this.wal;
    this.wal = null;
    if (w !== null) await new Promise<void>((res) => closeFd(w, () => res()));
  }

  /** One fsync at a time; whatever was written while it ran waits for the next one. */
  private sync(): void {
    if (this.syncing || this.written.length === 0) return;
    this.syncing = true;
    const batch = this.written.splice(0);
    this.fsyncWal()
      .then(
        () => {
          this.fsyncs++;
          for (const w of batch) w.resolve(w.v);
        },
        (e) => {
          for (const w of batch) w.reject(e);
        },
      )
      .finally(() => {
        this.syncing = false;
        this.sync();
      });
  }
}
