import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../src/contract/schemas';
import type { Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { DOCUMENTTYPE_B, ZAAKNUMMER_B, mustShowPdf, mustShowSheets } from '../escl-scanner/batch';
import { startVirtualScanner, type VirtualScanner } from '../escl-scanner/server';
import { PASSPHRASE, runCli, spawnCli, tempDir } from '../support/cli';
import { asAdmin } from '../support/core-call';

// Issue "Capture", must show: one mail-room batch — letter A (2 pages), a separator sheet with a zaaknummer,
// letter B (1 page), a Patch-T sheet, letter C (3 pages and a blank back side) — becomes exactly three documents
// through the virtual eSCL scanner (the UI's path through the contract) and through a watched folder (the CLI).

const cli = { origin: 'cli' as const, connection: 'cli-test' };

function checkThreeDocuments(docs: DocumentSummary[], blank: 'drop' | 'flag') {
  expect(docs).toHaveLength(3);
  const [a, b, c] = docs;
  expect(a.pageCount).toBe(2);
  expect(b.pageCount).toBe(1);
  expect(b.zaaknummer).toBe(ZAAKNUMMER_B);
  expect(a.zaaknummer).not.toBe(ZAAKNUMMER_B);
  expect(c.pageCount).toBe(blank === 'drop' ? 3 : 4);
  if (blank === 'flag') expect(c.qcFlags).toContain('blank');
  for (const d of docs) expect(d.status).toBe('ready');
}

async function batchDocuments(core: Core, batchId: string): Promise<DocumentSummary[]> {
  await asAdmin(core, cli);
  const r = await core.call('documents.list', { batchId, limit: 100 }, cli);
  if (!r.ok) throw new Error(r.error.message);
  return (r.data as DocumentSummary[]).sort((x, y) => x.seq - y.seq);
}

describe('capture: one batch → the right documents', () => {
  let dir: string;
  let core: Core;
  let scanner: VirtualScanner;

  beforeAll(async () => {
    dir = join(tempDir(), 'store');
    core = await openCore(dir, PASSPHRASE, { create: true });
    await asAdmin(core, cli); // the same first administrator the CLI runs as (test/support/cli.ts CLI_PERSON)
    scanner = await startVirtualScanner({ sheets: await mustShowSheets() });
    // The UI may scan only from a scanner found on the network or set up by the administrator.
    core.configureScanner({ kind: 'escl', url: scanner.baseUrl }, cli);
  });
  afterAll(async () => {
    await scanner?.close();
    await core?.close();
  });

  it('through the virtual eSCL scanner, started as the UI does (profile enkelzijdig: blank pages dropped)', async () => {
    const events: { state: string; pages: number }[] = [];
    const done = new Promise<string>((resolve) => {
      core.on((name, data) => {
        const e = data as { batchId: string; state: string; pages: number };
        if (name === 'scan.progress') {
          events.push(e);
          if (e.state !== 'scanning') resolve(e.batchId);
        }
      });
    });
    const web = { origin: 'web' as const, connection: 'web-baliemedewerker' };
    await asAdmin(core, web);
    const started = await core.call(
      'scanners.scan',
      { scanner: { kind: 'escl', url: scanner.baseUrl, name: 'Virtuele scanner' }, profile: 'enkelzijdig' },
      web,
    );
    expect(started.ok, JSON.stringify(started)).toBe(true);
    const batchId = await done;
    expect(events.at(-1)).toMatchObject({ state: 'completed', pages: 9 });
    const docs = await batchDocuments(core, batchId);
    checkThreeDocuments(docs, 'drop');
    // The separator's document type travels with B as metadata.
    const meta = core.store.db.prepare('SELECT extracted FROM documents WHERE id = ?').get(docs[1].id) as { extracted: string };
    expect(JSON.parse(meta.extracted).metadata).toMatchObject({ documenttype: DOCUMENTTYPE_B });
  });

  it('a paper jam mid-feed keeps the pages received and tells the clerk (CLI)', async () => {
    scanner.loadSheets(await mustShowSheets());
    scanner.setFaults({ jamAfterPages: 2 });
    await core.close();
    const r = await runCli(['scan', '--escl', scanner.baseUrl, '--profile', 'enkelzijdig', '--json', '--data', dir]);
    core = await openCore(dir, PASSPHRASE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Papierstoring/);
    const out = JSON.parse(r.stdout);
    expect(out.scan).toMatchObject({ pages: 2, outcome: 'failed', error: { code: 'paper-jam' } });
    // Both pages received are kept. The fixture's "A1" and "A2" are two different generated letters (each with its own
    // sender, date and salutation), and a jammed stack has no separator sheet yet: the automatic split finds A2's start.
    expect(out.documents.map((d: { pageCount: number }) => d.pageCount)).toEqual([1, 1]);
    scanner.setFaults({});
  });

  it('through a watched folder, across a restart, with a corrupt file going to mislukt/ (CLI)', async () => {
    await core.close();
    const watched = tempDir();
    const child = spawnCli([
      'watch',
      watched,
      '--profile',
      'enkelzijdig',
      '--poll-ms',
      '200',
      '--stable-ms',
      '600',
      '--grace-ms',
      '1000',
      '--json',
      '--data',
      dir,
    ]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    writeFileSync(join(watched, 'stapel.pdf'), await mustShowPdf(300));
    writeFileSync(join(watched, 'kapot.pdf'), '%PDF-1.4\ndit is geen pdf');
    const deadline = Date.now() + 240_000;
    while (
      !(existsSync(join(watched, 'verwerkt', 'stapel.pdf')) && existsSync(join(watched, 'mislukt', 'kapot.pdf'))) &&
      Date.now() < deadline
    )
      await new Promise((r) => setTimeout(r, 250));
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
    expect(readdirSync(join(watched, 'verwerkt'))).toContain('stapel.pdf');
    expect(readdirSync(join(watched, 'mislukt')).sort()).toEqual(['kapot.pdf', 'kapot.pdf.reden.txt']);
    expect(out).toMatch(/"type":"done","name":"stapel.pdf"/);

    // Restart the watcher: nothing is taken twice.
    mkdirSync(join(watched, 'sub'), { recursive: true });
    const again = spawnCli([
      'watch',
      watched,
      '--profile',
      'enkelzijdig',
      '--poll-ms',
      '200',
      '--stable-ms',
      '300',
      '--json',
      '--data',
      dir,
    ]);
    await new Promise((r) => setTimeout(r, 4000));
    again.kill('SIGTERM');
    await new Promise((r) => again.once('close', r));

    core = await openCore(dir, PASSPHRASE);
    await asAdmin(core, cli);
    const batches = await core.call('batches.list', { limit: 50 }, cli);
    if (!batches.ok) throw new Error('batches.list failed');
    const fromWatch = (batches.data as { id: string; source: string; label: string }[]).filter((b) => b.source === 'watch');
    // kapot.pdf is not a whole PDF: set aside after the grace period, never a batch.
    expect(fromWatch.map((b) => b.label).sort()).toEqual(['stapel.pdf']);
    const stapel = fromWatch.find((b) => b.label === 'stapel.pdf')!;
    checkThreeDocuments(await batchDocuments(core, stapel.id), 'drop');
  });

  it('a SANE test-device scan lands as pages in a batch', async (ctx) => {
    if (spawnSync('scanimage', ['--version']).status !== 0) {
      ctx.skip('scanimage (apt sane-utils) is niet geïnstalleerd: SANE-test overgeslagen');
      return;
    }
    await core.close();
    const r = await runCli(['scan', '--sane', 'test', '--profile', 'enkelzijdig', '--json', '--data', dir]);
    core = await openCore(dir, PASSPHRASE);
    const out = JSON.parse(r.stdout);
    expect(out.scan.pages, r.stderr).toBeGreaterThan(0);
    const items = core.store.db.prepare('SELECT count(*) AS n FROM items WHERE batch_id = ?').get(out.batchId) as { n: number };
    expect(items.n).toBe(out.scan.pages);
  });
});
