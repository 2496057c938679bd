// The mail-room batch through the capture sources, split into documents by the profile rules:
//   letter A (2 pages) · separator sheet with a zaaknummer · letter B (1 page) · Patch-T sheet ·
//   letter C (3 pages, one blank back side)
// must give exactly three documents with the right pages, B carrying the zaaknummer, and the blank page flagged
// or dropped per profile — through the virtual eSCL scanner and through a watched folder.
import { mkdtemp, readdir, readFile, rm, writeFile, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analysePage } from '../../src/capture/analyse';
import { EsclClient } from '../../src/capture/escl/client';
import { defaultProfiles, esclSettingsFor, findProfile, type ScanProfile } from '../../src/capture/profiles';
import { splitBatch, type CapturedPage, type DocumentPlan } from '../../src/capture/split';
import { watchFolder, type WatchEvent } from '../../src/capture/watch';
import { decodeInput } from '../../src/recognise/decode';
import { DOCUMENTTYPE_B, mustShowPages, mustShowPdf, mustShowSheets, ZAAKNUMMER_B } from '../escl-scanner/batch';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';

const standaard = findProfile(defaultProfiles, 'standaard'); // blank pages: drop
const archief = findProfile(defaultProfiles, 'archief'); // blank pages: flag
const simplex = (p: ScanProfile) => ({ ...p, duplex: false });

/** What the lead's pipeline does with each page as it arrives: store it (here: keep it) and analyse it. */
async function analyseBytes(index: number, bytes: Buffer, dpi?: number): Promise<CapturedPage> {
  const m = await sharp(bytes).metadata();
  return analysePage(index, { png: bytes, width: m.width!, height: m.height!, dpi: dpi ?? m.density ?? 300 });
}

function expectTheThreeDocuments(drop: DocumentPlan[], flag: DocumentPlan[]) {
  // Feed order: 0 A1 · 1 A2 · 2 separator · 3 B1 · 4 Patch T · 5 C1 · 6 C2 · 7 C3 · 8 blank back of C3
  expect(drop).toEqual([
    { pages: [0, 1], metadata: {}, flaggedBlank: [] },
    { pages: [3], metadata: { zaaknummer: ZAAKNUMMER_B, documenttype: DOCUMENTTYPE_B }, flaggedBlank: [] },
    { pages: [5, 6, 7], metadata: {}, flaggedBlank: [] },
  ]);
  expect(flag).toEqual([
    { pages: [0, 1], metadata: {}, flaggedBlank: [] },
    { pages: [3], metadata: { zaaknummer: ZAAKNUMMER_B, documenttype: DOCUMENTTYPE_B }, flaggedBlank: [] },
    { pages: [5, 6, 7, 8], metadata: {}, flaggedBlank: [8] },
  ]);
}

beforeAll(async () => {
  await mustShowPages(); // render the letters once for every test here
});

describe('the batch through the virtual eSCL scanner', () => {
  let scanner: VirtualScanner;
  afterAll(async () => scanner?.close());

  it('standaard (blank dropped) and archief (blank flagged) give the three documents', async () => {
    scanner = await startVirtualScanner({ sheets: await mustShowSheets() });
    const client = new EsclClient(scanner.baseUrl);
    const caps = await client.capabilities();
    const settings = esclSettingsFor(simplex(standaard), caps.adfSimplex!);
    if ('unsupported' in settings) throw new Error(settings.unsupported);
    expect(settings).toEqual({ source: 'Feeder', duplex: false, resolution: 300, colorMode: 'RGB24', format: 'image/jpeg' });

    const analysed: CapturedPage[] = [];
    const result = await client.scan(
      settings,
      async (p) => {
        analysed.push(await analyseBytes(p.index, p.bytes, settings.resolution));
      },
      undefined,
      { capabilities: caps },
    );
    expect(result).toEqual({ pages: 9, outcome: 'completed' });
    expect(analysed.map((p) => (p.separator ? p.separator.kind : p.blank ? 'blank' : 'page'))).toEqual([
      'page',
      'page',
      'postkamer',
      'page',
      'patch-t',
      'page',
      'page',
      'page',
      'blank',
    ]);
    expectTheThreeDocuments(splitBatch(analysed, simplex(standaard)), splitBatch(analysed, simplex(archief)));
    // Blank pages as separators: the trailing blank separates nothing.
    expect(splitBatch(analysed, { ...simplex(standaard), blankPages: 'separate' }).map((d) => d.pages)).toEqual([[0, 1], [3], [5, 6, 7]]);
  });

  it("duplex at 200 ppi gray: blank backs of the sheets are recognised and dropped, the separators' backs go with them", async () => {
    const pages = await mustShowPages();
    const byLabel = Object.fromEntries(pages.map((p) => [p.label, { png: p.png, dpi: p.dpi }]));
    scanner = await startVirtualScanner({
      sheets: [
        { front: byLabel.A1!, back: byLabel.A2! },
        { front: byLabel.SEP! },
        { front: byLabel.B1! },
        { front: byLabel['PATCH-T']! },
        { front: byLabel.C1!, back: byLabel.C2! },
        { front: byLabel.C3! },
      ],
    });
    const analysed: CapturedPage[] = [];
    const result = await new EsclClient(scanner.baseUrl).scan(
      { source: 'Feeder', duplex: true, resolution: 200, colorMode: 'Grayscale8', format: 'image/jpeg' },
      async (p) => {
        analysed.push(await analyseBytes(p.index, p.bytes, 200));
      },
    );
    expect(result).toEqual({ pages: 12, outcome: 'completed' });
    // 0 A1 · 1 A2 | 2 SEP · 3 – | 4 B1 · 5 – | 6 PT · 7 – | 8 C1 · 9 C2 | 10 C3 · 11 –
    expect(analysed.filter((p) => p.blank).map((p) => p.index)).toEqual([3, 5, 7, 11]);
    const drop = splitBatch(analysed, { ...standaard, duplex: true });
    expect(drop).toEqual([
      { pages: [0, 1], metadata: {}, flaggedBlank: [] },
      { pages: [4], metadata: { zaaknummer: ZAAKNUMMER_B, documenttype: DOCUMENTTYPE_B }, flaggedBlank: [] },
      { pages: [8, 9, 10], metadata: {}, flaggedBlank: [] },
    ]);
    const flag = splitBatch(analysed, { ...archief, duplex: true });
    expect(flag.map((d) => [d.pages, d.flaggedBlank])).toEqual([
      [[0, 1], []],
      [[4, 5], [5]],
      [[8, 9, 10, 11], [11]],
    ]);
  });
});

describe('the batch through a watched folder (one multi-page PDF, as scan-to-folder writes it)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'postkamer-watch-batch-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('gives the three documents; a damaged file next to it goes to mislukt/ with a reason', async () => {
    const pdf = await mustShowPdf(200);
    const plans = new Map<string, { drop: DocumentPlan[]; flag: DocumentPlan[] }>();
    const events: WatchEvent[] = [];
    const w = watchFolder(dir, {
      pollMs: 100,
      stableMs: 400,
      graceMs: 1_000, // a cut-off file waits this long for the rest before it is set aside
      onEvent: (e) => events.push(e),
      onFile: async (file) => {
        const bytes = await readFile(file.path);
        const rasters = await decodeInput(bytes, file.name); // throws a RecogniseError (Dutch message) on a bad file
        const analysed: CapturedPage[] = [];
        for (const r of rasters) analysed.push(await analysePage(r.index, { png: r.image, width: r.width, height: r.height, dpi: r.dpi }));
        plans.set(file.name, { drop: splitBatch(analysed, simplex(standaard)), flag: splitBatch(analysed, simplex(archief)) });
        return { ok: true };
      },
    });
    try {
      // The MFP writes the batch in pieces; the watcher must wait until it is complete.
      const fh = await open(join(dir, 'scan_0001.pdf'), 'w');
      const third = Math.ceil(pdf.length / 3);
      for (let i = 0; i < 3; i++) {
        await fh.write(pdf.subarray(i * third, (i + 1) * third));
        await fh.sync();
        await new Promise((r) => setTimeout(r, 250));
        expect(plans.size).toBe(0);
      }
      await fh.close();
      await writeFile(join(dir, 'scan_0002.pdf'), pdf.subarray(0, 5000)); // cut off: the network dropped
      const deadline = Date.now() + 120_000;
      while (events.filter((e) => e.type === 'done' || e.type === 'failed').length < 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await w.stop();
    }
    const result = plans.get('scan_0001.pdf');
    expect(result).toBeDefined();
    expectTheThreeDocuments(result!.drop, result!.flag);
    expect(await readdir(join(dir, 'verwerkt'))).toEqual(['scan_0001.pdf']);
    expect((await readdir(join(dir, 'mislukt'))).sort()).toEqual(['scan_0002.pdf', 'scan_0002.pdf.reden.txt']);
    const reason = await readFile(join(dir, 'mislukt', 'scan_0002.pdf.reden.txt'), 'utf8');
    expect(reason).toMatch(/Reden: PDF onvolledig/);
    // The cut-off file is never taken: it is incomplete, and set aside once the grace period has passed.
    expect(events.filter((e) => e.type === 'taken').map((e) => e.name)).toEqual(['scan_0001.pdf']);
  });
});
