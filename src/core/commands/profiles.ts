// Scan profiles: listing them, and saving one (a clerk may not change or unlock a locked profile).
import { loadProfiles, saveProfile } from '../profiles';
import type { CoreServices, SomeHandlers } from '../types';

export function profileCommands(core: CoreServices) {
  return {
    'profiles.list': () => loadProfiles(core.store.db),
    // Locking a profile, or changing a locked one, is the administrator's; a clerk adjusts the unlocked ones.
    'profiles.save': (i, ctx) => saveProfile(core.store.db, i.profile, ctx.person?.roles.includes('beheerder') ? 'admin' : 'clerk'),
  } satisfies SomeHandlers;
}
