// Benchmark (issue 17): the supervisor's desk over a generated store of 100 000 documents (test/support/desk-seed.ts:
// three people, every stage, about 75 % delivered): `report.summary` for a month, `app.status` and `sync.status`
// in-process, then the desk in Chromium over the web harness — the first open after signing in (its chunk loaded) and
// later opens (from the status screen to every stage card and the chart drawn). Wall and CPU, load average per arm.
//
//   node bin/run-ts.mjs test/bench/desk.ts [--docs 100000] [--days 90] [--runs 9]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import { Core, type CallContext } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { amsterdamDate } from '../../src/domain/amsterdam-date';
import { openStore } from '../../src/store/store';
import { ensureRendererBuilt, launchChromium, startHarness } from '../e2e/support/harness';
import { E2E_ADMIN, initStoreWithAdmin, signInUi } from '../e2e/support/people';
import { seedDesk } from '../support/desk-seed';
import { loadAverages, measureCalls, median, processCpuMs } from './support';
import { signInAsAdmin } from '../support/people';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    days: { type: 'string', default: '90' },
    runs: { type: 'string', default: '9' },
  },
});
const DOCS = Number(values.docs);
const DAYS = Number(values.days);
const RUNS = Number(values.runs);
const PASSPHRASE = 'bench-desk-wachtwoord';
const load = loadAverages;
const med = median;
const line = (label: string, wallMs: number, cpuMs: number | null, note: string) => {
  const cpu = cpuMs === null ? '' : `${cpuMs.toFixed(1).padStart(8)} ms CPU`;
  console.log(`  ${label.padEnd(52)} ${wallMs.toFixed(1).padStart(8)} ms wall ${cpu}  (${note}; load ${load()})`);
};

const measure = (label: string, runs: number, f: () => unknown) => measureCalls(label, runs, f, 52);

/** In the page: go to the desk and resolve with the ms until every stage card and the chart's bars are drawn. */
const OPEN_DESK = `new Promise((done) => {
  const t0 = performance.now();
  location.hash = '#/overzicht';
  const check = () =>
    document.querySelectorAll('li.desk-stage a.desk-stage-count').length === 6 &&
    document.querySelector('.desk-chart svg[role="img"] .recharts-bar-rectangle')
      ? done(performance.now() - t0)
      : requestAnimationFrame(check);
  requestAnimationFrame(check);
})`;

async function main(): Promise<void> {
  ensureRendererBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-desk-'));
  const data = join(dir, 'data');
  try {
    await initStoreWithAdmin(data, PASSPHRASE);
    const store = await openStore(data, { kind: 'passphrase', passphrase: PASSPHRASE });
    const core = new Core(store, { processor: storeAsIs, close: async () => undefined });
    const ctx: CallContext = { origin: 'cli', connection: 'bench' };
    await signInAsAdmin(core, ctx);
    const call = async <C extends CommandName>(cmd: C, input: CommandInput<C>): Promise<CommandOutput<C>> => {
      const r = await core.call(cmd, input, ctx);
      if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
      return r.data as CommandOutput<C>;
    };
    console.log(`desk bench: ${DOCS} documents over ${DAYS} days; load ${load()}`);
    const t0 = performance.now();
    const seeded = seedDesk(core.store.db, { now: new Date(), documents: DOCS, days: DAYS });
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${JSON.stringify(seeded.byStage)}`);

    const now = new Date();
    const month = { from: amsterdamDate(new Date(now.getTime() - 29 * 86_400_000)), to: amsterdamDate(now) };
    const r = await call('report.summary', month);
    console.log(`  the month ${month.from} – ${month.to}: ${r.totals.received} received, ${r.totals.delivered} delivered`);
    const summary = await measure('report.summary, 30 days', RUNS, () => call('report.summary', month));
    const status = await measure('app.status (stages with their oldest item)', RUNS, () => call('app.status', {}));
    const sync = await measure('sync.status (health per environment)', RUNS, () => call('sync.status', {}));
    await core.close();

    const harness = await startHarness(data, PASSPHRASE);
    const browser = await launchChromium();
    let first = 0;
    const opens: number[] = [];
    let harnessCpuPerOpen = 0;
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' })).newPage();
      await harness.openApp(page);
      // Straight to the desk after signing in: the inbox (5 000 documents) is not part of this figure.
      await page.evaluate(() => (location.hash = '#/overzicht'));
      const drawn = () =>
        page.waitForFunction(
          // A function without inner named functions (tsx's helpers do not exist in the page; the CSP refuses strings).
          () =>
            document.querySelectorAll('li.desk-stage a.desk-stage-count').length === 6 &&
            document.querySelector('.desk-chart svg[role="img"] .recharts-bar-rectangle') !== null,
          undefined,
          { polling: 'raf', timeout: 120_000 },
        );
      const w0 = performance.now();
      await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
      const signedIn = performance.now();
      await drawn();
      first = performance.now() - signedIn;
      line(
        'desk, first open: signed in to drawn (chunk loaded)',
        first,
        null,
        `1 run; the sign-in before it ${(signedIn - w0).toFixed(0)} ms`,
      );
      const h0 = processCpuMs(harness.child.pid!);
      for (let i = 0; i < RUNS; i++) {
        await page.evaluate(() => (location.hash = '#/status'));
        await page.locator('h1', { hasText: 'Status' }).waitFor();
        // A string, not a function: the bench runs through tsx, whose helpers do not exist in the page.
        const ms = await page.evaluate<number>(OPEN_DESK);
        opens.push(ms);
      }
      harnessCpuPerOpen = (processCpuMs(harness.child.pid!) - h0) / RUNS;
      line(
        'desk, open from the status screen (stages + chart drawn)',
        med(opens),
        harnessCpuPerOpen,
        `median of ${RUNS}; CPU: the harness process per open, status screen included; all ${opens.map((x) => x.toFixed(0)).join(', ')}`,
      );
    } finally {
      await browser.close();
      await harness.stop();
    }
    console.log(
      JSON.stringify({
        bench: 'desk',
        docs: DOCS,
        days: DAYS,
        reportSummaryMs: summary.wallMs,
        reportSummaryCpuMs: summary.cpuMs,
        statusMs: status.wallMs,
        syncStatusMs: sync.wallMs,
        firstOpenMs: Math.round(first),
        openMs: Math.round(med(opens)),
        harnessCpuPerOpenMs: Math.round(harnessCpuPerOpen),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
