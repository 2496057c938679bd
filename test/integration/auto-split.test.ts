// A stack of letters in one PDF without separator sheets becomes one document per letter through the real ingest —
// scanned (OCR) and born-digital (text layer) alike — each part flagged for the clerk and the split audited; one long
// letter stays whole, and a batch with separator sheets is divided by its sheets only.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/contract/schemas';
import { Core, type CallContext } from '../../src/core/core';
import { Recognition } from '../../src/core/recognition';
import { initStore } from '../../src/store/store';
import { mustShowPdf } from '../escl-scanner/batch';
import { PASSPHRASE, tempDir } from '../support/cli';
import { call } from '../support/core-call';
import { makeStack, scanStack, type Stack } from '../support/stacks';

const cli: CallContext = { origin: 'cli', connection: 'auto-split' };

/** The first seed from `from` whose stack passes `ok` (the generator is seeded: the same seed, the same stack). */
async function stackWhere(letters: number, ok: (s: Stack) => boolean, from = 1): Promise<Stack> {
  for (let seed = from; seed < from + 200; seed++) {
    const s = await makeStack({ seed, letters });
    if (ok(s)) return s;
  }
  throw new Error('no such stack in 200 seeds');
}

describe('automatic separation of a stack without separator sheets', () => {
  let core: Core;
  let dir: string;
  let three: Stack;

  async function ingest(name: string, bytes: Uint8Array): Promise<DocumentSummary[]> {
    const file = join(dir, 'in', name);
    writeFileSync(file, bytes);
    const r = await call(core, 'ingest.paths', { paths: [file], source: 'cli' }, cli);
    expect(r.errors).toEqual([]);
    const docs: DocumentSummary[] = [];
    for (const d of r.documents) docs.push(await call(core, 'documents.get', { id: d.id }, cli));
    return docs;
  }

  /** Pages each letter keeps: its pages less a blank back page (the default profile drops blank pages). */
  const keptPages = (s: Stack) => s.letters.map((l) => l.pages - (l.blankBack ? 1 : 0));

  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'in'));
    const store = await initStore(join(dir, 'store'), { passphrase: PASSPHRASE });
    core = new Core(store, new Recognition({ ocrWorkers: 2 }));
    // Three letters of which at least one runs over more than one page.
    three = await stackWhere(3, (s) => s.letters.some((l) => l.pages - (l.blankBack ? 1 : 0) >= 2) && s.pageCount <= 7);
  }, 120_000);
  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function expectThreeLetters(docs: DocumentSummary[], fileName: string): Promise<void> {
    expect(docs.map((d) => d.pageCount)).toEqual(keptPages(three));
    expect(docs.map((d) => d.fileName)).toEqual([1, 2, 3].map((k) => fileName.replace('.pdf', ` (${k} van 3).pdf`)));
    for (const d of docs) expect(d.autoSplit).toBe(true);
    for (const d of docs) expect(d.stage).toBe('te-controleren');
    // Every page kept, in order: the parts' pages are the stack's pages one after another.
    const pages = await Promise.all(docs.map((d) => call(core, 'documents.pages', { id: d.id, includeRemoved: true }, cli)));
    expect(pages.map((p) => p.length)).toEqual(keptPages(three));
    const audit = await call(core, 'audit.list', { action: 'document.auto-split', objectId: docs[0]!.id }, cli);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.details).toMatchObject({
      documents: 3,
      pages: keptPages(three).reduce((a, b) => a + b, 0),
      documentIds: docs.map((d) => d.id).join(','),
      // Where each part starts in the file as it came (a dropped blank page counted).
      startPages: three.starts.join(','),
    });
  }

  it('a scanned PDF of three letters becomes three documents, each flagged, every page kept in order', async () => {
    const scanned = await scanStack(three.pdf, ['clean', 'noisy-jpeg', 'skew']);
    await expectThreeLetters(await ingest('stapel.pdf', scanned), 'stapel.pdf');
  }, 300_000);

  it('the same stack born-digital (its text layer, no OCR) splits the same way', async () => {
    await expectThreeLetters(await ingest('digitaal.pdf', three.pdf), 'digitaal.pdf');
  }, 120_000);

  it('a single letter of three pages stays one document, not flagged', async () => {
    const one = await stackWhere(1, (s) => s.letters[0]!.kind !== 'generated' && s.letters[0]!.pages === 3 && !s.letters[0]!.blankBack);
    const docs = await ingest('lang.pdf', one.pdf);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.pageCount).toBe(3);
    expect(docs[0]!.autoSplit).toBe(false);
  }, 120_000);

  it('a batch with separator sheets is divided by its sheets only, never automatically', async () => {
    // Letter A is two one-page letters in a row: the automatic rule would split them; the sheets say one document.
    const docs = await ingest('met-scheidingsvellen.pdf', await mustShowPdf());
    expect(docs.map((d) => d.pageCount)).toEqual([2, 1, 3]);
    for (const d of docs) expect(d.autoSplit).toBe(false);
    expect(await call(core, 'audit.list', { action: 'document.auto-split' }, cli)).toHaveLength(2);
  }, 300_000);
});
