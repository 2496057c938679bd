import { defineConfig } from 'vite';
import { builtByForge, nodeEntryConfig } from './main/build/vite-node';

// Electron main → .vite/build/main.js (ESM). Everything but electron and Node's built-ins is bundled (the
// contract, zod, the key-file code), so main needs nothing from node_modules.
export default defineConfig((env) =>
  nodeEntryConfig(env, {
    entry: 'main/main.ts',
    name: 'main',
    external: [],
    // Forge's Vite plugin defines these (the renderer's dev-server URL under `electron-forge start`); a standalone
    // build loads the built renderer through postkamer://app/.
    define: builtByForge(env)
      ? undefined
      : { MAIN_WINDOW_VITE_DEV_SERVER_URL: 'undefined', MAIN_WINDOW_VITE_NAME: JSON.stringify('main_window') },
  }),
);
