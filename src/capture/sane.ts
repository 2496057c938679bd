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
import { faultFromStderr, parseDeviceList, parseOptions, pickMode, pickResolution, pickSource, type SaneDevice, type SaneOptions } from './sane-parse';

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
}

export interface SanePage { index: number; bytes: Buffer; mime: 'image/png'; dpi: number }

export type SaneErrorCode = 'paper-jam' | 'feeder-empty' | 'cover-open' | 'scanner-busy' | 'sane-failed' | 'sane-unavailable';

export interface SaneScanResult {
  pages: number;
  outcome: 'completed' | 'cancelled' | 'failed';
  error?: { code: SaneErrorCode; message: string };
}

const SCANIMAGE = process.env.POSTKAMER_SCANIMAGE || 'scanimage';

export async function saneAvailable(): Promise<boolean> {
  try {
    await run(SCANIMAGE, ['--version'], { timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** Devices SANE finds (network backends may take a few seconds). The `test` device is not listed unless enabled. */
export async function listSaneDevices(): Promise<SaneDevice[]> {
  try {
    const { stdout } = await run(SCANIMAGE, ['-f', '%d\t%v %m (%t)%n'], { timeout: 30_000 });
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
    const { stdout } = await run(SCANIMAGE, ['-d', device, '-A'], { timeout: 30_000 });
    return parseOptions(stdout);
  } catch {
    throw new CaptureError('sane-failed', '(apparaat niet gevonden of niet bereikbaar)', { device });
  }
}

const PNG_END = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
/** A page cut short by a jam or a cancel has no IEND; it is not a page. */
const completePng = (b: Buffer) => b.length > 16 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.subarray(-8).equals(PNG_END);

async function readAll(path: string): Promise<{ bytes: Buffer; opened: boolean }> {
  const fh = await open(path, constants.O_RDONLY);
  try {
    const chunks: Buffer[] = [];
    const buf = Buffer.alloc(1 << 20);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, bytesRead)));
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
  const limit = settings.source === 'flatbed' ? 1 : settings.maxPages;
  if (limit) args.push(`--batch-count=${limit}`);
  args.push(...(settings.extraArgs ?? []).filter((a) => a.startsWith('--') && !/^--(batch|output-file|format|device-name)/.test(a)));

  let pages = 0;
  let cancelled = false;
  let stderr = '';
  let exited = false;
  let readerWaiting: number | null = null;
  try {
    await mkfifo(1);
    await mkfifo(2);
    const child = spawn(SCANIMAGE, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (s: string) => {
      if (stderr.length < 20_000) stderr += s;
    });
    const exit = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((resolve) => {
      child.on('close', (code, sig) => resolve({ code, sig }));
      child.on('error', () => resolve({ code: -1, sig: null }));
    });
    const stop = () => {
      cancelled = true;
      child.kill('SIGTERM'); // scanimage cancels the scan on the first signal
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    };
    signal?.addEventListener('abort', stop, { once: true });
    if (signal?.aborted) stop();

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
        if (exited) break;
        readerWaiting = n;
        const reading = readAll(fifo(n));
        // Keep two FIFOs ahead of the writer, so its next open() never creates a regular file.
        void reading.catch(() => undefined);
        await mkfifo(n + 1);
        await mkfifo(n + 2);
        const { bytes } = await reading;
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
      signal?.removeEventListener('abort', stop);
    }
    const { code, sig } = await exit;
    // Belt and braces: a regular file scanimage wrote anyway is read, handed over and deleted.
    for (const name of (await readdir(dir)).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))) {
      const p = join(dir, name);
      const st = await stat(p);
      if (!st.isFile()) continue;
      const bytes = await readFile(p);
      await unlink(p);
      if (completePng(bytes)) await hand(bytes);
    }

    if (cancelled) return { pages, outcome: 'cancelled' };
    const fault = faultFromStderr(stderr);
    if (code === 0 && (fault === null || fault === 'feeder-empty') && pages > 0) return { pages, outcome: 'completed' };
    if (fault === 'feeder-empty') return pages > 0 ? { pages, outcome: 'completed' } : { pages, outcome: 'failed', error: captureFault('feeder-empty') };
    if (fault === 'paper-jam' || fault === 'cover-open' || fault === 'scanner-busy') return { pages, outcome: 'failed', error: captureFault(fault) };
    if (fault === 'device-missing') return { pages, outcome: 'failed', error: captureFault('sane-failed', '(apparaat niet gevonden of niet bereikbaar)') };
    if (code === 0 && pages > 0) return { pages, outcome: 'completed' };
    const status = stderr.match(/scanimage: (?:sane_\w+: )?([^\n]+)/)?.[1]?.slice(0, 120);
    return { pages, outcome: 'failed', error: captureFault('sane-failed', status ? `(${status}${sig ? `, ${sig}` : ''})` : sig ? `(${sig})` : undefined) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  async function hand(bytes: Buffer): Promise<void> {
    const withDpi = getPngDensity(bytes) === resolution ? bytes : setPngDensity(bytes, resolution);
    await onPage({ index: pages, bytes: withDpi, mime: 'image/png', dpi: resolution });
    pages++;
  }
}
