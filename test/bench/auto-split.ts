// Benchmark (accuracy): split points of the automatic separation of a stack without separator sheets. A generated
// stack of varied letters (test/support/stacks.ts: one to four pages each, with and without letterhead, date, page
// numbers, enclosure, blank back page) goes through the real ingest in one PDF, born-digital (text layer) and scanned
// (image pages at 200 ppi, by turns clean, noisy JPEG, skewed, bilevel; OCR); the documents made are compared with
// the true starts. Prints true/false positives/negatives, precision and recall, seconds and CPU seconds per arm.
//
//   node bin/run-ts.mjs test/bench/auto-split.ts [--letters 24] [--seed 1] [--only digital,scanned] [--dpi 200]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../src/hosts/open';
import { signInAsAdmin } from '../support/people';
import { makeStack, scanStack, type Stack } from '../support/stacks';

const { values } = parseArgs({
  options: {
    letters: { type: 'string', default: '24' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string', default: 'digital,scanned' },
    dpi: { type: 'string', default: '200' },
  },
});
const LETTERS = Number(values.letters);
const SEED = Number(values.seed);
const ARMS = values.only.split(',');
const DPI = Number(values.dpi);
const ctx = { origin: 'cli', connection: 'cli-bench' } as const;

interface Score {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  seconds: number;
  cpuSeconds: number;
  documents: number;
  missed: number[];
  extra: number[];
}

/** The true split points (not 0) in the pages that are kept: a blank back page is dropped by the default profile. */
function truthKept(stack: Stack): number[] {
  let dropped = 0;
  const out: number[] = [];
  for (const l of stack.letters) {
    if (l.start - dropped > 0) out.push(l.start - dropped);
    if (l.blankBack) dropped++;
  }
  return out;
}

function describeStack(s: Stack): string {
  const count = (f: (l: Stack['letters'][number]) => boolean) => s.letters.filter(f).length;
  const byPages = [1, 2, 3, 4, 5].map((n) => `${count((l) => l.pages === n)}×${n}`).join(' ');
  return [
    `${s.letters.length} letters, ${s.pageCount} pages (letters by pages incl. blank backs: ${byPages})`,
    `  one-page from letters.ts: ${count((l) => l.kind === 'generated')}; typeset here: citizen ${count((l) => l.kind === 'citizen')}, company ${count((l) => l.kind === 'company')}`,
    `  page numbers: ${count((l) => l.numbering !== 'none')} letters; no date: ${count((l) => !l.dated)}; enclosure: ${count((l) => l.enclosure)}; blank back page: ${count((l) => l.blankBack)}`,
  ].join('\n');
}

const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-auto-split-'));
const results: Record<string, Score> = {};
try {
  const stack = await makeStack({ seed: SEED, letters: LETTERS });
  const truth = truthKept(stack);
  process.stdout.write(`Automatic separation: generated stack, seed ${SEED}\n${describeStack(stack)}\n`);
  process.stdout.write(`  true split points (kept pages): ${truth.length}\n\n`);
  mkdirSync(join(dir, 'in'));
  const files: Record<string, Uint8Array> = { digital: stack.pdf };
  if (ARMS.includes('scanned')) files.scanned = await scanStack(stack.pdf, ['clean', 'noisy-jpeg', 'skew', 'bilevel'], DPI);

  const core = await openCore(join(dir, 'store'), 'bench-auto-split', { create: true });
  await signInAsAdmin(core, ctx);
  try {
    for (const arm of ARMS) {
      const file = join(dir, 'in', `stapel-${arm}.pdf`);
      writeFileSync(file, files[arm]!);
      const load = loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const res = await core.call('ingest.paths', { paths: [file], source: 'cli' }, ctx);
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(c0);
      if (!res.ok) throw new Error(`ingest failed: ${res.error.code} ${res.error.message}`);
      const docs = (res.data as { documents: { id: string; pageCount: number }[]; errors: unknown[] }).documents;
      const found: number[] = [];
      let at = 0;
      for (const d of docs.slice(0, -1)) found.push((at += d.pageCount));
      const t = new Set(truth);
      const f = new Set(found);
      const tp = found.filter((x) => t.has(x)).length;
      const score: Score = {
        tp,
        fp: found.length - tp,
        fn: truth.length - tp,
        precision: found.length ? tp / found.length : 1,
        recall: truth.length ? tp / truth.length : 1,
        seconds,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        documents: docs.length,
        missed: truth.filter((x) => !f.has(x)),
        extra: found.filter((x) => !t.has(x)),
      };
      results[arm] = score;
      // Why each split was made (the audit entry of the automatic split; written where process.ts records it).
      const audit = await core.call('audit.list', { action: 'document.auto-split', limit: 10 }, ctx);
      const entry = audit.ok ? (audit.data as { details: Record<string, unknown> }[])[0] : undefined;
      const why = new Map<number, string>();
      if (entry) {
        const reasons = String(entry.details.reasons ?? '').split(',');
        const scores = String(entry.details.scores ?? '').split(',');
        found.forEach((x, k) => why.set(x, `${reasons[k] ?? '?'} (${scores[k] ?? '?'})`));
      }
      const letterAt = (kept: number) => {
        let dropped = 0;
        for (const [k, l] of stack.letters.entries()) {
          const end = l.start - dropped + l.pages - (l.blankBack ? 1 : 0);
          if (kept < end) return `letter ${k + 1} (${l.kind}, ${l.pages} p., page ${kept - (l.start - dropped) + 1})`;
          if (l.blankBack) dropped++;
        }
        return '?';
      };
      process.stdout.write(
        `${arm.padEnd(8)} load average before: ${load}; ${score.seconds.toFixed(1)} s wall, ${score.cpuSeconds.toFixed(1)} s CPU (this process and its OCR threads)\n` +
          `         documents ${score.documents} (truth ${stack.letters.length}); split points: TP ${score.tp}, FP ${score.fp}, FN ${score.fn}; ` +
          `precision ${score.precision.toFixed(3)}, recall ${score.recall.toFixed(3)}\n` +
          score.missed.map((x) => `         missed: kept page ${x}, ${letterAt(x)}\n`).join('') +
          score.extra.map((x) => `         extra split: kept page ${x}, ${letterAt(x)}; ${why.get(x) ?? ''}\n`).join(''),
      );
    }
  } finally {
    await core.close();
  }
  process.stdout.write(`\ntarget: precision ≥ 0.95 and recall ≥ 0.95 on every arm\n`);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  process.stdout.write(
    `${JSON.stringify({
      bench: 'auto-split',
      seed: SEED,
      letters: stack.letters.length,
      pages: stack.pageCount,
      splitPoints: truth.length,
      arms: Object.fromEntries(
        Object.entries(results).map(([k, v]) => [
          k,
          {
            tp: v.tp,
            fp: v.fp,
            fn: v.fn,
            precision: round(v.precision),
            recall: round(v.recall),
            seconds: round(v.seconds),
            cpuSeconds: round(v.cpuSeconds),
          },
        ]),
      ),
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
