// The clerk's corrections of the automatic split, through the contract as the UI calls them: rotate, move,
// delete and restore a page, split and merge documents. Every change rebuilds the PDF/A (checked with poppler:
// page order, image geometry, text layer on the ink); the received originals and the page images survive every
// step; a document whose delivery has begun refuses changes. Each test starts from its own copy of one freshly
// ingested store (made once, OCR included), so the tests hold in any order (`--sequence.shuffle`).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PageInfo } from '../../src/contract/edit';
import type { IngestResult, SearchHit, Status } from '../../src/contract/schemas';
import type { CommandInput, CommandName } from '../../src/contract/commands';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, tempDir } from '../support/cli';
import { textPng } from '../support/scans';
import { asAdmin, call as coreCall, callFailure } from '../support/core-call';

const cli = { origin: 'cli' as const, connection: 'cli-t' };
const clerk: CallContext = { origin: 'web', connection: 'web-clerk' };

/** Page texts of the four-page letter; each carries one word found nowhere else. */
const LETTER = ['Pagina 1 Appelboom', 'Pagina 2 Boterham', 'Betreft: Kapvergunning Citroenpers', 'Pagina 4 Dakgoten'];

async function multiPageTiff(texts: string[]): Promise<Buffer> {
  const raws = await Promise.all(
    texts.map(async (t) =>
      sharp(await textPng(t))
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const { width, height } = raws[0]!.info;
  return sharp(Buffer.concat(raws.map((r) => r.data)), {
    raw: { width, height: height * raws.length, channels: 1, pageHeight: height } as never,
  })
    .withMetadata({ density: 300 })
    .tiff({ compression: 'lzw' })
    .toBuffer();
}

function poppler(tool: string, args: string[], pdf: Buffer): string {
  const r = spawnSync(tool, [...args, '-', ...(tool === 'pdftotext' ? ['-'] : [])], {
    input: pdf,
    encoding: 'latin1',
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`${tool}: ${r.stderr}`);
  return r.stdout;
}
const pageCountOf = (pdf: Buffer) => Number(/Pages:\s+(\d+)/.exec(poppler('pdfinfo', [], pdf))![1]);
/** The text of each page, in order. */
const pageTexts = (pdf: Buffer) => poppler('pdftotext', [], pdf).split('\f').slice(0, -1);
/** Width × height of the image on each page. */
const pageImages = (pdf: Buffer) =>
  poppler('pdfimages', ['-list'], pdf)
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/))
    .map((c) => ({ page: Number(c[0]), width: Number(c[3]), height: Number(c[4]) }));
/** Every word of the text layer with its box in points. */
function wordBoxes(pdf: Buffer, page: number) {
  const html = poppler('pdftotext', ['-bbox', '-f', String(page), '-l', String(page)], pdf);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    x0: +m[1]!,
    y0: +m[2]!,
    x1: +m[3]!,
    y1: +m[4]!,
    text: m[5]!,
  }));
}

describe('manual page operations on documents', () => {
  let core: Core;
  let batchId: string;
  let letter: string; // the four-page letter
  let annex: string; // one page, Egelantier
  let delivered: string; // one page, Fietsenrek
  const events: { name: string; data: { documentId?: string; batchId?: string } }[] = [];

  const call = <C extends CommandName>(cmd: C, input: CommandInput<C>, ctx: CallContext = clerk) => coreCall(core, cmd, input, ctx);
  const failure = (cmd: CommandName, input: unknown) => callFailure(core, cmd, input, clerk);
  const db = () => core.store.db;
  const docRow = (id: string) =>
    db().prepare('SELECT * FROM documents WHERE id = ?').get(id) as
      | {
          pdf_blob_id: string;
          source_blob_id: string;
          item_id: string;
          batch_id: string;
          seq: number;
          page_count: number;
          title: string;
          size: number;
          sha256: string;
        }
      | undefined;
  const pdfOf = (id: string) => core.store.vault.read(docRow(id)!.pdf_blob_id);
  const pagesOf = (id: string, includeRemoved = false): Promise<PageInfo[]> => call('documents.pages', { id, includeRemoved });
  const words = (id: string) =>
    pageTexts(pdfOf(id)).map((t) => /Appelboom|Boterham|Citroenpers|Dakgoten|Egelantier|Fietsenrek/i.exec(t)?.[0] ?? '?');
  const search = (q: string): Promise<SearchHit[]> => call('documents.search', { query: q });
  /** The word's box in the PDF's text layer lies on ink of the page image; returns the box (points). */
  async function expectWordOnInk(id: string, page: number, word: string) {
    const box = wordBoxes(pdfOf(id), page + 1).find((w) => w.text.includes(word));
    expect(box, `${word} in the text layer`).toBeTruthy();
    const row = db()
      .prepare('SELECT image_blob_id, width, height, dpi FROM pages WHERE document_id = ? AND removed = 0 ORDER BY seq LIMIT 1 OFFSET ?')
      .get(id, page) as { image_blob_id: string; width: number; height: number; dpi: number };
    const px = row.dpi / 72;
    const left = Math.max(0, Math.floor(box!.x0 * px));
    const top = Math.max(0, Math.floor(box!.y0 * px));
    const region = {
      left,
      top,
      width: Math.min(row.width, Math.ceil(box!.x1 * px)) - left,
      height: Math.min(row.height, Math.ceil(box!.y1 * px)) - top,
    };
    // stats() would describe the whole input image: cut the region out first, then look at its pixels.
    const cut = await sharp(core.store.vault.read(row.image_blob_id)).extract(region).greyscale().raw().toBuffer();
    expect(cut.length).toBe(region.width * region.height);
    expect(
      cut.reduce((m, v) => Math.min(m, v), 255),
      `ink under ${word}`,
    ).toBeLessThan(100);
    return box!;
  }
  /** An outbox row for the one-page document, as the delivery would leave it. */
  const put = (state: string, sha256: string | null) => {
    const now = new Date().toISOString();
    db()
      .prepare(
        `INSERT INTO zgw_outbox (document_id, env, state, actor, target, zaaknummer, identificatie, sha256, created_at, updated_at)
       VALUES (?, 'test', ?, 't', 'zaaknummer', 'ZAAK-2026-0000000001', ?, ?, ?, ?)
       ON CONFLICT(document_id) DO UPDATE SET state = excluded.state, sha256 = excluded.sha256`,
      )
      .run(delivered, state, `PK-${delivered}`, sha256, now, now);
  };
  const auditActions = () =>
    db().prepare('SELECT action, object_id, details FROM audit ORDER BY seq').all() as {
      action: string;
      object_id: string;
      details: string;
    }[];

  /** The store every test starts from: the three files ingested once (closed, so it can be copied). */
  let template: string;
  let dir: string;
  let run = 0;

  beforeAll(async () => {
    dir = tempDir();
    template = join(dir, 'template');
    const first = await openCore(template, PASSPHRASE, { create: true });
    try {
      const files = join(dir, 'in');
      mkdirSync(files);
      writeFileSync(join(files, 'brief.tif'), await multiPageTiff(LETTER));
      writeFileSync(join(files, 'bijlage.png'), await textPng('Bijlage Egelantier'));
      writeFileSync(join(files, 'verzonden.png'), await textPng('Verzonden Fietsenrek'));
      const r: IngestResult = await coreCall(
        first,
        'ingest.paths',
        { paths: [join(files, 'brief.tif'), join(files, 'bijlage.png'), join(files, 'verzonden.png')], source: 'cli' },
        cli,
      );
      expect(r.errors).toEqual([]);
      batchId = r.batchId;
      const byName = new Map(r.documents.map((d) => [d.fileName, d]));
      letter = byName.get('brief.tif')!.id;
      annex = byName.get('bijlage.png')!.id;
      delivered = byName.get('verzonden.png')!.id;
      expect(byName.get('brief.tif')!.pageCount).toBe(4);
    } finally {
      await first.close();
    }
  });
  beforeEach(async () => {
    const copy = join(dir, `run-${++run}`);
    cpSync(template, copy, { recursive: true });
    core = await openCore(copy, PASSPHRASE);
    events.length = 0;
    core.on((name, data) => events.push({ name, data: data as never }));
  });
  afterEach(async () => {
    // Whatever a test did, it leaves a consistent store.
    if (core) await expectConsistentStore();
    await core?.close();
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Audit chain intact, no half-written blobs, every document has its PDF, every page image ever made is readable. */
  async function expectConsistentStore() {
    const status: Status = await call('app.status', {}, cli);
    expect(status.audit.chainValid).toBe(true);
    expect(db().prepare(`SELECT count(*) AS n FROM blobs WHERE state = 'writing'`).get()).toEqual({ n: 0 });
    expect(core.store.vault.check()).toEqual({ missing: [], sizeMismatch: [] });
    for (const d of db().prepare('SELECT id, page_count FROM documents').all() as { id: string; page_count: number }[]) {
      expect(pageCountOf(pdfOf(d.id))).toBe(d.page_count);
      expect((await pagesOf(d.id)).length).toBe(d.page_count);
    }
    for (const p of db().prepare('SELECT image_blob_id FROM pages').all() as { image_blob_id: string }[])
      expect(core.store.vault.read(p.image_blob_id).length).toBeGreaterThan(0);
  }
  /** The letter's pages as the move test leaves them: Dakgoten, Appelboom, Boterham, Citroenpers. */
  const dakgotenFirst = async () => {
    await call('documents.movePage', { id: letter, from: 3, to: 0 });
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom', 'Boterham', 'Citroenpers']);
  };
  /** The letter split twice: letter [Dakgoten], appel [Appelboom], part [Boterham, Citroenpers]. */
  const splitTwice = async () => {
    await dakgotenFirst();
    const part = (await call('documents.split', { id: letter, atPage: 2 })).documents[1];
    const appel = (await call('documents.split', { id: letter, atPage: 1 })).documents[1];
    return { appel, part };
  };

  it('lists the pages of a document in order', async () => {
    const pages = await pagesOf(letter);
    expect(pages.map((p) => p.seq)).toEqual([0, 1, 2, 3]);
    expect(pages.every((p) => p.rotation === 0 && !p.removed && p.width === 1200 && p.height === 700 && p.dpi === 300)).toBe(true);
    expect(words(letter)).toEqual(['Appelboom', 'Boterham', 'Citroenpers', 'Dakgoten']);
    expect((await failure('documents.pages', { id: '00000000-0000-4000-8000-000000000000' })).code).toBe('not-found');
  });

  it('rotates a page: new image, text layer on the turned words, old PDF dropped, old image kept', async () => {
    const before = docRow(letter)!;
    const oldPage = db().prepare('SELECT id, image_blob_id FROM pages WHERE document_id = ? AND seq = 1').get(letter) as {
      id: string;
      image_blob_id: string;
    };
    const r = await call('documents.rotatePage', { id: letter, page: 1, rotation: 90 });
    expect(r.pages[1]).toMatchObject({ pageId: oldPage.id, rotation: 90, width: 700, height: 1200 });

    const pdf = pdfOf(letter);
    expect(pageCountOf(pdf)).toBe(4);
    expect(pageImages(pdf).map((i) => [i.width, i.height])).toEqual([
      [1200, 700],
      [700, 1200],
      [1200, 700],
      [1200, 700],
    ]);
    expect(pageTexts(pdf)[1]).toMatch(/Boterham/);

    // The word's box in the text layer stands upright (the line now runs down the page) and covers ink.
    const box = await expectWordOnInk(letter, 1, 'Boterham');
    expect(box.y1 - box.y0).toBeGreaterThan(box.x1 - box.x0);
    const page = db().prepare('SELECT image_blob_id, ocr FROM pages WHERE id = ?').get(oldPage.id) as {
      image_blob_id: string;
      ocr: string;
    };
    expect(page.image_blob_id).not.toBe(oldPage.image_blob_id);
    expect((await sharp(core.store.vault.read(oldPage.image_blob_id)).metadata()).width).toBe(1200);
    const stored = JSON.parse(page.ocr) as { words: { text: string; bbox: { x0: number; y0: number; x1: number; y1: number } }[] };
    const w = stored.words.find((x) => /Boterham/.test(x.text))!;
    expect(w.bbox.y1 - w.bbox.y0).toBeGreaterThan(w.bbox.x1 - w.bbox.x0);

    // The previous PDF is gone (row and file); the original scan and the previous page image are not.
    expect(docRow(letter)!.pdf_blob_id).not.toBe(before.pdf_blob_id);
    expect(db().prepare('SELECT 1 FROM blobs WHERE id = ?').get(before.pdf_blob_id)).toBeUndefined();
    expect(() => core.store.vault.read(before.pdf_blob_id)).toThrow();
    expect(core.store.vault.read(oldPage.image_blob_id).length).toBeGreaterThan(0);
    const item = db().prepare('SELECT sha256, blob_id FROM items WHERE id = ?').get(before.item_id) as { sha256: string; blob_id: string };
    expect(createHash('sha256').update(core.store.vault.read(item.blob_id)).digest('hex')).toBe(item.sha256);
    expect(docRow(letter)).toMatchObject({ size: pdf.length, sha256: createHash('sha256').update(pdf).digest('hex') });

    const audit = auditActions().filter((a) => a.object_id === letter || a.object_id === oldPage.id);
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['page.rotate', 'document.rebuild', 'page.image']));
    expect(JSON.parse(audit.find((a) => a.action === 'page.image')!.details)).toMatchObject({
      previousImageBlobId: oldPage.image_blob_id,
      rotation: 90,
    });
  });

  it('turns add up; two turns sent at once are both applied, one after the other', async () => {
    await call('documents.rotatePage', { id: letter, page: 1, rotation: 90 });
    await Promise.all([
      call('documents.rotatePage', { id: letter, page: 1, rotation: 90 }),
      call('documents.rotatePage', { id: letter, page: 1, rotation: 180 }),
    ]);
    const pages = await pagesOf(letter);
    expect(pages[1]).toMatchObject({ rotation: 0, width: 1200, height: 700 });
    expect(pageImages(pdfOf(letter))[1]).toMatchObject({ width: 1200, height: 700 });
    expect(pageTexts(pdfOf(letter))[1]).toMatch(/Boterham/);
    expect((await failure('documents.rotatePage', { id: letter, page: 1, rotation: 45 })).code).toBe('invalid-input');
  });

  it('moves a page', async () => {
    const r = await call('documents.movePage', { id: letter, from: 3, to: 0 });
    expect(r.pageCount).toBe(4);
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom', 'Boterham', 'Citroenpers']);
    expect((await failure('documents.movePage', { id: letter, from: 4, to: 0 })).code).toBe('invalid-input');
    expect((await failure('documents.movePage', { id: letter, from: 0, to: 4 })).code).toBe('invalid-input');
  });

  it('deletes a page (hidden, image kept) and restores it to its place', async () => {
    await dakgotenFirst();
    const appel = (await pagesOf(letter))[1]!;
    const r = await call('documents.deletePage', { id: letter, page: 1 });
    expect(r.removedPageId).toBe(appel.pageId);
    expect(r.pageCount).toBe(3);
    expect(docRow(letter)!.page_count).toBe(3);
    expect(pageCountOf(pdfOf(letter))).toBe(3);
    expect(words(letter)).toEqual(['Dakgoten', 'Boterham', 'Citroenpers']);
    expect(await search('Appelboom')).toEqual([]);
    expect((await pagesOf(letter)).map((p) => p.pageId)).not.toContain(appel.pageId);
    expect((await pagesOf(letter, true)).find((p) => p.pageId === appel.pageId)).toMatchObject({ removed: true, seq: 1 });
    const row = db().prepare('SELECT removed, image_blob_id FROM pages WHERE id = ?').get(appel.pageId) as {
      removed: number;
      image_blob_id: string;
    };
    expect(row.removed).toBe(1);
    expect(core.store.vault.read(row.image_blob_id).length).toBeGreaterThan(0);

    // Moving the others around does not lose its place: it stays before the page that followed it.
    await call('documents.movePage', { id: letter, from: 2, to: 0 }); // Citroenpers, Dakgoten, Boterham
    await call('documents.movePage', { id: letter, from: 0, to: 2 }); // Dakgoten, Boterham, Citroenpers
    const back = await call('documents.restorePage', { id: letter, pageId: appel.pageId });
    expect(back.pageCount).toBe(4);
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom', 'Boterham', 'Citroenpers']);
    expect((await search('Appelboom')).map((h) => h.id)).toEqual([letter]);
    expect((await failure('documents.restorePage', { id: letter, pageId: appel.pageId })).code).toBe('not-found');
    expect(auditActions().map((a) => a.action)).toEqual(expect.arrayContaining(['page.delete', 'page.restore', 'page.move']));
  });

  it('splits a document: the rest becomes a new document after it, titled from its own subject line', async () => {
    await dakgotenFirst();
    events.length = 0;
    const before = docRow(letter)!;
    const r = await call('documents.split', { id: letter, atPage: 2 });
    expect(r.documents[0]).toBe(letter);
    const part = r.documents[1];
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom']);
    expect(words(part)).toEqual(['Boterham', 'Citroenpers']);
    const doc = await call('documents.get', { id: part });
    expect(doc).toMatchObject({ batchId, pageCount: 2, status: 'ready', mime: 'application/pdf' });
    expect(doc.title).toMatch(/Kapvergunning/);
    const row = docRow(part)!;
    expect(row.seq).toBe(before.seq + 1);
    expect(row.source_blob_id).toBe(before.source_blob_id);
    expect((await search('Citroenpers')).map((h) => h.id)).toEqual([part]);
    expect((await search('Dakgoten')).map((h) => h.id)).toEqual([letter]);
    expect(
      events
        .filter((e) => e.name === 'document.changed')
        .map((e) => e.data.documentId)
        .sort(),
    ).toEqual([letter, part].sort());
    expect(events.some((e) => e.name === 'batch.changed' && e.data.batchId === batchId)).toBe(true);
    const audit = auditActions();
    expect(audit.find((a) => a.action === 'document.split' && a.object_id === letter)).toBeTruthy();
    expect(audit.find((a) => a.action === 'document.create' && a.object_id === part)).toBeTruthy();

    // Without a subject line of its own, a part is called after the document it came from.
    const again = await call('documents.split', { id: letter, atPage: 1 });
    expect((await call('documents.get', { id: again.documents[1] })).title).toBe(`${before.title} (deel 2)`);
    expect(words(again.documents[1])).toEqual(['Appelboom']);

    expect((await failure('documents.split', { id: letter, atPage: 0 })).code).toBe('invalid-input');
    expect((await failure('documents.split', { id: letter, atPage: 1 })).code).toBe('invalid-input'); // one page left
    expect((await failure('documents.deletePage', { id: letter, page: 0 })).code).toBe('invalid-input'); // the last page
  });

  it('merges documents: pages appended in order, a deleted page travels along, the sources are gone', async () => {
    const { appel, part } = await splitTwice();
    expect(words(part)).toEqual(['Boterham', 'Citroenpers']);
    expect(words(appel)).toEqual(['Appelboom']);
    const boterham = (await pagesOf(part))[0]!.pageId;
    await call('documents.deletePage', { id: part, page: 0 });
    const sources = [appel, part, annex];
    const gone = sources.map((id) => docRow(id)!);

    const r = await call('documents.merge', { targetId: letter, sourceIds: sources });
    expect(r.pageCount).toBe(4);
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom', 'Citroenpers', 'Egelantier']);
    for (const [i, id] of sources.entries()) {
      expect((await failure('documents.get', { id })).code).toBe('not-found');
      expect(db().prepare('SELECT 1 FROM blobs WHERE id = ?').get(gone[i]!.pdf_blob_id)).toBeUndefined();
      // The received file behind each source is still there, intact.
      const item = db().prepare('SELECT sha256, blob_id FROM items WHERE id = ?').get(gone[i]!.item_id) as {
        sha256: string;
        blob_id: string;
      };
      expect(createHash('sha256').update(core.store.vault.read(item.blob_id)).digest('hex')).toBe(item.sha256);
    }
    expect((await search('Egelantier')).map((h) => h.id)).toEqual([letter]);
    expect((await search('Citroenpers')).map((h) => h.id)).toEqual([letter]);
    expect(db().prepare(`SELECT count(*) AS n FROM documents_fts WHERE rowid NOT IN (SELECT rowid FROM documents)`).get()).toEqual({
      n: 0,
    });
    const audit = auditActions();
    for (const id of sources)
      expect(JSON.parse(audit.find((a) => a.action === 'document.delete' && a.object_id === id)!.details)).toMatchObject({
        reason: 'merged',
        into: letter,
      });
    expect(audit.find((a) => a.action === 'document.merge' && a.object_id === letter)).toBeTruthy();

    // The page deleted in a source came along, hidden, and returns where it was: before Citroenpers.
    expect((await pagesOf(letter, true)).find((p) => p.pageId === boterham)).toMatchObject({ removed: true, seq: 2 });
    await call('documents.restorePage', { id: letter, pageId: boterham });
    expect(words(letter)).toEqual(['Dakgoten', 'Appelboom', 'Boterham', 'Citroenpers', 'Egelantier']);

    expect((await failure('documents.merge', { targetId: letter, sourceIds: [letter] })).code).toBe('invalid-input');
  });

  it('a document whose delivery has begun is not changed; one only queued may be, but not merged away', async () => {
    const pdfBefore = docRow(delivered)!.pdf_blob_id;
    const pagesBefore = db().prepare('SELECT * FROM pages WHERE document_id = ?').all(delivered);

    put('done', 'f'.repeat(64));
    const e = await failure('documents.rotatePage', { id: delivered, page: 0, rotation: 180 });
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/geleverd/);
    expect((await failure('documents.merge', { targetId: letter, sourceIds: [delivered] })).code).toBe('forbidden');
    expect((await failure('documents.merge', { targetId: delivered, sourceIds: [letter] })).code).toBe('forbidden');

    put('pending', 'f'.repeat(64)); // content frozen: a request may be under way
    expect((await failure('documents.rotatePage', { id: delivered, page: 0, rotation: 180 })).message).toMatch(/verstuurd/);
    expect(docRow(delivered)!.pdf_blob_id).toBe(pdfBefore);
    expect(db().prepare('SELECT * FROM pages WHERE document_id = ?').all(delivered)).toEqual(pagesBefore);

    put('pending', null); // only queued: it is sent as it is when its turn comes
    await call('documents.rotatePage', { id: delivered, page: 0, rotation: 180 });
    expect(docRow(delivered)!.pdf_blob_id).not.toBe(pdfBefore);
    expect(pageTexts(pdfOf(delivered))[0]).toMatch(/Fietsenrek/);
    await expectWordOnInk(delivered, 0, 'Fietsenrek'); // upside down now: the box went to the other corner
    expect((await failure('documents.merge', { targetId: letter, sourceIds: [delivered] })).message).toMatch(/zaaksysteem/);
  });

  it('a change that loses a race (delivery froze it, or someone else changed it) records nothing and leaves no blobs', async () => {
    const blobCount = () => (db().prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n;
    /** Starts a rotation and, once its new blobs are being written, does `meanwhile`. */
    await asAdmin(core, clerk);
    const race = async (meanwhile: () => void) => {
      const result = core.call('documents.rotatePage', { id: delivered, page: 0, rotation: 90 }, clerk);
      for (let i = 0; i < 10_000 && !db().prepare(`SELECT 1 FROM blobs WHERE state = 'writing'`).get(); i++)
        await new Promise((r) => setImmediate(r));
      expect(db().prepare(`SELECT 1 FROM blobs WHERE state = 'writing'`).get()).toBeTruthy();
      meanwhile();
      return result;
    };
    const before = {
      blobs: blobCount(),
      doc: docRow(delivered),
      pages: db().prepare('SELECT * FROM pages WHERE document_id = ?').all(delivered),
    };

    const frozen = await race(() => put('pending', 'e'.repeat(64)));
    expect(frozen).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    put('pending', null);
    const changed = await race(() => db().prepare(`UPDATE documents SET title = 'Anders genoemd' WHERE id = ?`).run(delivered));
    expect(changed).toMatchObject({ ok: false, error: { code: 'edit-conflict' } });

    expect(blobCount()).toBe(before.blobs);
    expect(db().prepare(`SELECT count(*) AS n FROM blobs WHERE state = 'writing'`).get()).toEqual({ n: 0 });
    expect(docRow(delivered)!.pdf_blob_id).toBe(before.doc!.pdf_blob_id);
    expect(db().prepare('SELECT * FROM pages WHERE document_id = ?').all(delivered)).toEqual(before.pages);
  });

  it('leaves a consistent store after a run of edits: audit chain intact, no half-written blobs, every document has its PDF', async () => {
    const { appel, part } = await splitTwice();
    await call('documents.rotatePage', { id: annex, page: 0, rotation: 270 });
    await call('documents.deletePage', { id: part, page: 1 });
    await call('documents.merge', { targetId: appel, sourceIds: [annex] });
    expect(await failure('documents.merge', { targetId: part, sourceIds: [annex] })).toMatchObject({ code: 'not-found' });
    await expectConsistentStore();
  });
});
