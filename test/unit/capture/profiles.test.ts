import { describe, expect, it } from 'vitest';
import { PostkamerError } from '../../../src/contract/errors';
import {
  applyProfileChange,
  defaultProfiles,
  esclSettingsFor,
  findProfile,
  validateProfile,
  type ScanProfile,
} from '../../../src/capture/profiles';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PostkamerError);
    return (e as PostkamerError).code;
  }
  return 'no error';
};

describe('default profiles', () => {
  it('follow the scanning norm: 300 ppi, colour where it matters, lossless masters for the archive', () => {
    for (const p of defaultProfiles) expect(validateProfile(p)).toEqual(p);
    const standaard = findProfile(defaultProfiles, 'standaard');
    expect(standaard).toMatchObject({
      resolution: 300,
      colour: 'auto',
      duplex: true,
      blankPages: 'drop',
      imageMode: 'standard',
      locked: false,
    });
    const archief = findProfile(defaultProfiles, 'archief');
    expect(archief).toMatchObject({ resolution: 300, colour: 'colour', imageMode: 'lossless', blankPages: 'flag', locked: true });
    expect(findProfile(defaultProfiles, 'fax')).toMatchObject({ colour: 'bilevel' });
    expect(new Set(defaultProfiles.map((p) => p.name)).size).toBe(defaultProfiles.length);
  });
});

describe('validateProfile', () => {
  const good = defaultProfiles[0]!;
  it('rejects unknown values and fields, naming the field', () => {
    for (const bad of [
      { ...good, resolution: 250 },
      { ...good, colour: 'sepia' },
      { ...good, blankPages: 'keep' },
      { ...good, name: 'Met Spaties' },
      { ...good, extra: 1 },
      { ...good, label: '' },
    ]) {
      expect(codeOf(() => validateProfile(bad))).toBe('invalid-input');
    }
    try {
      validateProfile({ ...good, resolution: 250 });
    } catch (e) {
      expect((e as PostkamerError).details).toEqual({ field: 'resolution' });
    }
    expect(codeOf(() => validateProfile(null))).toBe('invalid-input');
  });
});

describe('applyProfileChange', () => {
  const archief = findProfile(defaultProfiles, 'archief');
  const standaard = findProfile(defaultProfiles, 'standaard');

  it('a clerk cannot change a locked profile', () => {
    expect(codeOf(() => applyProfileChange(archief, { resolution: 200 }, 'clerk'))).toBe('forbidden');
    expect(codeOf(() => applyProfileChange(archief, { locked: false }, 'clerk'))).toBe('forbidden');
  });

  it('setting a field to the value it already has is no change, even on a locked profile', () => {
    expect(applyProfileChange(archief, { resolution: 300 }, 'clerk')).toEqual(archief);
  });

  it('a clerk can change an unlocked profile but not lock it; an administrator can do both', () => {
    expect(applyProfileChange(standaard, { blankPages: 'flag' }, 'clerk').blankPages).toBe('flag');
    expect(codeOf(() => applyProfileChange(standaard, { locked: true }, 'clerk'))).toBe('forbidden');
    const locked = applyProfileChange(standaard, { locked: true, resolution: 400 }, 'admin');
    expect(locked).toMatchObject({ locked: true, resolution: 400 });
    expect(applyProfileChange(archief, { locked: false }, 'admin').locked).toBe(false);
  });

  it('nobody renames a profile, and the result is validated', () => {
    expect(codeOf(() => applyProfileChange(standaard, { name: 'anders' }, 'admin'))).toBe('invalid-input');
    expect(codeOf(() => applyProfileChange(standaard, { resolution: 123 as ScanProfile['resolution'] }, 'admin'))).toBe('invalid-input');
  });

  it('does not change its input', () => {
    const copy = structuredClone(standaard);
    applyProfileChange(standaard, { duplex: false }, 'clerk');
    expect(standaard).toEqual(copy);
  });
});

describe('esclSettingsFor', () => {
  const offered = {
    formats: ['image/jpeg', 'application/pdf'],
    colorModes: ['RGB24', 'Grayscale8', 'BlackAndWhite1'],
    resolutions: [200, 300, 600],
  };
  it('maps a profile onto what the scanner offers', () => {
    expect(esclSettingsFor(findProfile(defaultProfiles, 'standaard'), offered)).toEqual({
      source: 'Feeder',
      duplex: true,
      resolution: 300,
      colorMode: 'RGB24',
      format: 'image/jpeg',
    });
    expect(esclSettingsFor(findProfile(defaultProfiles, 'fax'), { ...offered, formats: ['image/png'] })).toMatchObject({
      colorMode: 'BlackAndWhite1',
      format: 'image/png',
      resolution: 200,
      duplex: false,
    });
  });
  it('never goes below the profile resolution and never stores lossy masters for a lossless profile', () => {
    expect(esclSettingsFor(findProfile(defaultProfiles, 'standaard'), { ...offered, resolutions: [150, 400] })).toMatchObject({
      resolution: 400,
    });
    expect(esclSettingsFor(findProfile(defaultProfiles, 'standaard'), { ...offered, resolutions: [150, 200] })).toEqual({
      unsupported: 'resolutie 300 ppi',
    });
    expect(esclSettingsFor(findProfile(defaultProfiles, 'archief'), offered)).toEqual({ unsupported: 'verliesvrij beeldformaat (PNG)' });
  });
});
