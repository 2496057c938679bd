import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { afterEach, describe, expect, it } from 'vitest';
import forgeConfig from '../../../forge.config';
import { dependencyClosure, packagerIgnore, runtimePackages, unpackGlob } from '../../../main/build/package-files';
import { tempDir } from './support/in-process-core';

const root = resolve(import.meta.dirname, '../../..');
const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((c) => c()));

function pkg(base: string, dir: string, json: object): void {
  mkdirSync(join(base, dir), { recursive: true });
  writeFileSync(join(base, dir, 'package.json'), JSON.stringify(json));
}

describe('what the packaged app contains', () => {
  it("the core's run-time packages: the native ones and the OCR/PDF stack, not the renderer's or dev tools", () => {
    const rt = runtimePackages(root);
    for (const p of [
      'better-sqlite3-multiple-ciphers',
      'sharp',
      '@napi-rs/canvas',
      'tesseract.js',
      '@tesseract.js-data/nld',
      'pdfjs-dist',
      'zod',
    ])
      expect(rt).toContain(p);
    for (const p of ['react', 'react-dom', 'i18next', 'tsx', 'vite', 'electron']) expect(rt).not.toContain(p);
  });

  it('tsx and esbuild are dev tools only: the CLI runs the core built ahead of time (scripts/build-core.mjs)', () => {
    const pj = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const p of ['tsx', 'esbuild']) {
      expect(pj.dependencies, p).not.toHaveProperty(p);
      expect(pj.devDependencies, p).toHaveProperty(p);
    }
    const closure = dependencyClosure(root, runtimePackages(root));
    for (const p of ['node_modules/tsx', 'node_modules/esbuild']) expect(closure).not.toContain(p);
  });

  it('their installed dependency closure, on this machine', () => {
    const closure = dependencyClosure(root, runtimePackages(root));
    for (const p of [
      'node_modules/tesseract.js-core',
      'node_modules/bindings',
      'node_modules/sharp',
      'node_modules/@tesseract.js-data/osd',
    ])
      expect(closure).toContain(p);
    expect(closure.some((p) => p.startsWith('node_modules/@img/sharp-'))).toBe(true); // this platform's prebuilt sharp
    for (const p of ['node_modules/vitest', 'node_modules/vite', 'node_modules/electron', 'node_modules/typescript', 'node_modules/react'])
      expect(closure).not.toContain(p);
  });

  it('resolves nested node_modules first, skips missing optional dependencies, fails on missing required ones', () => {
    const t = tempDir();
    cleanup.push(t.remove);
    pkg(t.dir, '.', { dependencies: { a: '1' } });
    pkg(t.dir, 'node_modules/a', { dependencies: { b: '1', c: '1' }, optionalDependencies: { 'gone-on-this-os': '1' } });
    pkg(t.dir, 'node_modules/a/node_modules/b', { dependencies: { c: '1' } });
    pkg(t.dir, 'node_modules/b', {});
    pkg(t.dir, 'node_modules/c', {});
    expect(dependencyClosure(t.dir, ['a'])).toEqual(['node_modules/a', 'node_modules/a/node_modules/b', 'node_modules/c']);
    pkg(t.dir, 'node_modules/c', { dependencies: { missing: '1' } });
    expect(() => dependencyClosure(t.dir, ['a'])).toThrow(/"missing" is not installed/);
  });

  it('packager keeps package.json, the Vite output, the renderer build and the kept packages only', () => {
    const ignore = packagerIgnore(['node_modules/sharp', 'node_modules/@img/sharp-linux-x64', 'node_modules/a/node_modules/b']);
    for (const kept of [
      '',
      '/package.json',
      '/.vite',
      '/.vite/build/main.js',
      '/renderer',
      '/renderer/dist/index.html',
      '/node_modules',
      '/node_modules/sharp/lib/index.js',
      '/node_modules/@img',
      '/node_modules/@img/sharp-linux-x64/lib/sharp.node',
      '/node_modules/a',
      '/node_modules/a/node_modules/b/x.js',
      '/assets/icc/sRGB.icc',
    ])
      expect(ignore(kept), kept).toBe(false);
    for (const dropped of [
      '/src/core/core.ts',
      '/main/main.ts',
      '/test',
      '/renderer/app/App.tsx',
      '/renderer/vite.config.ts',
      '/tsconfig.json',
      '/forge.config.ts',
      '/.git',
      '/node_modules/vitest',
      '/node_modules/sharpie',
      '/node_modules/@img/sharp-win32-x64',
      '/node_modules/.bin',
      '/node_modules/a/index.js',
      '/node_modules/a/node_modules/z',
    ])
      expect(ignore(dropped), dropped).toBe(true);
  });

  it('forge.config.ts: the Vite entries, the ignore list, what is unpacked, the makers', () => {
    const pc = forgeConfig.packagerConfig!;
    const ignore = pc.ignore as (p: string) => boolean;
    expect(ignore('/.vite/build/utility.js')).toBe(false);
    expect(ignore('/node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node')).toBe(false);
    expect(ignore('/node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm')).toBe(false);
    expect(ignore('/node_modules/@tesseract.js-data/nld/4.0.0_best_int/nld.traineddata.gz')).toBe(false);
    expect(ignore('/node_modules/vite/package.json')).toBe(true);
    expect(ignore('/src/hosts/utility.ts')).toBe(true);

    expect(pc.asar).toEqual({ unpack: unpackGlob(['sharp', '@img']) });
    expect(unpackGlob(['sharp', '@img'])).toBe('{**/node_modules/sharp/**,**/node_modules/@img/**}');

    const plugins = forgeConfig.plugins ?? [];
    expect(plugins.some((p) => p instanceof AutoUnpackNativesPlugin)).toBe(true);
    const vite = plugins.find((p): p is VitePlugin => p instanceof VitePlugin)!;
    expect(vite.config.build.map((b) => [b.entry, b.config])).toEqual([
      ['main/main.ts', 'vite.main.config.ts'],
      ['main/preload.ts', 'vite.preload.config.ts'],
      ['src/hosts/utility.ts', 'vite.utility.config.ts'],
    ]);
    expect(vite.config.renderer).toEqual([{ name: 'main_window', config: 'renderer/vite.config.ts' }]);

    const makers = forgeConfig.makers ?? [];
    for (const M of [MakerSquirrel, MakerZIP, MakerDMG, MakerDeb, MakerRpm])
      expect(
        makers.some((m) => m instanceof M),
        M.name,
      ).toBe(true);
    const zip = makers.find((m): m is MakerZIP => m instanceof MakerZIP)!;
    expect(zip.platforms).toEqual(['darwin']);
    // The project's package.json must point Electron at the Vite output.
    expect(dirname((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string }).main)).toBe('.vite/build');
  });
});
