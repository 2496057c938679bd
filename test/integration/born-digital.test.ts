// A born-digital PDF yields what a scan of the same letter yields: each generated letter is ingested through the core
// twice — as the PDF with its real text layer (no OCR) and as a 300-ppi PNG scan (OCR) — and the extracted sender
// (name, address, postcode), letter date and kenmerk are compared with each other and with the generator's truth.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary, IngestResult } from '../../src/contract/schemas';
import type { Box } from '../../src/recognise/types';
import { Core, type CallContext } from '../../src/core/core';
import { Recognition } from '../../src/core/recognition';
import type { OcrPool } from '../../src/recognise/ocr-pool';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { call } from '../support/core-call';
import { makeLetterPdf, renderLetterPage, type LetterFields } from '../support/letters';

/** Seeds 1–12: Helvetica and Times, citizens and companies (letterhead, KvK), with and without kenmerk. */
const SEEDS = Array.from({ length: 12 }, (_, i) => i + 1);
const FIELDS = ['senderName', 'senderAddress', 'postcode', 'letterDate', 'kenmerk'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string | null>;

/**
 * Word boxes from the text layer span the font's ascent to descent, OCR's hug the ink: the same place, not the same
 * pixels (a one-line value: IoU ≈ 0.55–0.7). Required: IoU ≥ MIN_IOU and the PDF box's centre inside the scan's box.
 */
const MIN_IOU = 0.45;
const cli: CallContext = { origin: 'cli', connection: 'born-digital' };
const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

function isoOf(dutch: string): string {
  const [d, m, y] = dutch.split(' ');
  return `${y}-${String(MONTHS.indexOf(m!) + 1).padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** What the generator typeset, in the shape the document summary stores. */
function truthOf(f: LetterFields): Values {
  return {
    senderName: f.senderName,
    senderAddress: `${f.senderStreet}, ${f.senderPostcode} ${f.senderCity}`,
    postcode: f.senderPostcode,
    letterDate: isoOf(f.date),
    // The rule prefers the reader's own reference ("uw kenmerk") over the writer's.
    kenmerk: f.uwKenmerk ?? f.onsKenmerk ?? null,
  };
}

/** The summary's sender is "name, street, postcode city": split after the name, spaces normalised. */
function valuesOf(d: DocumentSummary): Values {
  const sender = d.extracted.sender?.replace(/\s+/g, ' ') ?? null;
  const comma = sender?.indexOf(', ') ?? -1;
  return {
    senderName: sender && comma > 0 ? sender.slice(0, comma) : sender,
    senderAddress: sender && comma > 0 ? sender.slice(comma + 2) : null,
    postcode: d.extracted.postcode,
    letterDate: d.extracted.letterDate,
    kenmerk: d.extracted.kenmerk,
  };
}

describe('born-digital PDFs yield what their scan yields', () => {
  let core: Core;
  let dir: string;
  let recognition: Recognition;
  /** Pages the OCR pool has read so far (the born-digital letters must add none). */
  const ocrCount = () => (recognition as unknown as { pool: OcrPool | null }).pool?.stats().completed ?? 0;
  const rows: Array<{
    seed: number;
    truth: Values;
    pdf: Values;
    scan: Values;
    pdfOcr: number;
    pdfDoc: DocumentSummary;
    scanDoc: DocumentSummary;
  }> = [];

  async function ingest(file: string): Promise<DocumentSummary> {
    const r = await call(core, 'ingest.paths', { paths: [file], source: 'cli' }, cli);
    expect((r as IngestResult).errors).toEqual([]);
    expect(r.documents).toHaveLength(1);
    return call(core, 'documents.get', { id: r.documents[0]!.id }, cli) as Promise<DocumentSummary>;
  }

  beforeAll(async () => {
    dir = tempDir();
    const store = await initStore(join(dir, 'store'), { passphrase: PASSPHRASE });
    recognition = new Recognition({ ocrWorkers: 1 });
    core = new Core(store, recognition);
    const files = join(dir, 'in');
    mkdirSync(files);
    for (const seed of SEEDS) {
      const { pdf, fields } = await makeLetterPdf({ seed });
      const scan = await renderLetterPage({ seed, variant: 'clean' });
      writeFileSync(join(files, `brief-${seed}.pdf`), pdf);
      writeFileSync(join(files, `scan-${seed}.png`), scan.png);
      const before = ocrCount();
      const pdfDoc = await ingest(join(files, `brief-${seed}.pdf`));
      const pdfOcr = ocrCount() - before;
      const scanDoc = await ingest(join(files, `scan-${seed}.png`));
      rows.push({
        seed,
        truth: truthOf(fields),
        pdf: valuesOf(pdfDoc),
        scan: valuesOf(scanDoc),
        pdfOcr,
        pdfDoc,
        scanDoc,
      });
    }
  }, 900_000);
  afterAll(async () => {
    await core?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('every field of the born-digital letter equals the scan and the truth; agreement counts printed', () => {
    const count = (pick: (r: (typeof rows)[number], f: Field) => boolean) =>
      Object.fromEntries(FIELDS.map((f) => [f, rows.filter((r) => pick(r, f)).length]));
    const pdfVsScan = count((r, f) => r.pdf[f] === r.scan[f]);
    const pdfVsTruth = count((r, f) => r.pdf[f] === r.truth[f]);
    const scanVsTruth = count((r, f) => r.scan[f] === r.truth[f]);
    console.log(`born-digital vs scan, ${rows.length} letters — per field, letters that agree:`);
    console.log(`  pdf = scan : ${JSON.stringify(pdfVsScan)}`);
    console.log(`  pdf = truth: ${JSON.stringify(pdfVsTruth)}`);
    console.log(`  scan = truth: ${JSON.stringify(scanVsTruth)}`);
    for (const r of rows) {
      for (const f of FIELDS) {
        if (r.pdf[f] !== r.truth[f] || r.scan[f] !== r.truth[f]) {
          console.log(`  seed ${r.seed} ${f}: truth ${r.truth[f]} · pdf ${r.pdf[f]} · scan ${r.scan[f]}`);
        }
      }
    }
    expect(rows).toHaveLength(SEEDS.length);
    for (const r of rows) {
      for (const f of FIELDS) {
        if (r.scan[f] === r.truth[f])
          expect({ seed: r.seed, field: f, value: r.pdf[f] }).toEqual({ seed: r.seed, field: f, value: r.scan[f] });
        // The text layer is the typeset text itself: nothing to misread.
        expect({ seed: r.seed, field: f, value: r.pdf[f] }).toEqual({ seed: r.seed, field: f, value: r.truth[f] });
      }
    }
  });

  it('the born-digital pages were read from their text layer (no OCR), and the values carry page boxes', () => {
    for (const r of rows) {
      expect(r.pdfOcr).toBe(0);
      for (const key of ['sender', 'postcode', 'letterDate'] as const) {
        const box = r.pdfDoc.extractedDetail?.[key]?.bbox;
        expect(box, `seed ${r.seed} ${key}`).toBeTruthy();
        expect(Object.values(box!).every((n) => Number.isFinite(n))).toBe(true);
      }
    }
  });

  it('a value sits where the scan has it: its box on the PDF page overlaps the box OCR gave on the scan', () => {
    const iou = (a: Box, b: Box) => {
      const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
      const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
      const inter = w > 0 && h > 0 ? w * h : 0;
      const area = (x: Box) => (x.x1 - x.x0) * (x.y1 - x.y0);
      return inter / (area(a) + area(b) - inter);
    };
    const overlaps: Record<string, number[]> = {};
    for (const r of rows) {
      for (const key of ['sender', 'postcode', 'letterDate', 'kenmerk'] as const) {
        const a = r.pdfDoc.extractedDetail?.[key];
        const b = r.scanDoc.extractedDetail?.[key];
        if (!a?.bbox || !b?.bbox || a.value !== b.value) continue;
        (overlaps[key] ??= []).push(Math.round(iou(a.bbox, b.bbox) * 100) / 100);
        const cx = (a.bbox.x0 + a.bbox.x1) / 2;
        const cy = (a.bbox.y0 + a.bbox.y1) / 2;
        expect(cx > b.bbox.x0 && cx < b.bbox.x1 && cy > b.bbox.y0 && cy < b.bbox.y1, `seed ${r.seed} ${key} centre`).toBe(true);
      }
    }
    console.log(`box overlap (IoU) pdf vs scan, per field: ${JSON.stringify(overlaps)}`);
    for (const [key, vs] of Object.entries(overlaps)) for (const v of vs) expect(v, key).toBeGreaterThanOrEqual(MIN_IOU);
  });
});
