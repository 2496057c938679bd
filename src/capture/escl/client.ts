// eSCL (AirScan) client: driverless scanning over HTTP.
//   POST {base}/ScanJobs (scan:ScanSettings) → 201 + Location
//   GET  {Location}/NextDocument → 200 page | 503 not ready yet | 404 no more pages
//   GET  {base}/ScannerStatus → pwg:State, scan:AdfState, JobInfo (JobState + JobStateReasons)
//   DELETE {Location} → cancel
// Every page is handed to onPage as soon as it arrives (the host stores it in the vault at once), so a fault,
// a cancel or a crash later in the job never costs a page already received. Faults are read from the status,
// because scanners differ in what NextDocument answers on a jam (404, 409, 500).
import { captureFault, CaptureError } from '../errors';
import { CAPTURE_LIMITS, captureLimits, duration, inMiB } from '../limits';
import { AbortedError, httpCall, NetworkError, type HttpResponse, type TlsOptions } from './http';
import {
  faultOf,
  jobFor,
  parseCapabilities,
  parseStatus,
  scanSettingsXml,
  type EsclCapabilities,
  type EsclScanSettings,
  type EsclSourceCaps,
  type EsclStatus,
} from './model';

export type { EsclCapabilities, EsclStatus, EsclScanSettings, EsclSourceCaps } from './model';

export type EsclErrorCode =
  'paper-jam' | 'feeder-empty' | 'cover-open' | 'scanner-gone' | 'scanner-busy' | 'protocol' | 'unsupported-setting';

export interface EsclPage {
  index: number;
  bytes: Buffer;
  mime: string;
}

export interface EsclScanResult {
  pages: number;
  outcome: 'completed' | 'cancelled' | 'failed';
  error?: { code: EsclErrorCode; message: string };
}

export interface EsclProgress {
  phase: 'starting' | 'waiting' | 'page' | 'done';
  pages: number;
  /** From the scanner's JobInfo when it reports them. */
  imagesCompleted?: number;
}

export interface EsclClientOptions {
  /** Per request (capabilities, status, job creation). Default 10 s. */
  timeoutMs?: number;
  /** How long one page may take to arrive (a 600-ppi colour page on a slow MFP takes a while). Default 120 s. */
  pageTimeoutMs?: number;
  /** Wait between NextDocument polls while the scanner answers 503. Default 500 ms. */
  pollMs?: number;
  tls?: TlsOptions;
  /** Largest page accepted. Default and ceiling: ESCL_LIMITS.pageBytes. */
  maxPageBytes?: number;
  /** Most pages in one job. Default and ceiling: CAPTURE_LIMITS.pagesPerJob. */
  maxPages?: number;
  /** Longest a whole job may run. Default and ceiling: CAPTURE_LIMITS.jobMs. */
  jobTimeoutMs?: number;
}

/**
 * Bounds of what a scanner may send. XML answers (capabilities, status, job creation) are a few kB on real
 * devices; a page is bounded well above an A3 600-ppi colour scan as JPEG or PDF (an uncompressed A4 at 600 ppi
 * RGB is about 100 MB). Past a bound the connection is cut: a faulty or hostile device cannot exhaust memory.
 */
export const ESCL_LIMITS = { xmlBytes: 1024 * 1024, pageBytes: CAPTURE_LIMITS.pageBytes } as const;
const tooLarge = (what: string, limit: number) => `(${what} is te groot: meer dan ${inMiB(limit)}; de verbinding is verbroken)`;

const CERT_MISMATCH = '(het certificaat van de scanner is niet het vastgelegde; vraag de beheerder)';

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(new AbortedError());
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new AbortedError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

export class EsclClient {
  readonly baseUrl: string;
  private readonly o: Required<Omit<EsclClientOptions, 'tls'>> & { tls?: TlsOptions };

  /** `baseUrl` is the eSCL root, e.g. `http://192.168.1.20/eSCL` (the `rs` of the mDNS record). */
  constructor(baseUrl: string, opts: EsclClientOptions = {}) {
    let u: URL;
    try {
      u = new URL(baseUrl);
    } catch {
      throw new CaptureError('protocol', '(ongeldig scanneradres)');
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CaptureError('protocol', '(ongeldig scanneradres)');
    this.baseUrl = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
    const limits = captureLimits({ pageBytes: opts.maxPageBytes, pagesPerJob: opts.maxPages, jobMs: opts.jobTimeoutMs });
    this.o = {
      timeoutMs: 10_000,
      pageTimeoutMs: CAPTURE_LIMITS.pageIdleMs,
      pollMs: 500,
      ...opts,
      maxPageBytes: limits.pageBytes,
      maxPages: limits.pagesPerJob,
      jobTimeoutMs: limits.jobMs,
    };
  }

  private url(path: string): string {
    if (/^https?:\/\//.test(path)) {
      // Some scanners put their own idea of their host name in Location (even "localhost"); keep the path only.
      const u = new URL(path);
      return `${new URL(this.baseUrl).origin}${u.pathname}`;
    }
    if (path.startsWith('/')) return `${new URL(this.baseUrl).origin}${path}`;
    return `${this.baseUrl}/${path}`;
  }

  private call(
    method: string,
    path: string,
    o: { body?: string; timeoutMs?: number; signal?: AbortSignal; maxBytes?: number } = {},
  ): Promise<HttpResponse> {
    return httpCall(this.url(path), {
      method,
      body: o.body,
      headers: o.body !== undefined ? { 'content-type': 'text/xml' } : {},
      timeoutMs: o.timeoutMs ?? this.o.timeoutMs,
      signal: o.signal,
      tls: this.o.tls,
      maxBytes: o.maxBytes ?? ESCL_LIMITS.xmlBytes,
    });
  }

  private async xml<T>(path: string, parse: (s: string) => T): Promise<T> {
    let res: HttpResponse;
    try {
      res = await this.call('GET', path);
    } catch (e) {
      if (e instanceof NetworkError && e.reason === 'certificate-mismatch') throw new CaptureError('protocol', CERT_MISMATCH);
      if (e instanceof NetworkError && e.reason === 'response-too-large')
        throw new CaptureError('protocol', tooLarge(`het antwoord op ${path}`, ESCL_LIMITS.xmlBytes));
      if (e instanceof NetworkError) throw new CaptureError('scanner-gone', undefined, { reason: e.reason });
      throw e;
    }
    if (res.status !== 200) throw new CaptureError('protocol', `(${path}: HTTP ${res.status})`);
    try {
      return parse(res.body.toString('utf8'));
    } catch {
      throw new CaptureError('protocol', `(${path}: onleesbaar antwoord)`);
    }
  }

  capabilities(): Promise<EsclCapabilities> {
    return this.xml('ScannerCapabilities', parseCapabilities);
  }

  status(): Promise<EsclStatus> {
    return this.xml('ScannerStatus', parseStatus);
  }

  /** Status or null when the scanner does not answer (used to tell a fault from a vanished scanner). */
  private async statusOrNull(): Promise<EsclStatus | null> {
    try {
      return await this.status();
    } catch {
      return null;
    }
  }

  /** Best effort: a scanner that is gone or already done cannot be cancelled, and that is fine. */
  private async cancel(job: string): Promise<void> {
    try {
      await this.call('DELETE', job, { timeoutMs: 5_000 });
    } catch {
      /* ignore */
    }
  }

  /**
   * Scans with the given settings. Resolves with how many pages arrived and how the job ended; a fault is an
   * outcome ('failed' + error), not an exception, because the pages received before it count. Throws only
   * when onPage throws (the job is cancelled first), so a storage failure is never mistaken for a scanner one.
   */
  async scan(
    settings: EsclScanSettings,
    onPage: (page: EsclPage) => Promise<void>,
    signal?: AbortSignal,
    options: { onProgress?: (p: EsclProgress) => void; capabilities?: EsclCapabilities } = {},
  ): Promise<EsclScanResult> {
    let pages = 0;
    let job: string | undefined;
    const jobDeadline = Date.now() + this.o.jobTimeoutMs;
    const kept = () => (pages === 1 ? 'de ontvangen pagina is bewaard' : `de ${pages} ontvangen pagina's zijn bewaard`);
    /** Past the page limit or the job deadline: cancel on the scanner, keep the pages, say why. */
    const overLimit = async (job: string): Promise<EsclScanResult | null> => {
      if (pages >= this.o.maxPages) {
        await this.cancel(job);
        return done(
          'failed',
          'protocol',
          `(de limiet van ${this.o.maxPages} pagina's per scanopdracht is bereikt; de opdracht is op de scanner afgebroken, ${kept()})`,
        );
      }
      if (Date.now() >= jobDeadline) {
        await this.cancel(job);
        return done(
          'failed',
          'protocol',
          `(de scanopdracht duurde langer dan ${duration(this.o.jobTimeoutMs)} en is op de scanner afgebroken; ${kept()})`,
        );
      }
      return null;
    };
    const progress = (phase: EsclProgress['phase'], imagesCompleted?: number) =>
      options.onProgress?.({ phase, pages, ...(imagesCompleted !== undefined ? { imagesCompleted } : {}) });
    const done = (outcome: EsclScanResult['outcome'], code?: EsclErrorCode, detail?: string): EsclScanResult => {
      progress('done');
      return { pages, outcome, ...(code ? { error: captureFault(code, detail) } : {}) };
    };
    const source = sourceCaps(options.capabilities, settings);
    const unsupported = options.capabilities ? checkSettings(settings, source, options.capabilities) : null;
    if (unsupported) return done('failed', 'unsupported-setting', `(${unsupported})`);

    try {
      progress('starting');
      let created: HttpResponse;
      try {
        created = await this.call('POST', 'ScanJobs', { body: scanSettingsXml(settings, source), signal });
      } catch (e) {
        if (e instanceof NetworkError && e.reason === 'certificate-mismatch') return done('failed', 'protocol', CERT_MISMATCH);
        if (e instanceof NetworkError && e.reason === 'response-too-large')
          return done('failed', 'protocol', tooLarge('het antwoord op ScanJobs', ESCL_LIMITS.xmlBytes));
        if (e instanceof NetworkError) return done('failed', 'scanner-gone');
        throw e;
      }
      if (created.status !== 201) {
        const st = await this.statusOrNull();
        const fault = st ? faultOf(st) : null;
        if (fault === 'feeder-empty' && settings.source !== 'Feeder') return done('failed', 'protocol', `(HTTP ${created.status})`);
        if (fault) return done('failed', fault);
        if (created.status === 503 || st?.state === 'Processing') return done('failed', 'scanner-busy');
        if (created.status === 409 && settings.source === 'Feeder') return done('failed', 'feeder-empty');
        return done('failed', 'protocol', `(opdracht geweigerd: HTTP ${created.status})`);
      }
      const location = created.headers.location;
      if (!location) return done('failed', 'protocol', '(geen Location bij de scanopdracht)');
      job = location.replace(/\/+$/, '');

      let deadline = Date.now() + this.o.pageTimeoutMs;
      let networkRetries = 0;
      for (;;) {
        if (signal?.aborted) throw new AbortedError();
        const over = await overLimit(job);
        if (over) return over;
        let res: HttpResponse;
        try {
          res = await this.call('GET', `${job}/NextDocument`, {
            timeoutMs: Math.max(1_000, Math.min(deadline, jobDeadline) - Date.now()),
            signal,
            maxBytes: this.o.maxPageBytes,
          });
        } catch (e) {
          if (!(e instanceof NetworkError)) throw e;
          if (Date.now() >= jobDeadline && e.reason !== 'response-too-large') return (await overLimit(job))!;
          // Gone, or a blip? Ask for the status once; a scanner that answers gets one more try.
          if (e.reason === 'response-too-large') {
            await this.cancel(job);
            return done('failed', 'protocol', tooLarge(`pagina ${pages + 1}`, this.o.maxPageBytes));
          }
          if (e.reason === 'certificate-mismatch') return done('failed', 'protocol', CERT_MISMATCH);
          const st = await this.statusOrNull();
          if (!st || ++networkRetries > 1 || Date.now() >= deadline) return done('failed', 'scanner-gone');
          const fault = faultOf(st, jobFor(st, job));
          if (fault && fault !== 'feeder-empty') return done('failed', fault);
          continue;
        }
        networkRetries = 0;
        if (res.status === 200 && res.body.length === 0) return done('failed', 'protocol', `(lege pagina ${pages + 1} ontvangen)`);
        if (res.status === 200) {
          const mime =
            String(res.headers['content-type'] ?? settings.format)
              .split(';')[0]!
              .trim() || settings.format;
          const index = pages;
          await onPage({ index, bytes: res.body, mime });
          pages++;
          progress('page');
          deadline = Date.now() + this.o.pageTimeoutMs;
          continue;
        }
        const st = await this.statusOrNull();
        const info = st ? jobFor(st, job) : undefined;
        const fault = st ? faultOf(st, info) : null;
        if (res.status === 503) {
          // Not ready yet (the sheet is still going through), unless the status tells of a fault.
          if (fault === 'paper-jam' || fault === 'cover-open') return done('failed', fault);
          if (fault === 'feeder-empty' && pages === 0) return done('failed', 'feeder-empty');
          if (Date.now() >= deadline)
            return done(
              'failed',
              st ? 'protocol' : 'scanner-gone',
              st ? '(de scanner leverde binnen de wachttijd geen pagina)' : undefined,
            );
          progress('waiting', info?.imagesCompleted);
          await sleep(this.o.pollMs, signal);
          continue;
        }
        if (res.status === 404 || res.status === 410) {
          // No more pages: a normal end, unless the status says why the job stopped early.
          if (fault === 'paper-jam' || fault === 'cover-open') return done('failed', fault);
          if (pages === 0 && settings.source === 'Feeder') return done('failed', 'feeder-empty');
          if (info?.state === 'Aborted') return done('failed', 'protocol', '(de scanner heeft de opdracht afgebroken)');
          if (pages === 0) return done('failed', 'protocol', '(de scanner leverde geen pagina)');
          return done('completed');
        }
        if (fault && !(fault === 'feeder-empty' && pages > 0)) return done('failed', fault);
        if (!st) return done('failed', 'scanner-gone');
        return done('failed', 'protocol', `(HTTP ${res.status} bij pagina ${pages + 1})`);
      }
    } catch (e) {
      if (e instanceof AbortedError) {
        if (job) await this.cancel(job);
        return done('cancelled');
      }
      if (job) await this.cancel(job);
      throw e;
    }
  }
}

function sourceCaps(caps: EsclCapabilities | undefined, s: EsclScanSettings): EsclSourceCaps | undefined {
  if (!caps) return undefined;
  if (s.source === 'Platen') return caps.platen;
  return s.duplex ? (caps.adfDuplex ?? caps.adfSimplex) : caps.adfSimplex;
}

/** What in the settings the scanner does not offer (Dutch), or null. */
export function checkSettings(s: EsclScanSettings, source: EsclSourceCaps | undefined, caps: EsclCapabilities): string | null {
  if (!source) return s.source === 'Platen' ? 'geen glasplaat' : 'geen documentinvoer';
  if (s.source === 'Feeder' && s.duplex && !caps.duplex) return 'geen dubbelzijdig scannen';
  if (source.colorModes.length && !source.colorModes.includes(s.colorMode)) return `kleurmodus ${s.colorMode}`;
  if (source.formats.length && !source.formats.includes(s.format)) return `formaat ${s.format}`;
  if (source.resolutions.length && !source.resolutions.includes(s.resolution)) return `resolutie ${s.resolution} ppi`;
  return null;
}
