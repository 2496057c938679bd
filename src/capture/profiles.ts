// Scan profiles: the settings a clerk picks at the scanner. Under a vervangingsbesluit (Archiefregeling art.
// 26b) the equipment settings are part of the besluit, so an administrator can lock a profile; a clerk then
// scans with it but cannot change it. Defaults follow the working norm for records: 300 ppi, colour where
// colour carries information, lossless masters for the archive (notes/dutch-records.md §2.1).
import { ScanProfile as ScanProfileSchema } from '../contract/schemas';
import { PostkamerError } from '../contract/errors';

export interface ScanProfile {
  /** Stable identifier (lowercase, a–z 0–9 and '-'); never changes once created. */
  name: string;
  label: string;
  resolution: 200 | 300 | 400 | 600;
  /** 'auto': scan in colour, let the pipeline store gray when the page carries no colour. */
  colour: 'colour' | 'gray' | 'bilevel' | 'auto';
  duplex: boolean;
  source: 'feeder' | 'flatbed';
  blankPages: 'flag' | 'drop' | 'separate';
  imageMode: 'lossless' | 'standard';
  documentType: string | null;
  separatorSheets: boolean;
  patchT: boolean;
  locked: boolean;
}

/** Most profiles a store holds: a mail room has a handful; the bound keeps a renderer from filling the store. */
export const MAX_PROFILES = 50;

/** Refuses adding a profile to a list that already holds MAX_PROFILES (Dutch, invalid-input). */
export function checkRoomForProfile(count: number): void {
  if (count >= MAX_PROFILES) {
    throw new PostkamerError(
      'invalid-input',
      `Er kunnen niet meer dan ${MAX_PROFILES} scanprofielen zijn; wijzig een bestaand profiel in plaats van een nieuw toe te voegen.`,
      { field: 'profile', max: MAX_PROFILES },
    );
  }
}

/** The schema is part of the contract (profiles cross the boundary); the rules live there once. */
export const scanProfileSchema = ScanProfileSchema;

export const defaultProfiles: ScanProfile[] = [
  {
    name: 'standaard',
    label: 'Standaard post',
    resolution: 300,
    colour: 'auto',
    duplex: true,
    source: 'feeder',
    blankPages: 'drop',
    imageMode: 'standard',
    documentType: null,
    separatorSheets: true,
    patchT: true,
    locked: false,
  },
  {
    // Single-sided post on a feeder or from a scan-to-folder MFP set to simplex.
    name: 'enkelzijdig',
    label: 'Post, enkelzijdig',
    resolution: 300,
    colour: 'auto',
    duplex: false,
    source: 'feeder',
    blankPages: 'drop',
    imageMode: 'standard',
    documentType: null,
    separatorSheets: true,
    patchT: true,
    locked: false,
  },
  {
    // Replacement scanning: colour, lossless, nothing silently dropped (a blank page is flagged for the
    // visual check, Handreiking bijlage 5), and locked because the settings are part of the besluit.
    name: 'archief',
    label: 'Archief (vervangende digitalisering)',
    resolution: 300,
    colour: 'colour',
    duplex: true,
    source: 'feeder',
    blankPages: 'flag',
    imageMode: 'lossless',
    documentType: null,
    separatorSheets: true,
    patchT: true,
    locked: true,
  },
  {
    // Fax-quality paper (thermal prints, forms): black and white is all the information there is.
    name: 'fax',
    label: 'Fax / zwart-wit',
    resolution: 200,
    colour: 'bilevel',
    duplex: false,
    source: 'feeder',
    blankPages: 'drop',
    imageMode: 'lossless',
    documentType: null,
    separatorSheets: true,
    patchT: true,
    locked: false,
  },
];

/** Parses an unknown value into a profile; throws PostkamerError('invalid-input') naming the first bad field. */
export function validateProfile(p: unknown): ScanProfile {
  const r = scanProfileSchema.safeParse(p);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    const field = issue.path.join('.') || '(profiel)';
    throw new PostkamerError('invalid-input', `Scanprofiel, veld ${field}: ${issue.message}`, { field });
  }
  return r.data as ScanProfile;
}

/**
 * Applies a change on behalf of a clerk or an administrator. A clerk may not change a locked profile at all,
 * and may not lock or unlock one; nobody renames a profile (its name is its identity in batches and audit).
 * A change that sets a field to its current value is no change.
 */
export function applyProfileChange(current: ScanProfile, change: Partial<ScanProfile>, by: 'clerk' | 'admin'): ScanProfile {
  const base = validateProfile(current);
  const changed = (Object.keys(change) as (keyof ScanProfile)[]).filter((k) => change[k] !== undefined && change[k] !== base[k]);
  if (changed.length === 0) return base;
  if (changed.includes('name'))
    throw new PostkamerError('invalid-input', 'De naam van een scanprofiel kan niet worden gewijzigd.', { field: 'name' });
  if (by === 'clerk' && base.locked) {
    throw new PostkamerError('forbidden', `Het scanprofiel "${base.label}" is vergrendeld door de beheerder.`, {
      profile: base.name,
      fields: changed,
    });
  }
  if (by === 'clerk' && changed.includes('locked')) {
    throw new PostkamerError('forbidden', 'Alleen een beheerder kan een scanprofiel vergrendelen of ontgrendelen.', { profile: base.name });
  }
  const next: Record<string, unknown> = { ...base };
  for (const k of changed) next[k] = change[k];
  return validateProfile(next);
}

export function findProfile(profiles: readonly ScanProfile[], name: string): ScanProfile {
  const p = profiles.find((x) => x.name === name);
  if (!p) throw new PostkamerError('not-found', `Scanprofiel "${name}" bestaat niet.`, { profile: name });
  return p;
}

// --- what a profile asks of a device -------------------------------------------------------------------

export type EsclColorMode = 'RGB24' | 'Grayscale8' | 'BlackAndWhite1';
export type EsclFormat = 'image/jpeg' | 'application/pdf' | 'image/png';

/**
 * eSCL settings for a profile, given what the scanner offers. Lossless needs PNG (or TIFF, which eSCL
 * scanners rarely offer): a scanner that only has JPEG cannot serve a lossless profile, and we say so instead
 * of silently storing lossy masters. 'auto' colour scans in colour (eSCL has no auto mode).
 */
export function esclSettingsFor(
  profile: ScanProfile,
  offered: { formats: readonly string[]; colorModes: readonly string[]; resolutions: readonly number[] },
):
  | { source: 'Platen' | 'Feeder'; duplex: boolean; resolution: number; colorMode: EsclColorMode; format: EsclFormat }
  | { unsupported: string } {
  const colorMode: EsclColorMode = profile.colour === 'gray' ? 'Grayscale8' : profile.colour === 'bilevel' ? 'BlackAndWhite1' : 'RGB24';
  if (offered.colorModes.length > 0 && !offered.colorModes.includes(colorMode)) return { unsupported: `kleurmodus ${colorMode}` };
  let format: EsclFormat;
  if (profile.imageMode === 'lossless') {
    if (!offered.formats.includes('image/png')) return { unsupported: 'verliesvrij beeldformaat (PNG)' };
    format = 'image/png';
  } else {
    format = offered.formats.includes('image/jpeg')
      ? 'image/jpeg'
      : offered.formats.includes('image/png')
        ? 'image/png'
        : 'application/pdf';
  }
  // The nearest offered resolution at or above the profile's; never below the norm.
  const atOrAbove = [...offered.resolutions].filter((r) => r >= profile.resolution).sort((a, b) => a - b);
  if (offered.resolutions.length > 0 && atOrAbove.length === 0) return { unsupported: `resolutie ${profile.resolution} ppi` };
  const resolution = atOrAbove[0] ?? profile.resolution;
  return {
    source: profile.source === 'flatbed' ? 'Platen' : 'Feeder',
    duplex: profile.source === 'feeder' && profile.duplex,
    resolution,
    colorMode,
    format,
  };
}
