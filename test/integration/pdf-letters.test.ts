// The test-letter generator is the ground truth for every OCR test and benchmark, so it is tested
// against independent tools: poppler's pdftotext (is the truth what was typeset?) and pdftoppm
// (does pdf.js render the same glyphs, not boxes?).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { cer } from '../support/cer';
import { LETTER_VARIANTS, makeLetterPdf, renderLetterPage } from '../support/letters';

const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdftoppm', ['-v']).status === 0;
const dir = mkdtempSync(path.join(tmpdir(), 'pk-letters-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bsnValid(bsn: string): boolean {
  const d = [...bsn].map(Number);
  const sum = d.slice(0, 8).reduce((acc, v, i) => acc + v * (9 - i), 0) - d[8]!;
  return bsn.length === 9 && sum % 11 === 0;
}

function ibanValid(iban: string): boolean {
  const moved = iban.slice(4) + iban.slice(0, 4);
  let r = 0;
  for (const ch of moved) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of v) r = (r * 10 + Number(digit)) % 97;
  }
  return r === 1;
}

async function grey(png: Buffer) {
  return sharp(png).greyscale().raw().toBuffer({ resolveWithObject: true });
}

describe('makeLetterPdf', () => {
  it('is deterministic for a seed and differs between seeds', async () => {
    const a = await makeLetterPdf({ seed: 11 });
    const b = await makeLetterPdf({ seed: 11 });
    const c = await makeLetterPdf({ seed: 12 });
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
    expect(a.text).toBe(b.text);
    expect(c.text).not.toBe(a.text);
  });

  it('writes a Dutch letter whose truth contains its fields, with valid identifiers', async () => {
    let sawBsn = 0;
    let sawIban = 0;
    let sawKvk = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { text, fields } = await makeLetterPdf({ seed });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(`Betreft: ${fields.subject}`);
      expect(flat).toContain(fields.senderName);
      expect(flat).toContain(`${fields.senderPostcode}  ${fields.senderCity}`.replace(/\s+/g, ' '));
      expect(flat).toContain(`, ${fields.date}`);
      expect(fields.date).toMatch(
        /^\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) 202\d$/,
      );
      expect(fields.senderPostcode).toMatch(/^[1-9]\d{3} [A-Z]{2}$/);
      expect(fields.body.length).toBeGreaterThanOrEqual(1);
      for (const p of fields.body) expect(flat).toContain(p);
      if (fields.zaaknummer) expect(flat).toContain(`Zaaknummer: ${fields.zaaknummer}`);
      if (fields.uwKenmerk) expect(flat).toContain(`Uw kenmerk: ${fields.uwKenmerk}`);
      if (fields.bsn) {
        sawBsn++;
        expect(bsnValid(fields.bsn)).toBe(true);
        expect(flat).toContain(fields.bsn);
      }
      if (fields.iban) {
        sawIban++;
        expect(ibanValid(fields.iban)).toBe(true);
        expect(flat).toContain(fields.iban.replace(/(.{4})(?=.)/g, '$1 '));
      }
      if (fields.kvk) {
        sawKvk++;
        expect(flat).toContain(`KvK ${fields.kvk}`);
      }
      expect(text.split('\n').length).toBeGreaterThan(15);
    }
    // The corpus must exercise every identifier over a modest range of seeds.
    expect(sawBsn).toBeGreaterThan(3);
    expect(sawIban).toBeGreaterThan(3);
    expect(sawKvk).toBeGreaterThan(0);
  });

  it('takes field overrides, and removes an identifier given as undefined', async () => {
    const { text, fields } = await makeLetterPdf({
      seed: 5,
      fields: {
        bsn: undefined,
        zaaknummer: 'ZAAK-2026-0000000042',
        subject: 'Verzoek om een afschrift',
        body: ['Eerste alinea.', 'Tweede alinea met ë en é.'],
      },
    });
    expect(fields.bsn).toBeUndefined();
    expect(text).not.toMatch(/BSN|burgerservicenummer/);
    expect(text).toContain('Zaaknummer: ZAAK-2026-0000000042');
    expect(text).toContain('Betreft: Verzoek om een afschrift');
    expect(fields.body.slice(0, 2)).toEqual(['Eerste alinea.', 'Tweede alinea met ë en é.']);
  });

  it('refuses a body that cannot fit rather than cutting it', async () => {
    const long = Array.from({ length: 30 }, () =>
      'Dit is een lange zin die steeds opnieuw wordt herhaald om de pagina te vullen.'.repeat(3),
    );
    await expect(makeLetterPdf({ seed: 1, fields: { body: long } })).rejects.toThrow(/does not fit/);
  });

  it.skipIf(!hasPoppler)('has a ground truth that pdftotext reads back from the PDF (letters and report)', async () => {
    for (const [seed, kind] of [
      [1, 'letter'],
      [2, 'letter'],
      [3, 'letter'],
      [1, 'report'],
      [4, 'report'],
    ] as const) {
      const { pdf, text } = await makeLetterPdf({ seed, kind });
      const file = path.join(dir, `truth-${kind}-${seed}.pdf`);
      writeFileSync(file, pdf);
      // poppler's own reading order interleaves the report's columns by paragraph height, so the
      // report is read region by region (header, left column, right column, footer): the truth
      // must be exactly that order. A letter is one column and is read whole.
      const regions: number[][] =
        kind === 'letter'
          ? [[]]
          : [
              [0, 0, 596, 125],
              [0, 125, 297, 665],
              [297, 125, 299, 665],
              [0, 790, 596, 52],
            ];
      const extracted = regions
        .map((r) => {
          const crop = r.length ? ['-x', '-y', '-W', '-H'].flatMap((flag, i) => [flag, String(r[i])]) : [];
          return execFileSync('pdftotext', ['-enc', 'UTF-8', ...crop, file, '-'], { encoding: 'utf8' });
        })
        .join('\n');
      expect(cer(text, extracted), `${kind} ${seed}`).toBeLessThan(0.002);
    }
  });
});

describe('renderLetterPage', () => {
  it('renders every variant with the documented size, resolution and format', async () => {
    const clean = await renderLetterPage({ seed: 21, variant: 'clean' });
    for (const variant of LETTER_VARIANTS) {
      const page = variant === 'clean' ? clean : await renderLetterPage({ seed: 21, variant });
      const meta = await sharp(page.png).metadata();
      expect(meta.format).toBe('png');
      expect([meta.width, meta.height]).toEqual([page.width, page.height]);
      expect(page.variant).toBe(variant);
      if (variant === 'fax-200-bilevel') {
        expect(page.dpi).toBe(200);
        expect([page.width, page.height]).toEqual([1654, 2339]);
        expect(meta.channels).toBe(1);
        expect(meta.bitsPerSample).toBe(1);
        expect(meta.density).toBe(200);
      } else {
        expect(page.dpi).toBe(300);
        const portrait: [number, number] = [2480, 3508];
        expect([page.width, page.height]).toEqual(variant === 'sideways' ? [3508, 2480] : portrait);
        expect(meta.density).toBe(300);
      }
      if (variant !== 'report') expect(page.text).toBe(clean.text);
    }
  });

  it('is deterministic, noise and speckle included', async () => {
    const a = await renderLetterPage({ seed: 31, variant: 'noisy-jpeg' });
    const f = await renderLetterPage({ seed: 31, variant: 'fax-200-bilevel' });
    // Other seeds push seed 31 out of the render cache, so the second round renders afresh.
    await renderLetterPage({ seed: 32, variant: 'clean' });
    await renderLetterPage({ seed: 33, variant: 'clean' });
    await renderLetterPage({ seed: 34, variant: 'fax-200-bilevel' });
    const b = await renderLetterPage({ seed: 31, variant: 'noisy-jpeg' });
    const g = await renderLetterPage({ seed: 31, variant: 'fax-200-bilevel' });
    expect(a.jpeg!.equals(b.jpeg!)).toBe(true);
    expect(a.png.equals(b.png)).toBe(true);
    expect(f.tiff!.equals(g.tiff!)).toBe(true);
  });

  it.skipIf(!hasPoppler)('renders the same glyphs as poppler (text is drawn, not boxes)', async () => {
    for (const [seed, variant] of [
      [41, 'clean'],
      [42, 'clean'],
      [41, 'report'],
    ] as const) {
      const page = await renderLetterPage({ seed, variant });
      const { pdf } = await makeLetterPdf({ seed, kind: variant === 'report' ? 'report' : 'letter' });
      const file = path.join(dir, `ref-${seed}-${variant}.pdf`);
      writeFileSync(file, pdf);
      execFileSync('pdftoppm', ['-r', '300', '-gray', '-png', '-singlefile', file, file]);
      const ref = await grey(readFileSync(`${file}.png`));
      const ours = await grey(page.png);
      // pdftoppm rounds the page size up (2481 px), pdf.js to nearest (2480 px): compare the overlap.
      const w = Math.min(ours.info.width, ref.info.width);
      const h = Math.min(ours.info.height, ref.info.height);
      expect(Math.abs(ours.info.width - ref.info.width) + Math.abs(ours.info.height - ref.info.height)).toBeLessThanOrEqual(2);
      let inkOurs = 0;
      let inkRef = 0;
      let both = 0;
      for (let y = 0; y < h; y++)
        for (let x = 0; x < w; x++) {
          const a = ours.data[y * ours.info.width + x]! < 128;
          const b = ref.data[y * ref.info.width + x]! < 128;
          if (a) inkOurs++;
          if (b) inkRef++;
          if (a && b) both++;
        }
      const iou = both / (inkOurs + inkRef - both);
      expect(inkRef / (w * h)).toBeGreaterThan(0.01);
      // poppler substitutes other fonts (Nimbus via fontconfig), so glyphs differ in detail: measured
      // IoU ≈ 0.70–0.72 for real glyphs, ≈ 0.06–0.07 when pdf.js draws boxes instead of text.
      expect(iou, `${variant} ${seed}`).toBeGreaterThan(0.5);
      expect(inkOurs / inkRef).toBeGreaterThan(0.7);
      expect(inkOurs / inkRef).toBeLessThan(1.4);
    }
  });

  it('degrades each variant the way it says', async () => {
    const seed = 51;
    const cleanPng = (await renderLetterPage({ seed, variant: 'clean' })).png;
    const cleanRgb = await sharp(cleanPng).raw().toBuffer();
    const up = await renderLetterPage({ seed, variant: 'upside-down' });
    expect((await sharp(up.png).rotate(180).raw().toBuffer()).equals(cleanRgb)).toBe(true);
    const side = await renderLetterPage({ seed, variant: 'sideways' });
    expect((await sharp(side.png).rotate(-90).raw().toBuffer()).equals(cleanRgb)).toBe(true);
    const clean = await grey(cleanPng);

    // Skew: the text moves, so the page differs from the clean one; a clockwise turn lowers the right end of a line.
    for (const variant of ['skew+3', 'skew-3'] as const) {
      const skewed = await grey((await renderLetterPage({ seed, variant })).png);
      let differ = 0;
      for (let i = 0; i < clean.data.length; i++) if (clean.data[i]! < 128 !== skewed.data[i]! < 128) differ++;
      expect(differ).toBeGreaterThan(10_000);
    }

    const noisy = await renderLetterPage({ seed, variant: 'noisy-jpeg' });
    expect(noisy.jpeg!.subarray(0, 2).toString('hex')).toBe('ffd8');
    const jpegPixels = await sharp(noisy.jpeg!).raw().toBuffer();
    expect(jpegPixels.equals(await sharp(noisy.png).raw().toBuffer())).toBe(true);
    // Noise: the paper is no longer flat white.
    const paper = await sharp(noisy.png).extract({ left: 100, top: 100, width: 200, height: 100 }).greyscale().stats();
    expect(paper.channels[0]!.stdev).toBeGreaterThan(2);

    const fax = await renderLetterPage({ seed, variant: 'fax-200-bilevel' });
    const tiffMeta = await sharp(fax.tiff!).metadata();
    expect(tiffMeta.format).toBe('tiff');
    expect(tiffMeta.bitsPerSample).toBe(1);
    // Tag 259 Compression = 4 (G4).
    expect(fax.tiff!.includes(Buffer.from([0x03, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00]))).toBe(true);
    const tiffPixels = await sharp(fax.tiff!).toColourspace('b-w').raw().toBuffer();
    const pngPixels = await sharp(fax.png).toColourspace('b-w').raw().toBuffer();
    expect(tiffPixels.equals(pngPixels)).toBe(true);
    expect(new Set(pngPixels).size).toBe(2);
  });
});
