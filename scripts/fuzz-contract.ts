// Fuzzes every contract command through the real transports for a longer budget than `npm test` gives it:
// `node bin/run-ts.mjs scripts/fuzz-contract.ts --seconds 600 --seed 42 [--only documents.search,upload.chunk]`.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandName } from '../src/contract/commands';
import { textPng } from '../test/support/scans';
import {
  allCommands,
  fuzzContract,
  removeSandbox,
  sandboxViolations,
  setupFuzzEnv,
  teardownFuzzEnv,
} from '../test/support/contract-arbitraries';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    only: { type: 'string' },
    runs: { type: 'string', default: '100000' },
    keep: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
if (!Number.isFinite(seconds) || seconds <= 0 || !Number.isInteger(seed)) {
  process.stderr.write(
    'usage: node bin/run-ts.mjs scripts/fuzz-contract.ts --seconds <n> --seed <integer> [--only a,b] [--runs <max per command>] [--keep]\n',
  );
  process.exit(1);
}
const selected = values.only ? (values.only.split(',') as CommandName[]) : allCommands;
const unknown = selected.filter((c) => !allCommands.includes(c));
if (unknown.length) {
  process.stderr.write(`unknown command(s): ${unknown.join(', ')}\n`);
  process.exit(1);
}

const root = mkdtempSync(join(tmpdir(), 'postkamer-fuzz-'));
process.stdout.write(`seed ${seed}, ${seconds} s over ${selected.length} commands, sandbox ${root}\n`);
const env = await setupFuzzEnv({ root, seedPng: await textPng('Fuzzbrief Appelboom 2026') });
const reports = await fuzzContract(env, {
  seed,
  budgetMs: seconds * 1000,
  numRuns: Number(values.runs),
  minRuns: 4,
  commands: selected,
  onReport: (r) =>
    process.stdout.write(
      r.failed
        ? `FAIL ${r.command} (${r.runs} runs)\n  input:   ${r.counterexample}\n  problem: ${r.problem}\n`
        : `ok   ${r.command} (${r.runs} runs, ${r.ms} ms) ${JSON.stringify(env.outcomes.get(r.command) ?? {})}\n`,
    ),
});
await teardownFuzzEnv(env);
const escaped = sandboxViolations(env.sandbox);
for (const v of escaped) process.stdout.write(`SANDBOX ${v}\n`);
if (!values.keep) removeSandbox(env.sandbox);
const failed = reports.filter((r) => r.failed);
process.stdout.write(`${failed.length} of ${reports.length} commands failed; seed ${seed}\n`);
process.exit(failed.length || escaped.length ? 1 : 0);
