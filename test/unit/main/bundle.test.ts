import { fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire, builtinModules } from 'node:module';
import { join, resolve } from 'node:path';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { build, mergeConfig, type InlineConfig } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import forgeConfig from '../../../forge.config';
import { runtimePackages } from '../../../main/build/package-files';
import { tempDir } from './support/in-process-core';

// Builds main, preload and utility twice — with the standalone Vite configs, and with the configs Forge's Vite
// plugin derives from them (its own defaults merged under ours, as `electron-forge package` does) — and checks
// what the bundles may load at run time: a sandboxed preload can require only `electron`; main is an ES module
// needing nothing from node_modules; the core never loads electron and takes from node_modules only its declared
// run-time packages.

const root = resolve(import.meta.dirname, '../../..');
// Inside the project (.vite/ is git-ignored), so that the bundles' externals resolve from its node_modules.
const outDir = (name: string) => {
  const dir = mkdtempSync(join(root, '.vite', `unit-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
};
mkdirSync(join(root, '.vite'), { recursive: true });
const standalone = outDir('standalone');
const viaForge = outDir('forge');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const esmImports = (code: string) =>
  [
    ...code.matchAll(
      /(?:^|[\n;])\s*(?:import|export)\s*[^;]*?from\s*["']([^"']+)["']|(?:^|[\n;])\s*import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
const requires = (code: string) => [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
const pkgName = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

beforeAll(async () => {
  for (const c of ['main', 'preload', 'utility']) {
    await build({ configFile: join(root, `vite.${c}.config.ts`), logLevel: 'silent', build: { outDir: standalone.dir } });
  }
  // What Forge's prePackage hook runs (@electron-forge/plugin-vite's ViteConfigGenerator, production mode).
  const vite = forgeConfig.plugins!.find((p): p is VitePlugin => p instanceof VitePlugin)!;
  const { default: Generator } = createRequire(import.meta.url)('@electron-forge/plugin-vite/dist/ViteConfig') as {
    default: new (c: unknown, dir: string, prod: boolean) => { getBuildConfigs(): Promise<InlineConfig[]> };
  };
  for (const cfg of await new Generator(vite.config, root, true).getBuildConfigs()) {
    await build(mergeConfig(cfg, { configFile: false, logLevel: 'silent', build: { outDir: viaForge.dir } }) as InlineConfig);
  }
}, 180_000);
afterAll(() => {
  standalone.remove();
  viaForge.remove();
});

for (const [how, out] of [
  ['standalone', standalone],
  ["through Forge's Vite plugin", viaForge],
] as const) {
  const read = (f: string) => readFileSync(join(out.dir, f), 'utf8');
  describe(`the Electron bundles, built ${how}`, () => {
    it('preload.cjs is one CommonJS script that requires only electron and exposes only window.postkamer', () => {
      const code = read('preload.cjs');
      expect(code.startsWith('"use strict"')).toBe(true);
      expect(esmImports(code)).toEqual([]);
      expect([...new Set(requires(code))]).toEqual(['electron']);
      expect([...code.matchAll(/exposeInMainWorld\(\s*"([^"]+)"/g)].map((m) => m[1])).toEqual(['postkamer']);
      // The contract is inlined (the command list the preload filters on), not required.
      expect(code).toContain('"upload.begin"');
    });

    it('main.js is an ES module needing only electron and Node built-ins', () => {
      const code = read('main.js');
      expect(requires(code)).toEqual([]);
      const specs = esmImports(code);
      expect(specs).toContain('electron');
      expect(specs.filter((s) => s !== 'electron' && !builtins.has(s))).toEqual([]);
    });

    it('utility.js is an ES module that never loads electron and takes only run-time packages from node_modules', () => {
      const code = read('utility.js');
      expect(requires(code)).toEqual([]);
      const specs = esmImports(code);
      expect(specs.filter((s) => s === 'electron' || s.startsWith('electron/'))).toEqual([]);
      const allowed = new Set(runtimePackages(root));
      expect(specs.filter((s) => !builtins.has(s) && !allowed.has(pkgName(s)))).toEqual([]);
      expect(specs).toContain('better-sqlite3-multiple-ciphers');
    });

    it('utility.js runs: opens a new store, answers main, shuts down cleanly (with Node IPC as its parent port)', async () => {
      const data = tempDir();
      try {
        const child = fork(join(import.meta.dirname, 'support/parent-port-shim.mjs'), [join(out.dir, 'utility.js')], {
          serialization: 'advanced',
          stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
          execArgv: [], // not the test runner's loader flags: the bundle runs on plain Node, as in Electron
        });
        let stderr = '';
        child.stderr!.on('data', (d) => (stderr += d));
        const replies: { t: string; id?: number; [k: string]: unknown }[] = [];
        child.on('message', (m) => replies.push(m as (typeof replies)[number]));
        let gone = false;
        const exited = new Promise<number | null>((ok) =>
          child.on('exit', (code) => {
            gone = true;
            ok(code);
          }),
        );
        const next = async (pred: (m: (typeof replies)[number]) => boolean) => {
          for (let i = 0; i < 400 && !gone; i++) {
            const hit = replies.find(pred);
            if (hit) return hit;
            await new Promise((r) => setTimeout(r, 50));
          }
          throw new Error(`no reply; core said: ${stderr}`);
        };
        child.send({ t: 'init', dataDir: join(data.dir, 'store'), key: new Uint8Array(32).fill(9), create: { osWrapped: 'd3JhcHBlZA==' } });
        expect(await next((m) => m.t === 'ready' || m.t === 'init-failed')).toMatchObject({ t: 'ready' });
        child.send({ t: 'call', id: 1, cmd: 'auth.state', input: {} });
        expect(await next((m) => m.id === 1)).toMatchObject({
          t: 'result',
          result: { ok: true, data: { needsFirstAdmin: true, person: null } },
        });
        child.send({ t: 'call', id: 3, cmd: 'app.status', input: {} }); // nobody at the window has signed in
        expect(await next((m) => m.id === 3)).toMatchObject({ t: 'result', result: { ok: false, error: { code: 'unauthenticated' } } });
        child.send({ t: 'blob', id: 2, documentId: '00000000-0000-4000-8000-000000000000', kind: 'pdf' });
        expect(await next((m) => m.id === 2)).toEqual({ t: 'blob', id: 2, ok: false, status: 404 });
        child.send({ t: 'shutdown' });
        expect(await exited).toBe(0);
        expect(stderr).toContain('store created');
        expect(stderr).not.toMatch(/0909090909|CQkJ/); // the key, hex or base64, never in the log
      } finally {
        data.remove();
      }
    });
  });
}
