// The architecture of Postkamer as rules the build enforces: who may import whom. Checked by
// test/unit/architecture.test.ts and by hand with `npx depcruise --config .dependency-cruiser.cjs src main renderer`.
//
//   src/contract, src/domain  pure: the commands' shapes and the rules over letters. No I/O; the renderer bundles them.
//   src/base                  small shared helpers (id resolution, where the app's files are): Node only, no state.
//   src/store                 every table and the vault: the only place with SQL.
//   src/{capture,recognise,pdf,sync,audit}
//                             the engines: scanners, OCR, PDF/A, delivery to the zaaksysteem, the audit chain.
//   src/core                  the application layer: one module per feature with the contract's command handlers,
//                             merged and checked against the contract in src/core/handlers.ts; the Core dispatches.
//   src/hosts                 the entry points and transports: the CLI, the utility process, the web harness.
//   main/                     the Electron shell: windows, IPC, the key; starts the core in a utility process.
//   renderer/                 the UI in a sandboxed browser page: talks to the core only through the contract.
//
// Every rule below is an error: a layering mistake fails the unit tests, it is not a warning to be read later.

/** Packages that need Node or a native build (or are simply too heavy for pure code and the UI). */
const NODE_ONLY_PACKAGES = [
  'better-sqlite3-multiple-ciphers',
  'sharp',
  'tesseract.js',
  'ws',
  'pdfjs-dist',
  '@napi-rs/canvas',
  'multicast-dns',
  'tsx',
  'electron',
];
const inNodeModules = (names) => `(^|/)node_modules/(${names.map((n) => n.replace(/[.]/g, '\\.')).join('|')})/`;

/** The browser packages the UI uses. A new UI library is a deliberate one-line change here. */
// recharts: the supervisor's charts (issue 17), SVG with its data as a table beside it.
const RENDERER_PACKAGES = ['react', 'react-dom', 'i18next', 'react-i18next', 'recharts'];

/** Build configs next to the UI run in Node at build time; they are not UI code. */
const RENDERER_CODE = { path: '^renderer/', pathNot: '^renderer/(dist/|vite\\.config\\.ts$)' };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'No import cycles, type-only imports included: a cycle means two modules are really one, makes load order ' +
        'matter, and hides which side owns a type. Break one by moving the shared types into a small module both ' +
        'sides import (as src/core/types.ts does for the core, its handlers and the two ingest stages).',
      from: { path: '^(src|main|renderer)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment:
        'Every import must resolve to a file or an installed package: an import the checker cannot resolve is one ' +
        'no other rule here can judge.',
      from: { path: '^(src|main|renderer)/' },
      to: { couldNotResolve: true },
    },

    // --- contract and domain: pure -------------------------------------------------------------------------------
    {
      name: 'pure-no-node-builtins',
      severity: 'error',
      comment:
        'src/contract and src/domain do no I/O, and the renderer bundles them into a page that has no Node. So no ' +
        'Node built-in at all, not even the "harmless" node:crypto or node:util: pure code needs none today, and ' +
        'hashing, files and clocks belong to the core (store, audit, host), which passes results in.',
      from: { path: '^src/(contract|domain)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'pure-only-zod',
      severity: 'error',
      comment:
        'The only package pure code uses is zod (the contract is zod schemas). Native and heavy packages ' +
        `(${NODE_ONLY_PACKAGES.join(', ')}) would drag I/O into the contract and break the renderer build.`,
      from: { path: '^src/(contract|domain)/' },
      to: { dependencyTypesNot: ['local', 'core'], pathNot: '(^|/)node_modules/zod/' },
    },
    {
      name: 'pure-imports-only-itself',
      severity: 'error',
      comment:
        'src/contract and src/domain each import only their own files: nothing from the core (store, host, sync, ' +
        'capture, recognise, pdf, cli, audit), not each other, nor main/, renderer/ or test code. They sit at the ' +
        'bottom; everything else may depend on them.',
      from: { path: '^src/(contract|domain)/' },
      to: { path: '^(src|main|renderer|test|scripts|bin)/', pathNot: '^src/$1/' },
    },

    // --- renderer: only the contract --------------------------------------------------------------------------------
    {
      name: 'renderer-only-contract-and-domain',
      severity: 'error',
      comment:
        'The UI talks to the core only through the contract (window.postkamer); of src/ it may import the contract ' +
        '(command shapes, error texts) and the pure domain rules, never the core itself, main/ or test code.',
      from: RENDERER_CODE,
      to: { path: '^(src|main|test|scripts|bin)/', pathNot: '^src/(contract|domain)/' },
    },
    {
      name: 'renderer-no-node-builtins',
      severity: 'error',
      comment: 'The renderer is a sandboxed browser page without Node integration: a Node built-in cannot load there.',
      from: RENDERER_CODE,
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-only-browser-packages',
      severity: 'error',
      comment:
        `The renderer imports only the browser packages it is built on (${RENDERER_PACKAGES.join(', ')}). Adding a ` +
        `UI library is a deliberate edit of this list; Node-only packages (${NODE_ONLY_PACKAGES.join(', ')}) never belong.`,
      from: RENDERER_CODE,
      to: { dependencyTypesNot: ['local', 'core'], pathNot: inNodeModules(RENDERER_PACKAGES) },
    },

    // --- main: the shell ----------------------------------------------------------------------------------------------
    {
      name: 'main-only-contract-and-key-slots',
      severity: 'error',
      comment:
        'main/ talks to the core over the contract and starts it as a separate utility process (it forks the ' +
        'build of src/hosts/utility.ts by path, never imports it: an import would run the core in the Electron main ' +
        'process). So of src/ main imports only src/contract, with one exception: before the core can start, main ' +
        'must read the key file and unwrap the OS-keychain slot to obtain the master key the core is started with ' +
        '(main/keys.ts), and it confines postkamer:// URLs to the renderer folder (main/paths.ts). That is ' +
        'src/store/keyfile.ts with crypto.ts (key slots) and fsutil.ts (path containment, atomic writes) - small, ' +
        'Node-only, no SQL; the rule main-reaches-no-native-code keeps them that way. Duplicating the key-slot ' +
        'format in main/ would let the two drift apart; a re-export module would hide the same three files.',
      from: { path: '^main/' },
      to: {
        path: '^(src|renderer|test|scripts|bin)/',
        pathNot: ['^src/contract/', '^src/store/(keyfile|crypto|fsutil)\\.ts$'],
      },
    },
    {
      name: 'main-reaches-no-native-code',
      severity: 'error',
      comment:
        'Whatever main/ pulls in, directly or through the key-slot files above, must not reach the database, OCR, ' +
        'image or network packages: those run in the core process, and bundling them into main would load native ' +
        'code into the process that holds the window and the keychain.',
      from: { path: '^main/' },
      to: {
        reachable: true,
        path: inNodeModules(NODE_ONLY_PACKAGES.filter((p) => p !== 'electron')),
      },
    },

    // --- the layers of the core ----------------------------------------------------------------------------------------
    {
      name: 'engines-below-core',
      severity: 'error',
      comment:
        'The engines (store, capture, recognise, pdf, sync, audit, people) and base are libraries the application layer ' +
        'uses; they never import src/core (the command handlers) or src/hosts (the CLI, the web harness, the utility ' +
        'process). A rule that an engine needs from a handler belongs in the engine or in src/domain.',
      from: { path: '^src/(store|capture|recognise|pdf|sync|audit|base|people)/' },
      to: { path: '^src/(core|hosts)/' },
    },
    {
      name: 'core-below-hosts',
      severity: 'error',
      comment:
        'src/core does not know how it is reached: the transports in src/hosts import the core, never the reverse. ' +
        'A command works the same from the CLI, the app and the web harness because the core cannot tell them apart ' +
        'except through the CallContext they pass in.',
      from: { path: '^src/core/' },
      to: { path: '^src/hosts/' },
    },
    {
      name: 'base-imports-only-itself',
      severity: 'error',
      comment:
        'src/base holds small helpers everything may use (id prefixes, where the app files are); it imports nothing ' +
        'of the project but itself, so it can never pull a layer in.',
      from: { path: '^src/base/' },
      to: { path: '^(src|main|renderer|test|scripts|bin)/', pathNot: '^src/base/' },
    },

    // --- where things live -----------------------------------------------------------------------------------------
    {
      name: 'sql-only-in-store',
      severity: 'error',
      comment:
        'SQL belongs in src/store: only src/store opens the SQLCipher database (better-sqlite3-multiple-ciphers). ' +
        'Everything else asks src/store for what it needs, so the schema, the key and the transactions have one home.',
      from: { pathNot: '^src/store/' },
      to: { path: inNodeModules(['better-sqlite3-multiple-ciphers']) },
    },
    {
      name: 'electron-only-in-main',
      severity: 'error',
      comment:
        'Electron is the shell, not the core: the core runs without it (CLI, web harness), the renderer is ' +
        'sandboxed. Only main/ (and the Electron tests) import electron or @electron/*.',
      from: { pathNot: '^(main|test/electron)/' },
      to: { path: ['(^|/)node_modules/(electron|@electron/[^/]+)/', '^electron$'] },
    },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment:
        'Product code never loads test code or build scripts: what ships must not depend on fixtures, fake ' +
        'servers or tooling. The one exception is the next rule.',
      from: { path: '^(src|main|renderer)/', pathNot: '^src/hosts/cli/main\\.ts$' },
      to: { path: '^(test|scripts)/' },
    },
    {
      name: 'cli-loads-only-the-test-zaaksysteem',
      severity: 'error',
      comment:
        'Exception, kept on purpose: `postkamer zgw-server` starts the test zaaksysteem (test/zgw-server) for ' +
        'demos and end-to-end tests, loaded by a dynamic import only when that command runs. src/hosts/cli/main.ts may ' +
        'import that and no other test code.',
      from: { path: '^src/hosts/cli/main\\.ts$' },
      to: { path: '^(test|scripts)/', pathNot: '^test/zgw-server/' },
    },
  ],
  options: {
    // Only what ships is judged; test code, build output and packages are leaves of the graph.
    doNotFollow: { path: ['(^|/)node_modules/', '^test/'] },
    exclude: { path: ['^renderer/dist/', '^\\.build/', '^\\.vite/'] },
    // Type-only imports count: a cycle through `import type` is still a cycle.
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
