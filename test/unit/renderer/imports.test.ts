import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The renderer runs in a sandboxed page under a strict CSP. It may import React, i18next, zod, and the pure parts
// of the core (src/contract, src/domain) — never Node, never Electron, never another part of src — and it may
// not build HTML from strings or evaluate code. Checked over the whole import graph, not just renderer/.

const root = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
const rendererDir = join(root, 'renderer');
const ALLOWED_PACKAGES = new Set([
  'react',
  'react/jsx-runtime',
  'react-dom',
  'react-dom/client',
  'i18next',
  'react-i18next',
  'zod',
  'recharts',
]);
const ALLOWED_DIRS = ['renderer', 'src/contract', 'src/domain'].map((d) => join(root, d) + sep);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === 'dist' || n === 'node_modules') return [];
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(n) && n !== 'vite.config.ts' ? [p] : [];
  });
}

function specifiers(code: string): string[] {
  const out: string[] = [];
  // Statements start a line; `import: 'import'` inside an object literal must not count.
  const patterns = [
    /^\s*import\s+(?:type\s+)?[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*export\s+[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gm,
    /^\s*import\s*['"]([^'"]+)['"]/gm,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of code.matchAll(re)) out.push(m[1]);
  return out;
}

function resolveRelative(from: string, spec: string): string | null {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(c) && statSync(c).isFile()) return c;
  }
  return existsSync(base) ? base : null; // e.g. a .css file
}

function importGraph(): { file: string; spec: string; target: string | null }[] {
  const edges: { file: string; spec: string; target: string | null }[] = [];
  const seen = new Set<string>();
  const queue = sourceFiles(rendererDir);
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.(ts|tsx)$/.test(file)) continue;
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      const target = spec.startsWith('.') ? resolveRelative(file, spec) : null;
      edges.push({ file, spec, target });
      // Follow only allowed files; a wrong import is reported once, at the edge that crosses the line.
      if (target && ALLOWED_DIRS.some((d) => target.startsWith(d))) queue.push(target);
    }
  }
  return edges;
}

describe('renderer import rules', () => {
  const edges = importGraph();
  const rel = (p: string) => relative(root, p);

  it('finds the renderer sources (the check is not vacuous)', () => {
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.some((e) => e.spec === 'react')).toBe(true);
    expect(edges.some((e) => e.target?.includes(`${sep}src${sep}contract${sep}`))).toBe(true);
  });

  it('imports only allowed packages, anywhere in its graph', () => {
    const bad = edges.filter((e) => !e.spec.startsWith('.') && !ALLOWED_PACKAGES.has(e.spec)).map((e) => `${rel(e.file)} → ${e.spec}`);
    expect(bad).toEqual([]);
  });

  it('reaches only renderer/, src/contract/ and src/domain/ through relative imports', () => {
    const bad = edges
      .filter((e) => e.spec.startsWith('.') && (!e.target || !ALLOWED_DIRS.some((d) => e.target!.startsWith(d))))
      .map((e) => `${rel(e.file)} → ${e.spec}`);
    expect(bad).toEqual([]);
  });

  it('builds no HTML from strings and evaluates no code', () => {
    const forbidden = [
      /dangerouslySetInnerHTML/,
      /\.innerHTML\b/,
      /\.outerHTML\s*=/,
      /\beval\s*\(/,
      /\bnew\s+Function\s*\(/,
      /document\.write/,
      /insertAdjacentHTML/,
    ];
    const bad: string[] = [];
    for (const f of sourceFiles(rendererDir)) {
      const code = readFileSync(f, 'utf8');
      for (const re of forbidden) if (re.test(code)) bad.push(`${rel(f)}: ${re}`);
    }
    expect(bad).toEqual([]);
  });

  it('loads no remote resources and has no inline script in index.html or the theme', () => {
    const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0][1]).toMatch(/type="module"/);
    expect(scripts[0][1]).toMatch(/src="\.\/main\.tsx"/);
    expect(scripts[0][2].trim()).toBe('');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    const css = readFileSync(join(rendererDir, 'ui/theme.css'), 'utf8');
    expect(css).not.toMatch(/url\(\s*['"]?(https?:)?\/\//);
    expect(css).not.toMatch(/@import/);
  });

  it('the built bundle, if present, has no inline script either', () => {
    const built = join(rendererDir, 'dist/index.html');
    if (!existsSync(built)) return;
    const html = readFileSync(built, 'utf8');
    for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
      expect(m[1]).toMatch(/\ssrc="\.\/assets\//);
      expect(m[2].trim()).toBe('');
    }
  });
});
