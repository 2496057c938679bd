// `postkamer zgw-server` as a separate process (the built CLI, as tests and the demo start it): the first stdout line
// is the connection JSON; SIGTERM stops it; nothing is read from or written to the shared temporary folder.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parseZgwServerArgs } from '../zgw-server/cli';
import { ZgwTestClient } from '../zgw-server/test-client';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
let child: ChildProcessWithoutNullStreams | undefined;
let tmp: string | undefined;

afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
  if (tmp) rmSync(tmp, { recursive: true, force: true });
  tmp = undefined;
});

/** `postkamer zgw-server <args>` with TMPDIR pointing to a fresh empty folder (`tmp`). */
function start(args: string[]): { child: ChildProcessWithoutNullStreams; firstLine: Promise<string> } {
  tmp = mkdtempSync(join(tmpdir(), 'postkamer-zgw-cli-'));
  const p = spawn(process.execPath, ['bin/postkamer.mjs', 'zgw-server', ...args], {
    cwd: root,
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
  });
  const lines = createInterface({ input: p.stdout });
  const firstLine = new Promise<string>((res, rej) => {
    lines.once('line', res);
    p.once('exit', (code) => rej(new Error(`exited with ${code} before printing`)));
  });
  firstLine.catch(() => {}); // a test that expects an early exit need not await it
  return { child: p, firstLine };
}

describe('zgw-server CLI', () => {
  it('prints exactly one JSON object with the base URLs and credentials first, serves, and stops on SIGTERM', async () => {
    const s = start(['--port', '0', '--seed', 'demo']);
    child = s.child;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const info = JSON.parse(await s.firstLine);
    expect(Object.keys(info)).toEqual(['zaken', 'documenten', 'catalogi', 'clientId', 'secret', 'rsin']);
    expect(info.zaken).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/zaken\/api\/v1$/);
    expect(info.documenten).toMatch(/\/documenten\/api\/v1$/);
    expect(info.catalogi).toMatch(/\/catalogi\/api\/v1$/);

    const c = new ZgwTestClient(info);
    const r = await c.get(`${info.zaken}/zaken?pageSize=1`);
    expect(r.status).toBe(200);
    expect(r.body.count).toBe(24);
    // The request log goes to stderr (written just after the response), stdout stays clean.
    for (let i = 0; i < 50 && !stderr.includes('[zaak_list]'); i++) await new Promise((res) => setTimeout(res, 20));
    expect(stderr).toContain('[zaak_list]');

    child.kill('SIGTERM');
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    // No run-time compilation cache, no parsed-spec cache in the shared temporary folder.
    expect(readdirSync(tmp!)).toEqual([]);
  });

  it('fails with a message for a bad option', async () => {
    const s = start(['--seed', 'everything']);
    child = s.child;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1); // the CLI's "command failed"
    expect(stderr).toBe('postkamer zgw-server: --seed moet een van demo, minimal, none zijn\n');
  });

  it('parses --port and --seed', () => {
    expect(parseZgwServerArgs(['--port', '8123', '--seed', 'none'])).toMatchObject({ port: 8123, seed: 'none' });
    expect(parseZgwServerArgs([])).toMatchObject({ port: 0, seed: 'minimal' });
    expect(() => parseZgwServerArgs(['--port', 'x'])).toThrow(/--port/);
  });
});
