// Access to a full BSN through the real core on a real encrypted store: an archivist (or supervisor) reveals the BSN of
// a letter for a stated reason, a clerk is refused; a search by BSN takes the same right and a reason; each access is a
// processing record in the audit trail (who, when, which document, why, the activity, a keyed reference to the person)
// that never holds the BSN itself — the whole audit table and everything the core logged are searched for it. Also
// through the CLI: `postkamer bsn reveal <id> --reden …`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { call } from '../support/core-call';
import { makeBsn } from '../support/letters';
import { signedInAs } from '../support/people';
import { textPdf } from '../support/scans';

let seed = Date.now() % 2147483647;
const rng = { int: (min: number, max: number) => min + ((seed = (seed * 48271) % 2147483647) % (max - min + 1)) };
const bsn = makeBsn(rng);
let other = makeBsn(rng);
while (other === bsn) other = makeBsn(rng);
const dotted = `${bsn.slice(0, 3)}.${bsn.slice(3, 6)}.${bsn.slice(6)}`;

// eslint-disable-next-line no-control-regex -- the search's hit marks are control characters on purpose
const squeeze = (s: string) => s.replace(/[\s.\-–_/\\,;:|[\]'"*…\u0002\u0003]/g, '');
const holdsBsn = (s: string) => squeeze(s).includes(bsn) || squeeze(s).includes(other);

interface AuditRow {
  seq: number;
  actor: string;
  origin: string;
  action: string;
  object_type: string | null;
  object_id: string | null;
  result: string;
  details: string;
}

describe('revealing and searching a BSN: the right, the reason and the processing record', () => {
  let dir: string;
  let data: string;
  let core: Core;
  let letter: string;
  let plain: string;
  let archivist: CallContext;
  let supervisor: CallContext;
  let clerk: CallContext;
  const logged: string[] = [];
  const REASON = 'Bezwaar 2026-17: identiteit van de indiener controleren';

  const audit = () => core.store.db.prepare('SELECT * FROM audit ORDER BY seq').all() as AuditRow[];
  const lastOf = (action: string) =>
    audit()
      .filter((r) => r.action === action)
      .at(-1)!;
  const detailsOf = (r: AuditRow) => JSON.parse(r.details) as Record<string, string | number>;

  beforeAll(async () => {
    // Everything the core writes to its log while the test runs.
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
    dir = tempDir();
    data = join(dir, 'store');
    const withBsn = join(dir, 'bezwaar.pdf');
    writeFileSync(
      withBsn,
      textPdf([
        'Geachte heer, mevrouw,',
        'Hierbij maak ik bezwaar tegen de beschikking die ik op drie maart van u ontving.',
        `Mijn burgerservicenummer is ${bsn}.`,
        `BSN van mijn partner: ${other}`,
        'Met vriendelijke groet,',
        'J. de Vries',
      ]),
    );
    const without = join(dir, 'zonder.pdf');
    writeFileSync(without, textPdf(['Geachte heer, mevrouw,', 'Een brief zonder persoonsnummer over de kap van een boom.', 'J. Jansen']));
    core = await openCore(data, PASSPHRASE, { create: true });
    const r = await call(core, 'ingest.paths', { paths: [withBsn, without], source: 'cli' });
    expect(r.errors).toEqual([]);
    letter = r.documents.find((d) => d.fileName === 'bezwaar.pdf')!.id;
    plain = r.documents.find((d) => d.fileName === 'zonder.pdf')!.id;
    archivist = await signedInAs(core, ['archivaris'], 'web');
    supervisor = await signedInAs(core, ['teamleider'], 'renderer');
    clerk = await signedInAs(core, ['medewerker'], 'web');
  }, 180_000);

  afterAll(async () => {
    vi.restoreAllMocks();
    await core?.close();
  });

  it('an archivist with a reason gets the full BSNs; the record has who, why, the activity and references, never a BSN', async () => {
    const before = audit().length;
    const r = await core.call('documents.revealBsn', { id: letter, reason: REASON }, archivist);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const out = (r as { data: { id: string; bsns: string[] } }).data;
    expect(out.id).toBe(letter);
    expect(out.bsns).toEqual([bsn, other].sort());

    const entries = audit().slice(before);
    expect(entries.map((e) => e.action)).toEqual(['document.bsn-revealed']);
    const e = entries[0]!;
    expect(e).toMatchObject({ actor: 't-archivaris', object_type: 'document', object_id: letter, result: 'ok' });
    const d = detailsOf(e);
    expect(d).toMatchObject({
      processingActivity: 'postkamer:verwerking/bsn-inzien',
      reason: REASON,
      dataSubjectIdType: 'BSN',
      dataSubjects: 2,
    });
    const refs = String(d.dataSubjectIds).split(',');
    expect(refs).toHaveLength(2);
    for (const ref of refs) expect(ref).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);

    // A document without a BSN: nothing to show, and the look is recorded all the same.
    const none = await core.call('documents.revealBsn', { id: plain, reason: REASON }, supervisor);
    expect(none).toMatchObject({ ok: true, data: { id: plain, bsns: [] } });
    expect(detailsOf(lastOf('document.bsn-revealed'))).toMatchObject({ dataSubjects: 0, dataSubjectIds: '' });
    expect(lastOf('document.bsn-revealed').actor).toBe('t-teamleider');
  });

  it('a BSN typed into the reason is masked in the record', async () => {
    const r = await core.call('documents.revealBsn', { id: letter, reason: `verzoek over ${bsn} (${dotted})` }, archivist);
    expect(r.ok).toBe(true);
    const reason = String(detailsOf(lastOf('document.bsn-revealed')).reason);
    expect(reason).toMatch(/^verzoek over \*{6}\d{3}/);
    expect(holdsBsn(reason)).toBe(false);
  });

  it('a clerk is forbidden, with the roles that may in Dutch; nothing is recorded as a reveal', async () => {
    const before = audit().filter((e) => e.action === 'document.bsn-revealed').length;
    const r = await core.call('documents.revealBsn', { id: letter, reason: REASON }, clerk);
    expect(r.ok).toBe(false);
    const err = (r as { error: { code: string; message: string } }).error;
    expect(err.code).toBe('forbidden');
    expect(err.message).toMatch(/Archivaris of Teamleider/);
    expect(audit().filter((e) => e.action === 'document.bsn-revealed').length).toBe(before);
    expect(JSON.stringify(r)).not.toContain(bsn);
  });

  it('a reason of fewer than 5 characters is invalid input naming the field', async () => {
    const r = await core.call('documents.revealBsn', { id: letter, reason: 'nb' }, archivist);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(JSON.stringify((r as { error: unknown }).error)).toMatch(/"path":"reason".*minstens 5 tekens/);
  });

  it('a BSN search without a reason is invalid input naming `reason` in Dutch; a clerk is forbidden even with one', async () => {
    for (const query of [bsn, dotted, `${bsn.slice(0, 4)} ${bsn.slice(4, 6)} ${bsn.slice(6)}`]) {
      const r = await core.call('documents.search', { query }, archivist);
      expect(r, query).toMatchObject({ ok: false, error: { code: 'invalid-input', details: { issues: [{ path: 'reason' }] } } });
      const err = (r as Extract<typeof r, { ok: false }>).error;
      expect((err.details?.issues as { message: string }[])[0]!.message).toMatch(/geef een reden/);
      expect(err.message).toMatch(/zoeken op een BSN/);

      const refused = await core.call('documents.search', { query, reason: REASON }, clerk);
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden', details: { needed: ['archivaris', 'teamleider'] } } });
      expect((refused as { error: { message: string } }).error.message).toMatch(
        /zoeken op een BSN mag alleen een archivaris of teamleider/,
      );
    }
    // Words are everyone's, without a reason, and not recorded as a processing.
    const searched = audit().filter((e) => e.action === 'document.bsn-searched').length;
    const words = await core.call('documents.search', { query: 'burgerservicenummer' }, clerk);
    expect(words.ok && (words.data as { id: string }[]).map((h) => h.id)).toEqual([letter]);
    expect(audit().filter((e) => e.action === 'document.bsn-searched').length).toBe(searched);
  });

  it('a BSN search with a reason finds the letter (masked) and records the hits and the same reference as the reveal', async () => {
    const r = await core.call('documents.search', { query: bsn, reason: REASON }, supervisor);
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const hits = (r as { data: { id: string; snippet: string }[] }).data;
    expect(hits.map((h) => h.id)).toEqual([letter]);
    expect(holdsBsn(JSON.stringify(hits))).toBe(false);

    const e = lastOf('document.bsn-searched');
    expect(e).toMatchObject({ actor: 't-teamleider', object_type: null, object_id: null, result: 'ok' });
    const d = detailsOf(e);
    expect(d).toMatchObject({
      processingActivity: 'postkamer:verwerking/zoeken-op-bsn',
      reason: REASON,
      dataSubjectIdType: 'BSN',
      dataSubjects: 1,
      hits: 1,
      documents: letter,
    });
    // The same person, the same reference: an inzageverzoek finds the reveal and the search alike.
    const revealed = String(detailsOf(audit().find((x) => x.action === 'document.bsn-revealed')!).dataSubjectIds).split(',');
    expect(revealed).toContain(d.dataSubjectIds);

    // A BSN nobody holds: no hits, still recorded, with another reference.
    let stranger = makeBsn(rng);
    while (stranger === bsn || stranger === other) stranger = makeBsn(rng);
    const miss = await core.call('documents.search', { query: stranger, reason: REASON }, archivist);
    expect(miss).toMatchObject({ ok: true, data: [] });
    const m = detailsOf(lastOf('document.bsn-searched'));
    expect(m).toMatchObject({ hits: 0, dataSubjects: 1 });
    expect(revealed).not.toContain(m.dataSubjectIds);
  });

  it('postkamer bsn reveal <id> --reden … prints the BSNs and records the reveal; stderr and the audit never hold one', async () => {
    const before = audit().length;
    const r = await runCli(['bsn', 'reveal', letter.slice(0, 8), '--reden', REASON, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([bsn, other].sort());
    expect(holdsBsn(r.stderr)).toBe(false);
    const json = await runCli(['bsn', 'reveal', letter, '--reden', REASON, '--json', '--data', data]);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ id: letter, bsns: [bsn, other].sort() });

    const entries = audit().slice(before);
    const reveals = entries.filter((e) => e.action === 'document.bsn-revealed');
    expect(reveals).toHaveLength(2);
    for (const e of reveals) {
      expect(e).toMatchObject({ actor: 'test-beheerder', origin: 'cli', object_id: letter });
      expect(detailsOf(e)).toMatchObject({ reason: REASON, dataSubjects: 2 });
    }
    // Without a reason the CLI refuses before anything is opened.
    const bare = await runCli(['bsn', 'reveal', letter, '--data', data]);
    expect(bare.code).not.toBe(0);
    expect(bare.stderr).toMatch(/--reden/);
  });

  it('no full BSN anywhere in the audit table or in what the core logged', () => {
    const rows = core.store.db.prepare('SELECT * FROM audit').all();
    expect(rows.length).toBeGreaterThan(5);
    expect(holdsBsn(JSON.stringify(rows)), 'the audit table holds a full BSN').toBe(false);
    expect(holdsBsn(logged.join('')), 'the log holds a full BSN').toBe(false);
  });
});
