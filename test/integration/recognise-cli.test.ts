import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isValidBsn } from '../../src/domain/elfproef';
import { cer } from '../support/cer';
import { runCli, tempDir } from '../support/cli';
import { textPdf } from '../support/scans';
import { renderLetterPage } from '../support/letters';
import { encryptWithQpdf, hasQpdf, javascriptPdf, pngBombHeader, toJpeg } from '../unit/recognise/support/files';

// Issue "Recognition" through the CLI as a user drives it: letters in every input format become checked,
// searchable PDF/A documents with extracted metadata; bad input is rejected by name, quarantined and listed,
// and the rest of the batch is processed.

const has = (tool: string) => spawnSync(tool, ['-v']).error === undefined;

describe('postkamer ingest → recognised documents', () => {
  const data = join(tempDir(), 'store');
  const dir = tempDir();
  const BSN = '111222333';
  const ZAAK = 'ZAAK-2026-0000000777';
  let truth: Record<string, string>;
  let out: {
    batchId: string;
    documents: { id: string; fileName: string; pageCount: number }[];
    errors: { file: string; code: string; message: string }[];
  };
  let docs: Record<string, any>;

  beforeAll(async () => {
    expect(isValidBsn(BSN)).toBe(true);
    expect((await runCli(['init', '--data', data])).code).toBe(0);
    const clean = await renderLetterPage({ seed: 7, variant: 'clean', fields: { zaaknummer: ZAAK, bsn: BSN } });
    const upside = await renderLetterPage({ seed: 8, variant: 'upside-down' });
    const fax = await renderLetterPage({ seed: 9, variant: 'fax-200-bilevel' });
    truth = { 'brief.png': clean.text, 'omgekeerd.jpg': upside.text, 'fax.tif': fax.text };
    writeFileSync(join(dir, 'brief.png'), clean.png);
    writeFileSync(join(dir, 'omgekeerd.jpg'), await toJpeg(upside.png));
    writeFileSync(join(dir, 'fax.tif'), fax.tiff!);
    // Bad input, each with its own reason.
    writeFileSync(join(dir, 'afgebroken.jpg'), (await toJpeg(clean.png)).subarray(0, 20_000));
    writeFileSync(join(dir, 'afgebroken.png'), clean.png.subarray(0, Math.floor(clean.png.length / 2)));
    writeFileSync(join(dir, 'afgebroken.tif'), fax.tiff!.subarray(0, Math.floor(fax.tiff!.length / 3)));
    writeFileSync(join(dir, 'script.pdf'), await javascriptPdf());
    writeFileSync(join(dir, 'bom.png'), pngBombHeader(50_000));
    writeFileSync(join(dir, 'tekst.pdf'), 'Dit is gewoon tekst met een .pdf-naam.\n');
    writeFileSync(join(dir, 'leeg.jpg'), '');
    if (hasQpdf()) writeFileSync(join(dir, 'wachtwoord.pdf'), encryptWithQpdf(Buffer.from(textPdf(['Vertrouwelijk']))));
    const r = await runCli(['ingest', dir, '--json', '--data', data], { timeoutMs: 600_000 });
    expect(r.code, r.stderr).toBe(2);
    out = JSON.parse(r.stdout);
    const list = JSON.parse((await runCli(['documents', '--json', '--data', data])).stdout) as { fileName: string }[];
    docs = Object.fromEntries(list.map((d) => [d.fileName, d]));
  });

  it('makes one document per good file and rejects each bad one by name with its reason', () => {
    expect(Object.keys(docs).sort()).toEqual(['brief.png', 'fax.tif', 'omgekeerd.jpg']);
    const codes = Object.fromEntries(out.errors.map((e) => [e.file.split('/').pop(), e.code]));
    expect(codes).toMatchObject({
      'afgebroken.jpg': 'input-truncated',
      'afgebroken.png': 'input-truncated',
      'afgebroken.tif': 'input-truncated',
      'script.pdf': 'input-javascript',
      'bom.png': 'input-too-large',
      'tekst.pdf': 'input-unsupported',
      'leeg.jpg': 'file-empty',
      ...(hasQpdf() ? { 'wachtwoord.pdf': 'input-encrypted' } : {}),
    });
    for (const e of out.errors) expect(e.message).toContain(e.file.split('/').pop());
  });

  it('lists the rejected files, quarantined where their bytes were kept', async () => {
    const rej = JSON.parse((await runCli(['rejected', '--json', '--data', data])).stdout) as {
      fileName: string;
      code: string;
      quarantined: boolean;
    }[];
    const byName = Object.fromEntries(rej.map((r) => [r.fileName, r]));
    expect(byName['bom.png']).toMatchObject({ code: 'input-too-large', quarantined: true });
    expect(byName['script.pdf']).toMatchObject({ quarantined: true });
    expect(byName['leeg.jpg']).toMatchObject({ code: 'file-empty', quarantined: false });
  });

  it('recognises upright, upside-down and fax pages about as well as the text that was printed', async () => {
    for (const [name, text] of Object.entries(truth)) {
      const t = await runCli(['text', docs[name].id, '--data', data]);
      const rate = cer(text, t.stdout.replaceAll(BSN, '******333'));
      expect(rate, `${name}: CER ${(rate * 100).toFixed(1)} %`).toBeLessThan(0.03);
    }
    expect(docs['fax.tif'].qcFlags).toContain('low-resolution');
  });

  it('extracts the metadata, flags the BSN and never shows it', async () => {
    const d = docs['brief.png'];
    expect(d.extracted.zaaknummer).toBe(ZAAK);
    expect(d.zaaknummer).toBe(ZAAK);
    expect(d.extracted.letterDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.containsBsn).toBe(true);
    expect(d.extractedDetail.zaaknummer).toMatchObject({ value: ZAAK, page: 0 });
    expect(d.extractedDetail.zaaknummer.confidence).toBeGreaterThan(0.5);
    expect(d.extractedDetail.zaaknummer.bbox).toHaveProperty('x0');
    const shown = [
      JSON.stringify(docs),
      (await runCli(['text', d.id, '--data', data])).stdout,
      (await runCli(['search', 'zaaknummer', '--json', '--data', data])).stdout,
    ].join('\n');
    expect(shown).not.toContain(BSN);
    expect(shown).toContain('******333');
  });

  it('finds documents by their text', async () => {
    const hits = JSON.parse(
      (await runCli(['search', docs['omgekeerd.jpg'].title.split(' ').filter((w: string) => w.length > 5)[0], '--json', '--data', data]))
        .stdout,
    ) as { id: string }[];
    expect(hits.map((h) => h.id)).toContain(docs['omgekeerd.jpg'].id);
  });

  it('writes a PDF/A-2b that passes qpdf, embeds its fonts and carries the OCR text', async (ctx) => {
    if (!has('qpdf') || !has('pdffonts')) return ctx.skip('qpdf/poppler-utils niet geïnstalleerd');
    const file = join(tempDir(), 'brief.pdf');
    const r = await runCli(['pdf', docs['brief.png'].id, '--out', file, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(spawnSync('qpdf', ['--check', file]).status).toBe(0);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\byes\b/);
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).toMatch(/pdfaid:part(>2<|="2")/);
    expect(bytes).toMatch(/pdfaid:conformance(>B<|="B")/);
    expect(bytes).toContain('/OutputIntents');
    expect(bytes).not.toMatch(/\/JavaScript|\/Encrypt/);
    const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    expect(cer(truth['brief.png'], text)).toBeLessThan(0.05);
  });
});
