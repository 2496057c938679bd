import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry, AuditVerification } from '../../src/contract/audit';
import { openStore, type Store } from '../../src/store/store';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';
import { parseCsv } from '../unit/audit/read-csv';

// The accountable audit trail through the real CLI on a real encrypted store: entries say who (login, name, roles)
// from where; a row changed, a row deleted in the middle and the newest rows deleted are each named by
// `postkamer audit verify` (exit 1, seq + kind); a period exports to CSV and JSON Lines.

type Row = Record<string, unknown>;
let data: string;

async function cli(args: string[], env: Record<string, string> = {}) {
  const r = await runCli([...args, '--data', data], { env });
  return r;
}
async function ok(args: string[], env: Record<string, string> = {}) {
  const r = await cli(args, env);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return r.stdout;
}
async function verify(): Promise<{ code: number | null; v: AuditVerification }> {
  const r = await cli(['audit', 'verify', '--json']);
  return { code: r.code, v: JSON.parse(r.stdout) as AuditVerification };
}

/** Opens the database directly through the store module (SQLCipher: the key comes from the passphrase). */
async function tamper<T>(f: (db: Store['db']) => T): Promise<T> {
  const store = await openStore(data, { kind: 'passphrase', passphrase: PASSPHRASE });
  try {
    // What someone holding the key can do: drop the append-only guards, then change history.
    store.db.exec('DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete;');
    return f(store.db);
  } finally {
    store.close();
  }
}
const rowAt = (db: Store['db'], seq: number) => db.prepare('SELECT * FROM audit WHERE seq = ?').get(seq) as Row;
const putBack = (db: Store['db'], row: Row) => {
  const cols = Object.keys(row);
  db.prepare(`INSERT INTO audit (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
};

/** Today in the workstation's time zone (the CLI child runs in the same one), as yyyy-mm-dd. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  data = join(tempDir('postkamer-audit-'), 'store');
  expect((await runCli(['init', '--data', data, '--naam', 'Test Beheerder'])).code).toBe(0);
  await ok(['users', 'add', 'jan', '--naam', 'Jan de Vries', '--rol', 'medewerker'], { POSTKAMER_NEW_PIN: '135790' });
  await ok(['users', 'add', 'formule', '--naam', '=2+3 Formule', '--rol', 'archivaris,teamleider'], { POSTKAMER_NEW_PIN: '135790' });
  await ok(['status', '--json'], { POSTKAMER_USER: 'jan', POSTKAMER_PIN: '135790' });
  await ok(['status', '--json'], { POSTKAMER_USER: 'formule', POSTKAMER_PIN: '135790' });
});

describe('postkamer audit', () => {
  it('records who acted with their name and roles at the time, what, on which object, from where', async () => {
    const entries = JSON.parse(await ok(['audit', 'list', '--json'])) as AuditEntry[];
    const added = entries.find((e) => e.action === 'person.added' && e.objectId === 'jan')!;
    expect(added).toMatchObject({
      actor: 'test-beheerder',
      actorName: 'Test Beheerder',
      roles: ['medewerker', 'archivaris', 'teamleider', 'beheerder'],
      actionLabel: 'Gebruiker toegevoegd',
      objectType: 'person',
      result: 'ok',
      origin: 'cli',
    });
    expect(added.workstation.length).toBeGreaterThan(0);
    const jan = entries.find((e) => e.action === 'auth.signed-in' && e.actor === 'jan')!;
    expect(jan).toMatchObject({ actorName: 'Jan de Vries', roles: ['medewerker'], actionLabel: 'Aangemeld' });
    // Filters: by person and by action.
    const byJan = JSON.parse(await ok(['audit', 'list', '--json', '--persoon', 'jan'])) as AuditEntry[];
    expect(byJan.length).toBeGreaterThan(0);
    expect(byJan.every((e) => e.actor === 'jan')).toBe(true);
    const adds = JSON.parse(await ok(['audit', 'list', '--json', '--actie', 'person.added'])) as AuditEntry[];
    expect(adds.map((e) => e.objectId)).toEqual(['formule', 'jan']);
    // A clerk may not read the trail.
    const r = await cli(['audit', 'list', '--json'], { POSTKAMER_USER: 'jan', POSTKAMER_PIN: '135790' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/niet toegestaan.*Teamleider of Beheerder/);
  });

  it('verifies an intact trail (exit 0), anchored outside the table', async () => {
    const { code, v } = await verify();
    expect(code).toBe(0);
    expect(v).toMatchObject({ valid: true, anchored: true, problem: null });
    expect(v.anchorSeq).toBe(v.headSeq);
    const text = await ok(['audit', 'verify']);
    expect(text).toMatch(/intact/);
  });

  it('names a row changed directly in the database: changed', async () => {
    const original = await tamper((db) => {
      const row = rowAt(db, 3);
      db.prepare(`UPDATE audit SET object_id = 'iemand-anders' WHERE seq = 3`).run();
      return row;
    });
    const { code, v } = await verify();
    expect(code).toBe(1);
    expect(v).toMatchObject({ valid: false, problem: { seq: 3, kind: 'changed' } });
    const text = await cli(['audit', 'verify']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/GEBROKEN bij regel 3 \(changed\)/);
    await tamper((db) => db.prepare('UPDATE audit SET object_id = ? WHERE seq = 3').run(original.object_id));
    expect((await verify()).code).toBe(0);
  });

  it('names a row deleted in the middle: missing', async () => {
    const removed = await tamper((db) => {
      const row = rowAt(db, 4);
      db.prepare('DELETE FROM audit WHERE seq = 4').run();
      return row;
    });
    const { code, v } = await verify();
    expect(code).toBe(1);
    expect(v).toMatchObject({ valid: false, problem: { seq: 4, kind: 'missing' } });
    await tamper((db) => putBack(db, removed));
    expect((await verify()).code).toBe(0);
  });

  it('names rows swapped: reordered', async () => {
    await tamper((db) =>
      db.exec('UPDATE audit SET seq = -5 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = -5;'),
    );
    const { code, v } = await verify();
    expect(code).toBe(1);
    expect(v.problem).toMatchObject({ seq: 5, kind: 'reordered' });
    await tamper((db) =>
      db.exec('UPDATE audit SET seq = -5 WHERE seq = 5; UPDATE audit SET seq = 5 WHERE seq = 6; UPDATE audit SET seq = 6 WHERE seq = -5;'),
    );
    expect((await verify()).code).toBe(0);
  });

  it('exports a period to CSV and JSON Lines with every entry of it, formulas neutralised', async () => {
    const dir = tempDir('postkamer-audit-export-');
    const csvOut = JSON.parse(await ok(['audit', 'export', '--from', today(), '--to', today(), '--out', join(dir, 'audit.csv'), '--json']));
    const listed = JSON.parse(await ok(['audit', 'list', '--json', '--limit', '1000', '--from', today(), '--to', today()])) as AuditEntry[];
    const rows = parseCsv(readFileSync(join(dir, 'audit.csv'), 'utf8'));
    expect(rows[0]).toEqual([
      'seq',
      'at',
      'actor',
      'actorName',
      'roles',
      'origin',
      'workstation',
      'action',
      'actionLabel',
      'objectType',
      'objectId',
      'result',
      'details',
      'prevHash',
      'hash',
    ]);
    expect(rows.length - 1).toBe(csvOut.entries);
    // The export wrote its own entry after it read the period; the list call signed in once more.
    const exported = new Set(rows.slice(1).map((r) => Number(r[0])));
    for (const e of listed.filter((x) => x.seq <= Math.max(...exported))) expect(exported.has(e.seq), `seq ${e.seq}`).toBe(true);
    const janRow = rows.find((r) => r[7] === 'person.added' && r[10] === 'jan')!;
    expect(janRow.slice(2, 5)).toEqual(['test-beheerder', 'Test Beheerder', 'medewerker,archivaris,teamleider,beheerder']);
    expect(janRow[8]).toBe('Gebruiker toegevoegd');
    const formula = rows.find((r) => r[2] === 'formule')!;
    expect(formula[3]).toBe("'=2+3 Formule");
    expect(rows.every((r) => r.length === 15)).toBe(true);

    const jsonOut = JSON.parse(
      await ok(['audit', 'export', '--from', today(), '--to', today(), '--out', join(dir, 'audit.jsonl'), '--json']),
    );
    const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as AuditEntry & { hash: string });
    expect(lines).toHaveLength(jsonOut.entries);
    expect(jsonOut.entries).toBeGreaterThan(csvOut.entries); // the CSV export and the sign-ins since are in it
    expect(lines.find((e) => e.action === 'audit.exported')).toMatchObject({ actor: 'test-beheerder', details: { format: 'csv' } });
    expect(lines.find((e) => e.actor === 'jan')).toMatchObject({ actorName: 'Jan de Vries', roles: ['medewerker'] });
    expect(lines.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

    const none = JSON.parse(
      await ok(['audit', 'export', '--from', '2020-01-01', '--to', '2020-01-31', '--out', join(dir, 'leeg.csv'), '--json']),
    );
    expect(none.entries).toBe(0);
    expect(parseCsv(readFileSync(join(dir, 'leeg.csv'), 'utf8'))).toHaveLength(1);
  });

  it('names the newest rows deleted after they were anchored: tail-removed', async () => {
    const { v: before } = await verify(); // anchors the head
    const head = before.headSeq!;
    await tamper((db) => db.prepare('DELETE FROM audit WHERE seq >= ?').run(head - 1));
    // The CLI's own sign-in now writes a new row under the deleted one's number: the chain that is left is whole.
    const { code, v } = await verify();
    expect(code).toBe(1);
    expect(v).toMatchObject({ valid: false, anchored: false, anchorSeq: head, problem: { seq: head - 1, kind: 'tail-removed' } });
    // And it stays so: anchoring never moves on to the shortened table.
    expect((await verify()).v.problem).toMatchObject({ seq: head - 1, kind: 'tail-removed' });
    const status = JSON.parse(await ok(['status', '--json']));
    expect(status.audit.chainValid).toBe(false);
  });
});
