// buildPdfA checked with independent tools from Debian: qpdf (syntax, structure as JSON),
// pdffonts, pdfimages (the images as stored), pdftotext (the text layer) and pdfinfo.
// veraPDF is the real PDF/A validator; it is not packaged in Debian, so that case runs only
// when a `verapdf` binary is on PATH.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPdfA, type PdfMeta, type PdfPageInput } from '../../src/pdf/pdfa';
import { cer } from '../support/cer';
import { makeLetterPdf, renderLetterPage } from '../support/letters';

const has = (tool: string, arg = '-v') => spawnSync(tool, [arg]).error === undefined;
const tools = { qpdf: has('qpdf', '--version'), poppler: has('pdftotext') && has('pdfimages') && has('pdffonts') && has('pdfinfo') };
const verapdf = has('verapdf', '--version');
const missing = [!tools.qpdf && 'qpdf', !tools.poppler && 'poppler-utils'].filter(Boolean).join(', ');
if (missing) console.warn(`pdf-pdfa tests skipped: ${missing} not installed (apt install poppler-utils qpdf)`);
const withTools = it.skipIf(!tools.qpdf || !tools.poppler);

const dir = mkdtempSync(path.join(tmpdir(), 'pk-pdfa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const meta: PdfMeta = {
  documentId: '0b7e8a52-4c1d-4f3a-9e2b-5d6c7a8b9c0d',
  title: 'Bezwaar WOZ-beschikking — Chloë Öztürk',
  createdAt: new Date('2026-03-03T10:15:42.500Z'),
  language: 'nl-NL',
  keywords: ['postkamer', 'bezwaar'],
};

function run(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function save(name: string, pdf: Uint8Array): string {
  const file = path.join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Word boxes of a typeset letter via `pdftotext -bbox`, in pixels at `dpi`: stand-in OCR output. */
function wordsOf(pdf: Uint8Array, dpi: number, name: string): PdfPageInput['words'] {
  const xml = run('pdftotext', ['-bbox', save(name, pdf), '-']);
  const k = dpi / 72;
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
    text: unescape(m[5]!),
    bbox: { x0: +m[1]! * k, y0: +m[2]! * k, x1: +m[3]! * k, y1: +m[4]! * k },
  }));
}

interface QpdfObject {
  value?: unknown;
  stream?: { dict: Record<string, unknown> };
}
function qpdfObjects(file: string): Record<string, QpdfObject> {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', file])) as { qpdf: [unknown, Record<string, QpdfObject>] };
  return json.qpdf[1];
}
function dictOf(o: QpdfObject | undefined): Record<string, unknown> {
  return (o?.stream?.dict ?? o?.value ?? {}) as Record<string, unknown>;
}

/** Pixels as stored in the PDF, one PNG per image, via pdfimages. */
function extractImages(file: string, prefix: string): string[] {
  const out = path.join(dir, prefix);
  run('pdfimages', ['-png', file, out]);
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f));
}

async function pixels(png: Buffer | string) {
  // ignoreIcc: compare the stored numbers, not a colour-managed rendering of them.
  return sharp(png, { ignoreIcc: true }).raw().toBuffer({ resolveWithObject: true });
}

/** A photo-like page: smooth colour gradients with fine seeded noise, which Flate cannot squeeze. */
async function photoPage(): Promise<PdfPageInput> {
  const width = 1240;
  const height = 1754;
  const data = Buffer.alloc(width * height * 3);
  let s = 7;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      const n = (s >>> 24) % 24;
      const i = (y * width + x) * 3;
      data[i] = (128 + 100 * Math.sin(x / 90) + n) & 255;
      data[i + 1] = (128 + 90 * Math.cos(y / 70) + n) & 255;
      data[i + 2] = ((x + y) / 12 + n) & 255;
    }
  }
  const image = await sharp(data, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
  return { image, width, height, dpi: 150, colour: 'colour', words: [] };
}

describe('buildPdfA', () => {
  let colour: PdfPageInput;
  let grey: PdfPageInput;
  let bilevel: PdfPageInput;
  let truth: string[];

  beforeAll(async () => {
    if (!tools.poppler) return;
    const c = await renderLetterPage({ seed: 61, variant: 'clean' });
    const f = await renderLetterPage({ seed: 62, variant: 'fax-200-bilevel' });
    const cPdf = await makeLetterPdf({ seed: 61 });
    const fPdf = await makeLetterPdf({ seed: 62 });
    const words = wordsOf(cPdf.pdf, 300, 'letter-61.pdf');
    colour = { image: c.png, width: c.width, height: c.height, dpi: 300, colour: 'colour', words };
    const greyPng = await sharp(c.png).toColourspace('b-w').png().toBuffer();
    grey = { ...colour, image: greyPng, colour: 'gray' };
    bilevel = {
      image: f.png,
      width: f.width,
      height: f.height,
      dpi: 200,
      colour: 'bilevel',
      words: wordsOf(fPdf.pdf, 200, 'letter-62.pdf'),
    };
    truth = [c.text, c.text, f.text];
  });

  withTools('writes a clean PDF/A-2b skeleton: qpdf check, embedded font, XMP, OutputIntent, trailer ID', async () => {
    const file = save('lossless.pdf', await buildPdfA([colour, grey, bilevel], meta, { mode: 'lossless' }));

    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');

    const fonts = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) {
      expect(row).toMatch(/^[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    }

    const xmp = run('pdfinfo', ['-meta', file]);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${meta.title}</rdf:li>`);
    expect(xmp).toContain(`<xmpMM:DocumentID>uuid:${meta.documentId}</xmpMM:DocumentID>`);

    // Info and XMP agree (title, producer, keywords, dates to the second).
    const info = run('pdfinfo', ['-isodates', file]);
    expect(info).toMatch(new RegExp(`Title:\\s+${meta.title}`));
    expect(info).toMatch(/Producer:\s+Postkamer/);
    expect(info).toMatch(/Keywords:\s+postkamer, bezwaar/);
    expect(info).toMatch(/CreationDate:\s+2026-03-03T10:15:42Z/);
    expect(info).toMatch(/ModDate:\s+2026-03-03T10:15:42Z/);
    expect(xmp).toContain('<xmp:CreateDate>2026-03-03T10:15:42Z</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2026-03-03T10:15:42Z</xmp:ModifyDate>');
    expect(xmp).toContain('<pdf:Keywords>postkamer, bezwaar</pdf:Keywords>');
    expect(info).toMatch(/Encrypted:\s+no/);
    expect(info).toMatch(/JavaScript:\s+no/);
    expect(info).toMatch(/Pages:\s+3/);

    const objects = qpdfObjects(file);
    const trailer = run('qpdf', ['--show-object=trailer', file]);
    const hex = meta.documentId.replace(/-/g, '');
    expect(trailer).toContain(`/ID [ <${hex}> <${hex}> ]`);
    const catalogKey = Object.keys(objects).find((k) => dictOf(objects[k]!)['/Type'] === '/Catalog')!;
    const catalog = dictOf(objects[catalogKey]);
    expect(catalog['/Lang']).toBe('u:nl-NL');
    const metadata = objects[`obj:${catalog['/Metadata']}`]!;
    expect(metadata.stream?.dict).toMatchObject({ '/Type': '/Metadata', '/Subtype': '/XML' });
    expect(metadata.stream?.dict['/Filter']).toBeUndefined();
    const intents = catalog['/OutputIntents'] as string[];
    expect(intents).toHaveLength(1);
    const intent = dictOf(objects[`obj:${intents[0]}`]);
    expect(intent).toMatchObject({ '/Type': '/OutputIntent', '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
    const profileRef = (intent['/DestOutputProfile'] as string).split(' ')[0]!;
    expect(dictOf(objects[`obj:${intent['/DestOutputProfile']}`])['/N']).toBe(3);
    const icc = execFileSync('qpdf', [`--show-object=${profileRef}`, '--filtered-stream-data', file]);
    expect(icc.equals(readFileSync(new URL('../../assets/icc/sRGB.icc', import.meta.url)))).toBe(true);
    expect(icc.subarray(36, 40).toString('latin1')).toBe('acsp');

    // Nothing PDF/A-2b forbids or that we promised to leave out, anywhere in the file.
    const forbidden = [
      '/Encrypt',
      '/JavaScript',
      '/JS',
      '/AA',
      '/OpenAction',
      '/Launch',
      '/Group',
      '/SMask',
      '/CA',
      '/ca',
      '/Annots',
      '/EmbeddedFiles',
      '/Interpolate',
    ];
    const seen = new Set<string>();
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          seen.add(k);
          walk(x);
        }
      }
    };
    for (const o of Object.values(objects)) walk(dictOf(o));
    for (const key of forbidden) expect(seen.has(key), key).toBe(false);
  });

  withTools('has a text layer that pdftotext reads back in reading order, on the printed words', async () => {
    const file = save('text.pdf', await buildPdfA([colour, grey, bilevel], meta, { mode: 'lossless' }));
    for (let page = 1; page <= 3; page++) {
      const text = run('pdftotext', ['-f', String(page), '-l', String(page), file, '-']);
      expect(cer(truth[page - 1]!, text), `page ${page}`).toBeLessThan(0.005);
    }
    // Word positions: what pdftotext reports is where the word was printed.
    const xml = run('pdftotext', ['-bbox', '-f', '1', '-l', '1', file, '-']);
    const found = [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)];
    expect(found.length).toBe(colour.words.length);
    found.forEach((m, i) => {
      const w = colour.words[i]!;
      const k = 72 / 300;
      expect(unescape(m[5]!)).toBe(w.text.normalize('NFC'));
      expect(Math.abs(+m[1]! - w.bbox.x0 * k)).toBeLessThan(0.1);
      expect(Math.abs(+m[3]! - w.bbox.x1 * k)).toBeLessThan(0.1);
      expect(+m[2]!).toBeLessThanOrEqual(w.bbox.y0 * k + 0.1);
      expect(+m[4]!).toBeGreaterThanOrEqual(w.bbox.y1 * k - 0.1);
    });
    // Invisible: rendering the page shows the image only, so it matches the input page.
    run('pdftoppm', ['-r', '50', '-f', '1', '-l', '1', '-gray', '-png', '-singlefile', file, path.join(dir, 'render')]);
    const rendered = await sharp(path.join(dir, 'render.png')).raw().toBuffer({ resolveWithObject: true });
    const reference = await sharp(grey.image).resize(rendered.info.width, rendered.info.height, { fit: 'fill' }).raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < reference.length; i++) diff += Math.abs(reference[i]! - rendered.data[i]!);
    expect(diff / reference.length).toBeLessThan(4);
  });

  withTools('lossless: the stored images are pixel-identical to the input (colour, grey, G4 bilevel)', async () => {
    const rgba = await sharp(colour.image).ensureAlpha(0.5).png().toBuffer();
    const alphaPage: PdfPageInput = { ...colour, image: rgba, words: [] };
    const file = save('pixels.pdf', await buildPdfA([colour, grey, bilevel, alphaPage], meta, { mode: 'lossless' }));
    const list = run('pdfimages', ['-list', file])
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    // page num type width height color comp bpc enc
    expect(list.map((r) => [r[5], r[6], r[7], r[8]])).toEqual([
      ['rgb', '3', '8', 'image'],
      ['gray', '1', '8', 'image'],
      ['gray', '1', '1', 'ccitt'],
      ['rgb', '3', '8', 'image'],
    ]);
    const images = extractImages(file, 'lossless');
    expect(images).toHaveLength(4);
    const expected = [
      await pixels(colour.image),
      await pixels(grey.image),
      await pixels(bilevel.image),
      // Transparency is not allowed: the alpha page is flattened on white.
      await sharp(rgba, { ignoreIcc: true }).flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true }),
    ];
    for (let i = 0; i < images.length; i++) {
      const got = await pixels(images[i]!);
      expect([got.info.width, got.info.height, got.info.channels], `image ${i}`).toEqual([
        expected[i]!.info.width,
        expected[i]!.info.height,
        expected[i]!.info.channels,
      ]);
      expect(got.data.equals(expected[i]!.data), `image ${i} pixels`).toBe(true);
    }
    // Page size follows pixels and resolution: A4 at 300 and at 200 ppi.
    const sizes = run('pdfinfo', ['-f', '1', '-l', '3', file]);
    expect(sizes).toMatch(/Page\s+1 size:\s+595\.2 x 841\.92 pts/);
    expect(sizes).toMatch(/Page\s+3 size:\s+595\.44 x 842\.04 pts/);
  });

  withTools('standard: JPEG for colour and grey (grey stays grey), G4 for bilevel, smaller for a photo-like page', async () => {
    const photo = await photoPage();
    const file = save('standard.pdf', await buildPdfA([colour, grey, bilevel, photo], meta, { mode: 'standard' }));
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    const list = run('pdfimages', ['-list', file])
      .trim()
      .split('\n')
      .slice(2)
      .map((l) => l.trim().split(/\s+/));
    expect(list.map((r) => [r[5], r[6], r[7], r[8]])).toEqual([
      ['rgb', '3', '8', 'jpeg'],
      ['gray', '1', '8', 'jpeg'],
      ['gray', '1', '1', 'ccitt'],
      ['rgb', '3', '8', 'jpeg'],
    ]);
    // The JPEG is a faithful rendering of the page (quality 75): mean error of a few grey levels.
    const [first] = extractImages(file, 'standard');
    const got = await pixels(first!);
    const want = await pixels(colour.image);
    let err = 0;
    for (let i = 0; i < want.data.length; i++) err += Math.abs(want.data[i]! - got.data[i]!);
    expect(err / want.data.length).toBeLessThan(3);

    const lossless = await buildPdfA([photo], meta, { mode: 'lossless' });
    const standard = await buildPdfA([photo], meta, { mode: 'standard' });
    const low = await buildPdfA([photo], meta, { mode: 'standard', jpegQuality: 30 });
    expect(standard.length).toBeLessThan(lossless.length / 2);
    expect(low.length).toBeLessThan(standard.length);
  });

  withTools('is deterministic: same input, same bytes', async () => {
    const a = await buildPdfA([colour, bilevel], meta, { mode: 'lossless' });
    const b = await buildPdfA([colour, bilevel], meta, { mode: 'lossless' });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it.skipIf(!verapdf)('passes veraPDF PDF/A-2b validation (skipped: veraPDF is not installed; it is not packaged in Debian)', async () => {
    const file = save('verapdf.pdf', await buildPdfA([colour, grey, bilevel], meta, { mode: 'lossless' }));
    const report = spawnSync('verapdf', ['--flavour', '2b', '--format', 'text', file], { encoding: 'utf8' });
    expect(report.stdout).toMatch(/^PASS /m);
  });
});

describe('buildPdfA input checks', () => {
  const png = () =>
    sharp({ create: { width: 20, height: 10, channels: 3, background: '#ffffff' } })
      .png()
      .toBuffer();
  const page = async (): Promise<PdfPageInput> => ({ image: await png(), width: 20, height: 10, dpi: 300, colour: 'colour', words: [] });

  it('refuses a page whose size does not match its image, a bad uuid, no pages and a bad quality', async () => {
    const p = await page();
    await expect(buildPdfA([{ ...p, width: 21 }], meta, { mode: 'lossless' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(buildPdfA([p], { ...meta, documentId: 'not-a-uuid' }, { mode: 'lossless' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(buildPdfA([], meta, { mode: 'lossless' })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(buildPdfA([p], meta, { mode: 'standard', jpegQuality: 0 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(buildPdfA([{ ...p, dpi: 0 }], meta, { mode: 'lossless' })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('refuses a damaged PNG instead of writing a broken PDF', async () => {
    const p = await page();
    const truncated = p.image.subarray(0, p.image.length - 20);
    await expect(buildPdfA([{ ...p, image: truncated }], meta, { mode: 'lossless' })).rejects.toMatchObject({ code: 'input-truncated' });
    const idat = p.image.indexOf('IDAT');
    const corrupt = Buffer.from(p.image);
    corrupt.fill(0xff, idat + 6, idat + 12); // inside the zlib stream: the chunk CRC no longer matches
    await expect(buildPdfA([{ ...p, image: corrupt }], meta, { mode: 'lossless' })).rejects.toMatchObject({ code: 'input-truncated' });
  });

  it('writes a page without words and embeds no font then', async () => {
    const pdf = await buildPdfA([await page()], meta, { mode: 'lossless' });
    expect(Buffer.from(pdf).includes(Buffer.from('/FontFile2'))).toBe(false);
    expect(Buffer.from(pdf).includes(Buffer.from('/Type /Page'))).toBe(true);
  });
});
