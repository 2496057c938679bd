// A virtual eSCL (AirScan) scanner on 127.0.0.1 for the tests: a feeder of sheets (front, optional back),
// a platen, the eSCL endpoints a driverless client uses, and faults on demand (paper jam after n pages, the
// scanner vanishing mid-job, an empty feeder, an open cover, a busy scanner, slow pages). Pages are converted
// to the requested resolution, colour mode and format, like a real device would.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { parseScanSettings, type EsclScanSettings } from '../../src/capture/escl/model';
import { advertiseEscl, type Advertisement } from './mdns';

export interface VirtualPage {
  png: Buffer;
  dpi: number;
}
export interface VirtualSheet {
  front: VirtualPage;
  back?: VirtualPage;
}

export interface VirtualFaults {
  /** After delivering this many pages of a job, the feeder jams. */
  jamAfterPages?: number;
  /** HTTP status of NextDocument after the jam (scanners differ: 404, 409, 500). Default 404. */
  jamStatus?: number;
  /** After delivering this many pages, the scanner disappears (server stops, connections dropped). */
  goneAfterPages?: number;
  /** The scanner disappears halfway through sending page n (0-based). */
  goneMidPage?: number;
  feederEmpty?: boolean;
  coverOpen?: boolean;
  busy?: boolean;
  /** NextDocument answers 503 this many times before each page (the sheet still travelling). */
  notReadyPolls?: number;
  /**
   * This endpoint answers 200 with a body that never ends (chunked, or with a huge Content-Length when
   * `floodLength` is set), written as fast as the client reads, until the client closes the connection.
   */
  flood?: 'ScannerCapabilities' | 'ScannerStatus' | 'NextDocument';
  floodLength?: number;
  /**
   * NextDocument serves a page on every call, whatever is in the feeder, as a faulty scanner that never says
   * "no more pages" (the first sheet again, or a blank). A safety net for the test: after this many pages it does
   * answer 404, so a client without a page limit ends instead of running forever.
   */
  endlessPages?: number;
}

/** What a flood fault sent, and whether the client cut the connection. */
export interface FloodRecord {
  bytes: number;
  closedByClient: boolean;
  done: Promise<void>;
}

export interface VirtualScannerOptions {
  sheets?: VirtualSheet[];
  platen?: VirtualPage;
  faults?: VirtualFaults;
  makeAndModel?: string;
  uuid?: string;
  /** Resolutions offered; default 150, 200, 300, 600. */
  resolutions?: number[];
  formats?: string[];
  /** Advertise over mDNS (on the given interface and port; tests use 127.0.0.1 and a private port). */
  mdns?: { interfaceAddress: string; port: number; name?: string };
}

interface Job {
  id: string;
  settings: EsclScanSettings;
  pages: (VirtualPage | 'blank')[];
  delivered: number;
  state: 'Pending' | 'Processing' | 'Completed' | 'Aborted' | 'Canceled';
  reasons: string[];
  notReady: number;
}

export interface VirtualScanner {
  baseUrl: string;
  port: number;
  uuid: string;
  /** Every request, in order ("POST /eSCL/ScanJobs"). */
  requests: string[];
  /** Settings of every job created. */
  received: EsclScanSettings[];
  jobs: Map<string, Job>;
  setFaults(f: VirtualFaults): void;
  loadSheets(s: VirtualSheet[]): void;
  /** Sheets still in the feeder. */
  feeder(): VirtualSheet[];
  /** Every flooded response (see VirtualFaults.flood), in order. */
  floods: FloodRecord[];
  close(): Promise<void>;
  closed: boolean;
}

const NS = 'xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03" xmlns:pwg="http://www.pwg.org/schemas/2010/12/sm"';

function capabilitiesXml(o: { makeAndModel: string; uuid: string; resolutions: number[]; formats: string[] }): string {
  const caps = (tag: string) => `
    <scan:${tag}>
      <scan:MinWidth>16</scan:MinWidth><scan:MaxWidth>2550</scan:MaxWidth>
      <scan:MinHeight>16</scan:MinHeight><scan:MaxHeight>4200</scan:MaxHeight>
      <scan:MaxScanRegions>1</scan:MaxScanRegions>
      <scan:SettingProfiles><scan:SettingProfile>
        <scan:ColorModes><scan:ColorMode>BlackAndWhite1</scan:ColorMode><scan:ColorMode>Grayscale8</scan:ColorMode><scan:ColorMode>RGB24</scan:ColorMode></scan:ColorModes>
        <scan:DocumentFormats>${o.formats.map((f) => `<pwg:DocumentFormat>${f}</pwg:DocumentFormat><scan:DocumentFormatExt>${f}</scan:DocumentFormatExt>`).join('')}</scan:DocumentFormats>
        <scan:SupportedResolutions><scan:DiscreteResolutions>${o.resolutions
          .map(
            (r) =>
              `<scan:DiscreteResolution><scan:XResolution>${r}</scan:XResolution><scan:YResolution>${r}</scan:YResolution></scan:DiscreteResolution>`,
          )
          .join('')}</scan:DiscreteResolutions></scan:SupportedResolutions>
      </scan:SettingProfile></scan:SettingProfiles>
    </scan:${tag}>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerCapabilities ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:MakeAndModel>${o.makeAndModel}</pwg:MakeAndModel>
  <pwg:SerialNumber>VIRT-0001</pwg:SerialNumber>
  <scan:UUID>${o.uuid}</scan:UUID>
  <scan:Platen>${caps('PlatenInputCaps')}</scan:Platen>
  <scan:Adf>${caps('AdfSimplexInputCaps')}${caps('AdfDuplexInputCaps')}
    <scan:FeederCapacity>50</scan:FeederCapacity>
    <scan:AdfOptions><scan:AdfOption>DetectPaperLoaded</scan:AdfOption><scan:AdfOption>Duplex</scan:AdfOption></scan:AdfOptions>
  </scan:Adf>
</scan:ScannerCapabilities>`;
}

const blanks = new Map<number, Promise<Buffer>>();
function blankPage(dpi: number): Promise<Buffer> {
  let p = blanks.get(dpi);
  if (!p) blanks.set(dpi, (p = makeBlank(dpi)));
  return p;
}
async function makeBlank(dpi: number): Promise<Buffer> {
  const width = Math.round(8.27 * dpi);
  const height = Math.round(11.69 * dpi);
  // Paper is never pure white: a little sensor noise (seeded, so runs compare), as on a real blank back.
  const px = Buffer.alloc(width * height);
  let seed = 0x9e3779b9;
  for (let i = 0; i < px.length; i++) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    px[i] = 243 + (seed >>> 29);
  }
  return sharp(px, { raw: { width, height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/** The page as the scanner would send it for these settings. */
export async function renderPage(page: VirtualPage | 'blank', s: EsclScanSettings): Promise<{ bytes: Buffer; mime: string }> {
  const src = page === 'blank' ? { png: await blankPage(s.resolution), dpi: s.resolution } : page;
  const meta = await sharp(src.png).metadata();
  let img = sharp(src.png).flatten({ background: '#ffffff' });
  if (src.dpi !== s.resolution) img = img.resize({ width: Math.round((meta.width! * s.resolution) / src.dpi) });
  if (s.colorMode === 'Grayscale8') img = img.toColourspace('b-w');
  else if (s.colorMode === 'BlackAndWhite1') img = img.toColourspace('b-w').threshold(128);
  else img = img.toColourspace('srgb');
  const density = { density: s.resolution };
  if (s.format === 'image/png')
    return { bytes: await img.withMetadata(density).png({ compressionLevel: 2 }).toBuffer(), mime: 'image/png' };
  const jpeg = await img.withMetadata(density).jpeg({ quality: 85 }).toBuffer();
  if (s.format === 'image/jpeg') return { bytes: jpeg, mime: 'image/jpeg' };
  const info = await sharp(jpeg).metadata();
  const doc = await PDFDocument.create();
  const embedded = await doc.embedJpg(jpeg);
  const w = (info.width! / s.resolution) * 72;
  const h = (info.height! / s.resolution) * 72;
  doc.addPage([w, h]).drawImage(embedded, { x: 0, y: 0, width: w, height: h });
  return { bytes: Buffer.from(await doc.save()), mime: 'application/pdf' };
}

export async function startVirtualScanner(opts: VirtualScannerOptions = {}): Promise<VirtualScanner> {
  let sheets = [...(opts.sheets ?? [])];
  let faults: VirtualFaults = { ...opts.faults };
  const uuid = opts.uuid ?? randomUUID();
  const makeAndModel = opts.makeAndModel ?? 'Postkamer Virtuele Scanner';
  const resolutions = opts.resolutions ?? [150, 200, 300, 600];
  const formats = opts.formats ?? ['image/jpeg', 'image/png', 'application/pdf'];
  const jobs = new Map<string, Job>();
  const requests: string[] = [];
  const received: EsclScanSettings[] = [];
  const sockets = new Set<Socket>();
  let adfJam = false;
  let advertisement: Advertisement | undefined;

  const active = () => [...jobs.values()].find((j) => j.state === 'Processing' || j.state === 'Pending');
  const adfState = () => {
    if (faults.coverOpen) return 'ScannerAdfHatchOpen';
    if (adfJam) return 'ScannerAdfJam';
    if (faults.feederEmpty || sheets.length === 0) return 'ScannerAdfEmpty';
    return 'ScannerAdfLoaded';
  };
  const statusXml = () => `<?xml version="1.0" encoding="UTF-8"?>
<scan:ScannerStatus ${NS}>
  <pwg:Version>2.63</pwg:Version>
  <pwg:State>${faults.busy || active() ? 'Processing' : adfJam || faults.coverOpen ? 'Stopped' : 'Idle'}</pwg:State>
  <scan:AdfState>${adfState()}</scan:AdfState>
  <scan:Jobs>${[...jobs.values()]
    .map(
      (j) => `
    <scan:JobInfo>
      <pwg:JobUri>/eSCL/ScanJobs/${j.id}</pwg:JobUri>
      <pwg:JobUuid>${j.id}</pwg:JobUuid>
      <scan:Age>1</scan:Age>
      <pwg:ImagesCompleted>${j.delivered}</pwg:ImagesCompleted>
      <pwg:ImagesToTransfer>${Math.max(0, j.pages.length - j.delivered)}</pwg:ImagesToTransfer>
      <pwg:JobState>${j.state}</pwg:JobState>
      <pwg:JobStateReasons>${j.reasons.map((r) => `<pwg:JobStateReason>${r}</pwg:JobStateReason>`).join('')}</pwg:JobStateReasons>
    </scan:JobInfo>`,
    )
    .join('')}
  </scan:Jobs>
</scan:ScannerStatus>`;

  const xml = (res: ServerResponse, status: number, body: string) => {
    res.writeHead(status, { 'content-type': 'text/xml; charset=utf-8', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
  const empty = (res: ServerResponse, status: number) => {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const floods: FloodRecord[] = [];
  /** Never-ending 200 answer; stops when the client closes (or, as a safety net for the test, after 1 GiB). */
  const flood = (res: ServerResponse, contentType: string) => {
    let resolveDone: () => void = () => {};
    const rec: FloodRecord = { bytes: 0, closedByClient: false, done: new Promise<void>((r) => (resolveDone = r)) };
    floods.push(rec);
    res.writeHead(200, { 'content-type': contentType, ...(faults.floodLength ? { 'content-length': faults.floodLength } : {}) });
    const chunk = Buffer.alloc(64 * 1024, contentType.startsWith('text/xml') ? 0x20 : 0xab);
    if (contentType.startsWith('text/xml')) chunk.write('<?xml version="1.0"?><scan:ScannerStatus>');
    let stopped = false;
    const stop = (byClient: boolean) => {
      if (stopped) return;
      stopped = true;
      rec.closedByClient = byClient;
      resolveDone();
    };
    res.on('close', () => stop(!res.writableFinished));
    res.on('error', () => stop(true));
    const pump = () => {
      while (!stopped) {
        if (rec.bytes >= 1024 ** 3) {
          res.destroy();
          return stop(false);
        }
        rec.bytes += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    pump();
  };

  let scanner: VirtualScanner;
  const vanish = async () => {
    scanner.closed = true;
    await advertisement?.stop();
    server.close();
    for (const s of sockets) s.destroy();
  };

  async function nextDocument(job: Job, res: ServerResponse, socket: Socket): Promise<void> {
    if (job.state === 'Canceled' || job.state === 'Completed') return empty(res, 404);
    if (faults.flood === 'NextDocument') return flood(res, job.settings.format);
    if (job.state === 'Aborted') return empty(res, faults.jamStatus ?? 404);
    if (faults.endlessPages !== undefined) {
      if (job.delivered >= faults.endlessPages) {
        job.state = 'Completed';
        return empty(res, 404);
      }
      const { bytes, mime } = await renderPage(job.pages[0] ?? 'blank', job.settings);
      job.delivered++;
      res.writeHead(200, { 'content-type': mime, 'content-length': bytes.length });
      return void res.end(bytes);
    }
    if (faults.goneAfterPages !== undefined && job.delivered >= faults.goneAfterPages) {
      await vanish();
      socket.destroy();
      return;
    }
    if (faults.jamAfterPages !== undefined && job.delivered >= faults.jamAfterPages && job.settings.source === 'Feeder') {
      adfJam = true;
      job.state = 'Aborted';
      job.reasons = ['MediaJam', 'AbortedBySystem'];
      return empty(res, faults.jamStatus ?? 404);
    }
    if (job.delivered >= job.pages.length) {
      job.state = 'Completed';
      job.reasons = ['JobCompletedSuccessfully'];
      return empty(res, 404);
    }
    if (job.notReady < (faults.notReadyPolls ?? 0)) {
      job.notReady++;
      return empty(res, 503);
    }
    job.notReady = 0;
    const { bytes, mime } = await renderPage(job.pages[job.delivered]!, job.settings);
    if (faults.goneMidPage === job.delivered) {
      res.writeHead(200, { 'content-type': mime, 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
      await new Promise((r) => setTimeout(r, 20));
      await vanish();
      socket.destroy();
      return;
    }
    job.delivered++;
    // A fed sheet leaves the feeder once its last side is out.
    if (job.settings.source === 'Feeder') {
      const sides = job.settings.duplex ? 2 : 1;
      if (job.delivered % sides === 0) sheets.shift();
    }
    res.writeHead(200, { 'content-type': mime, 'content-length': bytes.length });
    res.end(bytes);
  }

  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname.replace(/\/+$/, '');
      if (req.method === 'GET' && faults.flood && path === `/eSCL/${faults.flood}` && faults.flood !== 'NextDocument')
        return flood(res, 'text/xml; charset=utf-8');
      if (req.method === 'GET' && path === '/eSCL/ScannerCapabilities')
        return xml(res, 200, capabilitiesXml({ makeAndModel, uuid, resolutions, formats }));
      if (req.method === 'GET' && path === '/eSCL/ScannerStatus') return xml(res, 200, statusXml());
      if (req.method === 'POST' && path === '/eSCL/ScanJobs') {
        let settings: EsclScanSettings;
        try {
          settings = parseScanSettings(await readBody(req));
        } catch {
          return empty(res, 400);
        }
        if (!resolutions.includes(settings.resolution) || !formats.includes(settings.format)) return empty(res, 400);
        if (faults.busy || active()) return empty(res, 503);
        if (faults.coverOpen || adfJam) return empty(res, 409);
        if (settings.source === 'Feeder' && (faults.feederEmpty || sheets.length === 0)) return empty(res, 409);
        received.push(settings);
        const pages: (VirtualPage | 'blank')[] =
          settings.source === 'Platen'
            ? [opts.platen ?? sheets[0]?.front ?? 'blank']
            : sheets.flatMap((s) => (settings.duplex ? [s.front, s.back ?? ('blank' as const)] : [s.front]));
        const job: Job = { id: randomUUID(), settings, pages, delivered: 0, state: 'Processing', reasons: ['JobScanning'], notReady: 0 };
        jobs.set(job.id, job);
        res.writeHead(201, { location: `http://127.0.0.1:${port}/eSCL/ScanJobs/${job.id}`, 'content-length': 0 });
        return res.end();
      }
      const m = path.match(/^\/eSCL\/ScanJobs\/([0-9a-f-]+)(\/NextDocument)?$/);
      const job = m ? jobs.get(m[1]!) : undefined;
      if (job && m?.[2] && req.method === 'GET') return nextDocument(job, res, req.socket);
      if (job && !m?.[2] && req.method === 'DELETE') {
        if (job.state === 'Processing' || job.state === 'Pending') {
          job.state = 'Canceled';
          job.reasons = ['JobCanceledByUser'];
        }
        return empty(res, 200);
      }
      return empty(res, 404);
    })().catch(() => {
      if (!res.headersSent) empty(res, 500);
      else res.destroy();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  if (opts.mdns) {
    advertisement = await advertiseEscl({
      interfaceAddress: opts.mdns.interfaceAddress,
      mdnsPort: opts.mdns.port,
      name: opts.mdns.name ?? makeAndModel,
      port,
      txt: {
        rs: 'eSCL',
        ty: makeAndModel,
        uuid,
        cs: 'color,grayscale,binary',
        is: 'platen,adf',
        duplex: 'T',
        note: 'Postkamer testlab',
        pdl: formats.join(','),
      },
    });
  }

  scanner = {
    baseUrl: `http://127.0.0.1:${port}/eSCL`,
    port,
    uuid,
    requests,
    received,
    jobs,
    closed: false,
    setFaults: (f) => {
      faults = { ...f };
      if (!f.jamAfterPages) adfJam = false;
    },
    loadSheets: (s) => {
      sheets = [...s];
      adfJam = false;
    },
    feeder: () => [...sheets],
    floods,
    close: async () => {
      if (!scanner.closed) await vanish();
      await new Promise((r) => setTimeout(r, 0));
    },
  };
  return scanner;
}
