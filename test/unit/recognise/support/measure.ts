// Measurements for the recognition engine (not a test): `npx tsx test/unit/recognise/support/measure.ts`.
// Prints seconds per page for processPage with the split per stage, orientation accuracy, and CER of
// tesseract.js (PSM 3/4/6, fax upscaling on/off) beside native `tesseract -l nld` (when installed).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { decodeInput } from '../../../../src/recognise/decode';
import { OcrPool } from '../../../../src/recognise/ocr-pool';
import { detectOrientation } from '../../../../src/recognise/orientation';
import { processPage } from '../../../../src/recognise/page-pipeline';
import type { RasterPage } from '../../../../src/recognise/types';
import { cer } from '../../../support/cer';
import { toG4Tiff } from './files';
import { addNoise, LETTER_LINES, renderTextPage, rotatePage, SHORT_LETTER_LINES, type TestPage } from './pages';

const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const raster = (t: TestPage, image = t.png): RasterPage => ({
  index: 0,
  image,
  width: t.width,
  height: t.height,
  dpi: t.dpi,
  colour: 'gray',
});

const SENDER = ['Gemeente Zuidervaart', 'Postbus 1234', '2500 AB Zuidervaart', 'T 14 0123'];
const ADDRESSEE = ['Dhr. P. de Jong', 'Kerkstraat 17', '2501 CD Zuidervaart', ''];

async function pages(): Promise<Record<string, TestPage>> {
  return {
    'letter (serif)': await renderTextPage(),
    'letter (sans, 2-col head)': await renderTextPage({
      fontFamily: 'Liberation Sans',
      lines: [...ADDRESSEE, '', ...LETTER_LINES.slice(3)],
      rightLines: SENDER,
    }),
    'letter (Nimbus Roman 10pt)': await renderTextPage({
      fontFamily: 'Nimbus Roman',
      fontSizePt: 10,
      lines: [...LETTER_LINES, '', ...LETTER_LINES.slice(8, 24)],
    }),
  };
}

function nativeTesseract(png: Buffer, psm: number): { text: string; ms: number } | null {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pk-measure-'));
  try {
    const file = path.join(dir, 'p.png');
    writeFileSync(file, png);
    const t = Date.now();
    const text = execFileSync('tesseract', [file, '-', '-l', 'nld', '--psm', String(psm)], {
      env: { ...process.env, OMP_THREAD_LIMIT: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    }).toString();
    return { text, ms: Date.now() - t };
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  console.log(`# recognise measurements — ${os.cpus()[0]?.model}, ${os.availableParallelism()} cores, node ${process.version}\n`);
  const set = await pages();

  console.log('## CER by engine and PSM (full A4 at 300 ppi)');
  for (const psm of [3, 4, 6]) {
    const pool = new OcrPool({ size: 1, psm });
    await pool.start();
    for (const [name, p] of Object.entries(set)) {
      const r = await pool.recognize(p.png, { dpi: 300 });
      console.log(`tesseract.js psm ${psm} | ${name} | CER ${pct(cer(p.text, r.text))} | ${r.ms} ms | conf ${r.confidence.toFixed(1)}`);
    }
    await pool.close();
  }
  for (const psm of [1, 3]) {
    for (const [name, p] of Object.entries(set)) {
      const n = nativeTesseract(p.png, psm);
      console.log(
        n ? `native tesseract psm ${psm} | ${name} | CER ${pct(cer(p.text, n.text))} | ${n.ms} ms` : 'native tesseract: not installed',
      );
    }
  }

  const pool = new OcrPool({ size: 1 });
  await pool.start();
  console.log('\n## 200-ppi 1-bit G4 fax pages: upscale ×1.5 for OCR or not');
  for (const [name, p] of Object.entries(set)) {
    const [fax] = await decodeInput(await toG4Tiff(p.png, 200, Math.round((p.width * 2) / 3)), 'fax.tif');
    for (const up of [false, true]) {
      const r = await processPage(fax!, pool, { upscaleLowResBilevel: up });
      console.log(`${name} | upscale ${up} | CER ${pct(cer(p.text, r.ocr!.text))} | ocr ${r.timings.ocr} ms`);
    }
    const n = nativeTesseract(await sharp(fax!.image).png().toBuffer(), 3);
    if (n) console.log(`${name} | native psm 3 on the 200-ppi page | CER ${pct(cer(p.text, n.text))}`);
  }

  console.log('\n## processPage, one worker, full A4 letter (ms per stage)');
  const letter = set['letter (serif)']!;
  const cases: Record<string, Buffer> = {
    upright: letter.png,
    'skewed 3°': await rotatePage(letter.png, 3),
    'upside down': await rotatePage(letter.png, 180),
    'sideways + noise': await addNoise(await rotatePage(letter.png, 90), 4, 60),
  };
  for (const [name, png] of Object.entries(cases)) {
    const meta = await sharp(png).metadata();
    const r = await processPage({ ...raster(letter, png), width: meta.width!, height: meta.height! }, pool);
    console.log(
      `${name} | rotation ${r.rotation} skew ${r.skewDegrees} | ${JSON.stringify(r.timings)} | CER ${pct(cer(letter.text, r.ocr!.text))} | flags ${r.qcFlags.join(',') || '-'}`,
    );
  }
  await pool.close();

  console.log('\n## processPage throughput, pool of 2, 6 pages at once');
  const pool2 = new OcrPool({ size: 2 });
  await pool2.start();
  const six = await Promise.all(
    [0, 1, 2, 3, 4, 5].map(async (i) => raster(letter, i % 2 ? await rotatePage(letter.png, 1.5) : letter.png)),
  );
  const t = Date.now();
  await Promise.all(six.map((p) => processPage(p, pool2)));
  console.log(`6 pages in ${((Date.now() - t) / 1000).toFixed(1)} s = ${((Date.now() - t) / 6000).toFixed(2)} s/page`);
  await pool2.close();

  console.log('\n## orientation accuracy (own method), fonts × texts × {clean, noise, 200-ppi G4} × 4 rotations, +1.5° skew');
  let ok = 0;
  let n = 0;
  const times: number[] = [];
  for (const font of ['DejaVu Serif', 'Liberation Sans', 'DejaVu Sans', 'Nimbus Roman', 'Liberation Mono']) {
    for (const lines of [LETTER_LINES, SHORT_LETTER_LINES]) {
      const p = await renderTextPage({ lines, fontFamily: font });
      for (const variant of ['clean', 'noise', 'g4']) {
        for (const rot of [0, 90, 180, 270]) {
          let png = await rotatePage(await rotatePage(p.png, rot), 1.5);
          if (variant === 'noise') png = await addNoise(png, 3, 80);
          if (variant === 'g4')
            png = await sharp(await toG4Tiff(png, 200, Math.round(((rot % 180 ? p.height : p.width) * 2) / 3)))
              .png()
              .toBuffer();
          const t0 = Date.now();
          const r = await detectOrientation(png);
          times.push(Date.now() - t0);
          n++;
          if (r.rotation === rot) ok++;
          else console.log(`  miss: ${font} ${lines.length} lines ${variant} ${rot} → ${r.rotation}`);
        }
      }
    }
  }
  console.log(`${ok}/${n} correct, median ${median(times)} ms per page`);
}

await main();
