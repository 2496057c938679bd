// SANE through scanimage, against the SANE `test` device (apt sane-utils). Skipped, with a message, where
// scanimage is not installed.
import { lstat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { saneAvailable, scanWithSane, type SanePage } from '../../src/capture/sane';

const available = await saneAvailable();
if (!available) console.warn('capture-sane: scanimage is not installed here (apt install sane-utils); the SANE tests are skipped.');

/** Our private temp dirs and what is in them (only FIFO nodes may ever be there). */
async function saneTempEntries(): Promise<{ dir: string; regularFiles: string[] }[]> {
  const out: { dir: string; regularFiles: string[] }[] = [];
  for (const d of (await readdir(tmpdir())).filter((n) => n.startsWith('postkamer-sane-'))) {
    const regularFiles: string[] = [];
    try {
      for (const f of await readdir(join(tmpdir(), d))) if ((await lstat(join(tmpdir(), d, f))).isFile()) regularFiles.push(f);
    } catch {
      continue; // removed meanwhile
    }
    out.push({ dir: d, regularFiles });
  }
  return out;
}

describe.skipIf(!available)('SANE test device', () => {
  it('flatbed: one page lands as a PNG with its resolution, and nothing is left on disk', async () => {
    const before = new Set((await saneTempEntries()).map((e) => e.dir));
    const got: SanePage[] = [];
    const regularDuringScan: string[] = [];
    const result = await scanWithSane('test', { source: 'flatbed', resolution: 150, colour: 'colour', extraArgs: ['--test-picture=Color pattern'] }, async (p) => {
      got.push(p);
      for (const e of await saneTempEntries()) regularDuringScan.push(...e.regularFiles);
    });
    expect(result).toEqual({ pages: 1, outcome: 'completed' });
    expect(got).toHaveLength(1);
    const meta = await sharp(got[0]!.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', channels: 3 });
    expect(meta.width).toBe(Math.round((80 / 25.4) * 150)); // the test device's default 80 mm scan area
    expect(got[0]).toMatchObject({ index: 0, mime: 'image/png', dpi: 150 });
    expect(Math.round(meta.density!)).toBe(150);
    expect(regularDuringScan).toEqual([]); // pages went through FIFOs, never into files
    expect((await saneTempEntries()).filter((e) => !before.has(e.dir))).toEqual([]);
  });

  it('feeder: every page until the feeder is empty (the test device holds 10), or up to maxPages', async () => {
    const got: SanePage[] = [];
    const result = await scanWithSane('test', { source: 'feeder', resolution: 75, colour: 'gray' }, async (p) => void got.push(p));
    expect(result).toEqual({ pages: 10, outcome: 'completed' });
    expect(got.map((p) => p.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await sharp(got[3]!.bytes).metadata()).channels).toBe(1);
    const some = await scanWithSane('test', { source: 'feeder', resolution: 75, colour: 'gray', maxPages: 3 }, async () => undefined);
    expect(some).toEqual({ pages: 3, outcome: 'completed' });
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'paper-jam', /Papierstoring/],
    ['SANE_STATUS_COVER_OPEN', 'cover-open', /klep of deur/],
    ['SANE_STATUS_NO_DOCS', 'feeder-empty', /invoer van de scanner is leeg/],
  ])('a device reporting %s: %s, no half page handed over', async (status, code, message) => {
    const got: SanePage[] = [];
    const result = await scanWithSane('test', { source: 'feeder', resolution: 75, colour: 'gray', extraArgs: [`--read-return-value=${status}`] }, async (p) => void got.push(p));
    expect(result.outcome).toBe('failed');
    expect(result.error!.code).toBe(code);
    expect(result.error!.message).toMatch(message);
    expect(got).toEqual([]);
  });

  it('cancel mid-batch keeps the pages already received', async () => {
    const ac = new AbortController();
    const got: SanePage[] = [];
    const result = await scanWithSane(
      'test',
      // Slow pages (a real feeder's pace), so the cancel lands mid-batch.
      { source: 'feeder', resolution: 75, colour: 'gray', extraArgs: ['--read-delay=yes', '--read-delay-duration=20000', '--read-limit=yes', '--read-limit-size=4096'] },
      async (p) => {
        got.push(p);
        if (got.length === 2) ac.abort();
      },
      ac.signal,
    );
    expect(result.outcome).toBe('cancelled');
    expect(result.pages).toBeGreaterThanOrEqual(2);
    expect(result.pages).toBeLessThan(10);
    expect(got).toHaveLength(result.pages);
    for (const p of got) expect((await sharp(p.bytes).metadata()).format).toBe('png');
    expect(await saneTempEntries()).toEqual([]);
  });

  it('an unknown device fails with a clear message', async () => {
    const result = await scanWithSane('bestaat-niet:0', { source: 'flatbed', resolution: 150, colour: 'gray' }, async () => undefined);
    expect(result).toMatchObject({ pages: 0, outcome: 'failed', error: { code: 'sane-failed' } });
    expect(result.error!.message).toMatch(/apparaat niet gevonden/);
    await expect(scanWithSane('--help', { source: 'flatbed', resolution: 150, colour: 'gray' }, async () => undefined)).rejects.toThrow(/ongeldige apparaatnaam/);
  });
});
