// Benchmark: character error rate of Postkamer's recognition beside native Tesseract, per scan variant.
//
// The same generated Dutch letters (test/support/letters.ts) go through Postkamer's whole ingest pipeline
// (decode → orientation/deskew → tesseract.js pool → PDF/A → encrypted store, in-process) and through
// `tesseract <file> - -l nld --psm 1`. The fax variant is fed as its CCITT G4 TIFF and the noisy one as its JPEG,
// to both. Postkamer's text is the full-text body stored for the document (what search and `postkamer text` use,
// before BSN masking, so masking is not counted as an OCR error). Target: Postkamer no worse than native.
//
//   node bin/run-ts.mjs test/bench/recognition-accuracy.ts [--seeds 3] [--first-seed 1] [--variants clean,sideways]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openCore } from '../../src/hosts/open';
import { cer, normaliseForCer } from '../support/cer';
import { renderLetterPage, type LetterVariant } from '../support/letters';
import { limited, run } from './support';
import { signInAsAdmin } from '../support/people';

const ALL: LetterVariant[] = ['clean', 'skew+3', 'skew-3', 'noisy-jpeg', 'upside-down', 'sideways', 'fax-200-bilevel'];
const { values } = parseArgs({
  options: {
    seeds: { type: 'string', default: '3' },
    'first-seed': { type: 'string', default: '1' },
    variants: { type: 'string', default: ALL.join(',') },
  },
});
const SEEDS = Array.from({ length: Number(values.seeds) }, (_, i) => Number(values['first-seed']) + i);
const VARIANTS = values.variants!.split(',') as LetterVariant[];
for (const v of VARIANTS) if (!ALL.includes(v)) throw new Error(`unknown variant ${v} (one of ${ALL.join(', ')})`);

/** Clockwise turn that makes each variant upright, in Postkamer's convention (src/recognise/README.md). */
const EXPECTED_ROTATION: Partial<Record<LetterVariant, number>> = { 'upside-down': 180, sideways: 270 };

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

interface Sample {
  variant: LetterVariant;
  seed: number;
  file: string;
  name: string;
  format: string;
  truth: string;
}

const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-accuracy-'));
try {
  const samples: Sample[] = [];
  mkdirSync(join(dir, 'in'));
  for (const variant of VARIANTS) {
    for (const seed of SEEDS) {
      const page = await renderLetterPage({ seed, variant });
      const [bytes, ext, format] =
        variant === 'fax-200-bilevel'
          ? [page.tiff!, 'tif', 'G4 TIFF']
          : variant === 'noisy-jpeg'
            ? [page.jpeg!, 'jpg', 'JPEG q35']
            : [page.png, 'png', 'PNG'];
      const name = `${variant}-s${seed}.${ext}`;
      const file = join(dir, 'in', name);
      writeFileSync(file, bytes);
      samples.push({ variant, seed, file, name, format, truth: page.text });
    }
  }

  process.stdout.write(
    `Recognition accuracy: ${samples.length} generated A4 letters (${VARIANTS.length} variants × seeds ${SEEDS.join(', ')}); CER = edit distance / truth length, whitespace-normalised\n`,
  );

  // Postkamer: one ingest of all files, in-process, with the default pool (one worker per core).
  const loadPk = load();
  const core = await openCore(join(dir, 'store'), 'bench-accuracy', { create: true });
  await signInAsAdmin(core, { origin: 'cli', connection: 'cli-bench' });
  const t0 = performance.now();
  const res = await core.call(
    'ingest.paths',
    { paths: samples.map((s) => s.file), source: 'cli' },
    { origin: 'cli', connection: 'cli-bench' },
  );
  const pkSeconds = (performance.now() - t0) / 1000;
  if (!res.ok) throw new Error(`ingest: ${res.error.code}`);
  const ingest = res.data as { documents: { id: string; fileName: string }[]; errors: { file: string; code: string }[] };
  const bodyOf = core.store.db.prepare('SELECT f.body FROM documents d JOIN documents_fts f ON f.rowid = d.rowid WHERE d.id = ?');
  const pagesOf = core.store.db.prepare('SELECT rotation, skew FROM pages WHERE document_id = ? ORDER BY seq');
  const pk = new Map<string, { text: string; rotation: number | null; skew: number | null }>();
  for (const d of ingest.documents) {
    const prev = pk.get(d.fileName);
    const body = (bodyOf.get(d.id) as { body: string } | undefined)?.body ?? '';
    const p = pagesOf.get(d.id) as { rotation: number; skew: number } | undefined;
    pk.set(d.fileName, {
      text: prev ? `${prev.text}\n${body}` : body,
      rotation: prev?.rotation ?? p?.rotation ?? null,
      skew: prev?.skew ?? p?.skew ?? null,
    });
  }
  await core.close();

  // Native: the same files, two processes at a time, one thread each (accuracy does not depend on it).
  const loadNative = load();
  const t1 = performance.now();
  const native = await limited(
    2,
    samples.map((s) => () => run('tesseract', [s.file, '-', '-l', 'nld', '--psm', '1'], { ...process.env, OMP_THREAD_LIMIT: '1' })),
  );
  const nativeSeconds = (performance.now() - t1) / 1000;

  const rows = samples.map((s, i) => {
    const got = pk.get(s.name);
    return {
      ...s,
      pk: got ? cer(s.truth, got.text) : 1,
      native: cer(s.truth, native[i]!),
      rejected: !got,
      rotation: got?.rotation ?? null,
      skew: got?.skew ?? null,
    };
  });

  process.stdout.write(`load average before Postkamer: ${loadPk}; before native: ${loadNative}\n`);
  process.stdout.write(
    `Postkamer ingest of all ${samples.length} pages: ${pkSeconds.toFixed(1)} s; native tesseract (2 processes): ${nativeSeconds.toFixed(1)} s\n\n`,
  );
  const header = [
    'variant',
    'input',
    'pages',
    'Postkamer CER mean (max)',
    'native --psm 1 CER mean (max)',
    'Postkamer ≤ native',
    'orientation / skew found',
  ];
  const table: string[][] = [];
  const perVariant: Record<string, { postkamer: number; native: number; pages: number; notWorse: boolean }> = {};
  for (const variant of VARIANTS) {
    const rs = rows.filter((r) => r.variant === variant);
    const p = mean(rs.map((r) => r.pk));
    const n = mean(rs.map((r) => r.native));
    const expected = EXPECTED_ROTATION[variant] ?? 0;
    const rightWay = rs.filter((r) => r.rotation === expected).length;
    const skews = rs.map((r) => r.skew).filter((x): x is number => x !== null);
    const orient = `${rightWay}/${rs.length} at ${expected}°, skew ${skews.length ? mean(skews).toFixed(2) : '–'}°`;
    perVariant[variant] = { postkamer: p, native: n, pages: rs.length, notWorse: p <= n };
    table.push([
      variant,
      rs[0]!.format,
      String(rs.length),
      `${pct(p)} (${pct(Math.max(...rs.map((r) => r.pk)))})${rs.some((r) => r.rejected) ? ' REJECTED PAGE' : ''}`,
      `${pct(n)} (${pct(Math.max(...rs.map((r) => r.native)))})`,
      p <= n ? 'yes' : `no (+${((p - n) * 100).toFixed(2)} pt)`,
      orient,
    ]);
  }
  const allP = mean(rows.map((r) => r.pk));
  const allN = mean(rows.map((r) => r.native));
  table.push([
    'all',
    '',
    String(rows.length),
    pct(allP),
    pct(allN),
    allP <= allN ? 'yes' : `no (+${((allP - allN) * 100).toFixed(2)} pt)`,
    '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd() + '\n';
  process.stdout.write(line(header));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const r of table) process.stdout.write(line(r));
  process.stdout.write('\n  per page (Postkamer / native):');
  for (const r of rows) process.stdout.write(`\n    ${r.name.padEnd(26)} ${pct(r.pk).padStart(8)} / ${pct(r.native).padStart(8)}`);
  process.stdout.write('\n');
  // A huge CER can be a page read badly or a page mostly not read at all; say which.
  const len = (t: string) => Array.from(normaliseForCer(t)).length;
  const short = rows
    .map((r, i) => ({ r, pk: len(pk.get(r.name)?.text ?? '') / len(r.truth), native: len(native[i]!) / len(r.truth) }))
    .filter((x) => x.pk < 0.8 || x.native < 0.8);
  for (const x of short)
    process.stdout.write(
      `  ${x.r.name}: returned ${(x.pk * 100).toFixed(0)} % (Postkamer) / ${(x.native * 100).toFixed(0)} % (native) of the truth's characters\n`,
    );
  if (ingest.errors.length)
    process.stdout.write(`  rejected by Postkamer: ${ingest.errors.map((e) => `${e.file} (${e.code})`).join(', ')}\n`);
  process.stdout.write(
    '  anchors: notes/performance.md §0 — upright pages 0–0.5 % for both engines, the same within noise; tesseract.js without orientation detection on an upside-down page ≈ 87 %\n\n',
  );

  process.stdout.write(
    `${JSON.stringify({
      bench: 'recognition-accuracy',
      date: new Date().toISOString(),
      load: { postkamer: loadPk, native: loadNative },
      seeds: SEEDS,
      pages: rows.length,
      perVariant,
      all: { postkamer: allP, native: allN, notWorse: allP <= allN },
      rejected: ingest.errors.map((e) => e.code),
    })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
