// Desktop scanners on Linux through SANE's `scanimage`.
//
// Pages without plaintext on disk: scanimage writes one page to stdout, but a feeder batch (--batch) only to
// files, named `<pattern>.part` while written and renamed when complete. We let it write into named pipes
// (FIFOs) in a fresh private (0700) temp directory: the bytes go from scanimage through the kernel pipe into
// our memory and never reach a disk. The FIFO for page n+1 (and n+2) exists before scanimage can ask for it, so
// it never falls back to creating a regular file; should one appear anyway, it is read, handed over and
// deleted at once. The directory (FIFO nodes only) is removed when the scan ends.
import { spawn, execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdtemp, open, readdir, readFile, rm, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { getPngDensity, setPngDensity } from '../recognise/png-density';
import { captureFault, CaptureError } from './errors';
import { captureLimits, duration, inMiB, type CaptureLimits } from './limits';
import {
  faultFromStderr,
  parseDeviceList,
  parseOptions,
  pickMode,
  pickResolution,
  pickSource,
  type SaneDevice,
  type SaneOptions,
} from './sane-parse';

export type { SaneDevice, SaneOptions } from './sane-parse';

const run = promisify(execFile);

export interface SaneSettings {
  source: 'flatbed' | 'feeder';
  duplex?: boolean;
  resolution: number;
  colour: 'colour' | 'gray' | 'bilevel';
  /** Stop after this many pages (feeder). Default: until the feeder is empty. */
  maxPages?: number;
  /** Device-specific scanimage options an administrator configured (e.g. `--read-return-value=…` on the test device). */
  extraArgs?: string[];
  /** Tighter bounds than CAPTURE_LIMITS (tests); never looser. */
  limits?: Partial<CaptureLimits>;
}

export interface SanePage {
  index: number;
  bytes: Buffer;
  mime: 'image/png';
  dpi: number;
}

export type SaneErrorCode = 'paper-jam' | 'feeder-empty' | 'cover-open' | 'scanner-busy' | 'sane-failed' | 'sane-unavailable';

export interface SaneScanResult {
  pages: number;
  outcome: 'completed' | 'cancelled' | 'failed';
  error?: { code: SaneErrorCode; message: string };
}

/** Read at each use, so a test (or an administrator's wrapper) set after start-up is honoured. */
const scanimage = () => process.env.POSTKAMER_SCANIMAGE || 'scanimage';

export async function saneAvailable(): Promise<boolean> {
  try {
    await run(scanimage(), ['--version'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Devices SANE finds (network backends may take a few seconds). The `test` device is not listed unless enabled. */
export async function listSaneDevices(): Promise<SaneDevice[]> {
  try {
    const { stdout } = await run(scanimage(), ['-f', '%d\t%v %m (%t)%n'], { timeout: 30_000 });
    return parseDeviceList(stdout);
  } catch {
    return [];
  }
}

function checkDevice(device: string): void {
  // Passed as one argv element (never through a shell), but a leading '-' would still read as an option.
  if (!device || device.startsWith('-') || /[\0\n]/.test(device)) throw new CaptureError('sane-failed', '(ongeldige apparaatnaam)');
}

export async function saneDeviceOptions(device: string): Promise<SaneOptions> {
  checkDevice(device);
  try {
    const { stdout } = await run(scanimage(), ['-d', device, '-A'], { timeout: 30_000 });
    return parseOptions(stdout);
  } catch {
    throw new CaptureError('sane-failed', '(apparaat niet gevonden of niet bereikbaar)', { device });
  }
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** A page cut short by a jam or a cancel has no IEND; it is not a page. */
const completePng = (b: Buffer) =>
  b.length > 16 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.subarray(-8).equals(PNG_END);

/** A page past the size limit: reading stopped (the FIFO is closed, so scanimage gets EPIPE). */
class PageTooLarge extends Error {}

/** Reads one page from its FIFO, counting bytes: past maxBytes it stops with PageTooLarge. onData: any bytes came. */
async function readAll(path: string, maxBytes: number, onData: () => void): Promise<{ bytes: Buffer; opened: boolean }> {
  const fh = await open(path, constants.O_RDONLY);
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw new PageTooLarge();
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
      onData();
    }
    return { bytes: Buffer.concat(chunks), opened: true };
  } finally {
    await fh.close();
  }
}

/**
 * Scans from a SANE device. Each complete page goes to onPage as it arrives; a fault or a cancel keeps the pages
 * already handed over. Throws only when onPage throws (scanimage is stopped first) or for a bad device name.
 */
export async function scanWithSane(
  device: string,
  settings: SaneSettings,
  onPage: (page: SanePage) => Promise<void>,
  signal?: AbortSignal,
): Promise<SaneScanResult> {
  checkDevice(device);
  if (!(await saneAvailable())) return { pages: 0, outcome: 'failed', error: captureFault('sane-unavailable') };
  const options = await saneDeviceOptions(device).catch(() => null);
  if (!options) return { pages: 0, outcome: 'failed', error: captureFault('sane-failed', '(apparaat niet gevonden of niet bereikbaar)') };

  const resolution = pickResolution(options.resolutions, settings.resolution);
  const source = pickSource(options.sources, settings.source, settings.duplex === true);
  const mode = pickMode(options.modes, settings.colour);
  const dir = await mkdtemp(join(tmpdir(), 'postkamer-sane-'));
  const fifo = (n: number) => join(dir, `p${n}.png.part`);
  const made = new Set<number>();
  const mkfifo = async (n: number) => {
    if (made.has(n)) return;
    made.add(n);
    await run('mkfifo', ['-m', '600', fifo(n)]);
  };

  const args = ['-d', device, '--format=png', `--batch=${join(dir, 'p%d.png')}`, '--batch-start=1', `--resolution=${resolution}`];
  if (source) args.push(`--source=${source}`);
  if (mode) args.push(`--mode=${mode}`);
  const lim = captureLimits(settings.limits);
  // A feeder batch never runs unbounded: the caller's count, or at most the shared page limit per job.
  const limit = settings.source === 'flatbed' ? 1 : Math.min(settings.maxPages ?? lim.pagesPerJob, lim.pagesPerJob);
  const limitIsOurs = settings.source !== 'flatbed' && (settings.maxPages === undefined || settings.maxPages > lim.pagesPerJob);
  args.push(`--batch-count=${limit}`);
  args.push(...(settings.extraArgs ?? []).filter((a) => a.startsWith('--') && !/^--(batch|output-file|format|device-name)/.test(a)));

  let pages = 0;
  let cancelled = false;
  let stderr = '';
  let exited = false;
  let readerWaiting: number | null = null;
  /** Why we stopped scanimage ourselves (a page too large, no data in time, the job too long): the outcome says so. */
  let limitReason: string | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let jobTimer: NodeJS.Timeout | undefined;
  try {
    await mkfifo(1);
    await mkfifo(2);
    const child = spawn(scanimage(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 20_000) stderr += s;
    });
    const exit = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((resolve) => {
      child.on('close', (code, sig) => resolve({ code, sig }));
      child.on('error', () => resolve({ code: -1, sig: null }));
    });
    const kill = () => {
      child.kill('SIGTERM'); // scanimage cancels the scan on the first signal
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    };
    const stop = () => {
      cancelled = true;
      kill();
    };
    const stopForLimit = (why: string) => {
      limitReason ??= why;
      if (!exited) kill();
    };
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();
    jobTimer = setTimeout(() => stopForLimit(`(de scan duurde langer dan ${duration(lim.jobMs)} en is gestopt; ${kept()})`), lim.jobMs);
    // Per page: no bytes for pageIdleMs (scanimage hung, or a device that stopped mid-page) stops the scan.
    const armIdle = (n: number) => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(
        () => stopForLimit(`(pagina ${n}: scanimage stuurde ${duration(lim.pageIdleMs)} lang geen gegevens; de scan is gestopt)`),
        lim.pageIdleMs,
      );
    };

    // When scanimage is gone, a read blocked in open() on the next FIFO would wait forever: open the FIFO for
    // writing (non-blocking succeeds only while a reader waits) and close it, which hands the reader an EOF.
    void exit.then(async () => {
      exited = true;
      for (let i = 0; i < 200 && readerWaiting !== null; i++) {
        const n = readerWaiting;
        try {
          const w = await open(fifo(n), constants.O_WRONLY | constants.O_NONBLOCK);
          await w.close();
        } catch {
          /* no reader yet (ENXIO): try again shortly */
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    });

    try {
      for (let n = 1; !limit || n <= limit; n++) {
        if (exited || limitReason) break;
        readerWaiting = n;
        armIdle(n);
        const reading = readAll(fifo(n), lim.pageBytes, () => armIdle(n));
        // Keep two FIFOs ahead of the writer, so its next open() never creates a regular file.
        void reading.catch(() => undefined);
        await mkfifo(n + 1);
        await mkfifo(n + 2);
        let bytes: Buffer;
        try {
          ({ bytes } = await reading);
        } catch (e) {
          if (!(e instanceof PageTooLarge)) throw e;
          stopForLimit(`(pagina ${n} is te groot: meer dan ${inMiB(lim.pageBytes)}; scanimage is gestopt)`);
          break;
        } finally {
          clearTimeout(idleTimer);
        }
        readerWaiting = null;
        if (bytes.length === 0) break;
        if (!completePng(bytes)) continue; // cut short by a fault or a cancel; the error says what happened
        await hand(bytes);
      }
    } catch (e) {
      if (!exited) stop();
      throw e;
    } finally {
      readerWaiting = null;
      clearTimeout(idleTimer);
      signal?.removeEventListener('abort', stop);
    }
    const { code, sig } = await exit;
    clearTimeout(jobTimer);
    // Belt and braces: a regular file scanimage wrote anyway is read, handed over and deleted.
    for (const name of (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
      const p = join(dir, name);
      const st = await stat(p);
      if (!st.isFile()) continue;
      if (st.size > lim.pageBytes) {
        await unlink(p);
        stopForLimit(`(een pagina is te groot: meer dan ${inMiB(lim.pageBytes)})`);
        continue;
      }
      const bytes = await readFile(p);
      await unlink(p);
      if (completePng(bytes)) await hand(bytes);
    }

    if (limitReason) return { pages, outcome: 'failed', error: captureFault('sane-failed', limitReason) };
    if (cancelled) return { pages, outcome: 'cancelled' };
    if (limitIsOurs && pages >= limit) {
      return {
        pages,
        outcome: 'failed',
        error: captureFault('sane-failed', `(de limiet van ${limit} pagina's per scanopdracht is bereikt; de scan is gestopt, ${kept()})`),
      };
    }
    const fault = faultFromStderr(stderr);
    if (code === 0 && (fault === null || fault === 'feeder-empty') && pages > 0) return { pages, outcome: 'completed' };
    if (fault === 'feeder-empty')
      return pages > 0 ? { pages, outcome: 'completed' } : { pages, outcome: 'failed', error: captureFault('feeder-empty') };
    if (fault === 'paper-jam' || fault === 'cover-open' || fault === 'scanner-busy')
      return { pages, outcome: 'failed', error: captureFault(fault) };
    if (fault === 'device-missing')
      return { pages, outcome: 'failed', error: captureFault('sane-failed', '(apparaat niet gevonden of niet bereikbaar)') };
    if (code === 0 && pages > 0) return { pages, outcome: 'completed' };
    const status = stderr.match(/scanimage: (?:sane_\w+: )?([^\n]+)/)?.[1]?.slice(0, 120);
    return {
      pages,
      outcome: 'failed',
      error: captureFault('sane-failed', status ? `(${status}${sig ? `, ${sig}` : ''})` : sig ? `(${sig})` : undefined),
    };
  } finally {
    clearTimeout(idleTimer);
    clearTimeout(jobTimer);
    await rm(dir, { recursive: true, force: true });
  }

  function kept(): string {
    return pages === 1 ? 'de ontvangen pagina is bewaard' : `de ${pages} ontvangen pagina's zijn bewaard`;
  }

  async function hand(bytes: Buffer): Promise<void> {
    const withDpi = getPngDensity(bytes) === resolution ? bytes : setPngDensity(bytes, resolution);
    await onPage({ index: pages, bytes: withDpi, mime: 'image/png', dpi: resolution });
    pages++;
  }
}
