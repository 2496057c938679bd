// Scan profiles are bounded (review finding F11): the renderer cannot fill the store with profiles, and a stored
// list over the bound (a damaged or planted setting) is refused on reading. The real core and store on disk.
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_PROFILES } from '../../src/capture/profiles';
import type { Result } from '../../src/contract/wire';
import { Core, type CallContext } from '../../src/core/core';
import { loadProfiles } from '../../src/core/profiles';
import { writeStoredProfiles } from '../../src/store/profiles';
import { initStore, type Store } from '../../src/store/store';
import { PASSPHRASE, tempDir } from '../support/cli';
import { signedInAs } from '../support/people';

const profile = (i: number) => ({
  name: `p-${i}`,
  label: `Profiel ${i}`,
  resolution: 300,
  colour: 'gray',
  duplex: false,
  source: 'feeder',
  blankPages: 'drop',
  imageMode: 'standard',
  documentType: null,
  separatorSheets: false,
  patchT: false,
  locked: false,
});

let store: Store | undefined;
afterEach(() => {
  store?.close();
  store = undefined;
});

describe('scan profiles are bounded', () => {
  it(`the renderer can add profiles up to ${50} in all, then gets a clear Dutch error; changing one still works`, async () => {
    store = await initStore(tempDir(), { passphrase: PASSPHRASE });
    const core = new Core(store);
    const renderer: CallContext = await signedInAs(core, ['medewerker'], 'renderer');
    const existing = loadProfiles(store.db).length;
    for (let i = existing; i < 50; i++) {
      const r = (await core.call('profiles.save', { profile: profile(i) }, renderer)) as Result<unknown[]>;
      expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const over = (await core.call('profiles.save', { profile: profile(999) }, renderer)) as Result<unknown>;
    expect(over.ok).toBe(false);
    if (over.ok) return;
    expect(over.error.code).toBe('invalid-input');
    expect(over.error.message).toMatch(/meer dan 50 scanprofielen/);
    expect(loadProfiles(store.db)).toHaveLength(50);
    expect(MAX_PROFILES).toBe(50);
    // A change to an existing profile is no new profile.
    const change = (await core.call('profiles.save', { profile: { ...profile(existing), label: 'Anders' } }, renderer)) as Result<
      unknown[]
    >;
    expect(change.ok, JSON.stringify(change)).toBe(true);
  });

  it('a stored list over the bound is refused when read, naming the setting', async () => {
    store = await initStore(tempDir(), { passphrase: PASSPHRASE });
    writeStoredProfiles(
      store.db,
      Array.from({ length: 10_000 }, (_, i) => profile(i)),
    );
    let err: unknown;
    try {
      loadProfiles(store.db);
    } catch (e) {
      err = e;
    }
    expect((err as { code?: string })?.code).toBe('store-corrupt');
    expect((err as Error).message).toMatch(/scanprofielen/);
  });
});
