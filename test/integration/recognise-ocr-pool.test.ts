// The OCR worker pool with the real tesseract.js engine and the bundled Dutch model.
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecogniseError } from '../../src/recognise/errors';
import { flattenBlocks, flattenTsv, type TBlock } from '../../src/recognise/ocr-blocks';
import { OcrPool } from '../../src/recognise/ocr-pool';
import { langPathFor } from '../../src/recognise/tessdata';
import { cer } from '../support/cer';
import { renderTextPage, SHORT_LETTER_LINES, type TestPage } from '../unit/recognise/support/pages';

let page: TestPage;
let small: TestPage;
beforeAll(async () => {
  page = await renderTextPage({ lines: SHORT_LETTER_LINES, heightMm: 60, topMm: 12 });
  small = await renderTextPage({ lines: ['Zaaknummer Z-2024-000183'], heightMm: 20, topMm: 10 });
});

describe('OcrPool', () => {
  const pool = new OcrPool({ size: 2 });
  afterAll(() => pool.close());

  it('recognises Dutch text with word boxes in image pixels', async () => {
    const r = await pool.recognize(page.png, { dpi: 300 });
    expect(cer(page.text, r.text)).toBeLessThan(0.02);
    expect(r.width).toBe(page.width);
    expect(r.height).toBe(page.height);
    expect(r.lines).toHaveLength(SHORT_LETTER_LINES.filter(Boolean).length);
    expect(r.confidence).toBeGreaterThan(80);
    const first = r.words[0]!;
    expect(first.text).toBe('Betreft:');
    // Typeset at x = 25 mm (295 px at 300 ppi), first baseline 12 mm (142 px) from the top.
    expect(Math.abs(first.bbox.x0 - 295)).toBeLessThan(8);
    expect(first.bbox.y0).toBeLessThan(142);
    expect(first.bbox.y1).toBeGreaterThan(135);
    expect(r.lines[0]!.words.map((w) => w.text).join(' ')).toBe(r.lines[0]!.text);
  });

  it('reads the same lines, words, boxes and confidences from the TSV as from the blocks tree it replaced', async () => {
    // One recognition, both outputs: the pool asks only for the TSV (the blocks tree cost the worker ~9 % of a page).
    const worker = await Tesseract.createWorker('nld+eng', Tesseract.OEM.LSTM_ONLY, {
      langPath: langPathFor('nld+eng'),
      cacheMethod: 'none',
      gzip: true,
      errorHandler: () => {},
    });
    try {
      await worker.setParameters({ tessedit_pageseg_mode: '3' as Tesseract.PSM });
      // The pool passes Tesseract parameters through recognize()'s options, as tesseract.js forwards them (not in its types).
      const params = { user_defined_dpi: '300' } as Partial<Tesseract.RecognizeOptions>;
      const { data } = await worker.recognize(page.png, params, { text: true, tsv: true, blocks: true });
      const fromTsv = flattenTsv(data.tsv, 1.5, { x: 30, y: 40 });
      expect(fromTsv.words.length).toBeGreaterThan(20);
      expect(fromTsv).toEqual(flattenBlocks(data.blocks as unknown as TBlock[], 1.5, { x: 30, y: 40 }));
    } finally {
      await worker.terminate();
    }
  });

  it('a page past its timeout: worker replaced, retried once, then ocr-failed — while other pages succeed', async () => {
    await pool.start();
    const before = pool.stats();
    const slow = pool.recognize(page.png, { dpi: 300, timeoutMs: 5 });
    const others = [pool.recognize(small.png, { dpi: 300 }), pool.recognize(small.png, { dpi: 300 })];
    const err = await slow.then(
      () => null,
      (e) => e,
    );
    expect(err).toBeInstanceOf(RecogniseError);
    expect(err.code).toBe('ocr-failed');
    expect(err.details).toMatchObject({ reason: 'timeout', attempts: 2 });
    for (const r of await Promise.all(others)) expect(r.text).toBe('Zaaknummer Z-2024-000183');
    const after = pool.stats();
    expect(after.timeouts - before.timeouts).toBe(2);
    expect(after.restarts - before.restarts).toBe(2);
    expect(after.retried - before.retried).toBe(1);
    expect(after.failed - before.failed).toBe(1);
    // The pool is whole again: both replacement workers come up and serve pages.
    const deadline = Date.now() + 30_000;
    while (pool.stats().ready < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(pool.stats().ready).toBe(2);
    expect(pool.stats().workersCreated - before.workersCreated).toBe(2);
    const again = await Promise.all([pool.recognize(small.png), pool.recognize(small.png)]);
    expect(again.map((r) => r.text)).toEqual(['Zaaknummer Z-2024-000183', 'Zaaknummer Z-2024-000183']);
  });

  it('an abort while queued or running settles the page with the abort reason', async () => {
    const controller = new AbortController();
    const jobs = [0, 1, 2].map(() => pool.recognize(page.png, { signal: controller.signal }));
    controller.abort(new Error('gebruiker annuleerde'));
    const settled = await Promise.allSettled(jobs);
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      expect(((s as PromiseRejectedResult).reason as Error).message).toBe('gebruiker annuleerde');
    }
    expect((await pool.recognize(small.png)).text).toBe('Zaaknummer Z-2024-000183');
  });

  it('a PNG the engine cannot read is retried once and then fails with ocr-failed', async () => {
    const broken = Buffer.concat([small.png.subarray(0, 40), Buffer.alloc(100, 7)]);
    const err = await pool.recognize(broken).then(
      () => null,
      (e) => e,
    );
    expect(err?.code).toBe('ocr-failed');
    expect(err.details.reason).toBe('error');
  });
});

describe('OcrPool recycling', () => {
  it('replaces a worker after recycleAfterPages pages', async () => {
    const pool = new OcrPool({ size: 1, recycleAfterPages: 2 });
    try {
      const texts: string[] = [];
      for (let i = 0; i < 5; i++) texts.push((await pool.recognize(small.png)).text);
      expect(texts.every((t) => t === 'Zaaknummer Z-2024-000183')).toBe(true);
      const s = pool.stats();
      expect(s.recycled).toBe(2); // after page 2 and page 4
      expect(s.workersCreated).toBe(3);
      expect(s.restarts).toBe(0);
      expect(s.completed).toBe(5);
    } finally {
      await pool.close();
    }
  });

  it('close() rejects what is still queued and the pool refuses new pages', async () => {
    const pool = new OcrPool({ size: 1 });
    await pool.start();
    const jobs = [pool.recognize(page.png), pool.recognize(page.png)];
    await pool.close();
    for (const s of await Promise.allSettled(jobs)) expect(s.status).toBe('rejected');
    await expect(pool.recognize(small.png)).rejects.toMatchObject({ code: 'ocr-failed' });
  });
});
