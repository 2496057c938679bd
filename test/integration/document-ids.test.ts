// Naming a document by its id or the start of it, and listing every document, in a store of 6 000 documents
// (written straight into the real encrypted store, not through OCR): `documents.resolve` through the core, and
// the CLI (`documents`, `text`, `link`, `retry`) as a child process on the same store.
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { prefixRange } from '../../src/base/id-prefix';
import { documentIdsInRange } from '../../src/store/documents';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { call, callFailure } from '../support/core-call';

const COUNT = 6000;
/** The oldest document: last in the list, beyond the first 5 000. */
const OLDEST = 'fedcba98-7654-4321-8765-0123456789ab';
/** Two documents that share their first 8 characters (and more). */
const TWINS = ['abcd1234-0000-4000-8000-000000000001', 'abcd1234-0000-4000-8000-000000000002'];
/** Seven documents that share 'c0ffee00-1111-4': an ambiguity names five of them. */
const SEVEN = Array.from({ length: 7 }, (_, i) => `c0ffee00-1111-4000-8000-00000000000${i}`);

describe('document ids and the document list in a store of 6 000 documents', () => {
  let dir: string;
  let data: string;
  let core: Core;
  const ids: string[] = [];

  beforeAll(async () => {
    dir = tempDir();
    data = join(dir, 'store');
    core = await openCore(data, PASSPHRASE, { create: true });
    const db = core.store.db;
    const base = Date.UTC(2026, 0, 1);
    const at = (i: number) => new Date(base + i * 1000).toISOString();
    // Oldest first: the special ones are the oldest, so a list of the newest 5 000 leaves them out.
    ids.push(OLDEST, ...TWINS, ...SEVEN);
    // The others are random, but never share the first four characters the tests name (fedc, abcd, c0ff, 1234, 9999).
    const reserved = /^(fedc|abcd|c0ff|1234|9999)/;
    while (ids.length < COUNT) {
      const id = randomUUID();
      if (!reserved.test(id)) ids.push(id);
    }
    const batch = randomUUID();
    db.transaction(() => {
      db.prepare(`INSERT INTO batches (id, created_at, source, label, status) VALUES (?, ?, 'cli', 'groot', 'done')`).run(batch, at(0));
      const doc = db.prepare(
        `INSERT INTO documents (id, batch_id, seq, title, file_name, mime, size, sha256, status, page_count, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, 'application/pdf', 1, ?, 'ready', 1, ?, ?)`,
      );
      const fts = db.prepare('INSERT INTO documents_fts (rowid, title, body) VALUES (?, ?, ?)');
      ids.forEach((id, i) => {
        const info = doc.run(id, batch, i, `Brief ${i}`, `brief-${i}.pdf`, '0'.repeat(64), at(i), at(i));
        fts.run(info.lastInsertRowid, `Brief ${i}`, `Tekst van brief nummer ${i}`);
      });
    })();
    expect((db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n).toBe(COUNT);
  });
  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('resolves a whole id, the start of one, in any case, for the oldest of 6 000 documents', async () => {
    expect(await call(core, 'documents.resolve', { prefix: OLDEST })).toEqual({ id: OLDEST });
    expect(await call(core, 'documents.resolve', { prefix: 'fedcba98' })).toEqual({ id: OLDEST });
    expect(await call(core, 'documents.resolve', { prefix: ' FEDC ' })).toEqual({ id: OLDEST });
    expect(await call(core, 'documents.resolve', { prefix: TWINS[0]! })).toEqual({ id: TWINS[0] });
    for (const id of ids.slice(-50)) expect(await call(core, 'documents.resolve', { prefix: id })).toEqual({ id });
  });

  it('refuses a start shared by several documents, naming at most five of them', async () => {
    const two = await callFailure(core, 'documents.resolve', { prefix: 'abcd1234' });
    expect(two.code).toBe('zgw-ambiguous-document');
    expect(two.message).toContain('abcd1234');
    for (const id of TWINS) expect(two.message).toContain(id);
    expect(two.details).toEqual({ candidates: TWINS });

    const seven = await callFailure(core, 'documents.resolve', { prefix: 'c0ffee00-1111' });
    expect(seven.code).toBe('zgw-ambiguous-document');
    expect(seven.details).toEqual({ candidates: SEVEN.slice(0, 5) });
    expect(seven.message).toMatch(/en meer/);
    expect(seven.message).not.toContain(SEVEN[5]);
  });

  it('says which start matched nothing, and why a given text is no id at all', async () => {
    const none = await callFailure(core, 'documents.resolve', { prefix: '12345678-9' });
    expect(none.code).toBe('not-found');
    expect(none.message).toMatch(/geen document .*"12345678-9"/);
    for (const bad of ['abc', 'xyz12345', 'abcd-', 'abcd1234-00000', `${OLDEST}0`, '%', 'abcd%']) {
      const e = await callFailure(core, 'documents.resolve', { prefix: bad });
      expect(e.code, bad).toBe('invalid-input');
      expect(e.message, bad).toMatch(/geen document-id/);
    }
  });

  it('finds ids by prefix with an indexed range scan, not a full scan', () => {
    const { low, high } = prefixRange('fedcba98');
    const plan = core.store.db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM documents WHERE id >= ? AND id < ? ORDER BY id LIMIT ?')
      .all(low, high, 6) as { detail: string }[];
    expect(plan.map((p) => p.detail).join('\n')).toMatch(/SEARCH documents USING (COVERING )?INDEX .*\(id>\? AND id<\?\)/);
    expect(documentIdsInRange(core.store.db, prefixRange('abcd1234'), 6)).toEqual(TWINS);
  });

  it('the CLI lists every document: --json, plain, and a window with --limit/--offset', async () => {
    const json = await runCli(['documents', '--json', '--data', data]);
    expect(json.code, json.stderr).toBe(0);
    const listed = (JSON.parse(json.stdout) as { id: string }[]).map((d) => d.id);
    expect(listed.length).toBe(COUNT);
    expect(new Set(listed)).toEqual(new Set(ids));
    expect(listed.at(-1)).toBe(OLDEST); // newest first

    const plain = await runCli(['documents', '--data', data]);
    expect(plain.code, plain.stderr).toBe(0);
    const rows = plain.stdout.trimEnd().split('\n').slice(1);
    expect(rows.length).toBe(COUNT);
    expect(new Set(rows.map((r) => r.slice(0, 8)))).toEqual(new Set(ids.map((id) => id.slice(0, 8))));

    const tail = await runCli(['documents', '--json', '--limit', '3', '--offset', String(COUNT - 2), '--data', data]);
    expect(tail.code, tail.stderr).toBe(0);
    expect((JSON.parse(tail.stdout) as { id: string }[]).map((d) => d.id)).toEqual(listed.slice(-2));
    const head = await runCli(['documents', '--json', '--limit', '5001', '--data', data]);
    expect((JSON.parse(head.stdout) as { id: string }[]).map((d) => d.id)).toEqual(listed.slice(0, 5001));

    for (const bad of [['--limit', '0'], ['--offset=-1'], ['--limit', 'veel']]) {
      const r = await runCli(['documents', ...bad, '--data', data]);
      expect(r.code, bad.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/moet een geheel getal/);
    }
  });

  it('every <id> of the CLI takes the start of an id over all documents: text, link, retry', async () => {
    const text = await runCli(['text', 'fedcba98', '--data', data]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toBe('Tekst van brief nummer 0\n');

    const link = await runCli(['link', 'abcd1234', '--zaaknummer', 'ZAAK-2026-0000000001', '--data', data]);
    expect(link.code).toBe(1);
    for (const id of TWINS) expect(link.stderr).toContain(id);

    const retry = await runCli(['retry', '99999999', '--data', data]);
    expect(retry.code).toBe(1);
    expect(retry.stderr).toMatch(/geen document .*"99999999"/);

    const pdf = await runCli(['pdf', 'abcd1234', '--out', join(dir, 'x.pdf'), '--data', data]);
    expect(pdf.code).toBe(1);
    expect(pdf.stderr).toMatch(/Meerdere documenten/);
  });
});
