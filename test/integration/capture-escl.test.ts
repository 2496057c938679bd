// The eSCL client against the virtual scanner on 127.0.0.1: normal jobs, and the faults a mail room meets
// (jam mid-feed, a scanner that disappears, an empty feeder, an open cover, a busy device), each keeping the
// pages already received and telling the clerk what happened.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CaptureError } from '../../src/capture/errors';
import { discoverEscl } from '../../src/capture/escl/discover';
import { EsclClient, type EsclPage, type EsclProgress } from '../../src/capture/escl/client';
import type { EsclScanSettings } from '../../src/capture/escl/model';
import { startVirtualScanner, type VirtualPage, type VirtualScanner, type VirtualSheet } from '../escl-scanner/server';

const DPI = 150;
/** Page k: a flat grey of level 40 + 20k, so the order of arrival can be read back from the pixels. */
async function levelPage(k: number): Promise<VirtualPage> {
  const v = 40 + 20 * k;
  const png = await sharp({
    create: { width: Math.round(8.27 * DPI), height: Math.round(11.69 * DPI), channels: 3, background: { r: v, g: v, b: v } },
  })
    .png()
    .toBuffer();
  return { png, dpi: DPI };
}
async function levelOf(bytes: Buffer): Promise<number> {
  const s = await sharp(bytes).greyscale().stats();
  return Math.round(s.channels[0]!.mean);
}
const pageNumber = async (bytes: Buffer) => Math.round(((await levelOf(bytes)) - 40) / 20);

let pages: VirtualPage[];
beforeAll(async () => {
  pages = await Promise.all([0, 1, 2, 3, 4, 5].map(levelPage));
});
const sheets = (n: number): VirtualSheet[] => pages.slice(0, n).map((front) => ({ front }));
const FEEDER: EsclScanSettings = { source: 'Feeder', duplex: false, resolution: 150, colorMode: 'Grayscale8', format: 'image/png' };

let scanner: VirtualScanner | undefined;
afterEach(async () => {
  await scanner?.close();
  scanner = undefined;
});

function collector() {
  const got: EsclPage[] = [];
  return { got, onPage: async (p: EsclPage) => void got.push(p) };
}

describe('eSCL client: normal jobs', () => {
  it('reads capabilities and status', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(2), makeAndModel: 'Virtuele MFP' });
    const client = new EsclClient(scanner.baseUrl);
    const caps = await client.capabilities();
    expect(caps).toMatchObject({ makeAndModel: 'Virtuele MFP', uuid: scanner.uuid, duplex: true });
    expect(caps.adfSimplex).toMatchObject({ colorModes: ['BlackAndWhite1', 'Grayscale8', 'RGB24'], resolutions: [150, 200, 300, 600] });
    expect(caps.platen?.formats).toContain('image/png');
    expect(await client.status()).toMatchObject({ state: 'Idle', adfState: 'ScannerAdfLoaded', jobs: [] });
  });

  it('scans a feeder stack in order, handing over each page before asking for the next', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(4) });
    const s = scanner;
    const client = new EsclClient(s.baseUrl);
    const seenAtHandOver: number[] = [];
    const got: EsclPage[] = [];
    const progress: EsclProgress[] = [];
    const result = await client.scan(
      FEEDER,
      async (p) => {
        seenAtHandOver.push(s.requests.filter((r) => r.endsWith('/NextDocument')).length);
        got.push(p);
      },
      undefined,
      { onProgress: (e) => progress.push(e) },
    );
    expect(result).toEqual({ pages: 4, outcome: 'completed' });
    expect(await Promise.all(got.map((p) => pageNumber(p.bytes)))).toEqual([0, 1, 2, 3]);
    expect(got.map((p) => p.index)).toEqual([0, 1, 2, 3]);
    expect(got.every((p) => p.mime === 'image/png')).toBe(true);
    // Page i is stored while only i+1 NextDocument requests have been made: streaming, not collect-then-deliver.
    expect(seenAtHandOver).toEqual([1, 2, 3, 4]);
    expect(progress.filter((e) => e.phase === 'page').map((e) => e.pages)).toEqual([1, 2, 3, 4]);
    expect(progress.at(-1)).toMatchObject({ phase: 'done', pages: 4 });
    expect(s.received).toEqual([FEEDER]);
    const meta = await sharp(got[0]!.bytes).metadata();
    expect(meta.width).toBe(Math.round(8.27 * 150));
    expect(s.feeder()).toEqual([]);
  });

  it('duplex: front and back of each sheet, a blank back where the sheet has none; colour JPEG at 300 ppi', async () => {
    scanner = await startVirtualScanner({ sheets: [{ front: pages[0]!, back: pages[1]! }, { front: pages[2]! }] });
    const client = new EsclClient(scanner.baseUrl);
    const { got, onPage } = collector();
    const result = await client.scan({ ...FEEDER, duplex: true, colorMode: 'RGB24', format: 'image/jpeg', resolution: 300 }, onPage);
    expect(result).toEqual({ pages: 4, outcome: 'completed' });
    expect(got.map((p) => p.mime)).toEqual(['image/jpeg', 'image/jpeg', 'image/jpeg', 'image/jpeg']);
    const levels = await Promise.all(got.map((p) => levelOf(p.bytes)));
    expect(levels.slice(0, 3).map((l) => Math.round((l - 40) / 20))).toEqual([0, 1, 2]);
    expect(levels[3]).toBeGreaterThan(235); // the blank back
    expect((await sharp(got[0]!.bytes).metadata()).width).toBe(Math.round(8.27 * DPI) * 2); // 150 → 300 ppi
  });

  it('flatbed: one page; PDF when asked', async () => {
    scanner = await startVirtualScanner({ platen: pages[3] });
    const { got, onPage } = collector();
    const result = await new EsclClient(scanner.baseUrl).scan(
      { source: 'Platen', duplex: false, resolution: 200, colorMode: 'RGB24', format: 'application/pdf' },
      onPage,
    );
    expect(result).toEqual({ pages: 1, outcome: 'completed' });
    expect(got[0]!.mime).toBe('application/pdf');
    expect(got[0]!.bytes.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('waits while the scanner answers "not ready yet" (503)', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(2), faults: { notReadyPolls: 3 } });
    const { got, onPage } = collector();
    const progress: EsclProgress[] = [];
    const result = await new EsclClient(scanner.baseUrl, { pollMs: 10 }).scan(FEEDER, onPage, undefined, {
      onProgress: (e) => progress.push(e),
    });
    expect(result).toEqual({ pages: 2, outcome: 'completed' });
    expect(got).toHaveLength(2);
    expect(progress.filter((e) => e.phase === 'waiting').length).toBe(6);
  });

  it('refuses settings the scanner does not offer before starting a job', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(1), resolutions: [200, 300] });
    const client = new EsclClient(scanner.baseUrl);
    const caps = await client.capabilities();
    const { got, onPage } = collector();
    const result = await client.scan(FEEDER, onPage, undefined, { capabilities: caps });
    expect(result.outcome).toBe('failed');
    expect(result.error).toMatchObject({ code: 'unsupported-setting' });
    expect(result.error!.message).toMatch(/resolutie 150 ppi/);
    expect(scanner.requests.some((r) => r.startsWith('POST'))).toBe(false);
    expect(got).toEqual([]);
  });
});

describe('eSCL client: faults keep the pages already received', () => {
  it.each([404, 409, 500])('paper jam after page 2 (NextDocument answers %i)', async (jamStatus) => {
    scanner = await startVirtualScanner({ sheets: sheets(5), faults: { jamAfterPages: 2, jamStatus } });
    const { got, onPage } = collector();
    const result = await new EsclClient(scanner.baseUrl).scan(FEEDER, onPage);
    expect(result.pages).toBe(2);
    expect(result.outcome).toBe('failed');
    expect(result.error!.code).toBe('paper-jam');
    expect(result.error!.message).toMatch(/Papierstoring/);
    expect(await Promise.all(got.map((p) => pageNumber(p.bytes)))).toEqual([0, 1]);
    // The sheets not yet fed are still in the feeder for the clerk to re-feed.
    expect(scanner.feeder()).toHaveLength(3);
  });

  it('scanner gone mid-job (switched off after page 2)', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(5), faults: { goneAfterPages: 2 } });
    const { got, onPage } = collector();
    const result = await new EsclClient(scanner.baseUrl, { timeoutMs: 2_000 }).scan(FEEDER, onPage);
    expect(result).toMatchObject({ pages: 2, outcome: 'failed', error: { code: 'scanner-gone' } });
    expect(result.error!.message).toMatch(/verbinding met de scanner is verbroken/);
    expect(got).toHaveLength(2);
  });

  it('scanner gone halfway through sending a page: the half page is not a page', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(3), faults: { goneMidPage: 1 } });
    const { got, onPage } = collector();
    const result = await new EsclClient(scanner.baseUrl, { timeoutMs: 2_000 }).scan(FEEDER, onPage);
    expect(result).toMatchObject({ pages: 1, outcome: 'failed', error: { code: 'scanner-gone' } });
    expect(got).toHaveLength(1);
    expect(await pageNumber(got[0]!.bytes)).toBe(0);
  });

  it('feeder empty', async () => {
    scanner = await startVirtualScanner({ sheets: [] });
    const result = await new EsclClient(scanner.baseUrl).scan(FEEDER, collector().onPage);
    expect(result).toMatchObject({ pages: 0, outcome: 'failed', error: { code: 'feeder-empty' } });
    expect(result.error!.message).toMatch(/invoer van de scanner is leeg/);
  });

  it('cover open', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(2), faults: { coverOpen: true } });
    const result = await new EsclClient(scanner.baseUrl).scan(FEEDER, collector().onPage);
    expect(result).toMatchObject({ pages: 0, outcome: 'failed', error: { code: 'cover-open' } });
    expect(result.error!.message).toMatch(/klep of deur/);
  });

  it('scanner busy with another job', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(2), faults: { busy: true } });
    const result = await new EsclClient(scanner.baseUrl).scan(FEEDER, collector().onPage);
    expect(result).toMatchObject({ pages: 0, outcome: 'failed', error: { code: 'scanner-busy' } });
  });

  it('no scanner at the address at all', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createNetServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    expect(() => new EsclClient('ftp://10.0.0.1/eSCL')).toThrow(CaptureError);
    expect(() => new EsclClient('geen adres')).toThrow(CaptureError);
    const client = new EsclClient(`http://127.0.0.1:${port}/eSCL`, { timeoutMs: 1_000 });
    await expect(client.capabilities()).rejects.toSatisfy((e) => e instanceof CaptureError && e.code === 'scanner-gone');
    expect(await client.scan(FEEDER, collector().onPage)).toMatchObject({ pages: 0, outcome: 'failed', error: { code: 'scanner-gone' } });
  });
});

describe('eSCL client: cancel and storage failures', () => {
  it('cancel after the first page: the job is deleted on the scanner, the page is kept', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(4) });
    const ac = new AbortController();
    const got: EsclPage[] = [];
    const result = await new EsclClient(scanner.baseUrl).scan(
      FEEDER,
      async (p) => {
        got.push(p);
        ac.abort();
      },
      ac.signal,
    );
    expect(result).toEqual({ pages: 1, outcome: 'cancelled' });
    expect(got).toHaveLength(1);
    expect(scanner.requests.filter((r) => r.startsWith('DELETE /eSCL/ScanJobs/'))).toHaveLength(1);
    expect([...scanner.jobs.values()][0]!.state).toBe('Canceled');
  });

  it('a failing onPage (vault full) stops the job and surfaces as that error, not as a scanner fault', async () => {
    scanner = await startVirtualScanner({ sheets: sheets(3) });
    const boom = new Error('vault full');
    await expect(
      new EsclClient(scanner.baseUrl).scan(FEEDER, async (p) => {
        if (p.index === 1) throw boom;
      }),
    ).rejects.toBe(boom);
    expect([...scanner.jobs.values()][0]!.state).toBe('Canceled');
  });
});

describe('eSCL over HTTPS with a pinned self-signed certificate', () => {
  it('talks to the pinned scanner and refuses another certificate', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'escl-tls-'));
    try {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-keyout',
          join(dir, 'k.pem'),
          '-out',
          join(dir, 'c.pem'),
          '-days',
          '2',
          '-subj',
          '/CN=mfp.local',
        ],
        { stdio: 'ignore' },
      );
      const cert = readFileSync(join(dir, 'c.pem'));
      const der = Buffer.from(cert.toString().replace(/-----[^-]+-----|\s/g, ''), 'base64');
      const fp = createHash('sha256').update(der).digest('hex').match(/../g)!.join(':');
      const server = createHttpsServer({ key: readFileSync(join(dir, 'k.pem')), cert }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end('<scan:ScannerStatus xmlns:scan="s" xmlns:pwg="p"><pwg:State>Idle</pwg:State></scan:ScannerStatus>');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const base = `https://127.0.0.1:${(server.address() as { port: number }).port}/eSCL`;
      try {
        expect((await new EsclClient(base, { tls: { fingerprint256: fp } }).status()).state).toBe('Idle');
        await expect(new EsclClient(base, { tls: { fingerprint256: 'AA'.repeat(32) } }).status()).rejects.toSatisfy(
          (e) => e instanceof CaptureError && e.code === 'protocol',
        );
        // Without a pin, a self-signed certificate is not trusted.
        await expect(new EsclClient(base).status()).rejects.toBeInstanceOf(CaptureError);
      } finally {
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('discovery over mDNS (loopback, private port)', () => {
  const mdnsPort = 20000 + (process.pid % 20000);

  it('finds the virtual scanner and the address works', async () => {
    scanner = await startVirtualScanner({
      sheets: sheets(1),
      makeAndModel: 'Virtuele MFP 3000',
      mdns: { interfaceAddress: '127.0.0.1', port: mdnsPort },
    });
    const t0 = Date.now();
    const found = await discoverEscl({ timeoutMs: 1_500, interfaceAddress: '127.0.0.1', port: mdnsPort });
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      name: 'Virtuele MFP 3000',
      baseUrl: scanner.baseUrl,
      uuid: scanner.uuid,
      model: 'Virtuele MFP 3000',
      duplex: true,
      secure: false,
      location: 'Postkamer testlab',
    });
    expect((await new EsclClient(found[0]!.baseUrl).capabilities()).uuid).toBe(scanner.uuid);
  });

  it('returns an empty list in time when nothing answers', async () => {
    const t0 = Date.now();
    expect(await discoverEscl({ timeoutMs: 600, interfaceAddress: '127.0.0.1', port: mdnsPort + 1 })).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });
});
