// A pool of tesseract.js workers (worker_threads running the WASM engine, one page at a time each).
// Own pool rather than createScheduler: the scheduler has no per-job timeout, no cancellation and no way
// to replace a worker, and its terminate() leaves queued promises unsettled (notes/performance.md §1.3).
//
// Guarantees: every recognize() settles. A page that runs past its timeout, or whose worker thread dies,
// gets its worker terminated and replaced and is retried once on a fresh worker; a second failure rejects
// with RecogniseError 'ocr-failed'. Other pages keep running on the other workers. Workers are replaced
// after `recycleAfterPages` pages, because the WASM heap never shrinks and adaptive state accumulates
// (§1.6). Offline: language data from node_modules (tessdata.ts), cacheMethod 'none'.
import os from 'node:os';
import type { Worker as NodeWorker } from 'node:worker_threads';
import Tesseract from 'tesseract.js';
import { RecogniseError } from './errors';
import { toOcrResult } from './ocr-blocks';
import { langPathFor } from './tessdata';
import type { OcrResult } from './types';

export type { OcrWord, OcrLine, OcrResult } from './types';

export interface OcrPoolOptions {
  /** Workers; default os.availableParallelism(). Each holds ~250 MB. */
  size?: number;
  /** Tesseract language string; default 'nld+eng'. */
  langs?: string;
  /** Per page, per attempt; default 120 000. */
  pageTimeoutMs?: number;
  /** Replace a worker after this many pages; default 200. */
  recycleAfterPages?: number;
  /** Page segmentation mode; default DEFAULT_PSM (see below). */
  psm?: number;
  /** Where a combined language folder may be staged (the app's data dir); default the OS temp dir. */
  dataDir?: string;
}

export interface RecognizeOptions {
  signal?: AbortSignal;
  /** Resolution of the image, passed to Tesseract as user_defined_dpi (it rescales its size heuristics). */
  dpi?: number;
  /** Overrides pageTimeoutMs for this page. */
  timeoutMs?: number;
  /** Scale applied to the boxes of the result (OCR ran on a resized copy of the caller's image). */
  boxScale?: number;
  /** Where the OCR'd image starts in the caller's (a cut-out region), in the caller's pixels; added after boxScale. */
  boxOffset?: { x: number; y: number };
  /** Width/height to report (the caller's image); default the PNG's own size. */
  reportSize?: { width: number; height: number };
}

export interface OcrPoolStats {
  size: number;
  ready: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  retried: number;
  timeouts: number;
  crashes: number;
  restarts: number;
  recycled: number;
  workersCreated: number;
  meanMs: number;
}

/**
 * PSM 3 (fully automatic layout, no OSD): measured on generated Dutch letters it gave the lowest CER of
 * 3/4/6 (see the report in src/recognise/README.md). PSM 1 needs the legacy OSD model, which the LSTM-only
 * core does not have; orientation is settled before OCR anyway (orientation.ts).
 */
export const DEFAULT_PSM = 3;

interface Job {
  png: Buffer;
  opts: RecognizeOptions;
  resolve: (r: OcrResult) => void;
  reject: (e: unknown) => void;
  attempts: number;
  settled: boolean;
  timer?: NodeJS.Timeout;
  slot?: Slot;
  started?: number;
  onAbort?: () => void;
}

interface Slot {
  id: number;
  worker: Tesseract.Worker | null;
  thread: NodeWorker | null;
  job: Job | null;
  pages: number;
  /** Bumped whenever the worker is replaced, so late answers from a terminated worker are ignored. */
  generation: number;
  starting: Promise<void> | null;
  spawnFailures: number;
}

function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length >= 24 && png.readUInt32BE(12) === 0x49484452) return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  return { width: 0, height: 0 };
}

export class OcrPool {
  readonly size: number;
  readonly langs: string;
  readonly pageTimeoutMs: number;
  readonly recycleAfterPages: number;
  readonly psm: number;
  private readonly dataDir?: string;
  private langPath = '';
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private startPromise: Promise<void> | null = null;
  private closed = false;
  private counters = {
    completed: 0,
    failed: 0,
    retried: 0,
    timeouts: 0,
    crashes: 0,
    restarts: 0,
    recycled: 0,
    workersCreated: 0,
    totalMs: 0,
  };

  constructor(opts: OcrPoolOptions = {}) {
    this.size = Math.max(1, opts.size ?? os.availableParallelism());
    this.langs = opts.langs ?? 'nld+eng';
    this.pageTimeoutMs = opts.pageTimeoutMs ?? 120_000;
    this.recycleAfterPages = Math.max(1, opts.recycleAfterPages ?? 200);
    this.psm = opts.psm ?? DEFAULT_PSM;
    this.dataDir = opts.dataDir;
  }

  /** Creates the workers (≈1 s each, in parallel). Idempotent; recognize() calls it when needed. */
  start(): Promise<void> {
    this.startPromise ??= (async () => {
      this.langPath = langPathFor(this.langs, 'best_int', this.dataDir);
      this.slots = Array.from({ length: this.size }, (_, id) => ({
        id,
        worker: null,
        thread: null,
        job: null,
        pages: 0,
        generation: 0,
        starting: null,
        spawnFailures: 0,
      }));
      await Promise.all(this.slots.map((s) => this.spawn(s)));
      if (this.slots.every((s) => !s.worker)) throw new RecogniseError('ocr-failed', undefined, 'Geen OCR-werker kon starten.');
    })();
    return this.startPromise;
  }

  recognize(png: Buffer, opts: RecognizeOptions = {}): Promise<OcrResult> {
    if (this.closed) return Promise.reject(new RecogniseError('ocr-failed', undefined, 'De OCR-pool is gesloten.'));
    if (opts.signal?.aborted) return Promise.reject(opts.signal.reason);
    return new Promise<OcrResult>((resolve, reject) => {
      // Queued at once (not after start() settles), so close() and abort() always see the page.
      const job: Job = { png, opts, resolve, reject, attempts: 0, settled: false };
      if (opts.signal) {
        job.onAbort = () => this.abort(job);
        opts.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.start().then(
        () => this.pump(),
        (e) => {
          const i = this.queue.indexOf(job);
          if (i >= 0) this.queue.splice(i, 1);
          this.settle(job, e);
        },
      );
    });
  }

  stats(): OcrPoolStats {
    const c = this.counters;
    return {
      size: this.size,
      ready: this.slots.filter((s) => s.worker && !s.starting).length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      completed: c.completed,
      failed: c.failed,
      retried: c.retried,
      timeouts: c.timeouts,
      crashes: c.crashes,
      restarts: c.restarts,
      recycled: c.recycled,
      workersCreated: c.workersCreated,
      meanMs: c.completed ? c.totalMs / c.completed : 0,
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = [...this.queue, ...this.slots.map((s) => s.job).filter((j): j is Job => !!j)];
    this.queue = [];
    for (const job of pending) this.settle(job, new RecogniseError('ocr-failed', undefined, 'De OCR-pool is gesloten.'));
    await Promise.allSettled(this.slots.map((s) => s.starting));
    await Promise.all(this.slots.map((s) => this.terminate(s)));
  }

  // --- internals -------------------------------------------------------------------------------------

  private spawn(slot: Slot): Promise<void> {
    const generation = slot.generation;
    const p = (async () => {
      try {
        const worker = await Tesseract.createWorker(this.langs, Tesseract.OEM.LSTM_ONLY, {
          langPath: this.langPath,
          cacheMethod: 'none',
          gzip: true,
          // Without an errorHandler tesseract.js throws inside its message listener (an uncaught exception).
          errorHandler: () => {},
        });
        await worker.setParameters({ tessedit_pageseg_mode: String(this.psm) as Tesseract.PSM });
        this.counters.workersCreated++;
        if (this.closed || slot.generation !== generation) {
          await worker.terminate();
          return;
        }
        slot.worker = worker;
        slot.pages = 0;
        slot.spawnFailures = 0;
        // tesseract.js listens only for 'message'; a dying thread would leave its job pending forever.
        const thread = (worker as unknown as { worker: NodeWorker }).worker;
        slot.thread = thread;
        const onDeath = (reason: string) => {
          if (slot.thread !== thread || this.closed) return;
          this.counters.crashes++;
          const job = slot.job;
          this.replace(slot);
          if (job) this.retryOrFail(job, reason);
        };
        thread.on('error', () => onDeath('crash'));
        thread.on('exit', () => onDeath('exit'));
      } catch {
        slot.spawnFailures++;
      } finally {
        if (slot.generation === generation) slot.starting = null;
      }
      if (!slot.worker && !this.closed && slot.generation === generation) {
        if (slot.spawnFailures < 3) {
          await new Promise((r) => setTimeout(r, 200 * slot.spawnFailures));
          return this.spawn(slot);
        }
        this.failQueueIfNoWorkers();
      }
      this.pump();
    })();
    slot.starting = p;
    return p;
  }

  private async terminate(slot: Slot): Promise<void> {
    const w = slot.worker;
    slot.worker = null;
    slot.thread = null;
    if (w) await w.terminate().catch(() => {});
  }

  /** Terminate the slot's worker and start a fresh one; whatever the old one answers later is ignored. */
  private replace(slot: Slot): void {
    slot.generation++;
    slot.job = null;
    void this.terminate(slot);
    if (this.closed) return;
    this.counters.restarts++;
    void this.spawn(slot);
  }

  private failQueueIfNoWorkers(): void {
    if (this.slots.some((s) => s.worker || s.starting)) return;
    const jobs = this.queue;
    this.queue = [];
    for (const job of jobs) this.settle(job, new RecogniseError('ocr-failed', undefined, 'Geen OCR-werker beschikbaar.'));
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.worker && !slot.job && !slot.starting) this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Job): void {
    const worker = slot.worker!;
    const generation = slot.generation;
    slot.job = job;
    job.slot = slot;
    job.attempts++;
    job.started = Date.now();
    const timeoutMs = job.opts.timeoutMs ?? this.pageTimeoutMs;
    job.timer = setTimeout(() => {
      if (slot.generation !== generation || slot.job !== job) return;
      this.counters.timeouts++;
      this.replace(slot);
      this.retryOrFail(job, 'timeout');
    }, timeoutMs);
    const params: Record<string, string> = {};
    if (job.opts.dpi) params.user_defined_dpi = String(Math.round(job.opts.dpi));
    worker.recognize(job.png, params, { text: true, tsv: true }).then(
      ({ data }) => {
        if (slot.generation !== generation || slot.job !== job) return;
        clearTimeout(job.timer);
        slot.job = null;
        slot.pages++;
        const ms = Date.now() - job.started!;
        this.counters.completed++;
        this.counters.totalMs += ms;
        const size = job.opts.reportSize ?? pngSize(job.png);
        this.settle(
          job,
          null,
          toOcrResult(data.text ?? '', data.tsv, size.width, size.height, ms, job.opts.boxScale ?? 1, job.opts.boxOffset),
        );
        if (slot.pages >= this.recycleAfterPages) {
          this.counters.recycled++;
          this.counters.restarts--; // replace() counts restarts; a planned recycle is not one
          this.replace(slot);
        }
        this.pump();
      },
      (err) => {
        if (slot.generation !== generation || slot.job !== job) return;
        clearTimeout(job.timer);
        slot.job = null;
        // The engine refused this image (e.g. undecodable); the worker itself is fine.
        this.retryOrFail(job, `error: ${String(err).slice(0, 200)}`);
        this.pump();
      },
    );
  }

  private retryOrFail(job: Job, reason: string): void {
    clearTimeout(job.timer);
    if (job.settled) return;
    if (job.attempts < 2 && !this.closed) {
      this.counters.retried++;
      this.queue.unshift(job);
      this.pump();
      return;
    }
    this.counters.failed++;
    this.settle(job, new RecogniseError('ocr-failed', undefined, undefined, { reason: reason.split(':')[0], attempts: job.attempts }));
  }

  private abort(job: Job): void {
    if (job.settled) return;
    const i = this.queue.indexOf(job);
    if (i >= 0) this.queue.splice(i, 1);
    else if (job.slot && job.slot.job === job) this.replace(job.slot); // cannot cancel a running page: kill it
    this.settle(job, job.opts.signal?.reason ?? new Error('aborted'));
  }

  private settle(job: Job, err: unknown, result?: OcrResult): void {
    if (job.settled) return;
    job.settled = true;
    clearTimeout(job.timer);
    if (job.onAbort) job.opts.signal?.removeEventListener('abort', job.onAbort);
    if (err) job.reject(err);
    else job.resolve(result!);
  }
}
