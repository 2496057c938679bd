// `report.summary` (the desk's figures as JSON) on a real encrypted store holding a generated month from three people
// (test/support/desk-seed.ts): it agrees with the CSV that report.period writes for the same period, with the
// documents in the store, per person only when perPersonStats is on (checked by the core), for supervisors only.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../src/core/core';
import { amsterdamDate } from '../../src/domain/amsterdam-date';
import { hoursText } from '../../src/domain/period-report';
import { DESK_PEOPLE, seedDesk, type DeskSeedResult } from '../support/desk-seed';
import { call, callFailure } from '../support/core-call';
import { signedInAs } from '../support/people';
import { openTestCore, tempDir } from './sync-support';

const FROM = '2025-11-01';
const TO = '2025-11-30';
// The data ends on Saturday 6 December 2025: the month of November is whole, and December's first days lie after it.
const NOW = new Date('2025-12-06T15:00:00Z');

/** The CSV's sections by title: header and rows split on `;` (no field of this data needs quoting). */
function parseCsv(buf: Buffer): Map<string, { header: string[]; rows: string[][] }> {
  const sections = new Map<string, { header: string[]; rows: string[][] }>();
  for (const block of buf.subarray(3).toString('utf8').split('\r\n\r\n')) {
    const [title, header, ...rows] = block.split('\r\n').filter((l) => l !== '');
    sections.set(title!, { header: header!.split(';'), rows: rows.map((r) => r.split(';')) });
  }
  return sections;
}

describe('report.summary', () => {
  const t = tempDir('report-summary');
  let core: Core;
  let seeded: DeskSeedResult;

  beforeAll(async () => {
    core = await openTestCore(join(t.dir, 'store'));
    seeded = seedDesk(core.store.db, { now: NOW, documents: 600, days: 40, seed: 4 });
  });
  afterAll(async () => {
    await core?.close();
    t.cleanup();
  });

  it('agrees with the CSV of report.period for the same month, day by day', async () => {
    const r = await call(core, 'report.summary', { from: FROM, to: TO });
    await call(core, 'report.period', { from: FROM, to: TO, format: 'csv', path: join(t.dir, 'nov.csv') });
    const csv = parseCsv(readFileSync(join(t.dir, 'nov.csv')));

    const tot = r.totals;
    expect(csv.get('Totalen')!.rows).toEqual([
      [
        FROM,
        TO,
        ...[tot.received, tot.digitised, tot.delivered, tot.pages, tot.attentionAtEnd].map(String),
        hoursText(tot.medianHours),
        hoursText(tot.p95Hours),
      ],
    ]);
    expect(csv.get('Per dag')!.header).toEqual(['Datum', 'Ontvangen', "Pagina's", 'Afgeleverd']);
    expect(csv.get('Per dag')!.rows).toEqual(r.perDay.map((d) => [d.day, String(d.received), String(d.pages), String(d.delivered)]));
    expect(csv.get('Per zaaktype')!.rows).toEqual(
      r.perZaaktype.map((g) => [g.key, String(g.delivered), String(g.pages), hoursText(g.medianHours), hoursText(g.p95Hours)]),
    );
    // The days add up to the totals, and the month holds post on every day.
    expect(r.perDay).toHaveLength(30);
    expect(r.perDay.reduce((n, d) => n + d.received, 0)).toBe(tot.received);
    expect(r.perDay.reduce((n, d) => n + d.pages, 0)).toBe(tot.pages);
    expect(r.perDay.reduce((n, d) => n + d.delivered, 0)).toBe(tot.delivered);
    expect(r.perDay.every((d) => d.received > 0)).toBe(true);
  });

  it('counts what the store holds: received by the day of receipt, delivered by the day of delivery (Amsterdam)', async () => {
    const r = await call(core, 'report.summary', { from: FROM, to: TO });
    const docs = core.store.db.prepare(`SELECT created_at AS at, page_count AS pages FROM documents`).all() as {
      at: string;
      pages: number;
    }[];
    const done = core.store.db.prepare(`SELECT done_at AS at FROM zgw_outbox WHERE state = 'done'`).all() as { at: string }[];
    const inMonth = (iso: string) => {
      const day = amsterdamDate(new Date(iso));
      return day >= FROM && day <= TO ? day : null;
    };
    const received = new Map<string, number>();
    const delivered = new Map<string, number>();
    for (const d of docs) if (inMonth(d.at)) received.set(inMonth(d.at)!, (received.get(inMonth(d.at)!) ?? 0) + 1);
    for (const d of done) if (inMonth(d.at)) delivered.set(inMonth(d.at)!, (delivered.get(inMonth(d.at)!) ?? 0) + 1);
    for (const d of r.perDay) {
      expect(d.received, d.day).toBe(received.get(d.day) ?? 0);
      expect(d.delivered, d.day).toBe(delivered.get(d.day) ?? 0);
    }
    expect(r.totals.received).toBeLessThan(seeded.documents); // the 40 days reach outside the month on both sides
    expect(r.totals.medianHours).toBeGreaterThanOrEqual(1);
    expect(r.totals.medianHours).toBeLessThanOrEqual(49);
  });

  it('names no one while perPersonStats is off, and the three people once the administrator switches it on', async () => {
    expect((await call(core, 'report.summary', { from: FROM, to: TO })).perPerson).toBeNull();
    await call(core, 'settings.set', { perPersonStats: true });
    try {
      const r = await call(core, 'report.summary', { from: FROM, to: TO });
      expect(r.perPerson!.map((p) => p.key).sort()).toEqual([...DESK_PEOPLE]);
      expect(r.perPerson!.reduce((n, p) => n + p.delivered, 0)).toBe(r.totals.delivered);
    } finally {
      await call(core, 'settings.set', { perPersonStats: false });
    }
    expect((await call(core, 'report.summary', { from: FROM, to: TO })).perPerson).toBeNull();
  });

  it('is for teamleider and beheerder only, and refuses a bad period', async () => {
    const clerk = await signedInAs(core, ['medewerker']);
    const refused = await core.call('report.summary', { from: FROM, to: TO }, clerk);
    expect(refused.ok ? null : refused.error.code).toBe('forbidden');
    for (const roles of [['teamleider'], ['beheerder']] as const) {
      const ctx = await signedInAs(core, roles);
      expect((await core.call('report.summary', { from: FROM, to: TO }, ctx)).ok, roles[0]).toBe(true);
    }
    expect((await callFailure(core, 'report.summary', { from: TO, to: FROM })).code).toBe('invalid-input');
    expect((await callFailure(core, 'report.summary', { from: '2024-01-01', to: '2025-01-02' })).code).toBe('invalid-input');
    expect((await callFailure(core, 'report.summary', { from: '2025-02-30', to: TO })).code).toBe('invalid-input');
    // Nothing more than the period is taken.
    expect((await callFailure(core, 'report.summary', { from: FROM, to: TO, path: '/tmp/x' } as never)).code).toBe('invalid-input');
  });
});
