import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve, dirname } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// DESIGN.md §2: who may import whom. The core and the renderer never import electron; the renderer imports no
// Node module and nothing from src/ but the contract and the pure domain rules; contract and domain have no I/O.

const root = resolve(import.meta.dirname, '../..');
const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const NODE_ONLY_PACKAGES = ['better-sqlite3-multiple-ciphers', 'sharp', 'tesseract.js', 'ws', 'pdfjs-dist', '@napi-rs/canvas', 'tsx', 'multicast-dns'];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d)) {
      if (n === 'node_modules' || n === 'dist' || n === 'generated') continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      // Build configs (vite.config.ts) run in Node at build time; they are not renderer code.
      else if (/\.(ts|tsx|mts)$/.test(n) && !n.endsWith('.d.ts') && !/^vite\..*config\.ts$|^vite\.config\.ts$/.test(n)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

/** Every module specifier a file imports, statically or dynamically, or requires. */
export function importsOf(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  const visit = (n: ts.Node) => {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteral(n.moduleSpecifier)) specs.push(n.moduleSpecifier.text);
    if (ts.isCallExpression(n) && (n.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(n.expression) && n.expression.text === 'require'))) {
      const a = n.arguments[0];
      if (a && ts.isStringLiteralLike(a)) specs.push(a.text);
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) specs.push(n.argument.literal.text);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return specs;
}

const violations = (dirs: string[], bad: (spec: string, file: string) => string | null) => {
  const out: string[] = [];
  for (const d of dirs) {
    for (const f of sourceFiles(join(root, d))) {
      for (const s of importsOf(f)) {
        const why = bad(s, f);
        if (why) out.push(`${relative(root, f)} imports "${s}": ${why}`);
      }
    }
  }
  return out;
};

describe('import rules (DESIGN.md §2)', () => {
  it('src/ and renderer/ never import electron', () => {
    expect(violations(['src', 'renderer'], (s) => (s === 'electron' || s.startsWith('electron/') ? 'electron is only for main/' : null))).toEqual([]);
  });

  it('renderer/ imports no Node module and only the contract and the domain rules from src/', () => {
    expect(
      violations(['renderer'], (s, f) => {
        if (NODE.has(s)) return 'a Node built-in in the renderer';
        if (NODE_ONLY_PACKAGES.some((p) => s === p || s.startsWith(`${p}/`))) return 'a Node-only package in the renderer';
        if (s.startsWith('.')) {
          const target = relative(root, resolve(dirname(f), s));
          if (target.startsWith('src/') && !target.startsWith('src/contract') && !target.startsWith('src/domain')) return 'the renderer may import only src/contract and src/domain';
          if (target.startsWith('main/')) return 'the renderer may not import main/';
        }
        return null;
      }),
    ).toEqual([]);
  });

  it('src/contract and src/domain do no I/O and import nothing else from src/', () => {
    expect(
      violations(['src/contract', 'src/domain'], (s, f) => {
        if (NODE.has(s)) return 'Node built-in in a pure module';
        if (s.startsWith('.')) {
          const target = relative(root, resolve(dirname(f), s));
          const own = relative(root, f).split('/').slice(0, 2).join('/');
          if (!target.startsWith(own)) return `${own} must not import ${target}`;
        } else if (s !== 'zod') return 'only zod is allowed here';
        return null;
      }),
    ).toEqual([]);
  });

  it('the app never loads the test zaaksysteem except through the CLI command that starts it', () => {
    expect(
      violations(['src', 'main', 'renderer'], (s, f) => {
        const target = relative(root, resolve(dirname(f), s));
        if (s.startsWith('.') && target.startsWith('test/') && relative(root, f) !== 'src/cli/main.ts') return 'test code in the product';
        return null;
      }),
    ).toEqual([]);
  });

  it('the checker itself catches a violation', () => {
    const specs = importsOf(join(root, 'test/unit/import-rules.test.ts'));
    expect(specs).toContain('node:fs');
    expect(specs).toContain('typescript');
  });
});
