import { join } from 'node:path';
import { defineConfig } from 'vite';
import { buildOutDir, builtByForge, repoRoot } from './main/build/vite-node';

// The preload → .vite/build/preload.cjs. A sandboxed preload is run as a plain script whose `require` knows only
// `electron` (and a few polyfilled modules): no ESM, no node_modules. So it is ONE CommonJS file with everything it
// imports (src/contract, zod) inlined and only `electron` left external; test/unit/main/bundle.test.ts checks that.
export default defineConfig((env) => ({
  root: repoRoot,
  clearScreen: false,
  build: {
    outDir: buildOutDir,
    emptyOutDir: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    target: 'chrome140', // Electron 45's Chromium
    ...(builtByForge(env) ? {} : { minify: false }),
    rollupOptions: {
      input: join(repoRoot, 'main/preload.ts'),
      external: ['electron'],
      output: { format: 'cjs', inlineDynamicImports: true, entryFileNames: 'preload.cjs' },
    },
  },
}));
