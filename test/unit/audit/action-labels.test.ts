import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, auditActionLabel, isAuditAction } from '../../../src/contract/audit-actions';

// Every action code the code base writes to the audit trail has a Dutch and an English label. Reads the sources as
// they are on disk: an `action: '…'` (also in a ternary) or an `audit(ctx, '…', …)` helper call with a code missing
// from src/contract/audit-actions.ts fails here.

const ROOT = join(__dirname, '..', '..', '..');
const CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)+$/;

function sources(path: string): string[] {
  if (statSync(path).isDirectory()) return readdirSync(path).flatMap((n) => sources(join(path, n)));
  return /\.(ts|tsx)$/.test(path) && !path.endsWith('audit-actions.ts') ? [path] : [];
}

/** The action codes a source writes: quoted codes in an `action:` value, and the second argument of `audit(…)`. */
function actionCodesIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/\baction:\s*([^,}\n]+)/g)) {
    for (const q of m[1].matchAll(/'([^']+)'/g)) if (CODE.test(q[1])) found.push(q[1]);
  }
  for (const m of text.matchAll(/\baudit\(\s*[\w.()]+\s*,\s*'([^']+)'/g)) if (CODE.test(m[1])) found.push(m[1]);
  return found;
}

function codesInSrc(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const file of sources(join(ROOT, 'src'))) {
    for (const code of actionCodesIn(readFileSync(file, 'utf8'))) {
      where.set(code, [...(where.get(code) ?? []), relative(ROOT, file)]);
    }
  }
  return where;
}

describe('audit action labels', () => {
  it('finds the codes the way they are written (so that the check below means something)', () => {
    expect(actionCodesIn(`appendAudit(db, { actor, origin, action: 'x.made', result: 'ok' })`)).toEqual(['x.made']);
    expect(actionCodesIn(`  action: opts.onlyIfNone ? 'person.first-admin' : 'person.added',`)).toEqual([
      'person.first-admin',
      'person.added',
    ]);
    expect(actionCodesIn(`{ action: 'zgw.eio.created', result: 'ok', details: { size } }`)).toEqual(['zgw.eio.created']);
    expect(actionCodesIn(`audit(ctx, 'person.pin-set', i.login);`)).toEqual(['person.pin-set']);
    expect(actionCodesIn(`action: string; action: plainText().max(100), action: values.actie`)).toEqual([]);
    const codes = codesInSrc();
    for (const known of ['batch.create', 'zgw.outbox.done', 'auth.signed-in', 'person.pin-set', 'document.rebuild', 'audit.exported']) {
      expect(codes.has(known), known).toBe(true);
    }
    expect(codes.size).toBeGreaterThan(35);
  });

  it('labels every action code written in src/ in Dutch and English', () => {
    const missing = [...codesInSrc()].filter(([code]) => !isAuditAction(code)).map(([code, files]) => `${code} (${files.join(', ')})`);
    expect(missing, 'add these codes to src/contract/audit-actions.ts').toEqual([]);
  });

  it('has a Dutch and an English label for every code, the Dutch ones distinct', () => {
    const entries = Object.entries(AUDIT_ACTIONS);
    for (const [code, label] of entries) {
      expect(code).toMatch(CODE);
      expect(label.nl.trim().length, code).toBeGreaterThan(2);
      expect(label.en.trim().length, code).toBeGreaterThan(2);
    }
    expect(new Set(entries.map(([, l]) => l.nl)).size).toBe(entries.length);
  });

  it('shows an unknown code (from a newer version) as it is', () => {
    expect(auditActionLabel('document.bsn-revealed')).toBe('BSN ingezien');
    expect(auditActionLabel('document.bsn-revealed', 'en')).toBe('BSN revealed');
    expect(auditActionLabel('something.new')).toBe('something.new');
    expect(isAuditAction('toString')).toBe(false);
  });
});
