// One document builder for ingest and for every page edit: a letter ingested whole, and the same letter after a
// split-and-merge round trip, carry the same extracted fields — including a zaaknummer that only the configured
// zaaknummerPattern finds (the default pattern, ZAAK-jjjj-nnnnnnnnnn, does not). Real store on disk, real OCR.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, IngestResult } from '../../src/contract/schemas';
import type { Result } from '../../src/contract/wire';
import { Core, type CallContext } from '../../src/core/core';
import { Recognition } from '../../src/core/recognition';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { renderLetterPage } from '../support/letters';
import { asAdmin } from '../support/core-call';

const cli: CallContext = { origin: 'cli', connection: 'cli-t' };
const clerk: CallContext = { origin: 'web', connection: 'web-clerk' };
/** A municipality's own case numbers: only this pattern finds them. */
const PATTERN = 'Z-\\d{4}-\\d{6}';
const ZAAK = 'Z-2023-004512';

/** A two-page letter as one multi-page TIFF (one received item, one document). */
async function twoPageLetter(): Promise<Buffer> {
  const first = await renderLetterPage({ seed: 11, variant: 'clean', fields: { zaaknummer: ZAAK, bsn: undefined } });
  const second = await renderLetterPage({ seed: 12, variant: 'report' });
  const raws = await Promise.all(
    [first, second].map((p) =>
      sharp(p.png).resize(first.width, first.height, { fit: 'fill' }).greyscale().raw().toBuffer({ resolveWithObject: true }),
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

describe('buildDocument: ingest and page edits extract alike', () => {
  let core: Core;
  let dir: string;
  let id: string;
  let whole: DocumentSummary;
  let wholeText: string;

  async function call<T>(cmd: string, input: unknown, ctx: CallContext = clerk): Promise<T> {
    await asAdmin(core, ctx);
    const r = (await core.call(cmd, input, ctx)) as Result<T>;
    if (!r.ok) throw new Error(`${cmd}: ${r.error.code} ${r.error.message}`);
    return r.data;
  }
  const get = (docId: string) => call<DocumentSummary>('documents.get', { id: docId });
  const fields = (d: DocumentSummary) => ({
    zaaknummer: d.zaaknummer,
    extracted: d.extracted,
    detail: Object.fromEntries(Object.entries(d.extractedDetail ?? {}).map(([k, v]) => [k, v ? { value: v.value, page: v.page } : null])),
    containsBsn: d.containsBsn,
    title: d.title,
  });

  beforeAll(async () => {
    dir = tempDir();
    const store = await initStore(join(dir, 'store'), { passphrase: PASSPHRASE });
    core = new Core(store, new Recognition({ ocrWorkers: 1, zaaknummerPattern: PATTERN }));
    const files = join(dir, 'in');
    mkdirSync(files);
    writeFileSync(join(files, 'brief.tif'), await twoPageLetter());
    const r = await call<IngestResult>('ingest.paths', { paths: [join(files, 'brief.tif')], source: 'cli' }, cli);
    expect(r.errors).toEqual([]);
    expect(r.documents).toHaveLength(1);
    id = r.documents[0]!.id;
    whole = await get(id);
    wholeText = (await call<{ text: string }>('documents.text', { id })).text;
  }, 180_000);
  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an unknown profile before receiving anything (the default profile is only for a profile removed since)', async () => {
    const before = (await call<{ id: string }[]>('batches.list', { limit: 100 })).length;
    await asAdmin(core, cli);
    const r = await core.call('ingest.paths', { paths: [join(dir, 'in', 'brief.tif')], source: 'cli', profile: 'bestaat-niet' }, cli);
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: { code: string; message: string } }).error).toMatchObject({
      code: 'not-found',
      message: expect.stringContaining('Scanprofiel "bestaat-niet" bestaat niet'),
    });
    expect((await call<{ id: string }[]>('batches.list', { limit: 100 })).length).toBe(before);
  });

  it('ingest finds the zaaknummer through the configured pattern', () => {
    expect(whole.pageCount).toBe(2);
    expect(whole.zaaknummer).toBe(ZAAK);
    expect(whole.extracted.zaaknummer).toBe(ZAAK);
  });

  it('after split and merge the letter has the same extracted fields as when ingested whole', async () => {
    const {
      documents: [kept, part],
    } = await call<{ documents: [string, string] }>('documents.split', { id, atPage: 1 });
    expect(kept).toBe(id);
    // The first part still holds the zaaknummer: the split rebuild must find it as ingest did.
    expect((await get(id)).zaaknummer).toBe(ZAAK);
    await call('documents.merge', { targetId: id, sourceIds: [part] });
    const after = await get(id);
    expect(after.pageCount).toBe(2);
    expect(fields(after)).toEqual(fields(whole));
    expect((await call<{ text: string }>('documents.text', { id })).text).toBe(wholeText);
  }, 180_000);
});
