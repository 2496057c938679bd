// Build-time helpers for forge.config.ts and vite.utility.config.ts (nothing in the app imports them): which npm
// packages the core loads from node_modules at run time, and which files of the project go into the packaged app.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Pure over a folder, so test/unit/main/package-files.test.ts checks them against the real tree.

interface PackageJson {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as PackageJson;

/** Bundled into the renderer by Vite; never loaded from node_modules in the app. */
export const RENDERER_ONLY = ['react', 'react-dom', 'react-i18next', 'i18next'];
/** Runs the CLI from TypeScript sources; the app ships built code. */
export const SOURCE_RUNNERS = ['tsx'];

/**
 * The packages the core imports at run time: every production dependency but the renderer's and tsx. They stay
 * external to the utility bundle (native modules, tesseract.js' worker, pdf.js and zxing assets are found
 * relative to their package folders) and are shipped in node_modules.
 */
export function runtimePackages(root: string): string[] {
  const deps = Object.keys(readJson(join(root, 'package.json')).dependencies ?? {});
  return deps.filter((d) => !RENDERER_ONLY.includes(d) && !SOURCE_RUNNERS.includes(d)).sort();
}

/**
 * The installed folders (relative to `root`, e.g. `node_modules/sharp`) of `packages` and everything they
 * depend on, resolved as Node does (a nested node_modules first, then the parent ones). Optional dependencies
 * that are not installed (other platforms' sharp and canvas binaries) are skipped.
 */
export function dependencyClosure(root: string, packages: string[]): string[] {
  const found = new Set<string>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = locate(root, name, fromDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`package "${name}" is not installed (needed from ${fromDir || 'the app'})`);
    }
    if (found.has(dir)) return;
    found.add(dir);
    const pj = readJson(join(root, dir, 'package.json'));
    for (const d of Object.keys(pj.dependencies ?? {})) visit(d, dir, false);
    for (const d of Object.keys(pj.optionalDependencies ?? {})) visit(d, dir, true);
  };
  for (const p of packages) visit(p, '', false);
  return [...found].sort();
}

function locate(root: string, name: string, fromDir: string): string | null {
  // fromDir is like `node_modules/a/node_modules/b`: try its own node_modules, then each enclosing one.
  let dir = fromDir;
  for (;;) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (existsSync(join(root, candidate, 'package.json'))) return candidate;
    if (!dir) return null;
    const i = dir.lastIndexOf('/node_modules/');
    dir = i >= 0 ? dir.slice(0, i) : '';
  }
}

/**
 * electron-packager's `ignore`: true for every project path that must NOT go into the app. Kept: package.json,
 * the Vite output (.vite/), the renderer build where renderer/vite.config.ts puts it (renderer/dist), assets/,
 * and the node_modules folders in `keepPackages`. Paths are as packager gives them: `/`-separated, leading `/`.
 */
export function packagerIgnore(keepPackages: string[]): (path: string) => boolean {
  const keep = ['/package.json', '/.vite', '/renderer/dist', '/assets', ...keepPackages.map((p) => `/${p}`)];
  return (path: string) => {
    if (!path || path === '/') return false;
    const p = path.replace(/\\/g, '/').replace(/\/+$/, '');
    // Inside a kept folder, or a folder on the way to one (e.g. /node_modules, /node_modules/@img).
    return !keep.some((k) => p === k || p.startsWith(`${k}/`) || k.startsWith(`${p}/`));
  };
}

/** A glob (minimatch, as asar.unpack takes it) matching the given package folders and everything in them. */
export const unpackGlob = (packages: string[]) => `{${packages.map((p) => `**/node_modules/${p}/**`).join(',')}}`;
