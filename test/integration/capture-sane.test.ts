// SANE through scanimage, against the SANE `test` device (apt sane-utils). Skipped, with a message, where
// scanimage is not installed.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
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
    const result = await scanWithSane(
      'test',
      { source: 'flatbed', resolution: 150, colour: 'colour', extraArgs: ['--test-picture=Color pattern'] },
      async (p) => {
        got.push(p);
        for (const e of await saneTempEntries()) regularDuringScan.push(...e.regularFiles);
      },
    );
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
    const result = await scanWithSane(
      'test',
      { source: 'feeder', resolution: 75, colour: 'gray', extraArgs: [`--read-return-value=${status}`] },
      async (p) => void got.push(p),
    );
    expect(result.outcome).toBe('failed');
    expect(result.error!.code).toBe(code);
    expect(result.error!.message).toMatch(message);
    expect(got).toEqual([]);
  });

  it('a feeder batch stops at the page limit per job, keeps its pages, and says why (finding F7)', async () => {
    const got: SanePage[] = [];
    const result = await scanWithSane(
      'test',
      { source: 'feeder', resolution: 75, colour: 'gray', limits: { pagesPerJob: 3 } },
      async (p) => void got.push(p),
    );
    expect(got).toHaveLength(3);
    expect(result).toMatchObject({ pages: 3, outcome: 'failed', error: { code: 'sane-failed' } });
    expect(result.error!.message).toMatch(/limiet van 3 pagina's per scanopdracht/);
    expect(result.error!.message).toMatch(/de 3 ontvangen pagina's zijn bewaard/);
  });

  it('cancel mid-batch keeps the pages already received', async () => {
    const ac = new AbortController();
    const got: SanePage[] = [];
    const result = await scanWithSane(
      'test',
      // Slow pages (a real feeder's pace), so the cancel lands mid-batch.
      {
        source: 'feeder',
        resolution: 75,
        colour: 'gray',
        extraArgs: ['--read-delay=yes', '--read-delay-duration=20000', '--read-limit=yes', '--read-limit-size=4096'],
      },
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
    await expect(scanWithSane('--help', { source: 'flatbed', resolution: 150, colour: 'gray' }, async () => undefined)).rejects.toThrow(
      /ongeldige apparaatnaam/,
    );
  });
});

/**
 * A fake scanimage (POSTKAMER_SCANIMAGE) in a temp folder: answers --version and -A like a device, and for a scan
 * writes page 1 into the batch FIFO as told by FAKE_SANE_MODE: 'flood' = a PNG signature, then zeros without end
 * (a safety net stops it at 200 MB so the unfixed code ends too); 'hang' = the signature, then nothing (30 s).
 * It writes its pid to FAKE_SANE_PID, so the test can see it was stopped.
 */
function fakeScanimage(): { bin: string; pidFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-fake-sane-'));
  const bin = join(dir, 'scanimage');
  const pidFile = join(dir, 'pid');
  writeFileSync(
    bin,
    `#!/bin/bash
case " $* " in
  *" --version "*) echo "scanimage (sane-backends) 1.2.1; backend version 1.2.1 (nep)"; exit 0 ;;
  *" -A "*) printf 'All options specific to device \\x60nep:0\\x27:\\n    --resolution 75|150|300dpi [150]\\n    --mode Color|Gray [Color]\\n'; exit 0 ;;
esac
for a in "$@"; do case "$a" in --batch=*) pat="\${a#--batch=}" ;; esac; done
echo $$ > "$FAKE_SANE_PID"
exec > "\${pat/\\%d/1}.part"
printf '\\x89PNG\\r\\n\\x1a\\n'
if [ "$FAKE_SANE_MODE" = flood ]; then exec head -c 200000000 /dev/zero; else exec sleep 30; fi
`,
  );
  chmodSync(bin, 0o755);
  return { bin, pidFile };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SANE: a page is bounded in size and in time (finding F6)', () => {
  const saved = { bin: process.env.POSTKAMER_SCANIMAGE, mode: process.env.FAKE_SANE_MODE, pid: process.env.FAKE_SANE_PID };
  afterEach(() => {
    for (const [k, v] of [
      ['POSTKAMER_SCANIMAGE', saved.bin],
      ['FAKE_SANE_MODE', saved.mode],
      ['FAKE_SANE_PID', saved.pid],
    ] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  const useFake = (mode: 'flood' | 'hang') => {
    const f = fakeScanimage();
    process.env.POSTKAMER_SCANIMAGE = f.bin;
    process.env.FAKE_SANE_MODE = mode;
    process.env.FAKE_SANE_PID = f.pidFile;
    return f;
  };

  it('a scanimage that writes a PNG header and then endless zeros: stopped past the page limit, killed, clear Dutch error', async () => {
    const { pidFile } = useFake('flood');
    const got: SanePage[] = [];
    const t0 = Date.now();
    const result = await scanWithSane(
      'nep:0',
      { source: 'flatbed', resolution: 150, colour: 'colour', limits: { pageBytes: 8 * 1024 * 1024 } },
      async (p) => void got.push(p),
    );
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(got).toEqual([]);
    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('sane-failed');
    expect(result.error?.message).toMatch(/^Scannen via SANE is mislukt/);
    expect(result.error?.message).toMatch(/pagina 1 is te groot: meer dan 8 MiB/);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(false);
  }, 60_000);

  it('a scanimage that stops sending mid-page: an error after the per-page deadline, scanimage killed', async () => {
    const { pidFile } = useFake('hang');
    const t0 = Date.now();
    const result = await scanWithSane(
      'nep:0',
      { source: 'flatbed', resolution: 150, colour: 'colour', limits: { pageIdleMs: 1_000 } },
      async () => undefined,
    );
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(result.outcome).toBe('failed');
    expect(result.error?.code).toBe('sane-failed');
    expect(result.error?.message).toMatch(/pagina 1: scanimage stuurde 1 seconde lang geen gegevens/);
    expect(alive(Number(readFileSync(pidFile, 'utf8')))).toBe(false);
  }, 60_000);
});
