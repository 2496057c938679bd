// Scan profiles live in the store (setting "profiles"); the defaults follow the scanning norm for records.
import {
  applyProfileChange,
  checkRoomForProfile,
  defaultProfiles,
  findProfile,
  MAX_PROFILES,
  validateProfile,
  type ScanProfile,
} from '../capture/profiles';
import { PostkamerError } from '../contract/errors';
import type { Db } from '../store/db';
import { readStoredProfiles, writeStoredProfiles } from '../store/profiles';

export function loadProfiles(db: Db): ScanProfile[] {
  const stored = readStoredProfiles(db);
  if (!stored) return defaultProfiles.map((p) => ({ ...p }));
  // Bounded on reading too: a damaged or planted setting cannot make every scan validate thousands of entries.
  if (!Array.isArray(stored) || stored.length > MAX_PROFILES) {
    throw new PostkamerError(
      'store-corrupt',
      `(instelling "profiles": ${Array.isArray(stored) ? `${stored.length} scanprofielen, meer dan ${MAX_PROFILES}` : 'geen lijst van scanprofielen'}; sla de scanprofielen opnieuw op of zet een reservekopie terug)`,
    );
  }
  return stored.map(validateProfile);
}

export function profileByName(db: Db, name: string | null | undefined): ScanProfile {
  const all = loadProfiles(db);
  return name ? findProfile(all, name) : all[0];
}

/** Adds or changes a profile. `by: 'clerk'` may not touch a locked profile nor (un)lock one. */
export function saveProfile(db: Db, profile: ScanProfile, by: 'clerk' | 'admin'): ScanProfile[] {
  const all = loadProfiles(db);
  const i = all.findIndex((p) => p.name === profile.name);
  if (i < 0) checkRoomForProfile(all.length);
  const next =
    i >= 0
      ? applyProfileChange(all[i], profile, by)
      : applyProfileChange({ ...validateProfile(profile), locked: false }, { locked: profile.locked }, by);
  const list = i >= 0 ? all.map((p, j) => (j === i ? next : p)) : [...all, next];
  writeStoredProfiles(db, list);
  return list;
}
