import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// `npm run test:electron`: the specs that need the Electron binary (skipped with a message where it is missing).
// Apart from the main vitest.config.ts so that `npm test` never builds or starts Electron.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/electron/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
