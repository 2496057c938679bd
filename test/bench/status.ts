// Benchmark (issue 17): `app.status` and `documents.stageCounts` on a generated store of 100 000 documents in every
// stage (rows inserted through the store modules in transactions, no OCR) with a long audit trail: the status's
// stage ages (one GROUP BY) and its incremental audit check beside the whole walk that `audit.verify` does.
//
//   node bin/run-ts.mjs test/bench/status.ts [--docs 100000] [--audit 100000] [--runs 9]
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { appendAudit } from '../../src/audit/audit';
import { auditRowsHashed } from '../../src/audit/verify';
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import { Core, type CallContext } from '../../src/core/core';
import { storeAsIs } from '../../src/core/process';
import { amsterdamMidnight } from '../../src/domain/working-hours';
import { insertBatch } from '../../src/store/batches';
import { insertDocument } from '../../src/store/documents';
import { insertOutboxRow } from '../../src/store/outbox';
import { stageAges } from '../../src/store/stage-ages';
import { initStore } from '../../src/store/store';
import type { OutboxRow } from '../../src/sync/outbox-machine';
import { generatedOutboxRow } from '../support/outbox-rows';
import { signInAsAdmin } from '../support/people';
import { loadAverages, measureCalls, seededInts } from './support';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '100000' },
    audit: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '9' },
  },
});
const DOCS = Number(values.docs);
const AUDIT = Number(values.audit);
const RUNS = Number(values.runs);
const DAY = 86_400_000;

/** A small seeded generator, so every run builds the same store. */
const rnd = seededInts(17);

/** Which stage a generated document is put in, by share: most delivered, as in a mail room that keeps up. */
function pickStage(): 'done' | 'attention' | 'pending' | 'stored' | 'flagged' | 'ready' {
  const r = rnd(100);
  return r < 80 ? 'done' : r < 83 ? 'attention' : r < 85 ? 'pending' : r < 90 ? 'stored' : r < 95 ? 'flagged' : 'ready';
}

function outboxRow(documentId: string, state: OutboxRow['state'], createdAt: string, doneAt: string | null): OutboxRow {
  const attention = state === 'attention';
  return generatedOutboxRow({
    documentId,
    state,
    createdAt,
    zaaknummer: `ZAAK-2026-${String(rnd(1e9)).padStart(10, '0')}`,
    informatieobjecttype: 'http://127.0.0.1/catalogi/api/v1/informatieobjecttypen/1',
    vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
    attempts: attention ? 3 : 0,
    lastErrorCode: attention ? 'zaak-not-found' : null,
    lastError: attention ? 'Zaak bestaat niet in het zaaksysteem' : null,
    updatedAt: doneAt ?? createdAt,
    doneAt,
  });
}

/** Fills the store: DOCS documents over the last 90 days in batches of 50, their outbox rows, AUDIT audit entries. */
function generate(core: Core): void {
  const db = core.store.db;
  const now = Date.now();
  const midnight = amsterdamMidnight(new Date(now)).getTime();
  const extracted = (i: number) => ({ zaaknummer: null, kenmerk: `K${i}`, sender: 'Gemeente', detail: {} });
  const CHUNK = 5000;
  for (let start = 0; start < DOCS; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(DOCS, start + CHUNK); i++) {
        const created = now - rnd(90 * 24 * 60) * 60_000; // within the last 90 days
        const createdAt = new Date(created).toISOString();
        if (i % 50 === 0) insertBatch(db, { id: `batch-${i / 50}`, createdAt, source: 'cli', profile: null, label: `Batch ${i / 50}` });
        const id = randomUUID();
        const stage = pickStage();
        insertDocument(db, {
          id,
          batchId: `batch-${Math.floor(i / 50)}`,
          itemId: null,
          seq: i % 50,
          title: `Brief ${i}`,
          fileName: `brief-${i}.pdf`,
          mime: 'application/pdf',
          size: 40_000,
          sha256: '0'.repeat(64),
          sourceBlobId: null,
          pdfBlobId: null,
          status: stage === 'stored' ? 'stored' : 'ready',
          pageCount: 1 + rnd(4),
          qcFlags: stage === 'flagged' ? ['too-dark'] : [],
          containsBsn: false,
          extracted: extracted(i),
          zaaknummer: null,
          createdAt,
          updatedAt: createdAt,
          text: `Geachte heer, mevrouw, brief nummer ${i}.`,
        });
        if (stage === 'done') {
          // Delivered some time after arrival; about one in a hundred today.
          const done =
            rnd(100) === 0
              ? midnight + rnd(Math.max(1, now - midnight))
              : Math.max(created, Math.min(midnight - 1, created + rnd(3 * DAY)));
          insertOutboxRow(db, outboxRow(id, 'done', createdAt, new Date(done).toISOString()));
        } else if (stage === 'attention' || stage === 'pending') insertOutboxRow(db, outboxRow(id, stage, createdAt, null));
      }
    })();
  }
  for (let start = 0; start < AUDIT; start += CHUNK) {
    db.transaction(() => {
      for (let i = start; i < Math.min(AUDIT, start + CHUNK); i++)
        appendAudit(db, {
          actor: 'postkamer',
          origin: 'cli',
          action: 'document.created',
          objectType: 'document',
          objectId: `d${i}`,
          result: 'ok',
        });
    })();
  }
}

const measure = (label: string, runs: number, f: () => unknown) => measureCalls(label, runs, f, 58);

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-status-'));
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
    console.log(`status bench: ${DOCS} documents, ${AUDIT} audit entries; load ${loadAverages()}`);
    const t0 = performance.now();
    generate(core);
    console.log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const hashed = () => auditRowsHashed.count;

    let h = hashed();
    const first = await measure('app.status, first call (page check + whole walk)', 1, () => call('app.status', {}));
    console.log(`    rows hashed: ${hashed() - h}`);
    h = hashed();
    const status = await measure('app.status (incremental audit check)', RUNS, () => call('app.status', {}));
    console.log(`    rows hashed over ${RUNS} calls: ${hashed() - h}`);
    const withNew = await measure('app.status after 10 new audit entries each time', RUNS, async () => {
      core.store.db.transaction(() => {
        for (let i = 0; i < 10; i++) appendAudit(core.store.db, { actor: 'postkamer', origin: 'cli', action: 'bench.tick', result: 'ok' });
      })();
      return call('app.status', {});
    });
    const counts = await measure('documents.stageCounts', RUNS, () => call('documents.stageCounts', {}));
    const ages = await measure('stageAges (the store query alone)', RUNS, () => stageAges(core.store.db, new Date().toISOString()));
    h = hashed();
    const verify = await measure('audit.verify (the whole walk, as status did before)', 3, () => call('audit.verify', {}));
    console.log(`    rows hashed per call: ${(hashed() - h) / 3}`);
    const s = await call('app.status', {});
    console.log(`  stages: ${JSON.stringify(s.stages)}`);
    await core.close();
    console.log(
      JSON.stringify({
        bench: 'status',
        docs: DOCS,
        auditEntries: AUDIT,
        firstStatusMs: first.wallMs,
        statusMs: status.wallMs,
        statusCpuMs: status.cpuMs,
        statusAfterNewEntriesMs: withNew.wallMs,
        stageCountsMs: counts.wallMs,
        stageAgesMs: ages.wallMs,
        auditVerifyMs: verify.wallMs,
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
