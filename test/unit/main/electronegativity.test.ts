import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Electronegativity (Doyensec's Electron security scanner) over the Electron side of the app: the sources (main/ with
// the preload, and the core's utility-process entry src/hosts/utility.ts) and what users run — main.js and the
// preload, bundled with the project's own Vite configs. Any HIGH or MEDIUM finding fails; LOW and INFORMATIONAL ones
// are printed. Electronegativity runs in a child process of its own (support/electronegativity-scan.cjs), offline,
// with the Electron version passed in, and is killed if it takes too long.

const root = resolve(import.meta.dirname, '../../..');
const scanner = join(import.meta.dirname, 'support', 'electronegativity-scan.cjs');
const electronVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string })
  .version;
mkdirSync(join(root, '.vite'), { recursive: true });
// Inside the project (.vite/ is git-ignored), like the other bundle tests.
const work = mkdtempSync(join(root, '.vite', 'unit-electronegativity-'));
const dirs = { sources: join(work, 'sources'), bundles: join(work, 'bundles'), weakened: join(work, 'weakened') };

type Finding = {
  id: string;
  severity: string;
  confidence: string;
  manualReview: boolean;
  file: string;
  line: number;
  column: number;
  description: string;
};
type Scan = { input: string; files: string[]; errors: { file: string; message: string; tolerable: boolean }[]; issues: Finding[] };
let scans: Record<keyof typeof dirs, Scan>;
/** Settings of WEAKENINGS not found (once) in the bundled window options. */
const notWeakened: string[] = [];

/** A scanned file's name as the project knows it: main/window.ts, src/hosts/utility.ts; main.js, preload.js in a bundle. */
const projectPath = (scan: Scan, file: string) => (file === 'N/A' ? file : relative(scan.input, file).split(sep).join('/'));
/** The text of a scanned file's line (1-based). */
const sourceLine = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1]?.trim() ?? '';

/**
 * Findings that Electronegativity itself marks for MANUAL REVIEW ("Review the use of …", not a misconfiguration it
 * found) and that were reviewed. Each is pinned to its rule, its files and the exact text of the line: any other
 * finding of the rule — another preload, a changed line — fails again. Nothing else may be listed here.
 */
const REVIEWED = [
  {
    id: 'PRELOAD_JS_CHECK',
    files: ['main/window.ts', 'main.js'],
    line: 'preload: opts.preload,',
    why: "the app's one preload is its bridge to the core: it exposes only window.postkamer (call, on, blobUrl), lets through only the contract's renderer commands and requires only electron (test/unit/main/preload.test.ts, bundle.test.ts)",
  },
] as const;

const isReviewed = (scan: Scan, f: Finding) =>
  f.manualReview &&
  REVIEWED.some(
    (r) => r.id === f.id && (r.files as readonly string[]).includes(projectPath(scan, f.file)) && sourceLine(f.file, f.line) === r.line,
  );

const describeFinding = (scan: Scan, f: Finding) =>
  `${f.id} ${f.severity}/${f.confidence}${f.manualReview ? ' (review)' : ''} ${projectPath(scan, f.file)}:${f.line} — ${f.description}`;

/** The HIGH and MEDIUM findings of a scan that were not reviewed; prints every finding of the scan. */
function failing(name: string, scan: Scan): string[] {
  console.info(
    `Electronegativity ${electronVersion} over the ${name}:\n${scan.issues.map((f) => `  ${describeFinding(scan, f)}${isReviewed(scan, f) ? ' [reviewed]' : ''}`).join('\n') || '  no findings'}`,
  );
  return scan.issues
    .filter((f) => (f.severity === 'HIGH' || f.severity === 'MEDIUM') && !isReviewed(scan, f))
    .map((f) => describeFinding(scan, f));
}

function listTs(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => `${dir}/${f.split(sep).join('/')}`);
}
const sourceFiles = [...listTs('main'), 'src/hosts/utility.ts'];

/** Weakens the window options of the built main.js, one setting at a time, and names the rule that must catch it. */
const WEAKENINGS = [
  ['contextIsolation: true,', 'contextIsolation: false,', 'CONTEXT_ISOLATION_JS_CHECK'],
  ['sandbox: true,', 'sandbox: false,', 'SANDBOX_JS_CHECK'],
  ['webSecurity: true,', 'webSecurity: false,', 'WEB_SECURITY_JS_CHECK'],
  ['allowRunningInsecureContent: false,', 'allowRunningInsecureContent: true,', 'INSECURE_CONTENT_JS_CHECK'],
  ['disableBlinkFeatures: "Auxclick",', '', 'AUXCLICK_JS_CHECK'],
] as const;

function runScanner(inputs: string[], out: string): Promise<void> {
  return new Promise((ok, fail) => {
    execFile(
      process.execPath,
      [scanner, JSON.stringify({ root, inputs, electronVersion, out })],
      { timeout: 150_000, killSignal: 'SIGKILL', env: { ...process.env, LANG: 'en-US' }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? fail(new Error(`Electronegativity failed: ${error.message}\n${stdout}\n${stderr}`)) : ok()),
    );
  });
}

beforeAll(async () => {
  // The sources, laid out as in the project, so that one run sees all of them (the global checks — CSP, navigation
  // limits, permission handler — look at all files together).
  for (const f of sourceFiles) {
    mkdirSync(dirname(join(dirs.sources, f)), { recursive: true });
    copyFileSync(join(root, f), join(dirs.sources, f));
  }
  // The bundles. Electronegativity reads only .js/.ts/.html, so the preload is scanned as preload.js.
  for (const c of ['main', 'preload']) {
    await build({ configFile: join(root, `vite.${c}.config.ts`), logLevel: 'silent', build: { outDir: dirs.bundles } });
  }
  renameSync(join(dirs.bundles, 'preload.cjs'), join(dirs.bundles, 'preload.js'));
  let weakened = readFileSync(join(dirs.bundles, 'main.js'), 'utf8');
  for (const [from, to] of WEAKENINGS) {
    if (weakened.split(from).length === 2) weakened = weakened.replace(from, to);
    else notWeakened.push(from);
  }
  mkdirSync(dirs.weakened);
  writeFileSync(join(dirs.weakened, 'main.js'), weakened);

  const out = join(work, 'findings.json');
  await runScanner([dirs.sources, dirs.bundles, dirs.weakened], out);
  const [sources, bundles, weak] = JSON.parse(readFileSync(out, 'utf8')) as Scan[];
  scans = { sources: sources!, bundles: bundles!, weakened: weak! };
}, 240_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Electronegativity', () => {
  it('reads every file it is given: the sources and both bundles parse, none is skipped', () => {
    expect(scans.sources.files.map((f) => projectPath(scans.sources, f)).sort()).toEqual([...sourceFiles].sort());
    expect(scans.bundles.files.map((f) => projectPath(scans.bundles, f)).sort()).toEqual(['main.js', 'preload.js']);
    // A file its (TypeScript 4.2-era) parsers cannot read is reported only as an error and otherwise skipped.
    for (const scan of [scans.sources, scans.bundles]) {
      expect(scan.errors.map((e) => `Error parsing ${projectPath(scan, e.file)}: ${e.message}`)).toEqual([]);
    }
  });

  it('finds no HIGH or MEDIUM issue in the sources', () => {
    expect(failing('sources (main/, src/hosts/utility.ts)', scans.sources)).toEqual([]);
  });

  it('finds no HIGH or MEDIUM issue in the bundled main.js and preload', () => {
    expect(failing('bundled main.js and preload', scans.bundles)).toEqual([]);
  });

  it('does read the window options, in the sources and in the bundle: a weakened setting is reported', () => {
    // The reviewed preload finding sits inside the BrowserWindow options: it shows they were examined.
    for (const [scan, file] of [
      [scans.sources, 'main/window.ts'],
      [scans.bundles, 'main.js'],
    ] as const) {
      expect(scan.issues.filter((f) => f.id === 'PRELOAD_JS_CHECK').map((f) => projectPath(scan, f.file))).toEqual([file]);
    }
    expect(notWeakened, 'settings found once in the bundled window options').toEqual([]);
    const reported = failing('bundled main.js with weakened window options', scans.weakened);
    for (const [, , rule] of WEAKENINGS)
      expect(
        reported.some((r) => r.startsWith(`${rule} `)),
        rule,
      ).toBe(true);
  });
});
