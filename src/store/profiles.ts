// Scan profiles as stored: the JSON list under the setting "profiles" (validation is src/capture's business).
import type { Db } from './db';
import { getSetting, putSetting } from './settings';

const KEY = 'profiles';

/** The stored list of profiles (unvalidated), or undefined when none was ever saved (the defaults apply). */
export function readStoredProfiles(db: Db): unknown[] | undefined {
  const value = getSetting(db, KEY);
  return value === undefined ? undefined : (JSON.parse(value) as unknown[]);
}

/** Replaces the stored list of profiles. */
export function writeStoredProfiles(db: Db, profiles: readonly unknown[]): void {
  putSetting(db, KEY, JSON.stringify(profiles));
}
