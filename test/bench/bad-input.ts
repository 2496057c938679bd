// Benchmark (reliability, not speed): one ingest of a pile of bad files with two good pages among them, through
// the core in this process. Prints, per file, the code and reason Postkamer gave; then checks that the good pages
// became documents, that every bad file is listed by `rejections.list` (quarantined where its bytes were kept), that
// this process stayed up and still answers, and how far its RSS rose (a decompression bomb must not be decoded).
//
//   node bin/run-ts.mjs test/bench/bad-input.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import zlib from 'node:zlib';
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { openCore } from '../../src/hosts/open';
import { makeLetterPdf, renderLetterPage } from '../support/letters';
import { signInAsAdmin } from '../support/people';

const ctx = { origin: 'cli', connection: 'cli-bench' } as const;

/** PNG chunk: length, type, data, CRC over type + data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid PNG header claiming 50 000 × 50 000 8-bit RGB (7.5 GB of pixels) with a few compressed rows of data. */
function pngHeaderBomb(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(50_000, 0);
  ihdr.writeUInt32BE(50_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const rows = zlib.deflateSync(Buffer.alloc((1 + 50_000 * 3) * 16));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Case {
  name: string;
  what: string;
  expect: string;
  good?: boolean;
}

const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-bad-'));
try {
  const inDir = join(dir, 'in');
  mkdirSync(inDir);
  const put = (name: string, bytes: Uint8Array) => writeFileSync(join(inDir, name), bytes);
  const cases: Case[] = [];

  const noisy = await renderLetterPage({ seed: 41, variant: 'noisy-jpeg' });
  put('afgebroken.jpg', noisy.jpeg!.subarray(0, Math.floor(noisy.jpeg!.length * 0.4)));
  cases.push({ name: 'afgebroken.jpg', what: 'JPEG cut at 40 %', expect: 'input-truncated' });
  const clean = await renderLetterPage({ seed: 42, variant: 'clean' });
  put('afgebroken.png', clean.png.subarray(0, Math.floor(clean.png.length * 0.5)));
  cases.push({ name: 'afgebroken.png', what: 'PNG cut at 50 %', expect: 'input-truncated' });
  const fax = await renderLetterPage({ seed: 43, variant: 'fax-200-bilevel' });
  put('afgebroken.tif', fax.tiff!.subarray(0, Math.floor(fax.tiff!.length * 0.5)));
  cases.push({ name: 'afgebroken.tif', what: 'G4 TIFF cut at 50 %', expect: 'input-truncated' });

  const letter = await makeLetterPdf({ seed: 44 });
  writeFileSync(join(dir, 'plain.pdf'), letter.pdf);
  const qpdf = spawnSync('qpdf', ['--encrypt', 'geheim', 'eigenaar', '256', '--', join(dir, 'plain.pdf'), join(inDir, 'wachtwoord.pdf')]);
  if (qpdf.status !== 0) throw new Error(`qpdf --encrypt failed: ${qpdf.stderr.toString().slice(0, 200)}`);
  cases.push({ name: 'wachtwoord.pdf', what: 'PDF, qpdf --encrypt AES-256, user password', expect: 'input-encrypted' });

  const js = await PDFDocument.load(letter.pdf);
  js.catalog.set(PDFName.of('OpenAction'), js.context.obj({ S: 'JavaScript', JS: PDFString.of("app.alert('hallo')") }));
  put('javascript.pdf', await js.save());
  cases.push({ name: 'javascript.pdf', what: 'PDF with /OpenAction JavaScript', expect: 'input-javascript' });

  put('bom.png', pngHeaderBomb());
  cases.push({ name: 'bom.png', what: 'PNG header 50 000 × 50 000', expect: 'input-too-large' });
  put('tekst.pdf', Buffer.from('Dit is geen PDF maar een tekstbestand met de extensie .pdf.\n'.repeat(20)));
  cases.push({ name: 'tekst.pdf', what: 'text file renamed .pdf', expect: 'input-unsupported' });
  put('leeg.png', Buffer.alloc(0));
  cases.push({ name: 'leeg.png', what: '0-byte file', expect: 'file-empty' });

  put('goed-1.png', clean.png);
  cases.push({ name: 'goed-1.png', what: 'good page: clean 300-ppi PNG', expect: 'document', good: true });
  put('goed-2.tif', fax.tiff!);
  cases.push({ name: 'goed-2.tif', what: 'good page: 200-ppi G4 TIFF', expect: 'document', good: true });

  const core = await openCore(join(dir, 'store'), 'bench-bad-input', { create: true });
  await signInAsAdmin(core, ctx);
  let peakRss = process.memoryUsage().rss;
  const rssBefore = peakRss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  const t0 = performance.now();
  const res = await core.call('ingest.paths', { paths: cases.map((c) => join(inDir, c.name)), source: 'cli' }, ctx);
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!res.ok) throw new Error(`ingest itself failed: ${res.error.code}`);
  const ingest = res.data as {
    batchId: string;
    documents: { id: string; fileName: string; pageCount: number }[];
    errors: { file: string; code: string; message: string }[];
  };
  const rej = await core.call('rejections.list', { batchId: ingest.batchId }, ctx);
  if (!rej.ok) throw new Error(`rejections.list: ${rej.error.code}`);
  const rejections = rej.data as { fileName: string; code: string; message: string; quarantined: boolean }[];

  process.stdout.write(
    `Bad input: ${cases.length} files (${cases.filter((c) => !c.good).length} bad, ${cases.filter((c) => c.good).length} good) in one ingest, in-process; load average before: ${load}; ${seconds.toFixed(1)} s\n\n`,
  );
  const rows: string[][] = [];
  let failures = 0;
  for (const c of cases) {
    const err = ingest.errors.find((e) => e.file.endsWith(`/${c.name}`));
    const docs = ingest.documents.filter((d) => d.fileName === c.name);
    const r = rejections.find((x) => x.fileName === c.name);
    const got = c.good
      ? docs.length
        ? `document (${docs.reduce((s, d) => s + d.pageCount, 0)} p.)`
        : (err?.code ?? 'nothing')
      : (err?.code ?? (docs.length ? 'ACCEPTED' : 'nothing'));
    const ok = c.good ? docs.length === 1 && !err : !!err && !!r && docs.length === 0;
    if (!ok) failures++;
    const reason = err ? err.message.replace(`${inDir}/`, '') : '';
    rows.push([
      c.name,
      c.what,
      c.expect,
      got,
      ok ? (c.good || got === c.expect ? 'ok' : 'ok (other code)') : 'FAIL',
      c.good ? '' : r ? (r.quarantined ? 'yes' : 'no') : 'NOT LISTED',
      reason,
    ]);
  }
  const header = ['file', 'what', 'expected', 'got', 'check', 'quarantined', 'reason (as the user sees it)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `  ${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd() + '\n';
  process.stdout.write(line(header));
  process.stdout.write(line(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) process.stdout.write(line(r));

  // Still alive and still working: status answers, the audit chain holds, and one more page goes through.
  const status = await core.call('app.status', {}, ctx);
  const again = await core.call('ingest.paths', { paths: [join(inDir, 'goed-1.png')], source: 'cli' }, ctx);
  const statusData = status.ok ? (status.data as { documents: number; rejected: number; audit: { chainValid: boolean } }) : null;
  const againOk = again.ok && (again.data as { documents: unknown[] }).documents.length === 1;
  await core.close();
  const badCount = cases.filter((c) => !c.good).length;
  const quarantined = rejections.filter((r) => r.quarantined).length;
  const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;
  process.stdout.write(`\n  good pages → documents: ${ingest.documents.length} of ${cases.filter((c) => c.good).length}\n`);
  process.stdout.write(
    `  rejections.list for the batch: ${rejections.length} of ${badCount} bad files, ${quarantined} quarantined (bytes kept, encrypted), ${rejections.length - quarantined} not (nothing to keep)\n`,
  );
  process.stdout.write(
    `  process stayed up: yes (pid ${process.pid}); afterwards app.status ${statusData ? `answered (documents ${statusData.documents}, rejected ${statusData.rejected}, audit chain ${statusData.audit.chainValid ? 'valid' : 'BROKEN'})` : 'FAILED'}; one more good page ${againOk ? 'ingested' : 'FAILED'}\n`,
  );
  process.stdout.write(
    `  RSS of this process: ${mb(rssBefore)} before the ingest, peak ${mb(peakRss)} during it (sampled every 100 ms; the 50 000 × 50 000 PNG would need 7 GB decoded)\n`,
  );
  process.stdout.write(
    `  verdict: ${failures === 0 && statusData?.audit.chainValid && againOk ? 'all files handled as expected' : `${failures} file(s) not handled as expected`}\n\n`,
  );
  process.stdout.write(
    `${JSON.stringify({
      bench: 'bad-input',
      date: new Date().toISOString(),
      load,
      seconds: +seconds.toFixed(1),
      files: Object.fromEntries(
        cases.map((c, i) => [c.name, { expected: c.expect, got: rows[i]![3], quarantined: rows[i]![5] === 'yes' }]),
      ),
      documents: ingest.documents.length,
      rejections: rejections.length,
      quarantined,
      stayedUp: true,
      statusAfter: !!statusData,
      auditChainValid: statusData?.audit.chainValid ?? null,
      ingestAfter: againOk,
      rssMB: { before: +(rssBefore / 1048576).toFixed(0), peak: +(peakRss / 1048576).toFixed(0) },
      failures,
    })}\n`,
  );
  if (failures > 0) process.exitCode = 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
