// Page thumbnails and display images by URL: a real ingest of a two-page PDF (real recognition pipeline, real
// encrypted store), fetched through the web harness with its session cookie; cached in the vault once, made anew
// for a turned page, never on disk in plaintext, and gone (404, key shredded) for a deleted or purged page.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageInfo } from '../../src/contract/edit';
import type { CallContext, Core } from '../../src/core/core';
import { PAGE_IMAGE_LONG_SIDE } from '../../src/core/page-images';
import { openCore } from '../../src/hosts/open';
import { startWebHarness, type WebHarness } from '../../src/hosts/web';
import { purgeDocuments, withSecureDelete } from '../../src/store/purge';
import { call } from '../support/core-call';
import { PASSPHRASE, tempDir } from '../support/cli';

const clerk: CallContext = { origin: 'cli', connection: 'page-images' };

async function twoPagePdf(subject: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (const [i, line] of [`Gemeente Voorbeeld, brief over ${subject}`, 'Vervolg van de brief, met de bijlagen'].entries()) {
    const page = pdf.addPage([595, 842]);
    page.drawText(line, { x: 60, y: 760, size: 14, font });
    page.drawText(`Pagina ${i + 1} van 2`, { x: 60, y: 60, size: 10, font });
  }
  return pdf.save();
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('page images by URL', () => {
  let dir: string;
  let data: string;
  let core: Core;
  let web: WebHarness;
  let cookie: string;
  /** The document most tests look at, and one that is deleted from and purged (so the tests hold in any order). */
  let docId: string;
  let goneId: string;
  const pagesOf = (id: string): Promise<PageInfo[]> => call(core, 'documents.pages', { id, includeRemoved: false }, clerk);
  const db = () => core.store.db;
  const count = (sql: string, ...args: unknown[]) =>
    (
      db()
        .prepare(sql)
        .get(...args) as { n: number }
    ).n;
  const get = (path: string, withCookie = true) =>
    fetch(`http://127.0.0.1:${web.port}${path}`, { headers: withCookie ? { cookie } : {}, redirect: 'manual' });
  const image = async (path: string) => {
    const res = await get(path);
    expect(res.status, path).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    return { bytes, width: meta.width!, height: meta.height! };
  };

  beforeAll(async () => {
    dir = tempDir('postkamer-page-images-');
    data = join(dir, 'data');
    core = await openCore(data, PASSPHRASE, { create: true });
    mkdirSync(join(dir, 'in'));
    const ids: string[] = [];
    for (const subject of ['de kapvergunning', 'het parkeren']) {
      const file = join(dir, 'in', `brief over ${subject}.pdf`);
      writeFileSync(file, await twoPagePdf(subject));
      const r = await call(core, 'ingest.paths', { paths: [file], source: 'cli' }, clerk);
      expect(r.errors).toEqual([]);
      // The two pages, in whichever documents an automatic split left them: each file is to be one document.
      const [first, ...rest] = r.documents.map((d) => d.id);
      if (rest.length > 0) await call(core, 'documents.merge', { targetId: first!, sourceIds: rest }, clerk);
      expect(await pagesOf(first!)).toHaveLength(2);
      ids.push(first!);
    }
    [docId, goneId] = ids as [string, string];
    const dist = join(dir, 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Postkamer</title>');
    web = await startWebHarness(core, { distDir: dist, log: () => undefined });
    const login = await fetch(web.url, { redirect: 'manual' });
    cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  }, 120_000);

  afterAll(async () => {
    await web?.close();
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('serves a thumbnail and a display image of each page, as the clerk sees it, at their sizes', async () => {
    for (const p of await pagesOf(docId)) {
      const thumb = await image(`/page/${p.pageId}/thumb`);
      expect(Math.max(thumb.width, thumb.height)).toBe(Math.min(PAGE_IMAGE_LONG_SIDE.thumb, Math.max(p.width, p.height)));
      // The page's proportions (portrait A4), within a pixel of rounding.
      expect(Math.abs(thumb.width / thumb.height - p.width / p.height)).toBeLessThan(0.02);
      const full = await image(`/page/${p.pageId}/image`);
      expect(Math.max(full.width, full.height)).toBe(Math.min(PAGE_IMAGE_LONG_SIDE.image, Math.max(p.width, p.height)));
      expect(Math.abs(full.width / full.height - p.width / p.height)).toBeLessThan(0.01);
    }
  });

  it('refuses without a session, and answers 404 for an unknown or malformed page id', async () => {
    const p = (await pagesOf(docId))[0]!.pageId;
    expect((await get(`/page/${p}/thumb`, false)).status).toBe(403);
    expect((await get(`/page/${randomUUID()}/thumb`)).status).toBe(404);
    for (const bad of [`/page/${p}/large`, `/page/${p.toUpperCase()}/thumb`, `/page/${p}/thumb/x`, '/page/abc/thumb', `/page/${p}`])
      expect((await get(bad)).status, bad).toBe(404);
  });

  it('makes a thumbnail once: a second request reads it from the vault and writes no new blob', async () => {
    const p = (await pagesOf(docId))[1]!.pageId;
    const first = await image(`/page/${p}/thumb`);
    const blobs = count('SELECT count(*) AS n FROM blobs');
    const cached = db().prepare(`SELECT blob_id FROM page_thumbs WHERE page_id = ? AND size = 'thumb'`).get(p) as { blob_id: string };
    const again = await image(`/page/${p}/thumb`);
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(count('SELECT count(*) AS n FROM blobs')).toBe(blobs);
    expect(db().prepare(`SELECT blob_id FROM page_thumbs WHERE page_id = ? AND size = 'thumb'`).get(p)).toEqual(cached);
    // The cached copy is an encrypted vault blob like every other: the served bytes are its plaintext.
    expect(core.store.vault.read(cached.blob_id).equals(first.bytes)).toBe(true);
  });

  it('keeps no thumbnail in plaintext on disk: no JPEG or PNG signature in any file of the data folder', async () => {
    const thumb = await image(`/page/${(await pagesOf(docId))[0]!.pageId}/thumb`);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The thumbnail's own header and its last bytes (entropy-coded data), and the PNG signature of the page images.
    const head = thumb.bytes.subarray(0, 32);
    const tail = thumb.bytes.subarray(thumb.bytes.length - 64);
    const files = filesUnder(data);
    expect(files.filter((f) => f.includes(join(data, 'vault'))).length).toBeGreaterThan(4);
    for (const f of files) {
      const bytes = readFileSync(f);
      expect(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), f).toBe(false);
      expect(bytes.includes(head), f).toBe(false);
      expect(bytes.includes(tail), f).toBe(false);
      expect(bytes.includes(png), f).toBe(false);
    }
  });

  it('gives a turned page a new thumbnail (and drops the old one with its key)', async () => {
    const p = (await pagesOf(docId))[0]!;
    const before = await image(`/page/${p.pageId}/thumb`);
    const old = db().prepare(`SELECT blob_id FROM page_thumbs WHERE page_id = ? AND size = 'thumb'`).get(p.pageId) as { blob_id: string };
    await call(core, 'documents.rotatePage', { id: docId, page: 0, rotation: 90 }, clerk);
    // The turn dropped the stale thumbnail and its blob's key at once (crypto-shred).
    expect(count('SELECT count(*) AS n FROM page_thumbs WHERE page_id = ?', p.pageId)).toBe(0);
    expect(count('SELECT count(*) AS n FROM blobs WHERE id = ?', old.blob_id)).toBe(0);
    const after = await image(`/page/${p.pageId}/thumb`);
    // Landscape now: the page image was turned, and so is its thumbnail.
    expect([after.width, after.height]).toEqual([before.height, before.width]);
    const row = db().prepare(`SELECT blob_id, rotation FROM page_thumbs WHERE page_id = ? AND size = 'thumb'`).get(p.pageId) as {
      blob_id: string;
      rotation: number;
    };
    expect(row.blob_id).not.toBe(old.blob_id);
    expect(row.rotation).toBe((p.rotation + 90) % 360);
  });

  it('answers 404 for a page the clerk deleted, and for a purged document, whose cached images lose their keys', async () => {
    const [first, second] = (await pagesOf(goneId)).map((p) => p.pageId) as [string, string];
    await image(`/page/${second}/thumb`);
    await call(core, 'documents.deletePage', { id: goneId, page: 1 }, clerk);
    expect((await get(`/page/${second}/thumb`)).status).toBe(404);

    await image(`/page/${first}/image`);
    const cachedOf = () =>
      (
        db().prepare('SELECT t.blob_id FROM page_thumbs t JOIN pages p ON p.id = t.page_id WHERE p.document_id = ?').all(goneId) as {
          blob_id: string;
        }[]
      ).map((r) => r.blob_id);
    const cached = cachedOf();
    expect(cached.length).toBeGreaterThan(0);
    // As the purge does it (src/core/purge.ts): the pages go, and with them their cached images and those images' keys.
    withSecureDelete(db(), () => db().transaction(() => purgeDocuments(db(), [goneId], new Date().toISOString()))());
    expect((await get(`/page/${first}/thumb`)).status).toBe(404);
    expect((await get(`/page/${first}/image`)).status).toBe(404);
    expect(count('SELECT count(*) AS n FROM page_thumbs WHERE page_id IN (?, ?)', first, second)).toBe(0);
    for (const id of cached) expect(count('SELECT count(*) AS n FROM blobs WHERE id = ?', id)).toBe(0);
  });
});
