// The app's data folder (the one Electron's `app.getPath('userData')` gives for "Postkamer") and the store in it.
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The CLI defaults to it (plus `/store`) so that app and CLI share one store. */
export function userDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Postkamer');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Postkamer');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'Postkamer');
}

export const defaultDataDir = (env: NodeJS.ProcessEnv = process.env) => env.POSTKAMER_DATA || join(userDataDir(env), 'store');
