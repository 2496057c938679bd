// The `postkamer` command runs the core built ahead of time (.build/core/, scripts/build-core.mjs): no tsx, nothing
// compiled at run time, nothing read from or written to the shared temporary folder; --version and --help work as
// in every CLI; a missing build is named in one line with the command that makes it.

import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCore, cliEntry, outDir } from '../../scripts/build-core.mjs';
import { PASSPHRASE, cliPath, repoRoot, CLI_PERSON } from '../support/cli';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const cleanup: string[] = [];
afterEach(() => cleanup.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function scratch(): string {
  const d = mkdtempSync(join(tmpdir(), 'postkamer-build-test-'));
  cleanup.push(d);
  return d;
}

/** `node <bin> <args>` with TMPDIR pointing to a fresh empty folder; returns that folder's contents afterwards. */
function run(args: string[], opts: { bin?: string; env?: Record<string, string> } = {}) {
  const tmp = scratch();
  const r = spawnSync(process.execPath, [opts.bin ?? cliPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...CLI_PERSON, TMPDIR: tmp, TMP: tmp, TEMP: tmp, POSTKAMER_PASSPHRASE: PASSPHRASE, ...opts.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, tmpAfter: readdirSync(tmp) };
}

describe('the built CLI', () => {
  it('help, --help, -h: usage on stdout, exit 0, and the temporary folder stays empty (no run-time compilation cache)', () => {
    for (const a of [['help'], ['--help'], ['-h'], ['ingest', '--help']]) {
      const r = run(a);
      expect(r.stderr, a.join(' ')).toBe('');
      expect(r.code, a.join(' ')).toBe(0);
      expect(r.stdout, a.join(' ')).toMatch(/^postkamer — documentverwerking/);
      expect(r.stdout).toContain('Gebruik: postkamer <opdracht>');
      expect(r.tmpAfter, a.join(' ')).toEqual([]);
    }
  });

  it('--version prints the version of package.json, exit 0, nothing in the temporary folder', () => {
    for (const a of ['--version', 'version']) {
      const r = run([a]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`postkamer ${pkg.version}\n`);
      expect(r.tmpAfter).toEqual([]);
    }
  });

  it('status on an empty store works from the build and leaves the temporary folder empty', () => {
    const data = join(scratch(), 'store');
    expect(run(['init', '--data', data]).code).toBe(0);
    const r = run(['status', '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Postkamer ${pkg.version.replace(/\./g, '\\.')} — 0 batches, 0 documenten`));
    expect(r.tmpAfter).toEqual([]);
  });

  it('web: the harness started from the build serves the renderer bundle from renderer/dist (asset paths resolve)', async () => {
    const index = join(repoRoot, 'renderer', 'dist', 'index.html');
    expect(existsSync(index), 'renderer/dist is built by `npm run build:renderer` (npm test does it first)').toBe(true);
    const child = spawn(process.execPath, [cliPath, 'web', '--port', '0', '--data', join(scratch(), 'store')], {
      cwd: repoRoot,
      env: { ...process.env, ...CLI_PERSON, POSTKAMER_PASSPHRASE: PASSPHRASE },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      const line = await new Promise<string>((ok, ko) => {
        createInterface({ input: child.stdout }).once('line', ok);
        child.once('exit', (c) => ko(new Error(`exited ${c}: ${stderr}`)));
      });
      const url = /^Postkamer web: (http:\/\/127\.0\.0\.1:\d+\/\S+)$/.exec(line)?.[1];
      expect(url, line).toBeDefined();
      // The one-time token is exchanged for a session cookie, then / is the bundle's index.html.
      const first = await fetch(url!, { redirect: 'manual' });
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0];
      const page = first.status === 200 ? first : await fetch(new URL('/', url), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe(readFileSync(index, 'utf8'));
      expect(stderr).not.toContain('eenmalig gebouwd'); // found the existing bundle, did not rebuild it
    } finally {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
    }
  });

  it('a missing build is one line naming the command that makes it, exit 1, no stack trace', () => {
    // bin/postkamer.mjs copied to a project folder where nothing was built.
    const project = scratch();
    mkdirSync(join(project, 'bin'));
    copyFileSync(cliPath, join(project, 'bin', 'postkamer.mjs'));
    const r = run(['help'], { bin: join(project, 'bin', 'postkamer.mjs') });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    expect(r.stderr).toContain('npm run build:core');
    expect(r.stderr).not.toMatch(/\n\s+at |Error:/);
  });

  it('runs built JavaScript: no tsx in the bin or the build, tsx only a devDependency, the build in the project', () => {
    expect(readFileSync(cliPath, 'utf8')).not.toMatch(/tsx|\.ts['"]/);
    const built = readdirSync(outDir).filter((f) => f.endsWith('.js'));
    expect(built).toContain('cli.js');
    for (const f of built) expect(readFileSync(join(outDir, f), 'utf8'), f).not.toMatch(/\btsx\b/);
    expect(pkg.dependencies).not.toHaveProperty('tsx');
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(relative(repoRoot, cliEntry)).toBe(join('.build', 'core', 'cli.js'));
    expect(readFileSync(join(repoRoot, '.gitignore'), 'utf8').split('\n')).toContain('/.build/');
    // Built at `npm ci` (prepare) and before the tests.
    expect(pkg.scripts.prepare).toContain('build:core');
    expect(pkg.scripts.test).toContain('build:core');
  });

  it('help does not load what only some commands need: the entry statically imports no native or heavy package', async () => {
    const { metafile } = await buildCore({ log: false });
    const heavy = [
      'better-sqlite3-multiple-ciphers',
      'sharp',
      '@napi-rs/canvas',
      'tesseract.js',
      'pdfjs-dist',
      'pdf-lib',
      '@pdf-lib/fontkit',
      'zxing-wasm',
      'multicast-dns',
      'ws',
      'vite',
      'yaml',
    ];
    // Follow the static imports from the entry through the chunks it loads at start.
    const start = relative(repoRoot, cliEntry);
    const seen = new Set<string>();
    const externals = new Set<string>();
    const visit = (out: string) => {
      if (seen.has(out)) return;
      seen.add(out);
      for (const imp of metafile.outputs[out]?.imports ?? []) {
        if (imp.kind !== 'import-statement') continue;
        if (imp.external) externals.add(imp.path);
        else visit(imp.path);
      }
    };
    visit(start);
    expect(seen.size).toBeGreaterThan(0);
    for (const h of heavy)
      expect(
        [...externals].filter((e) => e === h || e.startsWith(`${h}/`)),
        h,
      ).toEqual([]);
  });
});
