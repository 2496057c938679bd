#!/usr/bin/env node
// The `postkamer` command: runs the core built ahead of time into .build/core/ (scripts/build-core.mjs; done by
// `npm ci` and `npm test`). Nothing is compiled at run time and nothing executable comes from the temporary folder.
import { existsSync } from 'node:fs';

const entry = new URL('../.build/core/cli.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write(
    'postkamer: de kern is niet gebouwd (.build/core/cli.js ontbreekt); voer "npm run build:core" uit — the core is not built: run "npm run build:core"\n',
  );
  process.exit(1);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
