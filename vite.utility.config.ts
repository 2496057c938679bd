import { defineConfig } from 'vite';
import { runtimePackages } from './main/build/package-files';
import { nodeEntryConfig, packagesPattern, repoRoot } from './main/build/vite-node';

// The core's utility process → .vite/build/utility.js (ESM). The npm packages the core uses at run time stay
// external and are loaded from node_modules as under tsx: native modules (better-sqlite3-multiple-ciphers, sharp,
// @napi-rs/canvas) cannot be bundled, and tesseract.js, pdf.js and zxing-wasm find their workers, wasm and data
// files relative to their own package folders. forge.config.ts ships exactly these packages (and their deps).
export default defineConfig((env) =>
  nodeEntryConfig(env, { entry: 'src/hosts/utility.ts', name: 'utility', external: [packagesPattern(runtimePackages(repoRoot))] }),
);
