// Signing a person in: their PIN checked against its scrypt hash, failed attempts counted in the store with growing
// delays (an unknown login costs as long as a wrong PIN and is delayed in memory alike), every outcome audited.
import { randomUUID } from 'node:crypto';
import { PostkamerError } from '../contract/errors';
import type { Person } from '../contract/people';
import { ROLES, type Role } from '../contract/role-names';
import { appendAudit } from '../audit/audit';
import { decoyHash, verifyPin, hashPin } from '../people/pin';
import { delayAfterFailures, secondsToWait } from '../people/sign-in-delay';
import type { Db } from '../store/db';
import { clearFailedSignIns, countPeople, insertPerson, personByLogin, recordFailedSignIn, type PersonRow } from '../store/people';

/** The contract's view of a stored person (never their PIN hash or failed attempts). */
export function personFromRow(r: PersonRow): Person {
  const roles = (JSON.parse(r.roles) as string[]).filter((x): x is Role => (ROLES as readonly string[]).includes(x));
  return { login: r.login, name: r.name, roles, zgwUserId: r.zgw_user_id, disabled: r.disabled === 1, createdAt: r.created_at };
}

/** The enabled person with this login, or null. */
export function enabledPerson(db: Db, login: string): Person | null {
  const r = personByLogin(db, login);
  return r && r.disabled === 0 ? personFromRow(r) : null;
}

/** Failed attempts at logins that do not exist, kept in memory (there is no row to count them in). */
const unknownFailures = new Map<string, { failures: number; next: number | null }>();

/**
 * Checks a login and PIN. Throws `sign-in-delayed` (with the seconds to wait) while the login must wait, and
 * `sign-in-failed` for an unknown login, a disabled person or a wrong PIN alike.
 */
export async function checkSignIn(
  db: Db,
  login: string,
  pin: string,
  who: { origin: string },
  now: () => number = Date.now,
): Promise<Person> {
  const row = personByLogin(db, login);
  const memory = row ? null : (unknownFailures.get(login) ?? { failures: 0, next: null });
  const wait = secondsToWait(row ? row.next_attempt_at : memory!.next, now());
  if (wait > 0) throw new PostkamerError('sign-in-delayed', `(nog ${wait} seconden)`, { retryAfterSeconds: wait });
  const ok = await verifyPin(pin, row?.pin_hash ?? (await decoyHash()));
  if (row && ok && row.disabled === 0) {
    clearFailedSignIns(db, login);
    appendAudit(db, { actor: login, origin: who.origin, action: 'auth.signed-in', objectType: 'person', objectId: login, result: 'ok' });
    return personFromRow(row);
  }
  if (row) {
    const failures = row.failed_attempts + 1;
    const delay = delayAfterFailures(failures);
    db.transaction(() => {
      recordFailedSignIn(db, login, failures, delay > 0 ? now() + delay : null);
      appendAudit(db, {
        actor: login,
        origin: who.origin,
        action: 'auth.sign-in-failed',
        objectType: 'person',
        objectId: login,
        result: 'rejected',
        details: { failures, reason: row.disabled ? 'disabled' : 'wrong-pin' },
      });
    })();
  } else {
    // What was typed as a login is not written anywhere: it may be a PIN typed in the wrong field.
    const failures = memory!.failures + 1;
    const delay = delayAfterFailures(failures);
    if (unknownFailures.size > 10_000) unknownFailures.clear();
    unknownFailures.set(login, { failures, next: delay > 0 ? now() + delay : null });
    appendAudit(db, {
      actor: 'onbekend',
      origin: who.origin,
      action: 'auth.sign-in-failed',
      result: 'rejected',
      details: { reason: 'unknown-login' },
    });
  }
  throw new PostkamerError('sign-in-failed');
}

/** Creates a person; throws `person-exists` for a login already taken. `onlyIfNone`: the first administrator. */
export async function createPerson(
  db: Db,
  p: { login: string; name: string; roles: readonly Role[]; zgwUserId: string | null; pin: string },
  who: { actor: string; origin: string },
  opts: { onlyIfNone?: boolean } = {},
): Promise<Person> {
  const pinHash = await hashPin(p.pin);
  const at = new Date().toISOString();
  db.transaction(() => {
    if (opts.onlyIfNone && countPeople(db) > 0) throw new PostkamerError('people-exist');
    if (personByLogin(db, p.login)) throw new PostkamerError('person-exists', `(${p.login})`);
    insertPerson(db, {
      id: randomUUID(),
      login: p.login,
      name: p.name,
      roles: JSON.stringify(p.roles),
      zgwUserId: p.zgwUserId,
      pinHash,
      at,
    });
    appendAudit(db, {
      actor: opts.onlyIfNone ? p.login : who.actor,
      origin: who.origin,
      action: opts.onlyIfNone ? 'person.first-admin' : 'person.added',
      objectType: 'person',
      objectId: p.login,
      result: 'ok',
      details: { roles: p.roles.join(','), zgwUserId: p.zgwUserId !== null },
    });
  }).immediate();
  return personFromRow(personByLogin(db, p.login)!);
}
