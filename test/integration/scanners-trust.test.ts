// scanners.scan contacts only scanners the core knows: found by scanners.list, or configured by an administrator
// (a trusted local origin: the CLI, Electron main). A renderer or web call naming any other eSCL address or SANE
// device is refused before a single byte goes out: a recording HTTP server on 127.0.0.1 proves it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../src/contract/wire';
import { Core, type CallContext } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';
import { asAdmin } from '../support/core-call';

const web: CallContext = { origin: 'web', connection: 'web-clerk' };
const renderer: CallContext = { origin: 'renderer', connection: 'renderer-clerk' };
const cli: CallContext = { origin: 'cli', connection: 'cli-beheerder' };

describe('scanners.scan: only known scanners', () => {
  let core: Core;
  let recorder: Server;
  let recorderUrl: string;
  const seen: string[] = [];
  let connections = 0;
  let scanner: VirtualScanner;

  beforeAll(async () => {
    core = new Core(await initStore(join(tempDir(), 'store'), { passphrase: PASSPHRASE }), {
      processor: storeAsIs,
      close: async () => undefined,
    });
    for (const ctx of [web, renderer, cli]) await asAdmin(core, ctx);
    recorder = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    recorder.on('connection', () => connections++);
    await new Promise<void>((r) => recorder.listen(0, '127.0.0.1', r));
    recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/eSCL`;
    const png = await sharp({ create: { width: 400, height: 560, channels: 3, background: '#888' } })
      .png()
      .toBuffer();
    scanner = await startVirtualScanner({ sheets: [{ front: { png, dpi: 50 } }], resolutions: [150, 200, 300, 600] });
  });
  afterAll(async () => {
    await scanner?.close();
    await new Promise((r) => recorder?.close(r));
    await core?.close();
  });

  const batches = () => (core.store.db.prepare('SELECT count(*) AS n FROM batches').get() as { n: number }).n;
  const refused = async (scannerRef: unknown, ctx: CallContext) => {
    const r = (await core.call('scanners.scan', { scanner: scannerRef, profile: 'standaard' }, ctx)) as Result<unknown>;
    expect(r.ok, JSON.stringify(r)).toBe(false);
    const err = (r as { ok: false; error: { code: string; message: string } }).error;
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/scanner/i);
    expect(err.message).toMatch(/beheerder/);
    return err;
  };

  it('refuses an unknown eSCL address from the web or the renderer; the address never sees a request', async () => {
    const before = batches();
    for (const ctx of [web, renderer]) {
      await refused({ kind: 'escl', url: recorderUrl, name: 'onbekend' }, ctx);
      await refused({ kind: 'escl', url: `${recorderUrl}/`, name: 'onbekend' }, ctx);
      await refused({ kind: 'escl', url: recorderUrl.replace('/eSCL', '/anders'), name: 'onbekend' }, ctx);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect(seen).toEqual([]);
    expect(connections).toBe(0);
    expect(batches()).toBe(before);
  });

  it('refuses an unknown SANE device (a network backend would reach out) from the web', async () => {
    await refused({ kind: 'sane', device: `net:127.0.0.1:${(recorder.address() as AddressInfo).port}`, name: 'x' }, web);
    await refused({ kind: 'sane', device: 'airscan:e0:Onbekend', name: 'x' }, web);
    expect(connections).toBe(0);
  });

  it('a scanner an administrator configured (trusted origin) may then be used from the web', async () => {
    await refused({ kind: 'escl', url: scanner.baseUrl, name: 'Virtueel' }, web);
    expect(scanner.requests).toEqual([]);
    core.configureScanner({ kind: 'escl', url: scanner.baseUrl }, cli);
    const r = await core.call(
      'scanners.scan',
      { scanner: { kind: 'escl', url: `${scanner.baseUrl}/`, name: 'Virtueel' }, profile: 'standaard' },
      web,
    );
    expect(r.ok, JSON.stringify(r)).toBe(true);
    await expect.poll(() => scanner.requests.some((q) => q.startsWith('GET /eSCL/ScannerCapabilities')), { timeout: 10_000 }).toBe(true);
    // Still nothing for the address nobody configured.
    expect(connections).toBe(0);
  });

  it('the configuration is an administrator act: a web call cannot configure a scanner', () => {
    expect(() => core.configureScanner({ kind: 'escl', url: recorderUrl }, web)).toThrow(/beheerder/);
  });
});
