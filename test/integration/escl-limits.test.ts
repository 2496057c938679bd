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
    const png = await sharp({ create: { width: 200, height: 280, channels: 3, background: '#777' } }).png().toBuffer();
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
