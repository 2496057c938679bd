// Where the Electron binary is, or null when it was never downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, an air-gapped
// machine). Not `require('electron')`: its index.js tries to download a missing binary, and nothing may be fetched.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** @returns {string | null} */
export function electronBinary() {
  let dir;
  try {
    dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathTxt = join(dir, 'path.txt');
  const rel = existsSync(pathTxt) ? readFileSync(pathTxt, 'utf8').trim() : null;
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, rel ?? 'electron') : rel ? join(dir, 'dist', rel) : null;
  return candidate && existsSync(candidate) ? candidate : null;
}
