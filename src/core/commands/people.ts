// Signing in, locking and signing out on a connection, and the administrator's list of people.
import { PostkamerError } from '../../contract/errors';
import type { AuthState } from '../../contract/people';
import { ROLES } from '../../contract/role-names';
import { appendAudit } from '../../audit/audit';
import { hashPin, verifyPin } from '../../people/pin';
import { allPeople, countPeople, enabledLoginsWithRole, personByLogin, updatePerson } from '../../store/people';
import { checkSignIn, createPerson, enabledPerson, personFromRow } from '../people';
import type { Sessions } from '../sessions';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';
import { fromUi } from '../origin';

/** The connection a call's session lives on: the channel's own, or (Electron main) the window's. */
export type ConnectionOf = (ctx: HandlerContext) => string | undefined;

export function peopleCommands(core: CoreServices, sessions: Sessions, connectionOf: ConnectionOf) {
  const db = () => core.store.db;
  const idleMs = () => core.settings().autoLockMinutes * 60_000;

  const state = (ctx: HandlerContext): AuthState => {
    const connection = connectionOf(ctx);
    const active = sessions.active(connection, idleMs());
    const person = active ? enabledPerson(db(), active) : null;
    const locked = sessions.lockedFor(connection);
    const lockedPerson = locked ? enabledPerson(db(), locked) : null;
    return {
      needsFirstAdmin: countPeople(db()) === 0,
      person,
      lockedFor: lockedPerson ? { login: lockedPerson.login, name: lockedPerson.name } : null,
      autoLockMinutes: core.settings().autoLockMinutes,
    };
  };
  const mustHaveConnection = (ctx: HandlerContext): string => {
    const c = connectionOf(ctx);
    if (c === undefined) throw new PostkamerError('unauthenticated', '(deze verbinding heeft geen sessie)');
    return c;
  };
  const audit = (ctx: HandlerContext, action: string, objectId: string, details?: Record<string, string | number | boolean | null>) =>
    appendAudit(db(), { actor: ctx.actor, origin: ctx.origin, action, objectType: 'person', objectId, result: 'ok', details });
  /** Refuses a change that would leave no enabled administrator. */
  const keepAnAdministrator = (login: string, stillAdmin: boolean) => {
    const admins = enabledLoginsWithRole(db(), 'beheerder');
    if (!stillAdmin && admins.length === 1 && admins[0] === login) throw new PostkamerError('last-administrator');
  };

  return {
    'auth.state': (_i, ctx) => state(ctx),
    'auth.setup': async (i, ctx) => {
      const connection = mustHaveConnection(ctx);
      const person = await createPerson(db(), { ...i, roles: ROLES }, { actor: i.login, origin: ctx.origin }, { onlyIfNone: true });
      sessions.signIn(connection, person.login, fromUi(ctx));
      return state(ctx);
    },
    'auth.signIn': async (i, ctx) => {
      const connection = mustHaveConnection(ctx);
      if (countPeople(db()) === 0) throw new PostkamerError('first-admin-needed');
      const person = await checkSignIn(db(), i.login, i.pin, { origin: ctx.origin });
      sessions.signIn(connection, person.login, fromUi(ctx));
      return state(ctx);
    },
    'auth.signOut': (_i, ctx) => {
      const connection = connectionOf(ctx);
      const login = connection === undefined ? null : (sessions.active(connection, idleMs()) ?? sessions.lockedFor(connection));
      if (connection !== undefined && login) {
        sessions.signOut(connection);
        appendAudit(db(), {
          actor: login,
          origin: ctx.origin,
          action: 'auth.signed-out',
          objectType: 'person',
          objectId: login,
          result: 'ok',
        });
      }
      return state(ctx);
    },
    'auth.lock': (_i, ctx) => {
      const connection = connectionOf(ctx);
      const login = sessions.active(connection, idleMs());
      if (connection !== undefined && login) {
        sessions.lock(connection);
        appendAudit(db(), { actor: login, origin: ctx.origin, action: 'auth.locked', objectType: 'person', objectId: login, result: 'ok' });
      }
      return state(ctx);
    },
    'auth.activity': (_i, ctx) => {
      const connection = connectionOf(ctx);
      if (connection !== undefined) sessions.touch(connection);
      return {};
    },
    'auth.changePin': async (i, ctx) => {
      const row = personByLogin(db(), ctx.actor);
      if (!row || !(await verifyPin(i.current, row.pin_hash)))
        throw new PostkamerError('sign-in-failed', '(de huidige pincode klopt niet)');
      updatePerson(db(), ctx.actor, { pinHash: await hashPin(i.next) }, new Date().toISOString());
      audit(ctx, 'person.pin-changed', ctx.actor);
      return {};
    },
    'people.list': () => allPeople(db()).map(personFromRow),
    'people.add': (i, ctx) => createPerson(db(), i, { actor: ctx.actor, origin: ctx.origin }),
    'people.update': (i, ctx) => {
      const before = personByLogin(db(), i.login);
      if (!before) throw new PostkamerError('not-found', `(gebruiker ${i.login})`);
      db()
        .transaction(() => {
          const roles = i.roles ?? personFromRow(before).roles;
          const disabled = i.disabled ?? before.disabled === 1;
          keepAnAdministrator(i.login, roles.includes('beheerder') && !disabled);
          updatePerson(
            db(),
            i.login,
            { name: i.name, roles: i.roles && JSON.stringify(i.roles), zgwUserId: i.zgwUserId, disabled: i.disabled },
            new Date().toISOString(),
          );
          audit(ctx, 'person.changed', i.login, {
            ...(i.name !== undefined ? { name: true } : {}),
            ...(i.roles ? { roles: i.roles.join(','), rolesBefore: personFromRow(before).roles.join(',') } : {}),
            ...(i.zgwUserId !== undefined ? { zgwUserId: true } : {}),
            ...(i.disabled !== undefined ? { disabled: i.disabled } : {}),
          });
        })
        .immediate();
      if (i.disabled) sessions.endAllOf(i.login);
      return personFromRow(personByLogin(db(), i.login)!);
    },
    'people.setPin': async (i, ctx) => {
      const pinHash = await hashPin(i.pin);
      if (!updatePerson(db(), i.login, { pinHash }, new Date().toISOString()))
        throw new PostkamerError('not-found', `(gebruiker ${i.login})`);
      audit(ctx, 'person.pin-set', i.login);
      return {};
    },
  } satisfies SomeHandlers;
}
