// Benchmark: memory of a long batch. One ingest of N single-page letters (default 300; all letter variants in
// turn) through the core, in a child process of this script; the core and its tesseract.js worker threads live in
// that one process. This script samples the RSS of the child's process tree (/proc; the tree also holds tsx's
// esbuild service) every 500 ms and learns the page count from the core's `ingest.progress` events, which the child
// forwards as JSON lines. Prints peak RSS and the RSS after page 100 vs after the last page: a pool that leaks
// grows between the two, a healthy one stays flat (the OCR pool recycles a worker after 200 of its own pages).
//
//   node bin/run-ts.mjs test/bench/recognition-memory.ts [--pages 300] [--interval 500]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { signInAsAdmin } from '../support/people';

const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '300' },
    interval: { type: 'string', default: '500' },
    child: { type: 'string' },
  },
});

if (values.child) await child(values.child);
else await parent();

/** The measured process: opens a fresh store in `<work>/store`, ingests every file in `<work>/in` as one batch. */
async function child(work: string): Promise<void> {
  const { openCore } = await import('../../src/hosts/open');
  const core = await openCore(join(work, 'store'), 'bench-memory', { create: true });
  await signInAsAdmin(core, { origin: 'cli', connection: 'cli-bench' });
  const say = (o: unknown) => process.stdout.write(`${JSON.stringify(o)}\n`);
  let pages = 0;
  core.on((name, data) => {
    // 'storing' is emitted once per page, when its OCR is done and it goes to the PDF and the vault.
    const d = data as { stage?: string; page?: number };
    if (name === 'ingest.progress' && d.stage === 'storing' && d.page !== undefined) say({ page: ++pages });
  });
  const files = readdirSync(join(work, 'in'))
    .sort()
    .map((f) => join(work, 'in', f));
  say({ ready: true });
  const res = await core.call('ingest.paths', { paths: files, source: 'cli' }, { origin: 'cli', connection: 'cli-bench' });
  if (!res.ok) throw new Error(`ingest: ${res.error.code}`);
  const out = res.data as { documents: { pageCount: number }[]; errors: { code: string }[] };
  say({
    done: true,
    documents: out.documents.length,
    pages: out.documents.reduce((s, d) => s + d.pageCount, 0),
    errors: out.errors.map((e) => e.code),
  });
  await core.close();
}

/** RSS in bytes of `root` and all its descendants, from /proc. */
function treeRss(root: number): { tree: number; root: number; processes: number } {
  const page = 4096;
  const kids = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = kids.get(ppid) ?? [];
      list.push(Number(name));
      kids.set(ppid, list);
    } catch {
      /* the process ended meanwhile */
    }
  }
  const rssOf = (pid: number) => {
    try {
      return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * page;
    } catch {
      return 0;
    }
  };
  let tree = 0;
  let processes = 0;
  const todo = [root];
  while (todo.length) {
    const pid = todo.pop()!;
    tree += rssOf(pid);
    processes++;
    todo.push(...(kids.get(pid) ?? []));
  }
  return { tree, root: rssOf(root), processes };
}

async function parent(): Promise<void> {
  const N = Number(values.pages);
  const INTERVAL = Number(values.interval);
  const { renderLetterPage } = await import('../support/letters');
  const VARIANTS = ['clean', 'skew+3', 'noisy-jpeg', 'upside-down', 'sideways', 'fax-200-bilevel', 'skew-3'] as const;
  const work = mkdtempSync(join(tmpdir(), 'postkamer-bench-memory-'));
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  try {
    mkdirSync(join(work, 'in'));
    const tg = performance.now();
    for (let i = 0; i < N; i++) {
      const variant = VARIANTS[i % VARIANTS.length]!;
      const p = await renderLetterPage({ seed: 1000 + i, variant });
      const [bytes, ext] = variant === 'fax-200-bilevel' ? [p.tiff!, 'tif'] : variant === 'noisy-jpeg' ? [p.jpeg!, 'jpg'] : [p.png, 'png'];
      writeFileSync(join(work, 'in', `p${String(i + 1).padStart(4, '0')}.${ext}`), bytes);
    }
    process.stdout.write(
      `Recognition memory: ${N} single-page letters (${VARIANTS.join('/')} in turn; generated in ${((performance.now() - tg) / 1000).toFixed(0)} s), one ingest, in a child process; RSS of its process tree every ${INTERVAL} ms; ${availableParallelism()} cores\n`,
    );
    const loadBefore = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
    process.stdout.write(`  load average before: ${loadBefore}\n`);

    const ROOT = resolve(import.meta.dirname, '../..');
    const proc = spawn(process.execPath, ['bin/run-ts.mjs', 'test/bench/recognition-memory.ts', '--child', work], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const t0 = performance.now();
    let page = 0;
    let result: { documents: number; pages: number; errors: string[] } | null = null;
    let readyAt = NaN;
    const samples: { t: number; page: number; tree: number; root: number; processes: number }[] = [];
    const sample = () => {
      const r = treeRss(proc.pid!);
      if (r.root > 0) samples.push({ t: (performance.now() - t0) / 1000, page, ...r });
    };
    const timer = setInterval(sample, INTERVAL);
    createInterface({ input: proc.stdout! }).on('line', (l) => {
      let m: { page?: number; ready?: boolean; done?: boolean; documents?: number; pages?: number; errors?: string[] };
      try {
        m = JSON.parse(l);
      } catch {
        return;
      }
      if (m.ready) readyAt = (performance.now() - t0) / 1000;
      if (m.page !== undefined) {
        page = m.page;
        // A sample at the exact page boundaries the report names.
        if (page === 100 || page === N || page % 50 === 0) sample();
      }
      if (m.done) result = { documents: m.documents!, pages: m.pages!, errors: m.errors! };
    });
    const code = await new Promise<number | null>((r) => proc.on('exit', (c) => r(c)));
    clearInterval(timer);
    const seconds = (performance.now() - t0) / 1000;
    if (code !== 0 || !result) throw new Error(`the core process exited with ${code}`);
    const res = result as { documents: number; pages: number; errors: string[] };

    const at = (p: number) => samples.find((s) => s.page >= p);
    const peak = samples.reduce((a, s) => (s.tree > a.tree ? s : a), samples[0]!);
    const beforeOcr = samples.filter((s) => s.page === 0).at(-1);
    const p100 = at(Math.min(100, N));
    const pLast = at(N);
    process.stdout.write(
      `  child ready (store open) after ${readyAt.toFixed(1)} s; ${res.pages} pages stored as ${res.documents} documents${res.errors.length ? `, rejected: ${res.errors.join(', ')}` : ''}; ${seconds.toFixed(0)} s in all (${((res.pages / seconds) * 60).toFixed(1)} pages/min); load average after: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n\n`,
    );
    process.stdout.write('  after page   RSS process tree   RSS core process   elapsed\n');
    const marks = [...new Set([...Array.from({ length: Math.floor(N / 50) }, (_, i) => (i + 1) * 50), Math.min(100, N), N])].sort(
      (a, b) => a - b,
    );
    if (beforeOcr)
      process.stdout.write(
        `  ${'0'.padStart(10)}   ${mb(beforeOcr.tree).padStart(16)}   ${mb(beforeOcr.root).padStart(16)}   ${beforeOcr.t.toFixed(0).padStart(5)} s   (last sample before the first page was stored)\n`,
      );
    for (const p of marks) {
      const s = at(p);
      if (s)
        process.stdout.write(
          `  ${String(p).padStart(10)}   ${mb(s.tree).padStart(16)}   ${mb(s.root).padStart(16)}   ${s.t.toFixed(0).padStart(5)} s\n`,
        );
    }
    const growth = p100 && pLast ? pLast.tree - p100.tree : NaN;
    process.stdout.write(
      `\n  peak RSS (process tree): ${mb(peak.tree)} at page ${peak.page} (${peak.processes} processes; core process alone ${mb(peak.root)})\n`,
    );
    if (p100 && pLast)
      process.stdout.write(
        `  RSS after page ${p100.page === pLast.page ? p100.page : Math.min(100, N)}: ${mb(p100.tree)}  →  after page ${N}: ${mb(pLast.tree)}   (${growth >= 0 ? '+' : ''}${mb(growth)}, ${((growth / p100.tree) * 100).toFixed(1)} %)\n`,
      );
    process.stdout.write(`  ${samples.length} samples\n`);
    process.stdout.write(
      '  anchors: notes/performance.md §0 — tesseract.js 2 workers RSS ≈ 520 MB; tesseract.js #977 — v6, 4 workers, RSS 661 → 716 MB over 10 × 30 jobs (flat JS heap)\n\n',
    );
    process.stdout.write(
      `${JSON.stringify({
        bench: 'recognition-memory',
        date: new Date().toISOString(),
        load: loadBefore,
        pages: res.pages,
        documents: res.documents,
        seconds: +seconds.toFixed(1),
        peakRssMB: +(peak.tree / 1048576).toFixed(1),
        peakAtPage: peak.page,
        rssAfterPage100MB: p100 ? +(p100.tree / 1048576).toFixed(1) : null,
        rssAfterLastPageMB: pLast ? +(pLast.tree / 1048576).toFixed(1) : null,
        growthMB: Number.isNaN(growth) ? null : +(growth / 1048576).toFixed(1),
        samples: samples.length,
      })}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
