// Fuses are flipped in the packaged Electron binary (by @electron-forge/plugin-fuses, see forge.config.ts); they
// cannot be changed at run time.
import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

// Kept apart from forge.config.ts so that test/unit/main/security.test.ts can pin them.
// Build-time only: nothing in the app imports this file.

export const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS and --inspect would let anyone who can start the app inject code into it.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  // The app's code is only what is in the (integrity-checked) app.asar.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Pages are served from postkamer://, never file://, so file:// needs no extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
} as const satisfies FuseV1Config;
