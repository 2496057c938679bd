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

/** Any transport's call: the core in-process, a WebSocket, a MessagePort, the preload's API. */
export type AnyCall = (cmd: string, input: unknown) => Promise<{ ok: boolean; data?: unknown; error?: unknown }>;

/**
 * Signs one connection in as the test administrator over whatever transport `call` uses; on a store without people
 * it makes them first (auth.setup), as the first-start screen does. Throws with the core's answer when it fails.
 */
export async function signInAdminVia(call: AnyCall): Promise<void> {
  const s = (await call('auth.state', {})).data as { needsFirstAdmin?: boolean; person?: unknown } | undefined;
  if (s?.person) return;
  const r = s?.needsFirstAdmin
    ? await call('auth.setup', { login: TEST_ADMIN.login, name: TEST_ADMIN.name, pin: TEST_ADMIN.pin })
    : await call('auth.signIn', { login: TEST_ADMIN.login, pin: TEST_ADMIN.pin });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r.error)}`);
}

/** Makes the first administrator when the store has none, and signs `ctx`'s connection in as them. */
export function signInAsAdmin(core: Core, ctx: CallContext): Promise<void> {
  return signInAdminVia((cmd, input) => core.call(cmd, input, ctx));
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
