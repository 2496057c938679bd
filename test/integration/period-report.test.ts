// The period report on a real encrypted store with a month of post (documents, deliveries and attention written by
// SQL with their times, the zaak cache as a refresh leaves it): the figures, the CSV and the PDF/A of the same period
// agree (the PDF read back with pdftotext), the PDF passes the PDF/A checks of pdf-pdfa.test.ts, per-person rows only
// with perPersonStats, the roles, and `postkamer report` through the CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/audit/audit';
import type { Core } from '../../src/core/core';
import type { Db } from '../../src/store/db';
import { runCli } from '../support/cli';
import { call, callFailure } from '../support/core-call';
import { signedInAs } from '../support/people';
import { PASSPHRASE, openTestCore, tempDir } from './sync-support';

const has = (tool: string, arg: string) => spawnSync(tool, [arg]).error === undefined;
const withTools = it.skipIf(!has('qpdf', '--version') || !has('pdftotext', '-v') || !has('pdffonts', '-v'));
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

const HOUR = 3_600_000;
const FROM = '2025-11-01';
const TO = '2025-11-30';
const ZT_BEZWAAR = 'http://zgw.test/catalogi/api/v1/zaaktypen/bezwaar';
const ZT_MELDING = 'http://zgw.test/catalogi/api/v1/zaaktypen/melding';
const PEOPLE = ['ann', 'bob', 'cor'];

let seed = 20251101;
const rnd = (n: number) => (seed = (seed * 48271) % 2147483647) % n;

interface Doc {
  id: string;
  createdAt: string;
  pages: number;
  status: 'ready' | 'failed';
  delivery?: { doneAt: string; actor: string; zaaktype: string };
}

/** A month of post: received at any hour (the first and the last an hour either side of the month's Amsterdam edges). */
function month(): Doc[] {
  const docs: Doc[] = [];
  const start = Date.parse('2025-10-31T23:00:00Z'); // 1 November, 00:00 in Amsterdam (CET)
  const edges = ['2025-10-31T23:30:00.000Z', '2025-10-31T22:30:00.000Z', '2025-11-30T22:59:00.000Z', '2025-11-30T23:30:00.000Z'];
  for (let i = 0; i < 90; i++) {
    const createdAt = i < edges.length ? edges[i]! : new Date(start + rnd(30 * 24) * HOUR + rnd(3600) * 1000).toISOString();
    const doc: Doc = { id: `doc-${String(i).padStart(3, '0')}`, createdAt, pages: 1 + rnd(6), status: rnd(10) === 0 ? 'failed' : 'ready' };
    if (doc.status === 'ready' && rnd(3) !== 0) {
      const kind = rnd(4); // bezwaar by zaaknummer, melding by zaaknummer, a new bezwaar zaak, a zaak not in the cache
      doc.delivery = {
        doneAt: new Date(Date.parse(createdAt) + (1 + rnd(72)) * HOUR + rnd(3600) * 1000).toISOString(),
        actor: PEOPLE[rnd(3)]!,
        zaaktype: ['Bezwaar', 'Melding openbare ruimte', 'Bezwaar', 'onbekend'][kind]!,
      };
    }
    docs.push(doc);
  }
  return docs;
}

function seedStore(db: Db, docs: Doc[]): void {
  db.prepare(`INSERT INTO batches (id, created_at, source, label, status) VALUES ('b1', ?, 'cli', 'maand', 'done')`).run(
    docs[0]!.createdAt,
  );
  const zaak = (nr: string, zaaktype: string) =>
    db
      .prepare(`INSERT INTO zgw_objects (env, kind, url, identificatie, data, fetched_at) VALUES ('test', 'zaak', ?, ?, ?, ?)`)
      .run(
        `http://zgw.test/zaken/${nr}`,
        nr,
        JSON.stringify({ url: `http://zgw.test/zaken/${nr}`, identificatie: nr, zaaktype }),
        docs[0]!.createdAt,
      );
  zaak('ZAAK-1', ZT_BEZWAAR);
  zaak('ZAAK-2', ZT_MELDING);
  for (const [url, omschrijving] of [
    [ZT_BEZWAAR, 'Bezwaar'],
    [ZT_MELDING, 'Melding openbare ruimte'],
  ]) {
    db.prepare(`INSERT INTO zgw_objects (env, kind, url, identificatie, data, fetched_at) VALUES ('test', 'zaaktype', ?, ?, ?, ?)`).run(
      url,
      omschrijving,
      JSON.stringify({ url, identificatie: omschrijving, omschrijving }),
      docs[0]!.createdAt,
    );
  }
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, batch_id, seq, title, file_name, mime, size, sha256, status, page_count, created_at, updated_at)
     VALUES (?, 'b1', ?, ?, ?, 'application/pdf', 1000, ?, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO zgw_outbox (document_id, env, state, actor, target, zaaknummer, new_zaak, identificatie, created_at, updated_at, done_at)
     VALUES (?, 'test', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  docs.forEach((d, i) => {
    insertDoc.run(d.id, i, `Brief ${i}`, `${d.id}.pdf`, d.id.padEnd(64, '0'), d.status, d.pages, d.createdAt, d.createdAt);
    if (!d.delivery) return;
    const { zaaktype, doneAt, actor } = d.delivery;
    const [target, nr, newZaak] =
      zaaktype === 'Melding openbare ruimte'
        ? ['zaaknummer', 'ZAAK-2', null]
        : zaaktype === 'onbekend'
          ? ['zaaknummer', 'ZAAK-ONBEKEND', null]
          : i % 2
            ? ['zaaknummer', 'ZAAK-1', null]
            : ['nieuwe-zaak', null, JSON.stringify({ zaaktype: ZT_BEZWAAR, omschrijving: 'Nieuw bezwaar' })];
    insertOutbox.run(d.id, 'done', actor, target, nr, newZaak, `EIO-${d.id}`, doneAt, doneAt, doneAt);
  });
}

/** PERCENTILE.INC, written out again here so that the test does not check the code against itself. */
function pct(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const r = (p / 100) * (v.length - 1);
  return v[Math.floor(r)]! * (1 - (r - Math.floor(r))) + v[Math.ceil(r)]! * (r - Math.floor(r));
}
const hours = (ms: number | null) => (ms === null ? '-' : (Math.round((ms / HOUR) * 10) / 10).toFixed(1).replace('.', ','));

/** The CSV's sections by title: header and rows, each split on `;` (no field of this data needs quoting). */
function parseCsv(buf: Buffer): Map<string, { header: string[]; rows: string[][] }> {
  expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const sections = new Map<string, { header: string[]; rows: string[][] }>();
  for (const block of buf.subarray(3).toString('utf8').split('\r\n\r\n')) {
    const [title, header, ...rows] = block.split('\r\n').filter((l) => l !== '');
    sections.set(title!, { header: header!.split(';'), rows: rows.map((r) => r.split(';')) });
  }
  return sections;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('period report', () => {
  const t = tempDir('period-report');
  let core: Core;
  const docs = month();
  const inMonth = docs.filter((d) => d.createdAt >= '2025-10-31T23:00:00.000Z' && d.createdAt < '2025-11-30T23:00:00.000Z');
  const delivered = docs.filter(
    (d) => d.delivery && d.delivery.doneAt >= '2025-10-31T23:00:00.000Z' && d.delivery.doneAt < '2025-11-30T23:00:00.000Z',
  );
  const file = (name: string) => join(t.dir, name);

  beforeAll(async () => {
    core = await openTestCore(join(t.dir, 'store'));
    seedStore(core.store.db, docs);
    // Attention over time, as the audit trail records it: one still in attention at the month's end, one retried and
    // delivered within the month, and one that went into attention only in December.
    const db = core.store.db;
    const move = (id: string, action: string, at: string) =>
      appendAudit(db, { actor: 'postkamer', origin: 'sync', action, objectType: 'document', objectId: id, result: 'ok' }, new Date(at));
    move('stuck-1', 'zgw.outbox.enqueue', '2025-11-19T09:00:00Z');
    move('stuck-1', 'zgw.outbox.attention', '2025-11-20T09:00:00Z');
    move('fixed-1', 'zgw.outbox.attention', '2025-11-10T09:00:00Z');
    move('fixed-1', 'zgw.outbox.retry', '2025-11-12T09:00:00Z');
    move('fixed-1', 'zgw.outbox.done', '2025-11-12T09:05:00Z');
    move('late-1', 'zgw.outbox.attention', '2025-12-03T09:00:00Z');
  });
  afterAll(async () => {
    await core?.close();
    t.cleanup();
  });

  it('counts the month in Amsterdam days and agrees between CSV and PDF', async () => {
    const csv = await call(core, 'report.period', { from: FROM, to: TO, format: 'csv', path: file('nov.csv') });
    const pdf = await call(core, 'report.period', { from: FROM, to: TO, format: 'pdf', path: file('nov.pdf') });
    const csvBytes = readFileSync(file('nov.csv'));
    expect(csv.bytes).toBe(csvBytes.length);
    expect(pdf.rows).toBe(csv.rows);

    const s = parseCsv(csvBytes);
    expect([...s.keys()]).toEqual(['Totalen', 'Per zaaktype', 'Per dag']); // perPersonStats is off
    const times = delivered.map((d) => Date.parse(d.delivery!.doneAt) - Date.parse(d.createdAt));
    expect(s.get('Totalen')!.rows).toEqual([
      [
        FROM,
        TO,
        String(inMonth.length),
        String(inMonth.filter((d) => d.status === 'ready').length),
        String(delivered.length),
        String(inMonth.reduce((n, d) => n + d.pages, 0)),
        '1', // stuck-1, replayed from the audit trail: the month is over
        hours(pct(times, 50)),
        hours(pct(times, 95)),
      ],
    ]);
    expect(inMonth.length).toBe(docs.length - 2); // 00:30 on 1 Nov and 23:59 on 30 Nov are in; the hour either side out
    const perType = new Map(s.get('Per zaaktype')!.rows.map((r) => [r[0], r]));
    for (const name of ['Bezwaar', 'Melding openbare ruimte', 'onbekend']) {
      const of = delivered.filter((d) => d.delivery!.zaaktype === name);
      const ms = of.map((d) => Date.parse(d.delivery!.doneAt) - Date.parse(d.createdAt));
      expect(perType.get(name), name).toEqual([
        name,
        String(of.length),
        String(of.reduce((n, d) => n + d.pages, 0)),
        hours(pct(ms, 50)),
        hours(pct(ms, 95)),
      ]);
    }
    const days = s.get('Per dag')!.rows;
    expect(days).toHaveLength(30);
    expect(days.reduce((n, r) => n + Number(r[1]), 0)).toBe(inMonth.length);

    // The PDF's text holds every row of every table of the CSV (the totals as label and value).
    const text = run('pdftotext', ['-layout', file('nov.pdf'), '-']);
    const totals = s.get('Totalen')!;
    totals.header.forEach((label, i) =>
      expect(text, label).toMatch(new RegExp(`^\\s*${escape(label)}\\s+${escape(totals.rows[0]![i]!)}\\s*$`, 'm')),
    );
    for (const title of ['Per zaaktype', 'Per dag']) {
      const { header, rows } = s.get(title)!;
      expect(text).toMatch(new RegExp(`^\\s*${header.map(escape).join('\\s+')}\\s*$`, 'm'));
      for (const row of rows)
        expect(text, `${title}: ${row.join(';')}`).toMatch(new RegExp(`^\\s*${row.map(escape).join('\\s+')}\\s*$`, 'm'));
    }
    expect(text).not.toMatch(/Per medewerker/);
    for (const p of PEOPLE) expect(text).not.toMatch(new RegExp(`\\b${p}\\b`));
  });

  withTools('writes a PDF/A-2b that passes the checks of pdf-pdfa.test.ts', async () => {
    await call(core, 'report.period', { from: FROM, to: TO, format: 'pdf', path: file('check.pdf') });
    const pdf = file('check.pdf');
    const check = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain('No syntax or stream encoding errors found');
    const fonts = run('pdffonts', [pdf]).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const row of fonts) expect(row).toMatch(/^[A-Z]{6}\+DejaVuSans\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const xmp = run('pdfinfo', ['-meta', pdf]);
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(xmp).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const title = `Periodeverslag postkamer ${FROM} t/m ${TO}`;
    expect(xmp).toContain(`<rdf:li xml:lang="x-default">${title}</rdf:li>`);
    const info = run('pdfinfo', ['-isodates', pdf]);
    expect(info).toMatch(new RegExp(`Title:\\s+${escape(title)}`));
    expect(info).toMatch(/Producer:\s+Postkamer/);
    expect(info).toMatch(/Keywords:\s+postkamer, periodeverslag/);
    const created = /CreationDate:\s+(\S+)/.exec(info)![1]!;
    expect(info).toMatch(new RegExp(`ModDate:\\s+${escape(created)}`));
    expect(xmp).toContain(`<xmp:CreateDate>${created}</xmp:CreateDate>`);
    expect(info).toMatch(/Encrypted:\s+no/);
    expect(info).toMatch(/JavaScript:\s+no/);
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(2);

    const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', pdf])) as { qpdf: [unknown, Record<string, QpdfObject>] };
    const objects = json.qpdf[1];
    const catalog = dictOf(Object.values(objects).find((o) => dictOf(o)['/Type'] === '/Catalog'));
    expect(catalog['/Lang']).toBe('u:nl-NL');
    expect(objects[`obj:${catalog['/Metadata']}`]!.stream?.dict).toMatchObject({ '/Type': '/Metadata', '/Subtype': '/XML' });
    const intents = catalog['/OutputIntents'] as string[];
    expect(intents).toHaveLength(1);
    expect(dictOf(objects[`obj:${intents[0]}`])).toMatchObject({ '/S': '/GTS_PDFA1', '/OutputConditionIdentifier': 'u:sRGB IEC61966-2.1' });
    const trailer = run('qpdf', ['--show-object=trailer', pdf]);
    expect(trailer).toMatch(/\/ID \[ <([0-9a-f]{32})> <\1> \]/);
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

  it('names people only when perPersonStats is on, in both files', async () => {
    // The setting is another part of issue 17; until settings.set takes it, the core's settings are given it here.
    const settings = core.settings.bind(core);
    core.settings = () => ({ ...settings(), perPersonStats: true }) as ReturnType<Core['settings']>;
    try {
      await call(core, 'report.period', { from: FROM, to: TO, format: 'csv', path: file('people.csv') });
      await call(core, 'report.period', { from: FROM, to: TO, format: 'pdf', path: file('people.pdf') });
    } finally {
      core.settings = settings;
    }
    const s = parseCsv(readFileSync(file('people.csv')));
    const rows = s.get('Per medewerker')!.rows;
    expect(rows.map((r) => r[0]).sort()).toEqual(PEOPLE.filter((p) => delivered.some((d) => d.delivery!.actor === p)));
    expect(rows.reduce((n, r) => n + Number(r[1]), 0)).toBe(delivered.length);
    const text = run('pdftotext', ['-layout', file('people.pdf'), '-']);
    for (const row of rows) expect(text).toMatch(new RegExp(`^\\s*${row.map(escape).join('\\s+')}\\s*$`, 'm'));
  });

  it('takes the outbox as it is now for a period up to today, and is audited', async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    const db = core.store.db;
    const stuck = [delivered[0]!, delivered[1]!];
    const set = db.prepare(`UPDATE zgw_outbox SET state = ?, done_at = ? WHERE document_id = ?`);
    for (const d of stuck) set.run('attention', null, d.id);
    await call(core, 'report.period', { from: today, to: today, format: 'csv', path: file('today.csv') });
    for (const d of stuck) set.run('done', d.delivery!.doneAt, d.id);
    expect(parseCsv(readFileSync(file('today.csv'))).get('Totalen')!.rows[0]![6]).toBe('2');
    const audit = await call(core, 'audit.list', { action: 'report.exported', limit: 1 });
    expect(audit[0]).toMatchObject({ action: 'report.exported', actionLabel: 'Periodeverslag gemaakt', result: 'ok' });
    expect(audit[0]!.details).toMatchObject({ from: today, to: today, format: 'csv', perPerson: false });
  });

  it('is for teamleider and beheerder only, and refuses a period that ends before it starts', async () => {
    const clerk = await signedInAs(core, ['medewerker']);
    const r = await core.call('report.period', { from: FROM, to: TO, format: 'csv', path: file('x.csv') }, clerk);
    expect(r.ok ? null : r.error.code).toBe('forbidden');
    const lead = await signedInAs(core, ['teamleider']);
    expect((await core.call('report.period', { from: FROM, to: TO, format: 'csv', path: file('lead.csv') }, lead)).ok).toBe(true);
    expect((await callFailure(core, 'report.period', { from: TO, to: FROM, format: 'csv', path: file('x.csv') })).code).toBe(
      'invalid-input',
    );
  });

  it('`postkamer report` writes the same CSV as the command', async () => {
    await core.close();
    const out = file('cli.csv');
    const env = { POSTKAMER_PASSPHRASE: PASSPHRASE };
    const r = await runCli(['report', '--from', FROM, '--to', TO, '--format', 'csv', '--out', out, '--data', join(t.dir, 'store')], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Periodeverslag 2025-11-01 t/m 2025-11-30');
    expect(readFileSync(out).equals(readFileSync(file('nov.csv')))).toBe(true);
    const bad = await runCli(['report', '--from', FROM, '--to', TO, '--format', 'xls', '--out', out, '--data', join(t.dir, 'store')], {
      env,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--format moet csv of pdf zijn');
    core = await openTestCore(join(t.dir, 'store'));
  });
});

interface QpdfObject {
  value?: unknown;
  stream?: { dict: Record<string, unknown> };
}
const dictOf = (o: QpdfObject | undefined): Record<string, unknown> => (o?.stream?.dict ?? o?.value ?? {}) as Record<string, unknown>;
