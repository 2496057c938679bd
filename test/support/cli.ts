import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const cliPath = join(repoRoot, 'bin/postkamer.mjs');
export const PASSPHRASE = 'correct horse battery staple';
/** Who the CLI runs as: `init` makes this person the first administrator, every other command signs in as them. */
export const CLI_PERSON = { POSTKAMER_USER: 'test-beheerder', POSTKAMER_PIN: '246810' } as const;

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `postkamer <args>` as a child process, as a user would. */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; prefix?: string[]; timeoutMs?: number; stdin?: string } = {},
): Promise<CliResult> {
  return new Promise((ok, ko) => {
    const [cmd, ...pre] = opts.prefix ?? [];
    const child = spawn(cmd ?? process.execPath, [...pre, ...(cmd ? [process.execPath] : []), cliPath, ...args], {
      cwd: repoRoot,
      env: { ...process.env, POSTKAMER_PASSPHRASE: PASSPHRASE, ...CLI_PERSON, ...opts.env },
      stdio: [opts.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (opts.stdin !== undefined) child.stdin!.end(opts.stdin);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', ko);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      ok({ code, signal, stdout, stderr });
    });
  });
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: { ...process.env, POSTKAMER_PASSPHRASE: PASSPHRASE, ...CLI_PERSON, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export const tempDir = (prefix = 'postkamer-test-') => mkdtempSync(join(tmpdir(), prefix));

/** Every file under `dir` with its SHA-256, size and mtime: to prove that nothing on disk changed. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = `${createHash('sha256').update(readFileSync(p)).digest('hex')}:${st.size}:${st.mtimeMs}`;
    }
  };
  walk(dir);
  return out;
}

/**
 * All files under `dir` (recursively). A file or folder that disappears while it is being listed (a writer
 * renaming its temp file, as the vault does) is skipped: tests poll a store that is being written.
 */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const gone = (e: unknown) => (e as NodeJS.ErrnoException)?.code === 'ENOENT';
  const walk = (d: string) => {
    let names: string[];
    try {
      names = readdirSync(d);
    } catch (e) {
      if (gone(e)) return;
      throw e;
    }
    for (const name of names) {
      const p = join(d, name);
      let dirEntry: boolean;
      try {
        dirEntry = statSync(p).isDirectory();
      } catch (e) {
        if (gone(e)) continue;
        throw e;
      }
      if (dirEntry) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out;
}
