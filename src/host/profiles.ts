import { applyProfileChange, defaultProfiles, findProfile, validateProfile, type ScanProfile } from '../capture/profiles';
import type { Db } from '../store/db';

// Scan profiles live in the store (setting "profiles"); the defaults follow the scanning norm for records.

export function loadProfiles(db: Db): ScanProfile[] {
  const row = db.prepare(`SELECT value FROM settings WHERE key = 'profiles'`).get() as { value: string } | undefined;
  if (!row) return defaultProfiles.map((p) => ({ ...p }));
  return (JSON.parse(row.value) as unknown[]).map(validateProfile);
}

export function profileByName(db: Db, name: string | null | undefined): ScanProfile {
  const all = loadProfiles(db);
  return name ? findProfile(all, name) : all[0];
}

/** Adds or changes a profile. `by: 'clerk'` may not touch a locked profile nor (un)lock one. */
export function saveProfile(db: Db, profile: ScanProfile, by: 'clerk' | 'admin'): ScanProfile[] {
  const all = loadProfiles(db);
  const i = all.findIndex((p) => p.name === profile.name);
  const next = i >= 0 ? applyProfileChange(all[i], profile, by) : applyProfileChange({ ...validateProfile(profile), locked: false }, { locked: profile.locked }, by);
  const list = i >= 0 ? all.map((p, j) => (j === i ? next : p)) : [...all, next];
  db.prepare(`INSERT INTO settings (key, value) VALUES ('profiles', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(JSON.stringify(list));
  return list;
}
