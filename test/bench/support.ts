// What the benchmarks share: running a command, a bounded pool, and the timing, load and seeded numbers they print with.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

/** Runs a command and returns its stdout; rejects with the tail of stderr when it exits non-zero. */
export function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolveRun(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`${cmd} exited ${code}: ${Buffer.concat(err).toString('utf8').slice(-500)}`));
    });
  });
}

/** Runs `jobs` with at most `n` at a time, keeping their order in the result. */
export async function limited<T>(n: number, jobs: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

/** The machine's 1, 5 and 15 minute load averages, as every benchmark prints them beside a figure. */
export const loadAverages = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The median (the upper one of an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A small seeded generator (LCG) of whole numbers below `n`, so every run builds the same store. */
export function seededInts(seed: number): (n: number) => number {
  let s = seed;
  return (n) => ((s = (s * 1103515245 + 12345) % 2 ** 31), Math.floor((s / 2 ** 31) * n));
}

/** CPU ms a process has used so far (utime + stime from Linux /proc, USER_HZ 100). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Median wall and CPU ms (this process) of `runs` calls of `f`, printed as one line with the load. */
export async function measureCalls(
  label: string,
  runs: number,
  f: () => unknown,
  labelWidth = 58,
): Promise<{ wallMs: number; cpuMs: number }> {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    walls.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  const r = { wallMs: median(walls), cpuMs: median(cpus) };
  console.log(
    `  ${label.padEnd(labelWidth)} ${r.wallMs.toFixed(1).padStart(8)} ms wall ${r.cpuMs.toFixed(1).padStart(8)} ms CPU  (median of ${runs}; load ${loadAverages()})`,
  );
  return r;
}
