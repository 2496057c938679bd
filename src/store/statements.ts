// Prepared statements, reused per database: preparing costs more than running the small queries of the outbox, the
// audit log and the vault.
import type { Db } from './db';

export interface Stmt {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

const statements = new WeakMap<Db, Map<string, Stmt>>();

export function stmt(db: Db, sql: string): Stmt {
  let m = statements.get(db);
  if (!m) statements.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql) as unknown as Stmt;
    // Dynamic SQL (variable column lists) is bounded; never let the cache grow without limit.
    if (m.size > 500) m.clear();
    m.set(sql, s);
  }
  return s;
}
