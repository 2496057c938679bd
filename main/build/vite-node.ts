// Vite settings for the Node-side builds (Electron main, the core's utility process), shared by vite.main.config.ts
// and vite.utility.config.ts.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConfigEnv, UserConfig } from 'vite';

// Each config works both under Forge's Vite plugin (which merges its defaults UNDER ours: our values win) and
// standalone (`npx vite build -c vite.main.config.ts`), so the Electron specs and the unit tests can build the app
// without Forge.

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const buildOutDir = join(repoRoot, '.vite', 'build');

/** Forge passes its own keys in the ConfigEnv it calls a config function with. */
export const builtByForge = (env: ConfigEnv) => 'forgeConfig' in env;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A rollup `external` entry matching the packages and their subpaths (`pdfjs-dist/legacy/build/pdf.mjs`). */
export function packagesPattern(packages: string[]): RegExp {
  return new RegExp(`^(?:${packages.map(escape).join('|')})(?:/.*)?$`);
}

export const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * One Node-side entry (Electron main or the core's utility process) → `.vite/build/<name>.js`, an ES module
 * (package.json has "type": "module"; Electron ≥ 28 loads ESM in main and in utility processes), one file.
 */
export function nodeEntryConfig(
  env: ConfigEnv,
  opts: { entry: string; name: string; external: (string | RegExp)[]; define?: Record<string, string> },
): UserConfig {
  const forge = builtByForge(env);
  return {
    root: repoRoot,
    clearScreen: false,
    // Forge sets these as well; repeated for the standalone build.
    resolve: { conditions: ['node'], mainFields: ['module', 'jsnext:main', 'jsnext'] },
    define: opts.define,
    build: {
      outDir: buildOutDir,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      target: 'node22', // Electron 45's Node.js
      ...(forge ? {} : { minify: false }),
      lib: { entry: join(repoRoot, opts.entry), formats: ['es'], fileName: () => `${opts.name}.js` },
      rollupOptions: {
        external: ['electron', /^electron\//, ...nodeBuiltins, ...opts.external],
        output: { inlineDynamicImports: true },
      },
    },
  };
}
