// Benchmark (issue 16): the archivist's review queue on 50 000 generated documents (rows inserted through the store
// modules in transactions, no OCR): (a) classification.queue in-process — the first page, each filter, each sort and a
// page deep in the list; (b) in Chromium over the web harness, the time from opening #/archief to the first rows
// painted, and from a jump to the middle of the list to its rows painted (browser main-thread and core CPU beside).
//
//   node bin/run-ts.mjs test/bench/archive-queue.ts [--docs 50000] [--runs 7] [--only core,paint]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import { Core, type CallContext } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { insertBatch } from '../../src/store/batches';
import { classificationCounts, setReviewed } from '../../src/store/classification';
import { refreshClassificationIndex } from '../../src/store/classification-index';
import type { Db } from '../../src/store/db';
import { saveFields } from '../../src/store/document-fields';
import { insertDocument } from '../../src/store/documents';
import { insertOutboxRow } from '../../src/store/outbox';
import { initStore, openStore } from '../../src/store/store';
import { upsertZgwObject } from '../../src/store/zgw-catalogue';
import type { OutboxRow } from '../../src/sync/outbox-machine';
import { generatedOutboxRow } from '../support/outbox-rows';
import { signInAsAdmin } from '../support/people';
import { loadAverages, median, processCpuMs, seededInts } from './support';
import { ensureRendererBuilt, launchChromium, startHarness } from '../e2e/support/harness';
import { E2E_ADMIN, initStoreWithAdmin, signInUi } from '../e2e/support/people';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '50000' },
    runs: { type: 'string', default: '7' },
    only: { type: 'string', default: 'core,paint' },
  },
});
const DOCS = Number(values.docs);
const RUNS = Number(values.runs);
const ONLY = new Set(values.only.split(','));
const load = loadAverages;
const med = median;
const ms = (xs: number[], width = 9) => med(xs).toFixed(1).padStart(width);
const ms0 = (xs: number[]) => med(xs).toFixed(0).padStart(6);

const rnd = seededInts(16);

const ENV = 'test';
const BASE = 'http://127.0.0.1:9/catalogi/api/v1';
const ZAAKTYPEN = ['Bezwaar', 'Aanvraag omgevingsvergunning', 'Melding openbare ruimte'].map((omschrijving, i) => ({
  url: `${BASE}/zaaktypen/${i + 1}`,
  omschrijving,
}));
const TYPES = ['Inkomende brief', 'Bezwaarschrift', 'Factuur', 'Aanvraag'].map((omschrijving, i) => ({
  url: `${BASE}/informatieobjecttypen/${i + 1}`,
  omschrijving,
}));
const VH = ['openbaar', 'intern', 'zaakvertrouwelijk', 'vertrouwelijk'] as const;
const SENDERS = Array.from({ length: 400 }, (_, i) => `${['Jansen', 'De Vries', 'Bakker', 'Visser', 'Smit'][i % 5]} ${i}`);
const ZAKEN = 600;
const zaaknummer = (n: number) => `ZAAK-2026-${String(n).padStart(10, '0')}`;

function outboxRow(documentId: string, zaak: number, state: OutboxRow['state'], createdAt: string, type: string | null): OutboxRow {
  return generatedOutboxRow({
    documentId,
    createdAt,
    env: ENV,
    state,
    zaaknummer: zaaknummer(zaak),
    zaakUrl: `${BASE}/zaken/${zaak}`,
    zaakIdentificatie: zaaknummer(zaak),
    informatieobjecttype: type,
    vertrouwelijkheidaanduiding: VH[rnd(VH.length)]!,
    eioUrl: state === 'done' ? `${BASE}/eio/${documentId}` : null,
  });
}

/**
 * DOCS documents over the last 180 days: 70 % linked to one of ZAKEN cached zaken of three zaaktypen (80 % of those
 * delivered), 60 % with a type set by a person (some against a separator sheet's), senders from 400 names, 10 % reviewed.
 */
function generate(db: Db): void {
  const at = new Date().toISOString();
  db.transaction(() => {
    for (const z of ZAAKTYPEN) upsertZgwObject(db, ENV, 'zaaktype', z.url, null, { url: z.url, omschrijving: z.omschrijving }, null, at);
    for (const t of TYPES)
      upsertZgwObject(db, ENV, 'informatieobjecttype', t.url, null, { url: t.url, omschrijving: t.omschrijving }, null, at);
    for (let n = 1; n <= ZAKEN; n++) {
      const url = `${BASE}/zaken/${n}`;
      upsertZgwObject(
        db,
        ENV,
        'zaak',
        url,
        zaaknummer(n),
        { url, identificatie: zaaknummer(n), zaaktype: ZAAKTYPEN[n % 3]!.url },
        null,
        at,
      );
    }
  })();
  const now = Date.now();
  const CHUNK = 5000;
  for (let start = 0; start < DOCS; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(DOCS, start + CHUNK); i++) {
        const createdAt = new Date(now - rnd(180 * 24 * 60) * 60_000).toISOString();
        if (i % 50 === 0) insertBatch(db, { id: `batch-${i / 50}`, createdAt, source: 'cli', profile: null, label: `Batch ${i / 50}` });
        const id = randomUUID();
        const sheet = rnd(10) === 0 ? TYPES[rnd(TYPES.length)]!.omschrijving : null;
        insertDocument(db, {
          id,
          batchId: `batch-${Math.floor(i / 50)}`,
          itemId: null,
          seq: i % 50,
          title: `Brief ${String(rnd(1e6)).padStart(6, '0')}`,
          fileName: `brief-${i}.pdf`,
          mime: 'application/pdf',
          size: 40_000,
          sha256: '0'.repeat(64),
          sourceBlobId: null,
          pdfBlobId: null,
          status: 'ready',
          pageCount: 1 + rnd(4),
          qcFlags: [],
          containsBsn: false,
          extracted: {
            zaaknummer: null,
            kenmerk: `K${i}`,
            sender: 'Afzender',
            detail: { senderName: { value: SENDERS[rnd(SENDERS.length)], confidence: 0.9 } },
            ...(sheet ? { metadata: { documenttype: sheet } } : {}),
          },
          zaaknummer: null,
          createdAt,
          updatedAt: createdAt,
          text: `Geachte heer, mevrouw, brief nummer ${i}.`,
        });
        // Aanvraag is rare (1 in 25 typed documents): the queue's "zelden gebruikt" reason has something to find.
        const pick = rnd(100);
        const type = rnd(10) < 6 ? TYPES[pick < 4 ? 3 : pick % 3]! : null;
        if (type) {
          const fields = {
            documenttype: { value: type.omschrijving, source: 'manual', confidence: null, url: type.url },
            vertrouwelijkheid: { value: VH[rnd(VH.length)], source: 'manual', confidence: null },
          };
          saveFields(db, id, 1, JSON.stringify(fields), createdAt);
        }
        if (rnd(10) < 7) {
          const zaak = 1 + rnd(ZAKEN);
          insertOutboxRow(db, outboxRow(id, zaak, rnd(10) < 8 ? 'done' : 'pending', createdAt, type?.url ?? null));
        }
        if (rnd(10) === 0) setReviewed(db, id, 'beheerder', createdAt);
      }
    })();
  }
}

async function coreArm(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-archive-'));
  try {
    const store = await initStore(join(dir, 'store'), { osWrap: () => 'bench-wrapped' });
    const core = new Core(store, { processor: storeAsIs, close: async () => undefined });
    const ctx: CallContext = { origin: 'cli', connection: 'bench' };
    await signInAsAdmin(core, ctx);
    const call = async <C extends CommandName>(cmd: C, input: CommandInput<C>): Promise<CommandOutput<C>> => {
      const r = await core.call(cmd, input, ctx);
      if (!r.ok) throw new Error(`${cmd}: ${JSON.stringify(r.error)}`);
      return r.data as CommandOutput<C>;
    };
    console.log(`archive queue bench (in-process core): ${DOCS} documents; load ${load()}`);
    const t0 = performance.now();
    generate(store.db);
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const first = await call('classification.queue', { filter: {}, sort: 'oldest', limit: 100, offset: 0 });
    console.log(`  counts: ${JSON.stringify(first.counts)}`);
    const today = new Date().toISOString().slice(0, 10);
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    const arms: [string, CommandInput<'classification.queue'>['filter'], CommandInput<'classification.queue'>['sort'], number][] = [
      ['first page (no filter, oldest)', {}, 'oldest', 0],
      [`page at row ${Math.floor(DOCS / 2)} (no filter, oldest)`, {}, 'oldest', Math.floor(DOCS / 2)],
      ['state te-controleren', { state: 'te-controleren' }, 'oldest', 0],
      ['state niet-geclassificeerd', { state: 'niet-geclassificeerd' }, 'oldest', 0],
      ['zaaktype (URL)', { zaaktype: ZAAKTYPEN[0]!.url }, 'oldest', 0],
      ['documenttype', { documenttype: 'Bezwaarschrift' }, 'oldest', 0],
      ['vertrouwelijkheid', { vertrouwelijkheid: 'intern' }, 'oldest', 0],
      ['period (last 30 days)', { from: monthAgo, to: today }, 'oldest', 0],
      ['afzender (part of the name)', { afzender: 'vries 1' }, 'oldest', 0],
      ['stage afgeleverd', { stage: 'afgeleverd' }, 'oldest', 0],
      ['delivered: no', { delivered: false }, 'oldest', 0],
      ['sort newest', {}, 'newest', 0],
      ['sort title', {}, 'title', 0],
      ['sort documenttype', {}, 'documenttype', 0],
      ['sort afzender', {}, 'afzender', 0],
      ['state + zaaktype + sort afzender', { state: 'geclassificeerd', zaaktype: ZAAKTYPEN[1]!.url }, 'afzender', 0],
    ];
    // Cold: right after a write to one document's fields (its index row redone, the rare pairs, counts and total worked
    // out again, as after any change); next page: the same filter scrolled on (the counts and total the core kept while
    // nothing was written, only the page is read).
    const touch = store.db.prepare('UPDATE documents SET fields = fields WHERE rowid = 1');
    console.log(
      `  ${'arm (limit 100)'.padEnd(44)} ${'total'.padStart(7)} ${'cold wall'.padStart(10)} ${'cold CPU'.padStart(9)} ` +
        `${'next wall'.padStart(10)} ${'next CPU'.padStart(9)}`,
    );
    for (const [label, filter, sort, offset] of arms) {
      const cold = { walls: [] as number[], cpus: [] as number[] };
      const next = { walls: [] as number[], cpus: [] as number[] };
      let total = 0;
      const timed = async (into: typeof cold, at: number) => {
        const c0 = process.cpuUsage();
        const w0 = performance.now();
        total = (await call('classification.queue', { filter, sort, limit: 100, offset: at })).total;
        into.walls.push(performance.now() - w0);
        const c = process.cpuUsage(c0);
        into.cpus.push((c.user + c.system) / 1000);
      };
      for (let r = 0; r < RUNS; r++) {
        touch.run();
        await timed(cold, offset);
        await timed(next, offset + 100);
      }
      console.log(
        `  ${label.padEnd(44)} ${String(total).padStart(7)} ${ms(cold.walls, 10)} ${ms(cold.cpus)} ${ms(next.walls, 10)} ` +
          `${ms(next.cpus)}  (medians of ${RUNS}; load ${load()})`,
      );
    }
    // What the index costs to keep: built from nothing (a new store's first look, or after the migration), and a type
    // renamed in the catalogue (every document of that type redone).
    const timedOnce = (label: string, fn: () => number) => {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      const n = fn();
      const wall = performance.now() - w0;
      const c = process.cpuUsage(c0);
      console.log(
        `  ${label.padEnd(44)} ${String(n).padStart(7)} ${wall.toFixed(1).padStart(10)} ${((c.user + c.system) / 1000).toFixed(1).padStart(9)}`,
      );
    };
    timedOnce('index built from nothing (documents)', () => refreshClassificationIndex(store.db, { all: true }));
    const renamed = { url: TYPES[1]!.url, omschrijving: 'Bezwaarschrift (hernoemd)' };
    upsertZgwObject(store.db, ENV, 'informatieobjecttype', renamed.url, null, renamed, null, new Date().toISOString());
    timedOnce('a type renamed in the catalogue (documents)', () => refreshClassificationIndex(store.db));
    // What every page call pays besides its page: the counts per state over the whole store.
    const walls: number[] = [];
    const cpus: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      classificationCounts(store.db);
      walls.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpus.push((c.user + c.system) / 1000);
    }
    console.log(
      `  ${'of which: the counts per state alone (store)'.padEnd(52)} ${ms(walls)} ${ms(cpus)}  (median of ${RUNS}; load ${load()})`,
    );
    store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function paintArm(): Promise<void> {
  const PASS = 'bench-archief-wachtwoord';
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-archive-ui-'));
  const data = join(dir, 'data');
  ensureRendererBuilt();
  await initStoreWithAdmin(data, PASS);
  const store = await openStore(data, { kind: 'passphrase', passphrase: PASS });
  const t0 = performance.now();
  try {
    generate(store.db);
  } finally {
    store.close();
  }
  console.log(
    `archive queue bench (Chromium, web harness): ${DOCS} documents generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const harness = await startHarness(data, PASS);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 }, locale: 'nl-NL' });
    await harness.openApp(page);
    await signInUi(page, E2E_ADMIN.login, E2E_ADMIN.pin);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskMs = async () =>
      ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
    /** ms from `act` in the page until `selector` exists and a frame was painted after it. */
    // A script as text: the bench's own compiled functions carry helpers the page does not have.
    const timed = (act: string, selector: string) =>
      page.evaluate(`new Promise((done) => {
        const t = performance.now();
        ${act};
        const check = () => {
          if (document.querySelector(${JSON.stringify(selector)})) requestAnimationFrame(() => done(performance.now() - t));
          else requestAnimationFrame(check);
        };
        check();
      })`) as Promise<number>;
    const arms = {
      open: [] as number[],
      openCpu: [] as number[],
      openCore: [] as number[],
      jump: [] as number[],
      jumpCpu: [] as number[],
      jumpCore: [] as number[],
    };
    const mid = Math.floor(DOCS / 2);
    for (let r = 0; r < RUNS; r++) {
      // From a light screen (the inbox would still be listing every document in the core's time), once it is quiet.
      await page.evaluate(() => (location.hash = '#/instellingen'));
      await page.locator('h1', { hasText: 'Instellingen' }).waitFor();
      await page.waitForTimeout(1000);
      let c0 = await taskMs();
      let k0 = processCpuMs(harness.child.pid!);
      arms.open.push(await timed(`location.hash = '#/archief'`, '[data-testid="archive-grid"] [role="row"][data-document-id]'));
      arms.openCpu.push((await taskMs()) - c0);
      arms.openCore.push(processCpuMs(harness.child.pid!) - k0);
      c0 = await taskMs();
      k0 = processCpuMs(harness.child.pid!);
      arms.jump.push(
        await timed(
          `document.querySelector('[data-testid="archive-grid"]').scrollTop = ${mid * 44}`,
          `[data-testid="archive-grid"] [aria-rowindex="${mid + 2}"][data-document-id]`,
        ),
      );
      arms.jumpCpu.push((await taskMs()) - c0);
      arms.jumpCore.push(processCpuMs(harness.child.pid!) - k0);
    }
    const rows = await page.locator('[data-testid="archive-grid"] [role="row"]').count();
    const line = (label: string, w: number[], c: number[], k: number[]) =>
      console.log(
        `  ${label.padEnd(52)} ${ms0(w)} ms wall ${ms0(c)} ms browser main thread ${ms0(k)} ms core CPU` +
          `  (median of ${RUNS}; load ${load()})`,
      );
    line('open #/archief → first rows painted', arms.open, arms.openCpu, arms.openCore);
    // The first open after the documents were written builds the classification index from nothing (as the first
    // open after the upgrade to migration 0200 does): once.
    console.log(
      `  ${'of which the first open (index built)'.padEnd(52)} ${arms.open[0]!.toFixed(0).padStart(6)} ms wall ` +
        `${arms.openCore[0]!.toFixed(0).padStart(6)} ms core CPU`,
    );
    line(`jump to row ${mid} → its rows painted`, arms.jump, arms.jumpCpu, arms.jumpCore);
    console.log(`  rows in the DOM after the jump: ${rows} (of ${DOCS + 1} with the header)`);
  } finally {
    await browser.close();
    await harness.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (ONLY.has('core')) await coreArm();
  if (ONLY.has('paint')) await paintArm();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
