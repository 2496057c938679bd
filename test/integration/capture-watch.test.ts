// The watched folder: complete files only, exactly once across restarts and crashes, verwerkt/ and mislukt/
// with a reason, polling without file events.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchFolder, type WatchedFile, type WatchEvent, type WatchOptions, type WatchOutcome } from '../../src/capture/watch';
import { FileJournal } from '../../src/capture/watch-journal';

const root = resolve(import.meta.dirname, '../..');
let base: string;
let dir: string;
beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'postkamer-watch-'));
  dir = join(base, 'in');
  await mkdir(dir);
});
afterEach(async () => rm(base, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: () => boolean, ms = 20_000) {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(25);
  }
}

/** A watcher that records what it was given and what happened. */
function start(over: Partial<WatchOptions> & { result?: (f: WatchedFile) => Promise<WatchOutcome> } = {}) {
  const files: WatchedFile[] = [];
  const events: WatchEvent[] = [];
  const w = watchFolder(dir, {
    pollMs: 50,
    stableMs: 300,
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

describe('watchFolder', () => {
  it('takes a file only once it stopped growing', async () => {
    const t = start({ stableMs: 500 });
    try {
      const p = join(dir, 'batch.pdf');
      await writeFile(p, '%PDF-1.7\n');
      for (let i = 0; i < 6; i++) {
        await sleep(200); // each pause shorter than stableMs
        // The last part ends the PDF (%%EOF after startxref): only then is the file whole.
        await appendFile(p, `regel ${i}\n`.repeat(100) + (i === 5 ? 'startxref\n9\n%%EOF\n' : ''));
        expect(t.files).toHaveLength(0);
      }
      const lastWrite = Date.now();
      await until(() => t.finished() === 1);
      expect(Date.now() - lastWrite).toBeGreaterThanOrEqual(450);
      expect(t.files).toHaveLength(1);
      const bytes = await readFile(join(dir, 'verwerkt', 'batch.pdf'));
      expect(t.files[0]).toMatchObject({
        name: 'batch.pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        attempt: 1,
      });
      expect(await ls('.')).toEqual(['.postkamer-watch.jsonl', 'mislukt', 'verwerkt']);
    } finally {
      await t.w.stop();
    }
  });

  it('a failing file goes to mislukt/ with a Dutch reason; the others go on', async () => {
    const t = start({
      result: async (f) => {
        if (f.name === '2-kapot.pdf') throw new Error('Bestand is afgebroken of beschadigd. (bestand: 2-kapot.pdf)');
        if (f.name === '3-onleesbaar.tif') return { ok: false, reason: 'Bestandsformaat wordt niet ondersteund.' };
        return { ok: true };
      },
    });
    try {
      for (const n of ['1-goed.pdf', '2-kapot.pdf', '3-onleesbaar.tif', '4-goed.pdf', 'leeg.pdf'])
        await writeFile(join(dir, n), n === 'leeg.pdf' ? '' : `inhoud ${n}`);
      await until(() => t.finished() === 5);
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => f.name)).toEqual(['1-goed.pdf', '2-kapot.pdf', '3-onleesbaar.tif', '4-goed.pdf']); // the empty file never reaches onFile
    expect(await ls('verwerkt')).toEqual(['1-goed.pdf', '4-goed.pdf']);
    expect(await ls('mislukt')).toEqual([
      '2-kapot.pdf',
      '2-kapot.pdf.reden.txt',
      '3-onleesbaar.tif',
      '3-onleesbaar.tif.reden.txt',
      'leeg.pdf',
      'leeg.pdf.reden.txt',
    ]);
    expect(await readFile(join(dir, 'mislukt', '2-kapot.pdf.reden.txt'), 'utf8')).toMatch(/Reden: Bestand is afgebroken of beschadigd/);
    expect(await readFile(join(dir, 'mislukt', '3-onleesbaar.tif.reden.txt'), 'utf8')).toMatch(
      /Reden: Bestandsformaat wordt niet ondersteund/,
    );
    expect(await readFile(join(dir, 'mislukt', 'leeg.pdf.reden.txt'), 'utf8')).toMatch(/leeg \(0 bytes\)/);
  });

  it('after a restart a processed file is not taken again; a copy of it is reported as a duplicate', async () => {
    const first = start();
    await writeFile(join(dir, 'brief.pdf'), 'de brief');
    try {
      await until(() => first.finished() === 1);
    } finally {
      await first.w.stop();
    }
    const second = start();
    try {
      await sleep(600);
      expect(second.files).toEqual([]);
      // The clerk drops the same file again.
      await writeFile(join(dir, 'brief.pdf'), 'de brief');
      await until(() => second.finished() === 1);
    } finally {
      await second.w.stop();
    }
    expect(second.files).toEqual([]);
    expect(await ls('mislukt')).toEqual(['brief.pdf', 'brief.pdf.reden.txt']);
    expect(await readFile(join(dir, 'mislukt', 'brief.pdf.reden.txt'), 'utf8')).toMatch(/al eerder verwerkt/);
  });

  it('a failed file put back by the clerk is tried again (attempt 2); same name, new content is new work', async () => {
    let fail = true;
    const t = start({ result: async () => (fail ? { ok: false, reason: 'Zaaksysteem tijdelijk niet bereikbaar.' } : { ok: true }) });
    try {
      await writeFile(join(dir, 'a.pdf'), 'aaa');
      await until(() => t.finished() === 1);
      fail = false;
      await rename(join(dir, 'mislukt', 'a.pdf'), join(dir, 'a.pdf'));
      await until(() => t.finished() === 2);
      await writeFile(join(dir, 'a.pdf'), 'andere inhoud, zelfde naam');
      await until(() => t.finished() === 3);
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => [f.name, f.attempt])).toEqual([
      ['a.pdf', 1],
      ['a.pdf', 2],
      ['a.pdf', 1],
    ]);
    expect(await ls('verwerkt')).toEqual(['a (2).pdf', 'a.pdf']); // nothing overwritten
  });

  it('ignores hidden, temporary and partial files until they get their final name', async () => {
    const t = start();
    try {
      for (const n of ['.verborgen.pdf', 'scan.pdf.part', 'scan.tmp', '~$lock.docx', 'Thumbs.db']) await writeFile(join(dir, n), 'x');
      await sleep(700);
      expect(t.files).toEqual([]);
      await rename(join(dir, 'scan.pdf.part'), join(dir, 'scan.pdf'));
      await until(() => t.finished() === 1);
    } finally {
      await t.w.stop();
    }
    expect(t.files.map((f) => f.name)).toEqual(['scan.pdf']);
  });

  it('works by polling alone (no file events, as on a network share)', async () => {
    const t = start({ fileEvents: false, pollMs: 200 });
    try {
      await writeFile(join(dir, 'share.pdf'), 'via smb');
      await until(() => t.finished() === 1);
    } finally {
      await t.w.stop();
    }
    expect(await ls('verwerkt')).toEqual(['share.pdf']);
  });

  it('stop() waits for the file in progress, and an aborted signal stops the watcher', async () => {
    let release!: () => void;
    const t = start({ result: () => new Promise((r) => (release = () => r({ ok: true }))) });
    await writeFile(join(dir, 'x.pdf'), 'x');
    await until(() => t.files.length === 1);
    const stopped = t.w.stop();
    let done = false;
    void stopped.then(() => (done = true));
    await sleep(100);
    expect(done).toBe(false);
    release();
    await stopped;
    expect(await ls('verwerkt')).toEqual(['x.pdf']);

    const ac = new AbortController();
    const u = start({ signal: ac.signal });
    ac.abort();
    await writeFile(join(dir, 'y.pdf'), 'y');
    await sleep(700);
    expect(u.files).toEqual([]);
    await u.w.stop();
  });
});

describe('watchFolder: crashes (the process killed with SIGKILL)', () => {
  async function crashRun(crashAt: 'onFile' | 'done'): Promise<number | null> {
    const child = spawn(
      process.execPath,
      [join(root, 'bin/run-ts.mjs'), join(root, 'test/escl-scanner/watch-crash-child.ts'), dir, base, crashAt],
      { cwd: root, stdio: 'ignore' },
    );
    return new Promise((r) => child.on('exit', (_code, sig) => r(sig === 'SIGKILL' ? 9 : _code)));
  }

  it('between onFile and the move: the restart finishes the move and does not process the file again', async () => {
    await writeFile(join(dir, 'post.pdf'), 'brief van burger');
    expect(await crashRun('done')).toBe(9);
    expect(existsSync(join(base, 'post.pdf.1.stored'))).toBe(true);
    expect(existsSync(join(dir, 'post.pdf'))).toBe(true); // not moved: the crash came first
    const journal = (await readFile(join(dir, '.postkamer-watch.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).step);
    expect(journal).toEqual(['taken', 'done']);

    const t = start();
    try {
      await until(() => t.finished() === 1);
    } finally {
      await t.w.stop();
    }
    expect(t.files).toEqual([]); // not processed twice
    expect(t.events.find((e) => e.type === 'done')).toEqual({ type: 'done', name: 'post.pdf', recovered: true });
    expect(await ls('verwerkt')).toEqual(['post.pdf']);
  });

  it('during onFile: the restart tries again with attempt 2 and the same hash, so the consumer can deduplicate', async () => {
    await writeFile(join(dir, 'post.pdf'), 'brief van burger');
    expect(await crashRun('onFile')).toBe(9);
    const sha = await readFile(join(base, 'post.pdf.1.stored'), 'utf8');
    const t = start();
    try {
      await until(() => t.finished() === 1);
    } finally {
      await t.w.stop();
    }
    expect(t.files).toEqual([expect.objectContaining({ name: 'post.pdf', attempt: 2, sha256: sha })]);
    expect(await ls('verwerkt')).toEqual(['post.pdf']);
  });

  it('a torn last journal line (crash mid-write) is ignored', async () => {
    const p = join(base, 'journal.jsonl');
    const j = await FileJournal.open(p);
    await j.append({ step: 'taken', name: 'a.pdf', sha256: 'ab', size: 1, mtimeMs: 1, at: 'x', attempt: 1 });
    await j.append({ step: 'done', name: 'a.pdf', sha256: 'ab', size: 1, mtimeMs: 1, at: 'x' });
    await appendFile(p, '{"step":"moved","name":"a.pd');
    const again = await FileJournal.open(p);
    expect(again.lookup('a.pdf', 'ab')).toMatchObject({ outcome: 'done', moved: false, attempts: 1 });
    expect(again.lookup('a.pdf', 'cd')).toBeUndefined();
  });
});
