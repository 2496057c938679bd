// Contract fuzzing: every command of the contract, through the real web harness's WebSocket (renderer commands) or
// `core.call` from a trusted origin (local commands), with hostile and with valid-shaped inputs from the command's own
// schema, over a real store on disk. Every call answers a stable error code (never `internal`) or a valid output, in
// bounded time; the harness keeps serving; the fuzzer stays in its sandbox folder and on 127.0.0.1.
// Fixed seed and a time budget here; `scripts/fuzz-contract.ts` runs the same generators for longer.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorMessages } from '../../src/contract/errors';
import {
  fuzzContract,
  removeSandbox,
  runCase,
  sandboxViolations,
  setupFuzzEnv,
  teardownFuzzEnv,
  type CommandReport,
  type FuzzEnv,
} from '../support/contract-arbitraries';
import { tempDir } from '../support/cli';
import { textPng } from '../support/scans';

const SEED = 20_261_206;
const stableCodes = Object.keys(errorMessages).filter((c) => c !== 'internal');
/** Fuzzing budget for the whole contract in `npm test` (2-core machine); with the setup the file stays under 60 s. */
const BUDGET_MS = 30_000;

describe('contract fuzzing through the real transports', () => {
  let env: FuzzEnv;
  const reports: CommandReport[] = [];

  beforeAll(async () => {
    env = await setupFuzzEnv({ root: tempDir('postkamer-fuzz-'), seedPng: await textPng('Fuzzbrief Appelboom 2026') });
  });
  afterAll(async () => {
    if (!env) return;
    await teardownFuzzEnv(env);
    removeSandbox(env.sandbox);
  });

  it('the seed documents reached the store, so valid inputs reach the handlers', () => {
    // Two documents, their batch, their pages and an upload: the ids valid inputs refer to.
    expect(env.pool.length).toBeGreaterThanOrEqual(6);
  });

  it('the oracle passes good answers and reports a call that does not answer in time', async () => {
    expect(await runCase(env, 'app.status', {})).toBeNull();
    expect(await runCase(env, 'documents.get', { id: 'not-a-uuid' })).toBeNull(); // invalid-input: as it should be
    const limit = env.callTimeoutMs;
    env.callTimeoutMs = 0;
    try {
      expect(await runCase(env, 'batches.list', {})).toMatch(/no answer/);
    } finally {
      env.callTimeoutMs = limit;
    }
  });

  it('every command answers a stable code or a valid output, in time, and the harness keeps serving', async () => {
    reports.push(...(await fuzzContract(env, { seed: SEED, budgetMs: BUDGET_MS, minRuns: 3, numRuns: 150 })));
    // What each command answered: shows that valid-shaped cases reach the handlers, not only the validation.
    console.log(
      reports.map((r) => `${r.command}: ${r.runs} cases in ${r.ms} ms ${JSON.stringify(env.outcomes.get(r.command) ?? {})}`).join('\n'),
    );
    const failures = reports
      .filter((r) => r.failed)
      .map((r) => `${r.command} (seed ${r.seed}): ${r.problem}\n    input: ${r.counterexample}`);
    expect(failures, failures.join('\n')).toEqual([]);
    // Every command really ran cases (no command silently skipped).
    for (const r of reports) expect(r.runs, r.command).toBeGreaterThan(0);
    // The sandbox saw the fuzzed calls' traffic, and none of it left 127.0.0.1 or the sandbox folder.
    expect(env.sandbox.sent.size).toBeGreaterThan(0);
    expect(sandboxViolations(env.sandbox)).toEqual([]);
  });

  // Reductions of what the fuzzer found, kept as plain cases (the same property, no randomness).
  describe('found by the fuzzer', () => {
    const exportTo = (path: string) =>
      env.core.call('documents.export', { id: env.pool[0], kind: 'pdf', path }, { origin: 'cli', connection: 'cli-fuzz' });
    const leftovers = (dir: string, name: string) => readdirSync(dir).filter((n) => n.startsWith(`${name}.`) && n.endsWith('.tmp'));

    it('documents.search with a NUL in the query is invalid input, not internal', async () => {
      const r = await env.client.call('documents.search', JSON.stringify({ query: 'Appel\u0000boom' }), 10_000);
      expect(r.ok ? 'ok' : r.error.code).toBe('invalid-input');
    });

    it('documents.export onto an existing folder answers a stable code and leaves no plaintext temp file', async () => {
      const r = await exportTo(join(env.sandbox.root, 'out'));
      expect(r.ok, JSON.stringify(r)).toBe(false);
      expect(stableCodes, JSON.stringify(r)).toContain((r as { error: { code: string } }).error.code);
      // The decrypted PDF must not stay behind as `<path>.<pid>.tmp` beside the folder.
      expect(leftovers(env.sandbox.root, 'out')).toEqual([]);
    });

    it('documents.export into a folder that does not exist answers a stable code', async () => {
      const r = await exportTo(join(env.sandbox.root, 'missing', 'brief.pdf'));
      expect(r.ok, JSON.stringify(r)).toBe(false);
      expect(stableCodes, JSON.stringify(r)).toContain((r as { error: { code: string } }).error.code);
    });

    it('sync.refresh while the zaaksysteem cannot be reached answers zgw-unreachable, not internal', async () => {
      const base = `http://127.0.0.1:${env.sandbox.closedPort}`; // nothing listens here: connection refused
      const set = await env.core.call(
        'sync.connection.set',
        {
          env: 'test',
          zaken: `${base}/zaken/api/v1`,
          documenten: `${base}/documenten/api/v1`,
          catalogi: `${base}/catalogi/api/v1`,
          clientId: 'fuzz',
          secret: 'fuzz-secret',
          rsin: '002220647',
          activate: true,
        },
        { origin: 'cli', connection: 'cli-fuzz' },
      );
      expect(set.ok, JSON.stringify(set)).toBe(true);
      const r = await env.client.call('sync.refresh', '{}', 20_000);
      expect(r.ok ? 'ok' : r.error.code, JSON.stringify(r)).toBe('zgw-unreachable');
    });
  });

  // Whatever ran in whichever order (the cases below too): nothing written outside the sandbox, nothing sent off 127.0.0.1.
  afterAll(() => {
    expect(sandboxViolations(env.sandbox)).toEqual([]);
  });
});
