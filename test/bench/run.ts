// `npm run bench`: runs every benchmark script in test/bench/ in turn (alphabetical), each in its own child process
// so that one's memory and worker threads never weigh on the next. Prints each one's output as it comes, then a
// summary and one JSON line holding every benchmark's own JSON line.
//
//   npm run bench                                   all of them
//   npm run bench -- recognition                    those whose name contains "recognition"
//   npm run bench -- recognition-throughput --pages 8   options after the filter go to every selected script
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { buildCore } from '../../scripts/build-core.mjs';

const HERE = import.meta.dirname;
const ROOT = resolve(HERE, '../..');
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const filters = firstOption < 0 ? args : args.slice(0, firstOption);
const passOn = firstOption < 0 ? [] : args.slice(firstOption);

const benches = readdirSync(HERE)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== basename(import.meta.filename))
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => filters.length === 0 || filters.some((q) => name.includes(q)))
  .sort();
if (benches.length === 0) {
  process.stderr.write(`no benchmark in test/bench/ matches ${filters.join(', ')}\n`);
  process.exit(1);
}

// Benchmarks that start `postkamer` (sync.ts: the zaaksysteem; cold-start.ts) run the build: make it current.
await buildCore();

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const results: { bench: string; exit: number | string; seconds: number; json: unknown }[] = [];
process.stdout.write(`Postkamer benchmarks: ${benches.join(', ')}${passOn.length ? ` (options: ${passOn.join(' ')})` : ''}\n`);

for (const bench of benches) {
  process.stdout.write(`\n=== ${bench} — ${new Date().toISOString()}, load average ${load()} ===\n`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, 'bin/run-ts.mjs'), join(HERE, `${bench}.ts`), ...passOn], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let json: unknown = null;
  createInterface({ input: child.stdout! }).on('line', (l) => {
    process.stdout.write(`${l}\n`);
    if (l.startsWith('{')) {
      try {
        json = JSON.parse(l);
      } catch {
        /* a line that only looks like JSON */
      }
    }
  });
  const exit = await new Promise<number | string>((r) => child.on('close', (code, signal) => r(code ?? signal ?? 'unknown')));
  results.push({ bench, exit, seconds: +((performance.now() - t0) / 1000).toFixed(1), json });
}

process.stdout.write('\n=== summary ===\n');
for (const r of results)
  process.stdout.write(
    `  ${r.bench.padEnd(26)} ${r.exit === 0 ? 'ok    ' : `FAILED (${r.exit})`}  ${r.seconds.toFixed(0).padStart(5)} s\n`,
  );
process.stdout.write(`${JSON.stringify({ bench: 'all', date: new Date().toISOString(), load: load(), results })}\n`);
if (results.some((r) => r.exit !== 0)) process.exitCode = 1;
