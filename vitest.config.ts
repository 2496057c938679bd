import { defineConfig } from 'vitest/config';

// Three projects: fast unit tests, integration tests against real parts (SQLCipher on disk, tesseract.js,
// HTTP on 127.0.0.1, the CLI as a child process), and end-to-end tests in Debian's Chromium.
export default defineConfig({
  test: {
    // Rebuilds the CLI's core (.build/core/) before every run: tests spawn bin/postkamer.mjs, which runs that build.
    globalSetup: ['test/global-setup.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          // A UI step (a page rebuilt into PDF/A, then announced) can take seconds while the integration project
          // keeps both cores busy; vitest's default of 1 s for expect.poll made such steps fail under load.
          expect: { poll: { timeout: 15_000 } },
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
