// Where the Tesseract language data lives. Offline only: the data ships in npm packages
// (@tesseract.js-data/<lang>), resolved through Node's module resolution, never a CDN.
//
// tesseract.js reads every language from ONE langPath (`${langPath}/${lang}.traineddata.gz`), and its
// in-memory alternative (`langs: [{ code, data }]`) is broken in v7 (initialize joins `l.data` instead of
// `l.code`: naptha/tesseract.js PR #1052, open). The packages keep each language in its own folder, so for
// 'nld+eng' the .gz files are copied once into one staging folder (model data only, never page content).
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, lstatSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** LSTM-only integer models (what tesseract.js itself would fetch for OEM 1), or the legacy+LSTM set. */
export type DataFlavour = 'best_int' | 'legacy';

export function languageDir(lang: string, flavour: DataFlavour = 'best_int'): string {
  const pkg = path.dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  const dir = path.join(pkg, flavour === 'best_int' ? '4.0.0_best_int' : '4.0.0');
  if (!existsSync(path.join(dir, `${lang}.traineddata.gz`))) {
    throw new Error(`tessdata for '${lang}' not found in ${dir}`);
  }
  return dir;
}

/**
 * A folder holding `<lang>.traineddata.gz` for every language in `langs` ('nld+eng').
 * `stagingRoot` is where a combined folder may be made (the app passes its data dir; default: the user's private
 * cache folder, never the shared temporary folder, where another local user could plant a model).
 */
export function langPathFor(langs: string, flavour: DataFlavour = 'best_int', stagingRoot?: string): string {
  const codes = langs.split('+').filter(Boolean);
  const dirs = codes.map((c) => languageDir(c, flavour));
  if (new Set(dirs).size === 1) return dirs[0]!;
  const sources = codes.map((c, i) => path.join(dirs[i]!, `${c}.traineddata.gz`));
  // Name the folder after the exact source files, so a package update gets a fresh folder.
  const hash = createHash('sha256');
  for (const s of sources) {
    const st = statSync(s);
    hash.update(`${s}\0${st.size}\0${st.mtimeMs}\0`);
  }
  const target = path.join(stagingRoot ?? privateCacheDir(), hash.digest('hex').slice(0, 16));
  mkdirSync(target, { recursive: true });
  codes.forEach((c, i) => {
    const dest = path.join(target, `${c}.traineddata.gz`);
    if (existsSync(dest) && statSync(dest).size === statSync(sources[i]!).size) return;
    // Copy then rename, so a concurrent pool never reads a half-written file.
    const tmp = `${dest}.${process.pid}.${Date.now()}.tmp`;
    copyFileSync(sources[i]!, tmp);
    renameSync(tmp, dest);
  });
  return target;
}

/**
 * `$XDG_CACHE_HOME/postkamer/tessdata` (or `~/.cache/…`; `%LOCALAPPDATA%` on Windows), made 0700. Refused when it is
 * a link, or (POSIX) not owned by this user or open to others: what is read from it must be only ours.
 */
export function privateCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base =
    process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'))
      : env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)
        ? env.XDG_CACHE_HOME
        : path.join(os.homedir(), '.cache');
  const dir = path.join(base, 'postkamer', 'tessdata');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const st = lstatSync(dir);
  const uid = process.getuid?.();
  if (!st.isDirectory() || (uid !== undefined && (st.uid !== uid || (st.mode & 0o077) !== 0))) {
    throw new Error(`${dir}: not a private folder of this user (owner, mode 0700 expected); the language data is not staged there`);
  }
  return dir;
}
