// Types of scripts/build-core.mjs for the TypeScript that imports it (test/global-setup.ts, the build tests).
import type { Metafile } from 'esbuild';

export const root: string;
export const outDir: string;
export const cliEntry: string;
export function buildCore(opts?: { log?: boolean }): Promise<{ outDir: string; files: string[]; metafile: Metafile }>;
