// A scanner (or anything answering at a scanner's address) cannot make Postkamer read without end: every eSCL
// response body is counted as it arrives and the connection is cut when it passes its bound (status and
// capabilities XML: small; a page: large but bounded), with a clear Dutch error. The virtual scanner on 127.0.0.1
// streams a body that never ends and records whether the client closed the connection.
import { afterEach, describe, expect, it } from 'vitest';
import { EsclClient, ESCL_LIMITS } from '../../src/capture/escl/client';
import type { EsclScanSettings } from '../../src/capture/escl/model';
import { CaptureError } from '../../src/capture/errors';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';
import sharp from 'sharp';

let scanner: VirtualScanner | undefined;
afterEach(async () => {
  await scanner?.close();
  scanner = undefined;
});

const FEEDER: EsclScanSettings = { source: 'Feeder', duplex: false, resolution: 150, colorMode: 'Grayscale8', format: 'image/png' };
const MiB = 1024 * 1024;

async function expectCaptureError(p: Promise<unknown>): Promise<CaptureError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CaptureError);
    return e as CaptureError;
  }
  throw new Error('expected a CaptureError');
}

describe('eSCL client: bounded response bodies', () => {
  it('names its bounds: status XML small, a page bounded', () => {
    expect(ESCL_LIMITS.xmlBytes).toBeLessThanOrEqual(MiB);
    expect(ESCL_LIMITS.pageBytes).toBeLessThanOrEqual(512 * MiB);
    expect(ESCL_LIMITS.pageBytes).toBeGreaterThanOrEqual(64 * MiB);
  });

  for (const endpoint of ['ScannerCapabilities', 'ScannerStatus'] as const) {
    it(`an endless ${endpoint} body: cut off past the XML bound, socket closed, clear error`, async () => {
      scanner = await startVirtualScanner({ faults: { flood: endpoint } });
      const client = new EsclClient(scanner.baseUrl);
      const err = await expectCaptureError(endpoint === 'ScannerCapabilities' ? client.capabilities() : client.status());
      expect(err.code).toBe('protocol');
      expect(err.message).toMatch(/te groot/);
      expect(err.message).toContain(endpoint);
      const rec = scanner.floods[0]!;
      await rec.done;
      expect(rec.closedByClient).toBe(true);
      // Read no further than the bound (plus what the kernel buffers hold).
      expect(rec.bytes).toBeLessThan(ESCL_LIMITS.xmlBytes + 16 * MiB);
    });
  }

  it('a declared Content-Length over the bound is refused before the body is read', async () => {
    scanner = await startVirtualScanner({ faults: { flood: 'ScannerCapabilities', floodLength: 5 * 1024 ** 3 } });
    const err = await expectCaptureError(new EsclClient(scanner.baseUrl).capabilities());
    expect(err.code).toBe('protocol');
    expect(err.message).toMatch(/te groot/);
    const rec = scanner.floods[0]!;
    await rec.done;
    expect(rec.closedByClient).toBe(true);
  });

  it('an endless page: the job fails with a clear error and the connection is cut', async () => {
    const png = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#777' } })
      .png()
      .toBuffer();
    scanner = await startVirtualScanner({ sheets: [{ front: { png, dpi: 50 } }] });
    const client = new EsclClient(scanner.baseUrl, { maxPageBytes: 4 * MiB });
    const caps = await client.capabilities();
    scanner.setFaults({ flood: 'NextDocument' });
    const got: Buffer[] = [];
    const res = await client.scan(FEEDER, async (p) => void got.push(p.bytes), undefined, { capabilities: caps });
    expect(got).toEqual([]);
    expect(res.outcome).toBe('failed');
    expect(res.error?.code).toBe('protocol');
    expect(res.error?.message).toMatch(/te groot/);
    expect(res.error?.message).toMatch(/pagina 1/);
    const rec = scanner.floods[0]!;
    await rec.done;
    expect(rec.closedByClient).toBe(true);
    expect(rec.bytes).toBeLessThan(4 * MiB + 16 * MiB);
  });
});

describe('eSCL client: a job has a page limit and a deadline (finding F7)', () => {
  const tiny = () =>
    sharp({ create: { width: 40, height: 56, channels: 3, background: '#888' } })
      .png()
      .toBuffer();

  it('a scanner serving a page on every NextDocument: stopped at the page limit, cancelled on the scanner, pages kept, Dutch reason', async () => {
    scanner = await startVirtualScanner({ sheets: [{ front: { png: await tiny(), dpi: 150 } }], faults: { endlessPages: 200 } });
    const client = new EsclClient(scanner.baseUrl, { maxPages: 5 });
    const got: number[] = [];
    const res = await client.scan(FEEDER, async (p) => void got.push(p.index));
    expect(got).toEqual([0, 1, 2, 3, 4]);
    expect(res.pages).toBe(5);
    expect(res.outcome).toBe('failed');
    expect(res.error?.code).toBe('protocol');
    expect(res.error?.message).toMatch(/limiet van 5 pagina's/);
    expect(res.error?.message).toMatch(/afgebroken/);
    const job = [...scanner.jobs.values()][0]!;
    expect(job.state).toBe('Canceled');
    expect(scanner.requests.filter((r) => r.startsWith('DELETE /eSCL/ScanJobs/'))).toHaveLength(1);
  });

  it('a job running past its overall deadline: cancelled on the scanner, pages kept, Dutch reason', async () => {
    scanner = await startVirtualScanner({
      sheets: [{ front: { png: await tiny(), dpi: 150 } }],
      faults: { endlessPages: 100_000, notReadyPolls: 1 },
    });
    const client = new EsclClient(scanner.baseUrl, { jobTimeoutMs: 1_500, pollMs: 20 });
    let n = 0;
    const t0 = Date.now();
    const res = await client.scan(FEEDER, async () => void n++);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(n).toBeGreaterThan(0);
    expect(res.pages).toBe(n);
    expect(res.outcome).toBe('failed');
    expect(res.error?.message).toMatch(/langer dan/);
    expect([...scanner.jobs.values()][0]!.state).toBe('Canceled');
  }, 30_000);

  it('the default page limit is one shared capture limit (eSCL and SANE)', async () => {
    const { CAPTURE_LIMITS } = await import('../../src/capture/limits');
    expect(CAPTURE_LIMITS.pagesPerJob).toBe(1000);
    expect(ESCL_LIMITS.pageBytes).toBe(CAPTURE_LIMITS.pageBytes);
  });
});
