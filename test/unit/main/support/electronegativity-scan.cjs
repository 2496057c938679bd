// Runs Electronegativity (its Node API) over the folders it is given, offline, in a process of its own, and writes
// every finding and parse error as JSON (used by test/unit/main/electronegativity.test.ts).
'use strict';

const Module = require('node:module');
const { statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const { root, inputs, electronVersion, out } = JSON.parse(process.argv[2]);
const engDir = join(root, 'node_modules', '@doyensec', 'electronegativity');
const engRequire = Module.createRequire(join(engDir, 'dist', 'runner.js'));

// Electronegativity fetches translations and Electron's release list with `got` (the latter without a timeout).
// Tests send nothing anywhere but 127.0.0.1: every such request fails at once, and Electronegativity goes on
// without them, as it does on a machine without a network. (The release list only matters for the Electron
// version found in a package.json; the version is passed explicitly below.)
const refuse = () => Promise.reject(Object.assign(new Error('no network in tests'), { code: 'ENETUNREACH' }));
const offlineGot = Object.assign(refuse, { get: refuse, head: refuse, post: refuse, stream: refuse, extend: () => offlineGot });
for (const from of ['dist/locales/i18n.js', 'dist/finder/checks/GlobalChecks/AvailableSecurityFixesGlobalCheck.js']) {
  const path = Module.createRequire(join(engDir, from)).resolve('got');
  const m = new Module(path);
  m.filename = path;
  m.exports = offlineGot;
  m.loaded = true;
  require.cache[path] = m;
}

const run = engRequire('./runner.js');
const { list_files: listFiles } = engRequire('./util');

async function main() {
  const results = [];
  for (const input of inputs) {
    const files = statSync(input).isDirectory() ? await listFiles(input) : [input];
    const r = await run({ input, electronVersionOverride: electronVersion, isRelative: false, customScan: [], excludeFromScan: [] });
    results.push({
      input,
      files,
      errors: r.errors.map((e) => ({ file: e.file, message: e.message, tolerable: e.tolerable })),
      issues: r.issues.map((i) => ({
        id: i.id,
        severity: i.severity.name,
        confidence: i.confidence.name,
        manualReview: !!i.manualReview,
        file: i.file,
        line: i.location.line,
        column: i.location.column,
        description: i.description,
      })),
    });
  }
  writeFileSync(out, JSON.stringify(results, null, 1));
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`${e && e.stack ? e.stack : String(e)}\n`);
    process.exit(1);
  },
);
