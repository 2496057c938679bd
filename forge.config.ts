import { fileURLToPath } from 'node:url';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerRpm } from '@electron-forge/maker-rpm';
import { MakerSquirrel } from '@electron-forge/maker-squirrel';
import { MakerZIP } from '@electron-forge/maker-zip';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { dependencyClosure, packagerIgnore, runtimePackages, unpackGlob } from './main/build/package-files';
import { FUSES } from './main/fuses';

// `npm start` (electron-forge start), `npm run package`, `npm run make`.
//
// What goes into the app: package.json, Forge's Vite output (.vite/: main.js, preload.cjs, utility.js), the
// renderer build, and in node_modules only the packages the core loads at run time plus their dependencies
// (main/build/package-files.ts). Everything else in the project (sources, tests, dev tools) stays out.
//
// Native modules. better-sqlite3-multiple-ciphers is a NAN addon built per ABI: Forge rebuilds it for Electron
// with @electron/rebuild (rebuildConfig below) when it packages, and — careful — in place in the project's
// node_modules on `npm start`; afterwards `npm rebuild better-sqlite3-multiple-ciphers` makes it usable for Node
// (tests, CLI) again. sharp and @napi-rs/canvas are N-API (ABI-stable) prebuilt binaries: nothing to rebuild.
// Nothing rebuilds anything on `npm install`.
//
// What must be a real file outside app.asar (asar.unpack): every `.node` binary (AutoUnpackNativesPlugin: the OS
// loader cannot dlopen from inside an archive), and sharp's libvips shared libraries in @img/sharp-libvips-*,
// which the sharp `.node` finds through its rpath relative to its own (unpacked) location — as sharp's docs ask,
// all of sharp and @img is unpacked.
//
// tesseract.js in the packaged app. It is external to the bundle and loaded from app.asar/node_modules, like
// under tsx. It starts each OCR worker with `new Worker(<tesseract.js>/src/worker-script/node/index.js)` — a path
// inside app.asar — and Electron sets up asar support in worker threads (electron/electron#33216, Electron ≥ 18),
// so the worker script, its requires and tesseract.js-core's .wasm (read with fs) load from the archive. The
// language data is resolved by src/recognise/tessdata.ts with createRequire(import.meta.url) from
// .vite/build/utility.js, i.e. app.asar/node_modules/@tesseract.js-data/<lang>/…/<lang>.traineddata.gz, and read
// with fs by the worker; for 'nld+eng' it is first copied to one staging folder (a real folder, outside the asar).
// All of it stays inside app.asar on purpose: the archive is covered by the asar-integrity fuse, unpacked
// JavaScript would not be. Should a future Electron lose asar support in workers, add tesseract.js and its deps to
// `unpack` and pass the worker a `workerPath` with app.asar → app.asar.unpacked.

const root = fileURLToPath(new URL('.', import.meta.url));
let shipped: string[] | null = null;
const shippedPackages = () => (shipped ??= dependencyClosure(root, runtimePackages(root)));

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Postkamer',
    executableName: 'postkamer',
    appBundleId: 'nl.postkamer.app',
    appCategoryType: 'public.app-category.business',
    asar: { unpack: unpackGlob(['sharp', '@img']) },
    // Setting `ignore` ourselves replaces the Vite plugin's (which keeps only .vite/ and so would drop the
    // external packages the core needs); the list is computed on first use.
    ignore: (path: string) => packagerIgnore(shippedPackages())(path),
  },
  rebuildConfig: { onlyModules: ['better-sqlite3-multiple-ciphers'] },
  makers: [
    // package.json has no "author": the installers need one (set the municipality's name before a release).
    new MakerSquirrel({ name: 'Postkamer', setupExe: 'PostkamerSetup.exe', authors: 'Postkamer' }),
    new MakerZIP({}, ['darwin']),
    new MakerDMG({ format: 'ULFO' }),
    new MakerDeb({
      options: { bin: 'postkamer', productName: 'Postkamer', maintainer: 'Postkamer', categories: ['Office'], section: 'misc' },
    }),
    new MakerRpm({ options: { bin: 'postkamer', productName: 'Postkamer', categories: ['Office'], license: 'EUPL-1.2' } }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'main/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        { entry: 'src/hosts/utility.ts', config: 'vite.utility.config.ts', target: 'main' },
      ],
      renderer: [{ name: 'main_window', config: 'renderer/vite.config.ts' }],
    }),
    new AutoUnpackNativesPlugin({}),
    // Flipped in the packaged binary only; main/fuses.ts says why each is set, test/unit/main/security.test.ts pins them.
    new FusesPlugin(FUSES),
  ],
};

export default config;
