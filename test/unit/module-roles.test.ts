import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Every module says what it is for in its first line: a newcomer reads the folder's files top lines and knows where a
// rule lives. Checked on the files git tracks (and new ones not yet added), so a module added without one fails here.

const ROOT = join(__dirname, '..', '..');
const CODE = /^(src|main|renderer|scripts|bin)\/.*\.(ts|tsx|mts|cts|mjs|cjs)$/;
const EXEMPT = [/^src\/sync\/generated\//, /\.d\.ts$/];

function modules(): string[] {
  const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  return out.split('\n').filter((f) => CODE.test(f) && !EXEMPT.some((re) => re.test(f)));
}

/** The first line that is not a `#!` line starts a comment (`//` or a block comment). */
function startsWithComment(text: string): boolean {
  const lines = text.split('\n');
  const first = lines[0]?.startsWith('#!') ? lines[1] : lines[0];
  return /^\s*(\/\/|\/\*)/.test(first ?? '');
}

describe('module roles', () => {
  it('finds the modules it is meant to check', () => {
    const files = modules();
    expect(files).toContain('src/core/core.ts');
    expect(files).toContain('main/main.ts');
    expect(files).toContain('renderer/app/App.tsx');
    expect(files.length).toBeGreaterThan(200);
  });

  it('every module starts with a comment that says what it is for', () => {
    const missing = modules().filter((f) => !startsWithComment(readFileSync(join(ROOT, f), 'utf8')));
    expect(missing).toEqual([]);
  });
});
