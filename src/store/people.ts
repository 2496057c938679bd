// The `people` table: the workstation's people, their roles and PIN hashes, and their failed sign-ins.
import type { Db } from './db';
import { stmt } from './statements';

export interface PersonRow {
  id: string;
  login: string;
  name: string;
  /** JSON array of role names. */
  roles: string;
  zgw_user_id: string | null;
  pin_hash: string;
  disabled: number;
  failed_attempts: number;
  next_attempt_at: number | null;
  created_at: string;
  updated_at: string;
}

export function countPeople(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM people').get() as { n: number }).n;
}

export function personByLogin(db: Db, login: string): PersonRow | undefined {
  return stmt(db, 'SELECT * FROM people WHERE login = ?').get(login) as PersonRow | undefined;
}

export function allPeople(db: Db): PersonRow[] {
  return stmt(db, 'SELECT * FROM people ORDER BY login').all() as PersonRow[];
}

export function insertPerson(
  db: Db,
  p: { id: string; login: string; name: string; roles: string; zgwUserId: string | null; pinHash: string; at: string },
): void {
  stmt(
    db,
    `INSERT INTO people (id, login, name, roles, zgw_user_id, pin_hash, created_at, updated_at)
     VALUES (@id, @login, @name, @roles, @zgwUserId, @pinHash, @at, @at)`,
  ).run(p);
}

/** Changes the given fields of a person; returns false when there is no such login. */
export function updatePerson(
  db: Db,
  login: string,
  patch: { name?: string; roles?: string; zgwUserId?: string | null; disabled?: boolean; pinHash?: string },
  at: string,
): boolean {
  const cols: string[] = [];
  const values: unknown[] = [];
  const set = (col: string, v: unknown) => (cols.push(`${col} = ?`), values.push(v));
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.roles !== undefined) set('roles', patch.roles);
  if (patch.zgwUserId !== undefined) set('zgw_user_id', patch.zgwUserId);
  if (patch.disabled !== undefined) set('disabled', patch.disabled ? 1 : 0);
  if (patch.pinHash !== undefined) {
    set('pin_hash', patch.pinHash);
    set('failed_attempts', 0);
    set('next_attempt_at', null);
  }
  set('updated_at', at);
  return stmt(db, `UPDATE people SET ${cols.join(', ')} WHERE login = ?`).run(...values, login).changes === 1;
}

/** Records a failed sign-in: the count goes up and the next attempt waits until `nextAttemptAt` (epoch ms). */
export function recordFailedSignIn(db: Db, login: string, failures: number, nextAttemptAt: number | null): void {
  stmt(db, 'UPDATE people SET failed_attempts = ?, next_attempt_at = ? WHERE login = ?').run(failures, nextAttemptAt, login);
}

export function clearFailedSignIns(db: Db, login: string): void {
  stmt(db, 'UPDATE people SET failed_attempts = 0, next_attempt_at = NULL WHERE login = ? AND failed_attempts > 0').run(login);
}

/** Logins of the enabled people holding `role`. */
export function enabledLoginsWithRole(db: Db, role: string): string[] {
  return (
    stmt(db, `SELECT login FROM people WHERE disabled = 0 AND EXISTS (SELECT 1 FROM json_each(people.roles) WHERE value = ?)`).all(
      role,
    ) as { login: string }[]
  ).map((r) => r.login);
}
