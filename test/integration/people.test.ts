// People on a real store: the first administrator once, sign-in with delays that survive a restart, a disabled
// person shut out at once, the last administrator kept, sessions locked and resumed, and events only for the signed-in.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext, Core } from '../../src/core/core';
import { openCore } from '../../src/hosts/open';
import { PASSPHRASE, tempDir } from '../support/cli';
import { TEST_ADMIN, TEST_PIN, signedInAs } from '../support/people';

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
});
async function open(dir: string): Promise<Core> {
  const core = await openCore(dir, PASSPHRASE, { create: true });
  cores.push(core);
  return core;
}
const ui = (connection: string): CallContext => ({ origin: 'web', connection });
async function ok<T = unknown>(core: Core, cmd: string, input: unknown, ctx: CallContext): Promise<T> {
  const r = await core.call(cmd, input, ctx);
  if (!r.ok) throw new Error(`${cmd}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
async function code(core: Core, cmd: string, input: unknown, ctx: CallContext): Promise<string> {
  const r = await core.call(cmd, input, ctx);
  return r.ok ? 'ok' : r.error.code;
}
const auditOf = (core: Core, action: string) =>
  core.store.db.prepare('SELECT actor, object_id, result, details FROM audit WHERE action = ? ORDER BY seq').all(action) as {
    actor: string;
    object_id: string | null;
    result: string;
    details: string;
  }[];

describe('people and sessions', () => {
  it('a new store asks for its first administrator; nothing else runs before; the first one holds every role, once', async () => {
    const core = await open(join(tempDir(), 'store'));
    const a = ui('a');
    expect(await ok(core, 'auth.state', {}, a)).toMatchObject({
      needsFirstAdmin: true,
      person: null,
      lockedFor: null,
      autoLockMinutes: 10,
    });
    expect(await code(core, 'app.status', {}, a)).toBe('unauthenticated');
    expect(await code(core, 'auth.signIn', { login: 'x', pin: '123456' }, a)).toBe('first-admin-needed');
    const state = await ok<{ person: { login: string; roles: string[] } }>(
      core,
      'auth.setup',
      { login: 'beheer', name: 'Bea Beheer', pin: '24681012' },
      a,
    );
    expect(state.person).toMatchObject({ login: 'beheer', roles: ['medewerker', 'archivaris', 'teamleider', 'beheerder'] });
    expect(await code(core, 'app.status', {}, a)).toBe('ok');
    expect(await code(core, 'auth.setup', { login: 'tweede', name: 'Tweede', pin: '24681012' }, ui('b'))).toBe('people-exist');
    expect(auditOf(core, 'person.first-admin')).toMatchObject([{ actor: 'beheer', object_id: 'beheer', result: 'ok' }]);
  });

  it('refuses a wrong PIN and an unknown login alike, delays after three failures, and keeps the delay across a restart', async () => {
    const dir = join(tempDir(), 'store');
    let core = await open(dir);
    await signedInAs(core, ['medewerker']); // makes t-medewerker
    const c = ui('c');
    for (let i = 0; i < 3; i++) expect(await code(core, 'auth.signIn', { login: 't-medewerker', pin: '000000' }, c)).toBe('sign-in-failed');
    const delayed = await core.call('auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, c);
    expect(delayed).toMatchObject({ ok: false, error: { code: 'sign-in-delayed', details: { retryAfterSeconds: 2 } } });
    expect(!delayed.ok && delayed.error.message).toMatch(/wacht/);
    expect(await code(core, 'auth.signIn', { login: 'niemand', pin: '000000' }, c)).toBe('sign-in-failed');
    const failures = auditOf(core, 'auth.sign-in-failed');
    expect(failures.map((f) => [f.actor, JSON.parse(f.details).reason])).toEqual([
      ['t-medewerker', 'wrong-pin'],
      ['t-medewerker', 'wrong-pin'],
      ['t-medewerker', 'wrong-pin'],
      ['onbekend', 'unknown-login'],
    ]);
    expect(JSON.stringify(failures)).not.toContain('niemand'); // what was typed as a login is not kept
    const row = () =>
      core.store.db.prepare(`SELECT failed_attempts, next_attempt_at FROM people WHERE login = 't-medewerker'`).get() as {
        failed_attempts: number;
        next_attempt_at: number;
      };
    const before = row();
    expect(before.failed_attempts).toBe(3);
    await core.close();
    cores.length = 0;
    core = await open(dir);
    expect(row()).toEqual(before); // a restart does not reset the count or the wait
    await new Promise((r) => setTimeout(r, Math.max(0, before.next_attempt_at - Date.now() + 50)));
    expect(await ok(core, 'auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, c)).toMatchObject({ person: { login: 't-medewerker' } });
    // A success starts the count again: the next typo is free.
    expect(await code(core, 'auth.signIn', { login: 't-medewerker', pin: '000000' }, ui('d'))).toBe('sign-in-failed');
    expect(await code(core, 'auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, ui('d'))).toBe('ok');
  });

  it('a disabled person is signed out everywhere at once and cannot sign in; the last administrator cannot be removed', async () => {
    const core = await open(join(tempDir(), 'store'));
    const clerk = await signedInAs(core, ['medewerker'], 'web');
    const admin = await signedInAs(core, ['beheerder'], 'cli');
    expect(await code(core, 'documents.list', {}, clerk)).toBe('ok');
    await ok(core, 'people.update', { login: 't-medewerker', disabled: true }, admin);
    expect(await code(core, 'documents.list', {}, clerk)).toBe('unauthenticated');
    expect(await code(core, 'auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, clerk)).toBe('sign-in-failed');
    await ok(core, 'people.update', { login: 't-medewerker', disabled: false }, admin);
    expect(await code(core, 'auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, clerk)).toBe('ok');

    // Two administrators: test-beheerder (all roles) and t-beheerder. Take both away: the second refusal keeps one.
    await ok(core, 'people.update', { login: TEST_ADMIN.login, roles: ['medewerker'] }, admin);
    expect(await code(core, 'people.update', { login: 't-beheerder', roles: ['teamleider'] }, admin)).toBe('last-administrator');
    expect(await code(core, 'people.update', { login: 't-beheerder', disabled: true }, admin)).toBe('last-administrator');
    expect(await code(core, 'people.add', { login: 't-medewerker', name: 'Dubbel', roles: ['medewerker'], pin: TEST_PIN }, admin)).toBe(
      'person-exists',
    );
    expect(await code(core, 'people.add', { login: 'postkamer', name: 'De werkplek', roles: ['medewerker'], pin: TEST_PIN }, admin)).toBe(
      'invalid-input',
    );
    const people = await ok<{ login: string; roles: string[]; disabled: boolean }[]>(core, 'people.list', {}, admin);
    expect(people.map((p) => [p.login, p.roles.join(','), p.disabled])).toEqual([
      ['t-beheerder', 'beheerder', false],
      ['t-medewerker', 'medewerker', false],
      [TEST_ADMIN.login, 'medewerker', false],
    ]);
    expect(JSON.stringify(people)).not.toMatch(/scrypt|pin/i);
  });

  it('locks and resumes a session, switches to another person, signs out; a new PIN replaces the old', async () => {
    const core = await open(join(tempDir(), 'store'));
    const clerk = await signedInAs(core, ['medewerker'], 'web');
    await signedInAs(core, ['archivaris'], 'web');
    expect(await ok(core, 'auth.lock', {}, clerk)).toMatchObject({ person: null, lockedFor: { login: 't-medewerker' } });
    expect(await code(core, 'documents.list', {}, clerk)).toBe('unauthenticated');
    expect(await ok(core, 'auth.signIn', { login: 't-medewerker', pin: TEST_PIN }, clerk)).toMatchObject({
      person: { login: 't-medewerker' },
    });
    // Switching: another person signs in on the same window.
    expect(await ok(core, 'auth.signIn', { login: 't-archivaris', pin: TEST_PIN }, clerk)).toMatchObject({
      person: { login: 't-archivaris' },
    });
    expect(await ok(core, 'auth.signOut', {}, clerk)).toMatchObject({ person: null, lockedFor: null });
    expect(await code(core, 'auth.signIn', { login: 't-archivaris', pin: TEST_PIN }, clerk)).toBe('ok');
    expect(await code(core, 'auth.changePin', { current: '999999', next: '11223344' }, clerk)).toBe('sign-in-failed');
    await ok(core, 'auth.changePin', { current: TEST_PIN, next: '11223344' }, clerk);
    expect(await code(core, 'auth.signIn', { login: 't-archivaris', pin: TEST_PIN }, ui('z'))).toBe('sign-in-failed');
    expect(await code(core, 'auth.signIn', { login: 't-archivaris', pin: '11223344' }, ui('z'))).toBe('ok');
    expect(auditOf(core, 'auth.locked').map((e) => e.actor)).toEqual(['t-medewerker']);
    expect(auditOf(core, 'auth.signed-out').map((e) => e.actor)).toContain('t-archivaris');
  });

  it('sends events to a connection only while a person is signed in there; the session change to every connection', async () => {
    const core = await open(join(tempDir(), 'store'));
    const signed = await signedInAs(core, ['medewerker'], 'web');
    const seen: Record<string, string[]> = { signed: [], anonymous: [] };
    core.on((name) => seen.signed.push(name), signed.connection);
    core.on((name) => seen.anonymous.push(name), 'nobody-here');
    core.emit('status.changed', {});
    core.lockAllSessions();
    core.emit('status.changed', {});
    expect(seen).toEqual({ signed: ['status.changed', 'session.changed'], anonymous: ['session.changed'] });
    expect(await code(core, 'documents.list', {}, signed)).toBe('unauthenticated');
  });
});
