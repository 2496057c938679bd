// Benchmark: how long a whole `postkamer` process takes from start to exit, run from the build ahead of time
// (.build/core/, rebuilt first): `help`, `--version`, and `status` on an empty store, beside `node -e 0` (Node's own
// start) and, for reference, `help` through tsx as the CLI ran before (with a warm tsx cache in a private temp folder).
// `status` unlocks the store with the passphrase (scrypt), so the key derivation is timed apart as well, in this
// process, and subtracted. Each case: one unmeasured run, then the median of --runs whole-process runs. Besides the
// wall time, each run's CPU time (user+sys, from GNU time where /usr/bin/time exists): on a shared machine the wall
// time is mostly waiting for a core, the CPU time much less so.
//
//   node bin/run-ts.mjs test/bench/cold-start.ts [--runs 5]     (or `npm run bench -- cold-start`)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCore } from '../../scripts/build-core.mjs';
import { readKeyFile, unlockWithPassphrase } from '../../src/store/keyfile';
import { CLI_PERSON } from '../support/cli';
import { hashPin, verifyPin } from '../../src/people/pin';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));
const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'bin/postkamer.mjs');
const PASSPHRASE = 'cold-start bench passphrase';

const scratch = mkdtempSync(join(tmpdir(), 'postkamer-bench-cold-'));
const dataDir = join(scratch, 'store');
const tsxTmp = join(scratch, 'tsx-tmp'); // tsx's compile cache for the reference arm, not the shared /tmp
const env = { ...process.env, POSTKAMER_PASSPHRASE: PASSPHRASE, ...CLI_PERSON };
mkdirSync(tsxTmp);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const GNU_TIME = '/usr/bin/time';
const haveTime = existsSync(GNU_TIME);

/** Wall and CPU (user+sys; NaN without GNU time) seconds of one whole process; throws when it fails. */
function once(args: string[], e: NodeJS.ProcessEnv = env): { wall: number; cpu: number } {
  const [cmd, argv] = haveTime ? [GNU_TIME, ['-f', 'cpu %U %S', process.execPath, ...args]] : [process.execPath, args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, { cwd: ROOT, env: e, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString().slice(-300)}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr.toString());
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN };
}

function measure(args: string[], e?: NodeJS.ProcessEnv): { median: number; cpu: number; runs: number[] } {
  once(args, e); // unmeasured: file cache, tsx's compile cache
  const runs = Array.from({ length: RUNS }, () => once(args, e));
  return { median: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)), runs: runs.map((r) => r.wall) };
}

try {
  const b0 = performance.now();
  await buildCore({ log: false });
  const buildS = (performance.now() - b0) / 1000;
  if (spawnSync(process.execPath, [CLI, 'init', '--data', dataDir], { env, stdio: 'ignore' }).status !== 0)
    throw new Error('postkamer init failed');

  const kf = readKeyFile(dataDir)!;
  await unlockWithPassphrase(kf, PASSPHRASE); // unmeasured
  const scryptRuns: number[] = [];
  const scryptCpuRuns: number[] = [];
  const pinRuns: number[] = [];
  const pinCpuRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await unlockWithPassphrase(kf, PASSPHRASE);
    const c = process.cpuUsage(c0);
    scryptRuns.push((performance.now() - t0) / 1000);
    scryptCpuRuns.push((c.user + c.system) / 1e6);
  }
  // Every command signs its person in: one verification of their PIN hash (src/people/pin.ts), measured apart too.
  const pinHash = await hashPin(CLI_PERSON.POSTKAMER_PIN);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await verifyPin(CLI_PERSON.POSTKAMER_PIN, pinHash);
    const c = process.cpuUsage(c0);
    pinRuns.push((performance.now() - t0) / 1000);
    pinCpuRuns.push((c.user + c.system) / 1e6);
  }
  const scrypt = median(scryptRuns) + median(pinRuns);
  const scryptCpu = median(scryptCpuRuns) + median(pinCpuRuns);

  process.stdout.write(
    `Cold start of whole processes, median of ${RUNS} (after one unmeasured run); load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  process.stdout.write(`build:core (esbuild, in this process): ${buildS.toFixed(2)} s\n\n`);
  const cases: [string, string[], NodeJS.ProcessEnv?, string?][] = [
    ['node -e 0', ['-e', '0']],
    ['postkamer help', [CLI, 'help'], undefined, '< 0.3 s'],
    ['postkamer --version', [CLI, '--version']],
    ['postkamer status (empty store)', [CLI, 'status', '--data', dataDir], undefined, '< 0.6 s + both scrypts'],
    [
      'help through tsx (before; warm cache)',
      [
        '--import',
        'tsx',
        '-e',
        `const { main } = await import(${JSON.stringify(join(ROOT, 'src/hosts/cli/main.ts'))}); process.exitCode = await main(['help']);`,
        '--input-type=module',
      ],
      { ...env, TMPDIR: tsxTmp },
    ],
  ];
  const out: Record<string, number> = { scrypt, 'scrypt cpu': scryptCpu };
  for (const [name, args, e, target] of cases) {
    const r = measure(args, e);
    out[name] = r.median;
    out[`${name} cpu`] = r.cpu;
    const extra = name.startsWith('postkamer status')
      ? `  (minus the store's and the PIN's scrypt: ${(r.median - scrypt).toFixed(3)} s wall, ${(r.cpu - scryptCpu).toFixed(3)} s CPU)`
      : '';
    process.stdout.write(
      `  ${name.padEnd(40)} ${r.median.toFixed(3)} s wall, ${r.cpu.toFixed(3)} s CPU${extra}${target ? `  target ${target}` : ''}   wall runs ${r.runs.map((x) => x.toFixed(3)).join(' ')}\n`,
    );
  }
  process.stdout.write(
    `  ${'scrypt key derivation (this process)'.padEnd(40)} ${median(scryptRuns).toFixed(3)} s wall, ${median(scryptCpuRuns).toFixed(3)} s CPU   wall runs ${scryptRuns.map((x) => x.toFixed(3)).join(' ')}\n`,
  );
  process.stdout.write(
    `  ${'PIN verification (this process)'.padEnd(40)} ${median(pinRuns).toFixed(3)} s wall, ${median(pinCpuRuns).toFixed(3)} s CPU   wall runs ${pinRuns.map((x) => x.toFixed(3)).join(' ')}\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ bench: 'cold-start', runs: RUNS, seconds: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, +v.toFixed(4)])) })}\n`,
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
