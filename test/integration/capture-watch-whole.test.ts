// Issue 15 "Watched folder that loses nothing": real files written in parts by a slow writer are taken once and whole,
// a truncated one goes to mislukt/ only after the grace period, a TIFF that gains a page after it was taken becomes
// a new version that has every page and replaces the untouched partial one (one document) — by the watcher and by the CLI.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFolder, type WatchedFile, type WatchEvent, type WatchOptions, type WatchOutcome } from '../../src/capture/watch';
import { runCli, spawnCli } from '../support/cli';

let base: string;
let dir: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'postkamer-watch-whole-'));
  dir = join(base, 'in');
  await mkdir(dir);
});
afterEach(async () => rm(base, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean | Promise<boolean>, ms = 20_000) {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

function start(over: Partial<WatchOptions> & { result?: (f: WatchedFile) => Promise<WatchOutcome> } = {}) {
  const files: WatchedFile[] = [];
  const events: WatchEvent[] = [];
  const w = watchFolder(dir, {
    pollMs: 50,
    onEvent: (e) => events.push(e),
    onFile: async (f) => {
      files.push(f);
      return over.result ? over.result(f) : { ok: true };
    },
    ...over,
  });
  const finished = () => events.filter((e) => e.type === 'done' || e.type === 'failed').length;
  return { w, files, events, finished };
}
const ls = async (sub: string) => (await readdir(join(dir, sub))).sort();

const svgPage = (text: string) =>
  sharp(
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="1240" height="1754"><rect width="100%" height="100%" fill="#fff"/>` +
        [0, 1, 2, 3, 4]
          .map(
            (i) => `<text x="120" y="${300 + i * 120}" font-family="DejaVu Sans" font-size="64" fill="#000">${text} regel ${i + 1}</text>`,
          )
          .join('') +
        `</svg>`,
    ),
  );

async function letterPdf(pages: number): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let p = 1; p <= pages; p++) {
    const page = pdf.addPage([595, 842]);
    for (let i = 0; i < 8; i++)
      page.drawText(`Pagina ${p}: brief aan de gemeente, regel ${i + 1}`, { x: 60, y: 760 - i * 40, font, size: 20 });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A two-page TIFF, and where a page-by-page writer would be after page 1: its bytes with the IFD chain ending there. */
async function tiffInTwoSteps(): Promise<{ whole: Buffer; page1: Buffer; nextAt: number }> {
  const pages = await Promise.all(['Pagina een', 'Pagina twee'].map((t) => svgPage(t).greyscale().png().toBuffer()));
  const whole = await sharp(pages, { join: { animated: true } })
    .tiff({ compression: 'lzw' })
    .toBuffer();
  expect(whole.readUInt16LE(0)).toBe(0x4949); // little-endian, as libvips writes on this machine
  const ifd1 = whole.readUInt32LE(4);
  const nextAt = ifd1 + 2 + whole.readUInt16LE(ifd1) * 12;
  const ifd2 = whole.readUInt32LE(nextAt);
  const page1 = Buffer.from(whole.subarray(0, ifd2));
  page1.writeUInt32LE(0, nextAt);
  return { whole, page1, nextAt };
}

/** Writes `bytes` in `parts` pieces with `pauseMs` between them, as a slow share or a scanner does. */
async function writeInParts(path: string, bytes: Buffer, parts: number, pauseMs: number) {
  for (let i = 0; i < parts; i++) {
    if (i > 0) await sleep(pauseMs);
    await appendFile(path, bytes.subarray(Math.floor((bytes.length * i) / parts), Math.floor((bytes.length * (i + 1)) / parts)));
  }
}
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('watchFolder: only whole files, a grace period for broken ones, new versions of changed ones', () => {
  it('a PDF and a JPEG written in parts with pauses longer than stableMs are each taken once, whole', async () => {
    const pdf = await letterPdf(2);
    const jpeg = await svgPage('Foto').jpeg().toBuffer();
    const t = start({ stableMs: 300, graceMs: 60_000 });
    try {
      await Promise.all([writeInParts(join(dir, 'brief.pdf'), pdf, 3, 1000), writeInParts(join(dir, 'foto.jpg'), jpeg, 3, 1000)]);
      expect(t.files).toEqual([]); // incomplete all along, although each pause outlasted stableMs
      await until(() => t.finished() === 2);
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => [f.name, f.sha256, f.attempt])).toEqual([
      ['brief.pdf', sha(pdf), 1],
      ['foto.jpg', sha(jpeg), 1],
    ]);
    expect(new Set(t.events.filter((e) => e.type === 'incomplete').map((e) => e.name))).toEqual(new Set(['brief.pdf', 'foto.jpg']));
    expect(await ls('verwerkt')).toEqual(['brief.pdf', 'foto.jpg']);
    expect(await ls('mislukt')).toEqual([]);
  });

  it('a truncated file goes to mislukt/ only after graceMs, with the failed format check as its reason', async () => {
    const pdf = await letterPdf(1);
    const t = start({ stableMs: 300, graceMs: 2_500 });
    try {
      await writeFile(join(dir, 'afgebroken.pdf'), pdf.subarray(0, Math.floor(pdf.length * 0.7)));
      const written = Date.now();
      await until(() => t.events.some((e) => e.type === 'incomplete'));
      await sleep(Math.max(0, written + 1_500 - Date.now()));
      expect(await ls('mislukt')).toEqual([]); // not before the grace period
      await until(() => t.finished() === 1);
      expect(Date.now() - written).toBeGreaterThanOrEqual(2_500);
    } finally {
      await t.w.stop();
    }
    expect(t.files).toEqual([]);
    expect(await ls('mislukt')).toEqual(['afgebroken.pdf', 'afgebroken.pdf.reden.txt']);
    expect(await readFile(join(dir, 'mislukt', 'afgebroken.pdf.reden.txt'), 'utf8')).toMatch(
      /Reden: PDF onvolledig: .*%%EOF.*niet meer gegroeid/,
    );
  });

  it('an incomplete file that grows again within graceMs is taken whole', async () => {
    const pdf = await letterPdf(1);
    const t = start({ stableMs: 300, graceMs: 60_000 });
    try {
      await writeFile(join(dir, 'traag.pdf'), pdf.subarray(0, 500));
      await until(() => t.events.some((e) => e.type === 'incomplete'));
      await sleep(800);
      await appendFile(join(dir, 'traag.pdf'), pdf.subarray(500));
      await until(() => t.finished() === 1);
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => f.sha256)).toEqual([sha(pdf)]);
  });

  it('a TIFF that gains a page after it was taken: the whole file goes to onFile again as a new version; survives a restart', async () => {
    const { whole, page1, nextAt } = await tiffInTwoSteps();
    const refs = ['batch-1', 'batch-2'];
    const t = start({ stableMs: 300, graceMs: 60_000, result: async () => ({ ok: true, ref: refs.shift() }) });
    const fh = await open(join(dir, 'scan.tif'), 'w'); // the scanner keeps its handle: the move does not stop it
    try {
      await fh.write(page1, 0, page1.length, 0);
      await until(() => t.finished() === 1);
      await fh.write(whole.subarray(page1.length), 0, whole.length - page1.length, page1.length);
      await fh.write(whole.subarray(nextAt, nextAt + 4), 0, 4, nextAt);
      await fh.datasync();
      await until(() => t.finished() === 2);
    } finally {
      await fh.close();
      await t.w.stop();
    }
    expect(t.files.map((f) => [f.name, f.sha256, f.replaces])).toEqual([
      ['scan.tif', sha(page1), undefined],
      ['scan.tif', sha(whole), { sha256: sha(page1), ref: 'batch-1' }],
    ]);
    expect(t.files[1].path).toBe(join(dir, 'verwerkt', 'scan.tif'));
    expect(t.events).toContainEqual({ type: 'version', name: 'scan.tif', ref: 'batch-2', replaces: 'batch-1' });
    expect(await readFile(join(dir, 'verwerkt', 'scan.tif'))).toEqual(whole);

    // A restart takes nothing twice, and still watches the file: a third page written while it was down is a version.
    const again = start({ stableMs: 300, graceMs: 60_000, result: async () => ({ ok: true, ref: 'batch-3' }) });
    try {
      await sleep(800);
      expect(again.files).toEqual([]);
      await appendFile(join(dir, 'verwerkt', 'scan.tif'), Buffer.alloc(16)); // padding: bytes change, still a whole TIFF
      await until(() => again.finished() === 1);
    } finally {
      await again.w.stop();
    }
    expect(again.files.map((f) => f.replaces)).toEqual([{ sha256: sha(whole), ref: 'batch-2' }]);
  });
  it('a PDF saved again under its name, incrementally (the old bytes + an update), is a new version; other content is new work', async () => {
    const first = await letterPdf(1);
    const update = Buffer.from(
      `\n9 0 obj\n<< /Titel (bijgewerkt) >>\nendobj\nxref\n9 1\n${String(first.length + 1).padStart(10, '0')} 00000 n \n`,
    );
    const saved = Buffer.concat([
      first,
      update,
      Buffer.from(`trailer\n<< /Size 10 >>\nstartxref\n${first.length + update.length}\n%%EOF\n`),
    ]);
    const other = await letterPdf(2);
    let n = 0;
    const t = start({ stableMs: 300, graceMs: 60_000, result: async () => ({ ok: true, ref: `batch-${++n}` }) });
    try {
      for (const [i, bytes] of [first, saved, other].entries()) {
        await writeFile(join(dir, 'brief.pdf'), bytes);
        await until(() => t.finished() === i + 1);
      }
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => [f.sha256, f.replaces])).toEqual([
      [sha(first), undefined],
      [sha(saved), { sha256: sha(first), ref: 'batch-1' }],
      [sha(other), undefined],
    ]);
    expect(await ls('verwerkt')).toEqual(['brief (2).pdf', 'brief (3).pdf', 'brief.pdf']);
  });
});

describe('postkamer watch <dir> --stable-ms --grace-ms (the real CLI and store)', () => {
  it('takes the PDF and JPEG whole, quarantines the truncated file after the grace period, and versions the TIFF', async () => {
    const data = join(base, 'opslag');
    expect((await runCli(['init', '--data', data])).code).toBe(0);
    const pdf = await letterPdf(2);
    const jpeg = await svgPage('Foto van de brief').jpeg().toBuffer();
    const { whole, page1, nextAt } = await tiffInTwoSteps();
    const child = spawnCli(['watch', dir, '--stable-ms', '300', '--grace-ms', '4000', '--poll-ms', '100', '--data', data]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    let sampler: ReturnType<typeof setInterval> | undefined;
    let quarantinedAfter: number | undefined;
    let truncatedAt = Infinity;
    const quarantined = () => {
      if (at('mislukt', 'afgebroken.pdf')) quarantinedAfter ??= Date.now() - truncatedAt;
      return quarantinedAfter !== undefined;
    };
    const at = (sub: string, name: string) => existsSync(join(dir, sub, name));
    try {
      await until(() => out.includes('Map wordt bewaakt'), 60_000);
      const fh = await open(join(dir, 'scan.tif'), 'w');
      try {
        await fh.write(page1, 0, page1.length, 0);
        await Promise.all([writeInParts(join(dir, 'brief.pdf'), pdf, 3, 1000), writeInParts(join(dir, 'foto.jpg'), jpeg, 3, 1000)]);
        await writeFile(join(dir, 'afgebroken.pdf'), pdf.subarray(0, Math.floor(pdf.length / 2)));
        truncatedAt = Date.now();
        // Watch mislukt/ from the side: the truncated file must not be there before the grace period (4 s) is over.
        sampler = setInterval(quarantined, 50);
        await until(() => at('verwerkt', 'scan.tif'), 120_000);
        // The scanner, still holding the file, writes page 2 and links it into the IFD chain.
        await fh.write(whole.subarray(page1.length), 0, whole.length - page1.length, page1.length);
        await fh.write(whole.subarray(nextAt, nextAt + 4), 0, 4, nextAt);
        await fh.datasync();
      } finally {
        await fh.close();
      }
      await until(
        () => at('verwerkt', 'brief.pdf') && at('verwerkt', 'foto.jpg') && quarantined() && /nieuwe versie: scan\.tif/.test(out),
        300_000,
      );
      await until(() => (out.match(/verwerkt: scan\.tif/g) ?? []).length === 2, 300_000);
    } finally {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('close', r));
    }
    expect(quarantinedAfter).toBeGreaterThanOrEqual(3_900); // not before the grace period (50 ms sampling)
    expect(await ls('verwerkt')).toEqual(['brief.pdf', 'foto.jpg', 'scan.tif']);
    expect(await ls('mislukt')).toEqual(['afgebroken.pdf', 'afgebroken.pdf.reden.txt']);
    expect(await readFile(join(dir, 'mislukt', 'afgebroken.pdf.reden.txt'), 'utf8')).toMatch(/PDF onvolledig/);
    expect(out).toMatch(/nieuwe versie: scan\.tif: batch [0-9a-f-]{36} \(eerdere versie: batch [0-9a-f-]{36}\)/);
    expect(out.match(/verwerkt: brief\.pdf/g)).toHaveLength(1);
    expect(out.match(/verwerkt: foto\.jpg/g)).toHaveLength(1);

    const docs = JSON.parse((await runCli(['documents', '--json', '--data', data])).stdout) as {
      fileName: string;
      pageCount: number;
      batchId: string;
      size: number;
    }[];
    const byName = (n: string) => docs.filter((d) => d.fileName === n);
    expect(byName('brief.pdf').map((d) => d.pageCount)).toEqual([2]); // one document, every page
    expect(byName('foto.jpg').map((d) => d.pageCount)).toEqual([1]);
    // The TIFF ends as one document with every page: the untouched first (one-page) version was replaced.
    expect(byName('scan.tif').map((d) => d.pageCount)).toEqual([2]);
    expect(docs).toHaveLength(3);
    // The audit trail links the new version's batch to the earlier one and says the earlier document was replaced.
    const audit = await runCli(['audit', 'list', '--actie', 'watch.new-version', '--json', '--data', data]);
    expect(audit.code, audit.stderr).toBe(0);
    const versions = JSON.parse(audit.stdout) as { objectId: string; actionLabel: string; details: Record<string, unknown> }[];
    const newBatch = byName('scan.tif')[0]!.batchId;
    expect(versions).toEqual([expect.objectContaining({ objectId: newBatch, actionLabel: 'Nieuwe versie uit bewaakte map' })]);
    expect(versions[0]!.details).toMatchObject({ replacedDocuments: 1 });
    const earlierBatch = versions[0]!.details.replacesBatchId as string;
    expect(out).toContain(
      `nieuwe versie: scan.tif: batch ${newBatch} (eerdere versie: batch ${earlierBatch}); de eerdere versie is vervangen`,
    );
    // Nothing lost: the earlier batch stays with the partial file as it was received (4 batches for 3 documents).
    const status = JSON.parse((await runCli(['status', '--json', '--data', data])).stdout) as { batches: number; documents: number };
    expect(status).toMatchObject({ batches: 4, documents: 3 });
  }, 420_000);
});
