// Where the project's own files (assets/, renderer/dist/) are, for code running from source (src/core/, src/hosts/), from the
// CLI's ahead-of-time build (.build/core/, scripts/build-core.mjs) or from the Electron build (.vite/build/, inside
// app.asar when packaged): each of the three is two folders below the root, so one relative step serves them all.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project (or packaged app) root folder. */
export const appRoot = (): string => resolve(fileURLToPath(new URL('../..', import.meta.url)));

/** A path below the root, e.g. `appPath('assets', 'zgw')`. */
export const appPath = (...segments: string[]): string => join(appRoot(), ...segments);
