// The `settings` table: one JSON value per key (limits, preferences, scan profiles, configured scanners).
import type { Db } from './db';

/** The stored value of `key` (JSON text), or undefined when it was never set. */
export function getSetting(db: Db, key: string): string | undefined {
  return (db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined)?.value;
}

/** Sets `key` to `value` (JSON text), adding or replacing it. */
export function putSetting(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Sets several keys at once, all or none. */
export function putSettings(db: Db, entries: [key: string, value: string][]): void {
  db.transaction(() => {
    for (const [k, v] of entries) putSetting(db, k, v);
  })();
}

/** Every stored setting, key → JSON text. */
export function allSettings(db: Db): { key: string; value: string }[] {
  return db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
}
