// Benchmark: pages per minute through Postkamer's full ingest pipeline beside OCRmyPDF and native Tesseract, on
// the same pages, one after another in one run (absolute times drift on a shared machine; the ratios are the
// figure). Two sets of pages, each measured on its own:
//   letters  generated A4 letters (test/support/letters.ts; clean/skew+3/clean/skew-3 in turn, PNG)
//   dense    generated full-text A4 policy pages (test/support/dense-pages.ts; clean, gray JPEG q45 with noise, skewed
//            ±2–3°, sideways, upside down; 4 000 characters a page) — the headline: the hard case of issue 19
//
//   Postkamer  `ingest.paths` on a fresh encrypted store, in a process of its own (as the CLI and the app's core
//              run, and as the other arms run; not in this script's process, whose heap holds the page generator):
//              decode → orientation/deskew → OCR (pool of one tesseract.js worker per core) → QC → extraction →
//              PDF/A → vault. Store opening (scrypt) is outside the timing, starting the OCR workers inside it (a
//              first ingest pays it too). CPU is that process's own (all its threads). `--profile <dir>` runs it
//              with `--cpu-prof` (main thread and each worker thread write a .cpuprofile there).
//   OCRmyPDF   `ocrmypdf -l nld --jobs 2 --output-type pdfa-2 --rotate-pages --deskew` on one PDF holding the
//              same PNGs, embedded losslessly (pdf-lib, each page sized to the image at its resolution). Letters only.
//   native     `tesseract <file> - -l nld --psm 1`, two processes at a time, OMP_THREAD_LIMIT=1: OCR only, with
//              Debian's language data (tessdata_fast).
//   native-same-data  the same, but with Postkamer's data and settings (best_int nld+eng from node_modules,
//              `--oem 1 --psm 3`): separates the engine (WASM vs native) from the choice of model. Not a target.
// Targets: Postkamer ≥ 2× OCRmyPDF and ≥ 0.8× native. Wall time on a shared machine swings with the other tenants'
// load, so the CPU seconds each arm used (this process and its threads, or the children it waited for) are printed
// beside it: they move much less with load and give a second ratio. One run of each arm swings by ±5–10 % here, so
// the Postkamer and native arms run `--rounds` times, alternating (Postkamer, native, native with Postkamer's data,
// then again), and each arm's median run (by wall time) is reported, with every round's figure beside it; OCRmyPDF,
// four times slower and far from its target, runs once.
//
//   node bin/run-ts.mjs test/bench/recognition-throughput.ts [--sets letters,dense] [--pages 24] [--dense-pages 24]
//     [--rounds 3] [--only postkamer,ocrmypdf,native,native-same-data] [--profile <dir>] [--baseline <checkout>]
// `--baseline <checkout>` adds the Postkamer arm run from another checkout (its own src/ and this bench file), in the
// same rounds: before and after a change side by side.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { openCore } from '../../src/hosts/open';
import { cer, normaliseForCer } from '../support/cer';
import { DENSE_MIX, renderDensePage } from '../support/dense-pages';
import { renderLetterPage, type LetterVariant } from '../support/letters';
import { limited, run } from './support';
import { signInAsAdmin } from '../support/people';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '24' },
    'dense-pages': { type: 'string', default: '24' },
    sets: { type: 'string', default: 'letters,dense' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string', default: 'postkamer,ocrmypdf,native,native-same-data' },
    child: { type: 'string' },
    store: { type: 'string', default: 'store' },
    profile: { type: 'string' },
    baseline: { type: 'string' },
  },
});

interface ChildResult {
  seconds: number;
  cpu: number;
  firstStored: number;
  pages: number;
  withText: number;
  documents: number;
  errors: string[];
  texts: string[];
  threads: { main: number; ocr: number; other: number };
}

/** CPU seconds of each thread of this process, from /proc (tid → seconds). */
function threadTicks(): Map<number, number> {
  return new Map(
    readdirSync('/proc/self/task').map((t) => {
      const f = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return [Number(t), (Number(rest[11]) + Number(rest[12])) / 100];
    }),
  );
}

/**
 * The CPU used since `before`, by thread: the main thread, the `ocrWorkers` busiest other threads (the tesseract.js
 * workers: in a short batch no worker is recycled, and nothing else comes near them) and the rest (libvips, libuv,
 * V8's compiler and GC helpers).
 */
function threadCpu(before: Map<number, number>, ocrWorkers: number): ChildResult['threads'] {
  const used = [...threadTicks()].map(([tid, s]) => ({ main: tid === process.pid, s: s - (before.get(tid) ?? 0) }));
  const others = used
    .filter((t) => !t.main)
    .map((t) => t.s)
    .sort((a, b) => b - a);
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  return {
    main: sum(used.filter((t) => t.main).map((t) => t.s)),
    ocr: sum(others.slice(0, ocrWorkers)),
    other: sum(others.slice(ocrWorkers)),
  };
}

/**
 * The Postkamer arm's own process: opens the store, says "ready", waits for a line on stdin, ingests every PNG and JPEG
 * of `<work>/in` and prints one JSON line (ChildResult).
 */
async function child(work: string, storeName: string): Promise<void> {
  const files = readdirSync(join(work, 'in'))
    .filter((f) => /\.(png|jpg)$/.test(f))
    .sort()
    .map((f) => join(work, 'in', f));
  const core = await openCore(join(work, storeName), 'bench-throughput', { create: true });
  await signInAsAdmin(core, { origin: 'cli', connection: 'cli-bench' });
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
  let firstStored = NaN;
  const t0 = performance.now();
  const off = core.on((name, data) => {
    if (name === 'ingest.progress' && (data as { stage: string }).stage === 'done' && Number.isNaN(firstStored))
      firstStored = (performance.now() - t0) / 1000;
  });
  const c0 = process.cpuUsage();
  const th0 = threadTicks();
  const res = await core.call('ingest.paths', { paths: files, source: 'cli' }, { origin: 'cli', connection: 'cli-bench' });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const threads = threadCpu(th0, availableParallelism());
  off();
  if (!res.ok) throw new Error(`ingest: ${res.error.code}`);
  const out = res.data as { documents: { id: string; fileName: string; pageCount: number }[]; errors: { code: string }[] };
  const bodyOf = core.store.db.prepare('SELECT f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE d.id = ?');
  const texts = files.map((f) => {
    const d = out.documents.find((x) => f.endsWith(`/${x.fileName}`));
    return d ? (bodyOf.get(d.id) as { body: string }).body : '';
  });
  const withText = core.store.db
    .prepare(`SELECT count(*) AS n FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE length(f.body) > 200`)
    .get() as { n: number };
  await core.close();
  const result: ChildResult = {
    seconds,
    cpu: (c.user + c.system) / 1e6,
    firstStored,
    pages: out.documents.reduce((s, d) => s + d.pageCount, 0),
    withText: withText.n,
    documents: out.documents.length,
    errors: out.errors.map((e) => e.code),
    texts,
    threads,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (values.child) {
  await child(values.child, values.store!);
  process.exit(0);
}
const ARMS = values.only!.split(',');
const SETS = values.sets!.split(',');
const ROUNDS = Math.max(1, Number(values.rounds));
// A mail-room stack: mostly straight, some fed crooked either way.
const MIX: LetterVariant[] = ['clean', 'skew+3', 'clean', 'skew-3'];

const ROOT = join(import.meta.dirname, '../..');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Arm {
  label: string;
  seconds: number;
  cpu: number;
  load: string;
  note: string;
  texts: string[];
  /** pages/min of every round, in order (the median one is this arm's figure) */ rounds?: number[];
}
interface PageSet {
  name: string;
  work: string;
  files: string[];
  truths: string[];
  pdf?: string;
  description: string;
}

/** CPU seconds (user + system) of this process's threads plus those of the children it has waited for. */
function cpuNow(): { self: number; children: number } {
  const u = process.cpuUsage();
  // /proc/self/stat fields 16 and 17: cutime and cstime, in clock ticks (100 per second on Linux).
  const f = readFileSync('/proc/self/stat', 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return { self: (u.user + u.system) / 1e6, children: (Number(rest[13]) + Number(rest[14])) / 100 };
}

// The three arms do not do the same work if one of them skips text, so each one's output is scored against the
// ground truth: mean CER, and the share of the truth's characters it returned at all.
function quality(truths: string[], texts: string[]): { cer: number; coverage: number } {
  const len = (t: string) => Array.from(normaliseForCer(t)).length;
  const c = truths.reduce((s, t, i) => s + cer(t, texts[i] ?? ''), 0) / truths.length;
  const coverage = texts.reduce((s, t) => s + len(t), 0) / truths.reduce((s, t) => s + len(t), 0);
  return { cer: c, coverage };
}

/** The letters: PNGs, and one PDF of them for OCRmyPDF. */
async function letterSet(dir: string, n: number): Promise<PageSet> {
  const work = join(dir, 'letters');
  mkdirSync(join(work, 'in'), { recursive: true });
  const set: PageSet = { name: 'letters', work, files: [], truths: [], pdf: join(work, 'pages.pdf'), description: '' };
  const pdf = await PDFDocument.create();
  for (let i = 0; i < n; i++) {
    const variant = MIX[i % MIX.length]!;
    const page = await renderLetterPage({ seed: 100 + i, variant });
    const file = join(work, 'in', `p${String(i + 1).padStart(3, '0')}-${variant}.png`);
    writeFileSync(file, page.png);
    set.files.push(file);
    set.truths.push(page.text);
    const img = await pdf.embedPng(page.png);
    const p = pdf.addPage([(page.width * 72) / page.dpi, (page.height * 72) / page.dpi]);
    p.drawImage(img, { x: 0, y: 0, width: p.getWidth(), height: p.getHeight() });
  }
  writeFileSync(set.pdf!, await pdf.save());
  const mb = (set.files.reduce((s, f) => s + statSync(f).size, 0) / 1e6).toFixed(1);
  set.description = `${n} generated A4 letter pages at 300 ppi (${MIX.join('/')} in turn; ${mb} MB of PNG)`;
  return set;
}

/** The dense pages: PNG or JPEG as the variant has it. */
async function denseSet(dir: string, n: number): Promise<PageSet> {
  const work = join(dir, 'dense');
  mkdirSync(join(work, 'in'), { recursive: true });
  const set: PageSet = { name: 'dense', work, files: [], truths: [], description: '' };
  for (let i = 0; i < n; i++) {
    const page = await renderDensePage(500 + i, DENSE_MIX[i % DENSE_MIX.length]!);
    const file = join(work, 'in', `d${String(i + 1).padStart(3, '0')}-${page.variant}.${page.ext}`);
    writeFileSync(file, page.bytes);
    set.files.push(file);
    set.truths.push(page.text);
  }
  const mb = (set.files.reduce((s, f) => s + statSync(f).size, 0) / 1e6).toFixed(1);
  const chars = Math.round(set.truths.reduce((s, t) => s + normaliseForCer(t).length, 0) / n);
  set.description = `${n} generated dense full-text A4 pages at 300 ppi (${DENSE_MIX.join('/')} in turn; ${chars} characters a page; ${mb} MB of PNG and JPEG)`;
  return set;
}

/** One Postkamer run: a fresh process and a fresh store. */
async function postkamerArm(set: PageSet, round: number, root = ROOT): Promise<Arm> {
  const prof = values.profile
    ? ['--cpu-prof', '--cpu-prof-dir', join(values.profile, `${set.name}-${root === ROOT ? '' : 'baseline-'}${round}`)]
    : [];
  const proc = spawn(
    process.execPath,
    [...prof, 'bin/run-ts.mjs', 'test/bench/recognition-throughput.ts', '--child', set.work, '--store', `store-${round}`],
    { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: proc.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      proc.once('exit', (code) => reject(new Error(`Postkamer arm exited (${code})`)));
    });
  if ((await next()) !== 'ready') throw new Error('Postkamer arm did not get ready');
  const l = load();
  process.stdout.write(`  load average before Postkamer: ${l}\n`);
  const answer = next();
  proc.stdin!.write('go\n');
  const res = JSON.parse(await answer) as ChildResult;
  proc.stdin!.end();
  // Reaped before the next arm starts, so its CPU is not counted among that arm's children.
  if (proc.exitCode === null) await new Promise((resolve) => proc.once('exit', resolve));
  rmSync(join(set.work, `store-${round}`), { recursive: true, force: true });
  const n = set.files.length;
  if (res.pages !== n || res.withText !== n)
    throw new Error(`Postkamer made ${res.pages} pages (${res.withText} with text) of ${n}; errors: ${res.errors.join(', ')}`);
  return {
    label: `Postkamer ingest (full pipeline, pool of ${availableParallelism()})${root === ROOT ? '' : ', baseline checkout'}`,
    seconds: res.seconds,
    cpu: res.cpu,
    load: l,
    note:
      `${res.documents} PDF/A documents in the encrypted store; first stored after ${res.firstStored.toFixed(1)} s (includes starting the workers); ` +
      `CPU s/page by thread: main ${(res.threads.main / n).toFixed(2)}, OCR workers ${(res.threads.ocr / n).toFixed(2)}, other ${(res.threads.other / n).toFixed(2)}`,
    texts: res.texts,
  };
}

async function ocrmypdfArm(set: PageSet): Promise<Arm> {
  const l = load();
  process.stdout.write(`  load average before OCRmyPDF: ${l}\n`);
  const out = join(set.work, 'ocrmypdf.pdf');
  const c0 = cpuNow();
  const t0 = performance.now();
  await run('ocrmypdf', ['-l', 'nld', '--jobs', '2', '--output-type', 'pdfa-2', '--rotate-pages', '--deskew', '-q', set.pdf!, out]);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuNow().children - c0.children;
  const text = await run('pdftotext', [out, '-']);
  const n = set.files.length;
  if (text.length < n * 200) throw new Error('OCRmyPDF output has too little text');
  return {
    label: 'OCRmyPDF 14 --jobs 2 pdfa-2 --rotate-pages --deskew',
    seconds,
    cpu,
    load: l,
    note: `one ${n}-page PDF/A (${(statSync(out).size / 1e6).toFixed(1)} MB)`,
    texts: text.split('\f').slice(0, n),
  };
}

/** Native tesseract over every page, 2 processes at a time, OMP_THREAD_LIMIT=1; text only. */
async function tesseractArm(set: PageSet, what: string, label: string, note: string, args: string[], checkText: boolean): Promise<Arm> {
  const l = load();
  process.stdout.write(`  load average before ${what}: ${l}\n`);
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const c0 = cpuNow();
  const t0 = performance.now();
  const texts = await limited(
    2,
    set.files.map((f) => () => run('tesseract', [f, '-', ...args], env)),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuNow().children - c0.children;
  const short = set.files.filter((_, i) => texts[i]!.length < 200).map((f) => f.slice(f.lastIndexOf('/') + 1));
  // On the letters every page must read; on the dense set a page an engine cannot read is part of the result (CER).
  if (checkText && short.length > 0 && set.name === 'letters') throw new Error(`${what} returned too little text for ${short.join(', ')}`);
  return { label, seconds, cpu, load: l, note: note + (short.length > 0 ? `; < 200 characters from ${short.join(', ')}` : ''), texts };
}

const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-throughput-'));
try {
  // A tessdata folder for the native CLI with the models Postkamer's workers load.
  const tessdata = join(dir, 'tessdata');
  if (ARMS.includes('native-same-data')) {
    mkdirSync(tessdata);
    const require = createRequire(import.meta.url);
    for (const lang of ['nld', 'eng']) {
      const gz = join(dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`)), '4.0.0_best_int', `${lang}.traineddata.gz`);
      writeFileSync(join(tessdata, `${lang}.traineddata`), gunzipSync(readFileSync(gz)));
    }
    copyFileSync('/usr/share/tesseract-ocr/5/tessdata/osd.traineddata', join(tessdata, 'osd.traineddata'));
  }
  const summaries: Record<string, unknown> = {};
  const headline: string[] = [];
  for (const name of SETS) {
    const set = name === 'dense' ? await denseSet(dir, Number(values['dense-pages'])) : await letterSet(dir, Number(values.pages));
    const N = set.files.length;
    process.stdout.write(`Recognition throughput, ${set.name}: ${set.description}, ${availableParallelism()} cores\n`);
    const runs: Record<string, Arm[]> = {};
    const add = (k: string, a: Arm) => {
      (runs[k] ??= []).push(a);
      process.stdout.write(
        `    ${k}: ${a.seconds.toFixed(1)} s, ${((N / a.seconds) * 60).toFixed(1)} pages/min, CPU ${(a.cpu / N).toFixed(2)} s/page\n`,
      );
    };
    for (let round = 0; round < ROUNDS; round++) {
      if (ROUNDS > 1) process.stdout.write(`  round ${round + 1} of ${ROUNDS}\n`);
      if (ARMS.includes('postkamer')) add('postkamer', await postkamerArm(set, round));
      // `--baseline <checkout>`: the same arm run from another checkout of this repository (before/after a change).
      if (values.baseline) add('baseline', await postkamerArm(set, round, values.baseline));
      if (round === 0 && set.pdf && ARMS.includes('ocrmypdf')) add('ocrmypdf', await ocrmypdfArm(set));
      if (ARMS.includes('native')) {
        add(
          'native',
          await tesseractArm(
            set,
            'native tesseract',
            'native tesseract 5 --psm 1, 2 processes, OMP_THREAD_LIMIT=1',
            'text only, no PDF, no store',
            ['-l', 'nld', '--psm', '1'],
            true,
          ),
        );
      }
      if (ARMS.includes('native-same-data')) {
        add(
          'native-same-data',
          await tesseractArm(
            set,
            "native tesseract with Postkamer's data",
            'native tesseract 5, best_int nld+eng, --oem 1 --psm 3, 2 proc.',
            "Postkamer's models and settings; text only",
            ['--tessdata-dir', tessdata, '-l', 'nld+eng', '--oem', '1', '--psm', '3'],
            false,
          ),
        );
      }
    }
    const s = report(set, runs, N);
    summaries[set.name] = s.json;
    if (s.line) headline.push(`${set.name}: ${s.line}`);
  }
  if (headline.length > 0)
    process.stdout.write(`Postkamer / native tesseract (2 processes), pages/min — ${headline.reverse().join(';  ')}\n\n`);
  process.stdout.write(
    `${JSON.stringify({ bench: 'recognition-throughput', date: new Date().toISOString(), cores: availableParallelism(), sets: summaries, targets: { vsOcrmypdf: 2, vsNative: 0.8 } })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** Prints one set's table and ratios; returns its JSON and the headline ratio. */
function report(set: PageSet, runs: Record<string, Arm[]>, N: number): { json: unknown; line: string | null } {
  /** Each arm's median run by wall time, with the pages/min of every round. */
  const arms: Record<string, Arm> = Object.fromEntries(
    Object.entries(runs).map(([k, all]) => {
      const sorted = [...all].sort((a, b) => a.seconds - b.seconds);
      const cpus = all.map((a) => a.cpu).sort((a, b) => a - b);
      // The CPU figure is the median of the CPU figures (it need not come from the same round).
      return [
        k,
        {
          ...sorted[Math.floor((sorted.length - 1) / 2)]!,
          cpu: cpus[Math.floor((cpus.length - 1) / 2)]!,
          rounds: all.map((a) => (N / a.seconds) * 60),
        },
      ];
    }),
  );
  const ppm = (a: Arm) => (N / a.seconds) * 60;
  process.stdout.write('\n');
  const q = Object.fromEntries(Object.entries(arms).map(([k, a]) => [k, quality(set.truths, a.texts)]));
  const rows = Object.entries(arms).map(([k, a]) => [
    a.label,
    `${a.seconds.toFixed(1)} s`,
    `${ppm(a).toFixed(1)} pages/min`,
    `${(a.seconds / N).toFixed(2)} s/page`,
    `${(a.cpu / N).toFixed(2)} s/page`,
    a.load,
    `${(q[k]!.cer * 100).toFixed(2)} %`,
    `${(q[k]!.coverage * 100).toFixed(0)} %`,
    (a.rounds && a.rounds.length > 1 ? `median of ${a.rounds.length} (${a.rounds.map((r) => r.toFixed(1)).join(', ')} pages/min); ` : '') +
      a.note,
  ]);
  const header = ['arm', 'wall', 'throughput', 'wall per page', 'CPU per page', 'load before', 'CER', 'text returned', 'output'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd() + '\n';
  process.stdout.write(line(header));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) process.stdout.write(line(r));

  const ratios: Record<string, number> = {};
  const cpuRatios: Record<string, number> = {};
  if (arms.postkamer && arms.ocrmypdf) {
    ratios.vsOcrmypdf = ppm(arms.postkamer) / ppm(arms.ocrmypdf);
    cpuRatios.vsOcrmypdf = arms.ocrmypdf.cpu / arms.postkamer.cpu;
  }
  if (arms.postkamer && arms.native) {
    ratios.vsNative = ppm(arms.postkamer) / ppm(arms.native);
    cpuRatios.vsNative = arms.native.cpu / arms.postkamer.cpu;
  }
  process.stdout.write('\n');
  if (ratios.vsOcrmypdf !== undefined)
    process.stdout.write(
      `  Postkamer / OCRmyPDF = ${ratios.vsOcrmypdf.toFixed(2)}× by wall time   (target ≥ 2×: ${ratios.vsOcrmypdf >= 2 ? 'met' : 'NOT met'});  ${cpuRatios.vsOcrmypdf!.toFixed(2)}× by CPU time\n`,
    );
  let headline: string | null = null;
  if (ratios.vsNative !== undefined) {
    const perRound = runs
      .postkamer!.map((a, i) => (runs.native![i] ? runs.native![i]!.seconds / a.seconds : NaN))
      .filter((r) => !Number.isNaN(r));
    const met = ratios.vsNative >= 0.8 ? 'met' : 'NOT met';
    process.stdout.write(
      `  Postkamer / native   = ${ratios.vsNative.toFixed(2)}× by wall time   (target ≥ 0.8×: ${met});  ${cpuRatios.vsNative!.toFixed(2)}× by CPU time${perRound.length > 1 ? `;  round by round: ${perRound.map((r) => `${r.toFixed(2)}×`).join(', ')}` : ''}\n`,
    );
    const cerPts = (q.postkamer!.cer - q.native!.cer) * 100;
    process.stdout.write(
      `  CER Postkamer ${(q.postkamer!.cer * 100).toFixed(2)} % vs native ${(q.native!.cer * 100).toFixed(2)} % (${cerPts >= 0 ? '+' : ''}${cerPts.toFixed(2)} points; limit +0.5: ${cerPts <= 0.5 ? 'met' : 'NOT met'})\n`,
    );
    headline = `${ratios.vsNative.toFixed(2)}× (${met}; CPU ${cpuRatios.vsNative!.toFixed(2)}×; CER ${(q.postkamer!.cer * 100).toFixed(2)} vs ${(q.native!.cer * 100).toFixed(2)} %)`;
  }
  if (arms.postkamer && arms.baseline) {
    const b = arms.baseline;
    process.stdout.write(
      `  Postkamer / baseline checkout = ${(ppm(arms.postkamer) / ppm(b)).toFixed(2)}× by wall time, ${(b.cpu / arms.postkamer.cpu).toFixed(2)}× by CPU time\n`,
    );
  }
  if (arms.postkamer && arms['native-same-data']) {
    const a = arms['native-same-data'];
    process.stdout.write(
      `  Postkamer / native with Postkamer's models and settings = ${(ppm(arms.postkamer) / ppm(a)).toFixed(2)}× by wall time, ${(a.cpu / arms.postkamer.cpu).toFixed(2)}× by CPU time (no target; shows what the engine costs apart from the model)\n`,
    );
  }
  process.stdout.write(
    '  CPU per page: user + system seconds of the arm (Postkamer: this process and its worker threads; others: the child processes, their own children included)\n',
  );
  process.stdout.write(
    '  CER: mean over the pages against the ground truth; text returned: characters out / characters in the truth (OCRmyPDF: its text layer through pdftotext)\n',
  );
  if (set.name === 'letters')
    process.stdout.write(
      '  anchors (notes/performance.md §0, quieter machine): native 2 processes ≈ 41 pages/min; tesseract.js 2 workers ≈ 27 pages/min; OCRmyPDF --jobs 2 ≈ 12 pages/min\n',
    );
  process.stdout.write('\n');
  return {
    line: headline,
    json: {
      pages: N,
      arms: Object.fromEntries(
        Object.entries(arms).map(([k, a]) => [
          k,
          {
            seconds: +a.seconds.toFixed(2),
            pagesPerMinute: +ppm(a).toFixed(2),
            cpuSeconds: +a.cpu.toFixed(2),
            load: a.load,
            cer: +q[k]!.cer.toFixed(5),
            textReturned: +q[k]!.coverage.toFixed(3),
            roundsPagesPerMinute: (a.rounds ?? []).map((r) => +r.toFixed(2)),
          },
        ]),
      ),
      ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, +v.toFixed(3)])),
      cpuRatios: Object.fromEntries(Object.entries(cpuRatios).map(([k, v]) => [k, +v.toFixed(3)])),
    },
  };
}
