// Where Electron main finds things on disk: the store's folder, and the built renderer behind `postkamer://app/`.
import { existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { isInside, isInsideReal } from '../src/store/fsutil';

/**
 * The store lives in `<userData>/store`, the same folder `defaultDataDir()` (src/hosts/paths.ts) gives the CLI, so
 * app and CLI share one store; POSTKAMER_DATA overrides both alike. test/unit/main/paths.test.ts keeps them equal.
 */
export const dataDirFor = (userData: string, env: NodeJS.ProcessEnv = process.env) => env.POSTKAMER_DATA || join(userData, 'store');

/**
 * Where the built renderer is. Forge's Vite plugin would put it in `.vite/renderer/main_window`, but
 * renderer/vite.config.ts sets its own outDir (`renderer/dist`, shared with the web harness) and a user config wins
 * over Forge's defaults; so look in both, Forge's place first. Returns null when neither holds an index.html.
 */
export function rendererDirIn(appPath: string, exists: (p: string) => boolean = existsSync): string | null {
  for (const dir of [join(appPath, '.vite', 'renderer', 'main_window'), join(appPath, 'renderer', 'dist')]) {
    if (exists(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * Maps the path of a `postkamer://app/<path>` URL to a file under `root`, or null when it would leave `root`.
 * A path without an extension that names no file falls back to index.html (client-side routes), as the web
 * harness does; a missing asset stays missing.
 */
export function rendererFileFor(root: string, urlPath: string, isFile: (p: string) => boolean = isRegularFile): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  rel = normalize(rel).replace(/^[/\\]+/, '');
  const base = resolve(root);
  const file = resolve(base, rel || 'index.html');
  if (!isInside(base, file)) return null;
  // A symlink in the build that points outside it is refused too (the shared helper follows links).
  if (isFile(file)) return isInsideReal(base, file) ? file : null;
  return extname(file) === '' ? join(base, 'index.html') : null;
}

function isRegularFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
