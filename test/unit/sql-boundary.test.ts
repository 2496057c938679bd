import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// SQL lives only in src/store/: every other part of the product calls typed store functions. Reads the source as it
// is on disk, so a statement, a pragma or a query text added back outside src/store fails here (dependency-cruiser's
// sql-only-in-store rule sees imports of the driver; this sees the database handle used through a store's `db`).

const ROOT = join(__dirname, '..', '..');
const AREAS = ['src', 'main'];
const SKIP = new Set(['src/store', 'src/sync/generated']);

/** Database calls (statements, pragmas, scripts) and SQL text. */
const SQL = [
  /\.prepare\(/,
  /\bstmt\(/,
  /\.exec\(\s*[`'"]/, // a SQL script (RegExp#exec takes a string variable, not a literal, in this code)
  /\bdb\(?\)?\.exec\(/,
  /\.pragma\(/,
  /\bSELECT\b[\s\S]{0,200}?\bFROM\b/,
  /\bINSERT\s+INTO\b/,
  /\bUPDATE\s+\w+\s+SET\b/,
  /\bDELETE\s+FROM\b/,
  /\bPRAGMA\s+\w+/,
];

function sources(path: string): string[] {
  const rel = relative(ROOT, path);
  if (SKIP.has(rel)) return [];
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((n) => sources(join(path, n)));
  return /\.(ts|mts|js|mjs)$/.test(path) ? [path] : [];
}

describe('SQL boundary', () => {
  it('finds the sources it is meant to check', () => {
    const files = AREAS.flatMap((a) => sources(join(ROOT, a))).map((f) => relative(ROOT, f));
    expect(files).toContain('src/sync/outbox.ts');
    expect(files).toContain('src/sync/worker.ts');
    expect(files).toContain('src/audit/audit.ts');
    expect(files).toContain('src/core/commands/app.ts');
    expect(files).toContain('src/hosts/utility.ts');
    expect(files).not.toContain('src/store/outbox.ts');
  });

  it('keeps every SQL statement, pragma and query text in src/store', () => {
    const found: string[] = [];
    for (const file of AREAS.flatMap((a) => sources(join(ROOT, a)))) {
      const text = readFileSync(file, 'utf8');
      for (const re of SQL) {
        const m = re.exec(text);
        if (m) found.push(`${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}: ${m[0].slice(0, 60)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
