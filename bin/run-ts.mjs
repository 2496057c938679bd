#!/usr/bin/env node
// Runs a TypeScript file (scripts, benchmarks) through tsx: `node bin/run-ts.mjs <file.ts> [args…]`.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

register();
const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bin/run-ts.mjs <file.ts> [args…]\n');
  process.exit(1);
}
process.argv = [process.argv[0], resolve(file), ...args];
await import(pathToFileURL(resolve(file)).href);
