// Scan profiles: listing them, and saving one (a clerk may not change or unlock a locked profile).
import { fromUi } from '../origin';
import { loadProfiles, saveProfile } from '../profiles';
import type { CoreServices, SomeHandlers } from '../types';

export function profileCommands(core: CoreServices) {
  return {
    'profiles.list': () => loadProfiles(core.store.db),
    'profiles.save': (i, ctx) => saveProfile(core.store.db, i.profile, fromUi(ctx) ? 'clerk' : 'admin'),
  } satisfies SomeHandlers;
}
