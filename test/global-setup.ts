// Vitest globalSetup: rebuilds the core (.build/core/, scripts/build-core.mjs) before every run, so tests that
// spawn `bin/postkamer.mjs` never run a CLI older than src/ (about a second; unchanged files are left alone).
import { buildCore } from '../scripts/build-core.mjs';

export default async function setup(): Promise<void> {
  await buildCore({ log: false });
}
