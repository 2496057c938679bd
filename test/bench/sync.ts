// Benchmark: documents per second delivered to the test zaaksysteem on loopback, Postkamer's outbox (durable:
// SQLCipher in WAL mode; the claim with the frozen content, a lock, and the end of each delivery are committed
// and fsync'ed before anything relies on them — group commits, the fsync off the event loop, see
// src/sync/outbox.ts CommitQueue) beside a minimal sequential client that sends the same requests and records
// nothing. The server runs in its own process (as a real zaaksysteem would), with request validation on.
//
// A third arm is a reference for what parallelism alone gives on this machine: 16 minimal clients in parallel,
// recording nothing, with the server sharing the two cores. (It is not a hard ceiling: the outbox at concurrency 16
// can pass it, because the server's cost per document differs between the two kinds of client.)
//
// Warm-up: every arm first delivers documents unmeasured to its own fresh server — 300 on plain loopback. Measured
// per 200-document batch in one process, client and server settle only after a few hundred documents (client CPU per
// document 3.2 → 2.7 → 2.3 → 2.1 ms, server 3.8 → 1.5 → 1.0 → 0.9 ms: JIT compilation and the V8 heap finding its
// size; measured before src/core/heap.ts); with 50 the comparison was mostly one of start-up costs. A workstation
// delivers all day.
//
//   node bin/run-ts.mjs test/bench/sync.ts [--docs 400] [--slow-docs 100] [--kb 30] [--concurrency 4,8,16] [--warmup 300] [--slow-warmup 50] [--rounds 5] [--service-ms 0,10]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mintZgwJwt } from '../../src/sync/jwt';
import { send } from '../../src/sync/transport';
import { makePdf, openTestCore } from '../integration/sync-support';

const { values } = parseArgs({
  options: {
    docs: { type: 'string', default: '400' }, 'slow-docs': { type: 'string', default: '100' }, kb: { type: 'string', default: '30' },
    concurrency: { type: 'string', default: '4,8,16' }, rounds: { type: 'string', default: '5' }, 'service-ms': { type: 'string', default: '0,10' },
    warmup: { type: 'string', default: '300' }, 'slow-warmup': { type: 'string', default: '50' },
  },
});
/**
 * Documents each client delivers first, unmeasured, to the same server: both arms are measured warm (code compiled
 * by the JIT, server schemas compiled), as a workstation runs all day; otherwise the first-use cost of whichever
 * client runs more code is what is compared.
 */
const WARMUP = Number(values.warmup);
/** With a slow server the client's own costs hardly matter: a short warm-up is enough. */
const SLOW_WARMUP = Number(values['slow-warmup']);
/** Extra server time per request (the test server's `slow` fault): 0 = plain loopback; ~10+ ms is closer to Open Zaak (Django + PostgreSQL). */
const SERVICE_MS = values['service-ms']!.split(',').map(Number);
const ROUNDS = Number(values.rounds);
/** Documents per measurement on plain loopback (long enough that a neighbour's burst does not decide it) and with a slow server. */
const N_LOOPBACK = Number(values.docs);
const N_SLOW = Number(values['slow-docs']);
/** Parallel minimal clients of the reference arm. */
const PARALLEL_CLIENTS = 16;
const KB = Number(values.kb);
const CONCURRENCY = values.concurrency!.split(',').map(Number);
const ROOT = resolve(import.meta.dirname, '../..');
const ZAAKNUMMER = 'ZAAK-2026-0000000001';

interface Info { zaken: string; documenten: string; catalogi: string; clientId: string; secret: string; rsin: string }

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuOf(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return NaN;
  }
}

async function startServer(): Promise<{ info: Info; pid: number | undefined; stop(): void }> {
  const child = spawn(process.execPath, ['bin/postkamer.mjs', 'zgw-server', '--port', '0', '--seed', 'minimal', '--quiet'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
  const first = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (c) => rej(new Error(`zgw-server exited (${c})`)));
  });
  return { info: JSON.parse(first) as Info, pid: child.pid, stop: () => child.kill('SIGTERM') };
}

/**
 * The minimal sequential client: per document GET-before-POST of the EIO and the ZIO, inline content, a fresh JWT
 * per request, no records. It uses the same HTTP transport as Postkamer (node:http, keep-alive), so the difference
 * measured is the outbox's, not the HTTP library's.
 */
async function baseline(info: Info, iot: string, docs: Buffer[]): Promise<void> {
  const fetch = async (url: string, init: { method?: string; headers: Record<string, string>; body?: string } = { headers: {} }) => {
    const r = await send({ method: init.method ?? 'GET', url, headers: init.headers, body: init.body === undefined ? undefined : Buffer.from(init.body), timeoutMs: 30_000 });
    return { ok: r.status < 400, status: r.status, text: async () => r.body.toString('utf8') };
  };
  const headers = (extra: Record<string, string> = {}) => ({
    Accept: 'application/json',
    Authorization: `Bearer ${mintZgwJwt({ clientId: info.clientId, userId: 'bench', userRepresentation: 'bench' }, info.secret)}`,
    ...extra,
  });
  const json = async (r: { ok: boolean; status: number; text(): Promise<string> }) => {
    const t = await r.text();
    if (!r.ok) throw new Error(`HTTP ${r.status}: ${t.slice(0, 300)}`);
    return JSON.parse(t);
  };
  const zaak = (await json(await fetch(`${info.zaken}/zaken?identificatie=${ZAAKNUMMER}&bronorganisatie=${info.rsin}`, { headers: headers({ 'Accept-Crs': 'EPSG:4326' }) }))).results[0].url;
  const today = new Date().toISOString().slice(0, 10);
  for (const [i, bytes] of docs.entries()) {
    const identificatie = `BASE-${randomUUID().slice(0, 18)}`;
    const found = await json(await fetch(`${info.documenten}/enkelvoudiginformatieobjecten?identificatie=${identificatie}&bronorganisatie=${info.rsin}`, { headers: headers() }));
    if (found.count !== 0) throw new Error('unexpected');
    const sha = (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex');
    const eio = await json(await fetch(`${info.documenten}/enkelvoudiginformatieobjecten`, {
      method: 'POST', headers: headers({ 'Content-Type': 'application/json' }),
      body: JSON.stringify({
        identificatie, bronorganisatie: info.rsin, creatiedatum: today, titel: `brief ${i}`, auteur: 'Postkamer', status: 'definitief',
        formaat: 'application/pdf', taal: 'dut', bestandsnaam: `brief-${i}.pdf`, bestandsomvang: bytes.length, inhoud: bytes.toString('base64'),
        informatieobjecttype: iot, vertrouwelijkheidaanduiding: 'zaakvertrouwelijk', ontvangstdatum: today, indicatieGebruiksrecht: false,
        integriteit: { algoritme: 'sha_256', waarde: sha, datum: today },
      }),
    }));
    const zios = await json(await fetch(`${info.zaken}/zaakinformatieobjecten?zaak=${encodeURIComponent(zaak)}&informatieobject=${encodeURIComponent(eio.url)}`, { headers: headers() }));
    if (zios.length !== 0) throw new Error('unexpected');
    await json(await fetch(`${info.zaken}/zaakinformatieobjecten`, { method: 'POST', headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ zaak, informatieobject: eio.url, titel: `brief ${i}` }) }));
  }
}

interface Measured { t: number; serverMs: number; clientMs: number }

/** Wall time and CPU per document of this process and the server, around `f` only. */
async function measure(serverPid: number | undefined, n: number, f: () => Promise<unknown>): Promise<Measured> {
  const [s0, c0, t0] = [cpuOf(serverPid), process.cpuUsage(), performance.now()];
  await f();
  const t = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { t, serverMs: ((cpuOf(serverPid) - s0) * 1000) / n, clientMs: (c.user + c.system) / 1000 / n };
}

async function postkamer(info: Info, serverPid: number | undefined, iot: string, files: string[], warm: string[], concurrency: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-sync-'));
  try {
    const core = await openTestCore(dir);
    const call = async <T>(cmd: string, input: unknown): Promise<T> => {
      const r = await core.call(cmd, input, { origin: 'cli', actor: 'bench' });
      if (!r.ok) throw new Error(`${cmd}: ${r.error.message}`);
      return r.data as T;
    };
    await call('sync.connection.set', { env: 'test', ...info, informatieobjecttype: iot, activate: true });
    await call('sync.settings.set', { concurrency });
    if (warm.length > 0) {
      const w = await call<{ documents: { id: string }[] }>('ingest.paths', { paths: warm, source: 'cli' });
      for (const d of w.documents) await call('sync.link', { documentId: d.id, zaaknummer: ZAAKNUMMER });
      const r = await call<{ delivered: number }>('sync.run', {});
      if (r.delivered !== warm.length) throw new Error(`warm-up delivered ${r.delivered}/${warm.length}`);
    }
    const ing = await call<{ documents: { id: string }[] }>('ingest.paths', { paths: files, source: 'cli' });
    for (const d of ing.documents) await call('sync.link', { documentId: d.id, zaaknummer: ZAAKNUMMER });
    const m = await measure(serverPid, files.length, async () => {
      const r = await call<{ delivered: number; remaining: number }>('sync.run', {});
      if (r.delivered !== files.length || r.remaining !== 0) throw new Error(`delivered ${r.delivered}/${files.length}`);
    });
    await core.close();
    return m;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh server per measurement, so every client meets the same server state. */
async function withServer<T>(serviceMs: number, f: (info: Info, pid: number | undefined, iot: string) => Promise<T>): Promise<T> {
  const server = await startServer();
  try {
    if (serviceMs > 0) {
      const r = await send({
        method: 'POST', url: `${new URL(server.info.zaken).origin}/_control/faults`, timeoutMs: 10_000,
        headers: { 'X-Control-Secret': server.info.secret, 'Content-Type': 'application/json' },
        body: Buffer.from(JSON.stringify({ kind: 'slow', delayMs: serviceMs, path: '/api/v1/', times: 'Infinity' })),
      });
      if (r.status >= 300) throw new Error(`control API: ${r.status} ${r.body.toString()}`);
    }
    const auth = { Authorization: `Bearer ${mintZgwJwt({ clientId: server.info.clientId, userId: 'bench', userRepresentation: 'bench' }, server.info.secret)}` };
    const list = await send({ method: 'GET', url: `${server.info.catalogi}/informatieobjecttypen?status=definitief`, headers: auth, timeoutMs: 30_000 });
    const iot = (JSON.parse(list.body.toString()) as { results: { url: string; omschrijving: string }[] }).results.find((t) => t.omschrijving === 'Inkomende brief')!.url;
    await send({ method: 'GET', url: iot, headers: auth, timeoutMs: 30_000 });
    return await f(server.info, server.pid, iot);
  } finally {
    server.stop();
  }
}

const letters = mkdtempSync(join(tmpdir(), 'postkamer-bench-letters-'));
const summary: Record<string, unknown> = {};
try {
  const total = Math.max(N_LOOPBACK, N_SLOW);
  const allDocs: Buffer[] = [];
  const allFiles: string[] = [];
  const warmDocs: Buffer[] = [];
  const warmFiles: string[] = [];
  for (let i = total; i < total + Math.max(WARMUP, SLOW_WARMUP); i++) {
    const b = await makePdf(i, KB);
    warmDocs.push(b);
    const p = join(letters, `warm-${i}.pdf`);
    writeFileSync(p, b);
    warmFiles.push(p);
  }
  for (let i = 0; i < total; i++) {
    const b = await makePdf(i, KB);
    allDocs.push(b);
    const p = join(letters, `brief-${i}.pdf`);
    writeFileSync(p, b);
    allFiles.push(p);
  }
  const avgKb = Math.round(allDocs.reduce((s, d) => s + d.length, 0) / allDocs.length / 1024);
  process.stdout.write(`Sync benchmark: documents of ~${avgKb} KiB, inline, test zaaksysteem in its own process (validation on), loopback; each client first delivers ${WARMUP} documents unmeasured (warm-up; ${SLOW_WARMUP} with a slow server); ${ROUNDS} rounds, medians\n`);

  for (const serviceMs of SERVICE_MS) {
    const n = serviceMs === 0 ? N_LOOPBACK : N_SLOW;
    const docs = allDocs.slice(0, n);
    const files = allFiles.slice(0, n);
    const w = serviceMs === 0 ? WARMUP : SLOW_WARMUP;
    const warmD = warmDocs.slice(0, w);
    const warmF = warmFiles.slice(0, w);
    process.stdout.write(serviceMs === 0
      ? `\nPlain loopback, ${n} documents per measurement:\n`
      : `\nServer taking ${serviceMs} ms per request (test server 'slow' fault; Open Zaak typically takes longer), ${n} documents per measurement:\n`);
    // Rounds alternate between the clients so that a busy moment on a shared machine does not favour one of them;
    // the median of each is reported. Each measurement gets a fresh server (its list filters scan everything stored).
    const results = new Map<string, Measured[]>();
    const add = (k: string, m: Measured) => results.set(k, [...(results.get(k) ?? []), m]);
    const share = Math.ceil(n / PARALLEL_CLIENTS);
    for (let round = 0; round < ROUNDS; round++) {
      add('base', await withServer(serviceMs, async (info, pid, iot) => {
        await baseline(info, iot, warmD);
        return measure(pid, n, () => baseline(info, iot, docs));
      }));
      for (const c of CONCURRENCY) add(`c${c}`, await withServer(serviceMs, (info, pid, iot) => postkamer(info, pid, iot, files, warmF, c)));
      add('parallel', await withServer(serviceMs, async (info, pid, iot) => {
        await baseline(info, iot, warmD);
        return measure(pid, n, () => Promise.all(Array.from({ length: PARALLEL_CLIENTS }, (_, k) => baseline(info, iot, docs.slice(k * share, (k + 1) * share)))));
      }));
    }
    const median = (ms: Measured[]): Measured => {
      const sorted = [...ms].sort((a, b) => a.t - b.t);
      return sorted[Math.floor(sorted.length / 2)];
    };
    const base = median(results.get('base')!);
    const parallel = median(results.get('parallel')!);
    const line = (label: string, all: Measured[], extra = '') => {
      const r = median(all);
      process.stdout.write(
        `  ${label.padEnd(64)} ${(n / r.t).toFixed(1).padStart(6)} docs/s  (median of ${all.length}: ${all.map((m) => (n / m.t).toFixed(0)).join(', ')}; CPU/doc client ${r.clientMs.toFixed(1)} ms, server ${r.serverMs.toFixed(1)} ms)${extra}\n`,
      );
    };
    const section: Record<string, unknown> = { docs: n, sequential: +(n / base.t).toFixed(1), parallelMinimal: +(n / parallel.t).toFixed(1), warmup: w };
    line('minimal sequential client (4 requests/doc, no records)', results.get('base')!);
    for (const c of CONCURRENCY) {
      const r = median(results.get(`c${c}`)!);
      section[`c${c}`] = { docsPerS: +(n / r.t).toFixed(1), vsSequential: +(base.t / r.t).toFixed(2), vsParallelMinimal: +(parallel.t / r.t).toFixed(2) };
      line(`Postkamer outbox, concurrency ${c} (durable)`, results.get(`c${c}`)!, `  → ${(base.t / r.t).toFixed(2)}× the sequential client (target ≥ 1.5×), ${(parallel.t / r.t).toFixed(2)}× the parallel minimal clients`);
    }
    line(`reference: ${PARALLEL_CLIENTS} minimal clients in parallel, no records`, results.get('parallel')!, `  → ${(base.t / parallel.t).toFixed(2)}× the sequential client`);
    summary[serviceMs === 0 ? 'loopback' : `serviceMs${serviceMs}`] = section;
  }
  process.stdout.write(`\n${JSON.stringify({ bench: 'sync', date: new Date().toISOString(), ...summary })}\n`);
} finally {
  rmSync(letters, { recursive: true, force: true });
}
