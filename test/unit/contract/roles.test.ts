import { describe, expect, it } from 'vitest';
import { commands, type CommandName } from '../../../src/contract/commands';
import { commandRoles, mayCall, ROLE_LABELS, ROLES, type Role } from '../../../src/contract/roles';

// The table of who may call what (src/contract/roles.ts): complete, and holding the rules the people who use
// Postkamer rely on. The type checker already refuses a missing or unknown command; these check the table's content.

const names = Object.keys(commands) as CommandName[];
const callers = (c: CommandName): Role[] => ROLES.filter((r) => mayCall(c, [r]));

describe('roles per command', () => {
  it('declares every command of the contract, and nothing else', () => {
    expect(Object.keys(commandRoles).sort()).toEqual([...names].sort());
  });

  it('lets every role read the status, the document list, a document and its masked text', () => {
    for (const c of ['app.status', 'documents.list', 'documents.get', 'documents.text'] as const) expect(callers(c)).toEqual([...ROLES]);
  });

  it('keeps configuring connections to the administrator, and bringing post in to the clerk', () => {
    for (const c of names.filter((n) => n.startsWith('sync.connection.') || n === 'sync.settings.set'))
      expect(callers(c)).toEqual(['beheerder']);
    for (const c of ['upload.begin', 'upload.commit', 'ingest.paths', 'scanners.scan', 'documents.split'] as const)
      expect(callers(c)).toEqual(['medewerker']);
  });

  const BEFORE_SIGN_IN = ['auth.lock', 'auth.setup', 'auth.signIn', 'auth.signOut', 'auth.state', 'shell.state', 'shell.unlock'];

  it('lets only the shell and signing in, locking and out answer before anyone has signed in', () => {
    expect(names.filter((c) => commandRoles[c] === 'before-sign-in').sort()).toEqual(BEFORE_SIGN_IN);
  });

  it('gives no role nothing to do, and a person with no role nothing but the shell and the session', () => {
    for (const r of ROLES) expect(names.filter((c) => mayCall(c, [r])).length).toBeGreaterThan(5);
    expect(names.filter((c) => mayCall(c, [])).sort()).toEqual(BEFORE_SIGN_IN);
  });

  it('keeps people and the purge to the administrator, a BSN to the archivist and supervisor, the audit trail to the supervisor and administrator', () => {
    for (const c of names.filter((n) => n.startsWith('people.')).concat(['purge.run'])) expect(callers(c)).toEqual(['beheerder']);
    expect(callers('documents.revealBsn')).toEqual(['archivaris', 'teamleider']);
    for (const c of names.filter((n) => n.startsWith('audit.'))) expect(callers(c)).toEqual(['teamleider', 'beheerder']);
  });

  it('names every role in Dutch and English', () => {
    for (const r of ROLES) expect(ROLE_LABELS[r].nl.length * ROLE_LABELS[r].en.length).toBeGreaterThan(0);
  });
});
