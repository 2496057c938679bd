#!/usr/bin/env node
// Builds the core for the `postkamer` command ahead of time (esbuild) into .build/core/ in the project, so that the
// CLI, the web harness and `postkamer zgw-server` run from plain JavaScript: nothing is compiled at run time and
// nothing executable is read from the shared temporary folder. Run by `npm ci` (prepare), `npm test` and the vitest
// globalSetup; `npm run build:core` by hand.
//
// Layout rule: .build/core/ is two folders below the project root, like src/core/ and Electron's .vite/build/, so
// src/base/app-root.ts finds assets/ and renderer/dist/ the same way from source, from this build and from the app.
// All output files sit flat in that one folder (no chunk subfolders) for the same reason.
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const outDir = join(root, '.build', 'core');
/** The file bin/postkamer.mjs imports. */
export const cliEntry = join(outDir, 'cli.js');

/**
 * Pure-JavaScript packages compiled into the build rather than loaded from node_modules as CommonJS at run time
 * (module-format detection, the CommonJS export scan): `postkamer status` took ≈0.3 s less CPU with them bundled
 * (user+sys, median of 5, 1.8 → 1.5 s including scrypt, on the shared 2-core machine at load 15).
 */
export const BUNDLED = ['zod', 'pdf-lib', '@pdf-lib/fontkit'];

/** Every other npm package the project has stays external (with its subpaths, e.g. `pdfjs-dist/legacy/…`). */
function externals() {
  const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys({ ...pj.dependencies, ...pj.devDependencies, ...pj.optionalDependencies }).filter((n) => !BUNDLED.includes(n));
  return names.flatMap((n) => [n, `${n}/*`]);
}

/** Files of an earlier build that the current one no longer writes are removed once they are this old. */
const STALE_MS = 15 * 60_000;

/**
 * Builds src/hosts/cli/main.ts (and through its dynamic imports the web harness and the test zaaksysteem) into
 * .build/core/. The npm packages but BUNDLED stay external and are loaded from node_modules at run time, as in the
 * Electron build (vite.utility.config.ts): native modules cannot be bundled, and tesseract.js, pdf.js and zxing-wasm
 * find their workers, wasm and data relative to their own package folders. Code splitting keeps `postkamer help` from
 * loading what only some commands need (sharp, tesseract.js, pdf.js …).
 *
 * Other processes may be running the CLI while this runs (parallel test runs): each file is written to a temporary
 * name and renamed into place, unchanged files are left alone, chunks (content-hashed names) before the entry, and
 * files of earlier builds are only removed when they are old.
 */
export async function buildCore({ log = true } = {}) {
  const t0 = performance.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { cli: 'src/hosts/cli/main.ts' },
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.18',
    tsconfig: 'tsconfig.node.json', // the core's compiler settings (ES2023 class fields, as tsc checks them)
    external: externals(),
    chunkNames: 'chunk-[hash]',
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    write: false,
    metafile: true,
  });
  if (relative(root, outDir).split(/[\\/]/).length !== 2) {
    throw new Error('build-core: .build/core must be two folders below the project root (see src/base/app-root.ts)');
  }
  mkdirSync(outDir, { recursive: true });
  const written = new Set();
  const entryLast = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith('cli.js')) - Number(b.path.endsWith('cli.js')));
  let changed = 0;
  for (const f of entryLast) {
    written.add(f.path);
    let same = false;
    try {
      same = readFileSync(f.path).equals(f.contents);
    } catch {
      /* not there yet */
    }
    if (same) continue;
    const tmp = `${f.path}.${process.pid}.tmp`;
    writeFileSync(tmp, f.contents);
    renameSync(tmp, f.path);
    changed++;
  }
  const now = Date.now();
  for (const name of readdirSync(outDir)) {
    const p = join(outDir, name);
    if (written.has(p)) continue;
    try {
      if (now - statSync(p).mtimeMs > STALE_MS) unlinkSync(p);
    } catch {
      /* removed by another build */
    }
  }
  if (log) {
    const ms = Math.round(performance.now() - t0);
    process.stderr.write(`build:core: ${relative(root, outDir)}/ (${result.outputFiles.length} files, ${changed} changed) in ${ms} ms\n`);
  }
  return { outDir, files: [...written], metafile: result.metafile };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await buildCore();
  } catch (e) {
    process.stderr.write(`build:core: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
