// The people tests act as: the store's first administrator (all four roles) and people with one role each, signed in
// through the contract (auth.setup, people.add, auth.signIn) exactly as the CLI and the UI do.
import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/contract/role-names';
import type { CallContext, Core } from '../../src/core/core';

/** The first administrator tests create (the CLI tests get the same through POSTKAMER_USER / POSTKAMER_PIN). */
export const TEST_ADMIN = { login: 'test-beheerder', name: 'Test Beheerder', pin: '246810' } as const;
/** The PIN every other test person gets. */
export const TEST_PIN = '135790';

async function must(core: Core, cmd: string, input: unknown, ctx: CallContext): Promise<unknown> {
  const r = await core.call(cmd, input, ctx);
  if (!r.ok) throw new Error(`${cmd}: ${r.error.code} ${r.error.message}`);
  return r.data;
}

/** True when a person is signed in (and not locked) on `ctx`'s connection. */
export async function isSignedIn(core: Core, ctx: CallContext): Promise<boolean> {
  const s = (await must(core, 'auth.state', {}, ctx)) as { person: unknown };
  return s.person !== null;
}

/** Makes the first administrator when the store has none, and signs `ctx`'s connection in as them. */
export async function signInAsAdmin(core: Core, ctx: CallContext): Promise<void> {
  const s = (await must(core, 'auth.state', {}, ctx)) as { needsFirstAdmin: boolean; person: unknown };
  if (s.person) return;
  if (s.needsFirstAdmin) await must(core, 'auth.setup', { login: TEST_ADMIN.login, name: TEST_ADMIN.name, pin: TEST_ADMIN.pin }, ctx);
  else await must(core, 'auth.signIn', { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin }, ctx);
}

/**
 * A context signed in as a person holding exactly `roles` (made by the administrator when missing), on a connection
 * of its own. `origin` is where the calls claim to come from (the UI's channels: 'renderer', 'web').
 */
export async function signedInAs(core: Core, roles: readonly Role[], origin: CallContext['origin'] = 'cli'): Promise<CallContext> {
  const admin: CallContext = { origin: 'cli', connection: `admin-${randomUUID()}` };
  await signInAsAdmin(core, admin);
  const login = `t-${[...roles].sort().join('-')}`;
  const people = (await must(core, 'people.list', {}, admin)) as { login: string }[];
  if (!people.some((p) => p.login === login))
    await must(core, 'people.add', { login, name: `Test ${roles.join(' ')}`, roles, pin: TEST_PIN }, admin);
  await must(core, 'auth.signOut', {}, admin);
  const ctx: CallContext = { origin, connection: `${login}-${randomUUID()}` };
  await must(core, 'auth.signIn', { login, pin: TEST_PIN }, ctx);
  return ctx;
}
