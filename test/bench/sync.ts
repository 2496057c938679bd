// Benchmark: delivery to the test zaaksysteem (own process, request validation on) by Postkamer beside a minimal
// sequential client that records nothing (same HTTP transport, a JWT per request). Two parts:
// 1. Whole processes (issue 19): `postkamer sync --once --concurrency 4` on a fresh store holding N linked documents
//    (its scrypt key derivation timed apart) against the server adding ms to every request (`slow` fault), beside the
//    minimal client's POST EIO (inline) + POST ZIO per document. Seconds, ratio, requests per document (by operation).
// 2. In-process arms (issue 5): the outbox through the core (durable) at several concurrencies beside the minimal
//    client with GET-before-POST (4 requests/doc) and 16 such clients in parallel; plain loopback and a slow server;
//    every arm first delivers documents unmeasured to its own server (300 on loopback: JIT and heap settle; 50 slow).
//
//   node bin/run-ts.mjs test/bench/sync.ts [--only process,in-process] [--process-docs 30,200] [--process-ms 80]
//     [--process-rounds 3] [--docs 400] [--slow-docs 100] [--kb 30] [--concurrency 4,8,16] [--warmup 300]
//     [--slow-warmup 50] [--rounds 5] [--service-ms 0,10]
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mintZgwJwt } from '../../src/sync/jwt';
import { send } from '../../src/sync/transport';
import { readKeyFile, unlockWithPassphrase } from '../../src/store/keyfile';
import { CLI_CTX, makePdf, openTestCore, PASSPHRASE } from '../integration/sync-support';
import { CLI_PERSON } from '../support/cli';

const opt = (d: string) => ({ type: 'string' as const, default: d });
const { values } = parseArgs({
  options: {
    only: opt('process,in-process'),
    'process-docs': opt('30,200'),
    'process-ms': opt('80'),
    'process-rounds': opt('3'),
    docs: opt('400'),
    'slow-docs': opt('100'),
    kb: opt('30'),
    concurrency: opt('4,8,16'),
    rounds: opt('5'),
    'service-ms': opt('0,10'),
    warmup: opt('300'),
    'slow-warmup': opt('50'),
  },
});
const ONLY = values.only!.split(',');
const PROCESS_DOCS = values['process-docs']!.split(',').map(Number);
const PROCESS_MS = Number(values['process-ms']);
const PROCESS_ROUNDS = Number(values['process-rounds']);
/** Documents each in-process client delivers first, unmeasured, to its server (arms measured warm); fewer when slow. */
const WARMUP = Number(values.warmup);
const SLOW_WARMUP = Number(values['slow-warmup']);
/** Extra server time per request (the test server's `slow` fault) of the in-process arms: 0 = plain loopback. */
const SERVICE_MS = values['service-ms']!.split(',').map(Number);
const ROUNDS = Number(values.rounds);
const N_LOOPBACK = Number(values.docs);
const N_SLOW = Number(values['slow-docs']);
const PARALLEL_CLIENTS = 16;
const KB = Number(values.kb);
const CONCURRENCY = values.concurrency!.split(',').map(Number);
const ROOT = resolve(import.meta.dirname, '../..');
const ZAAKNUMMERS = ['ZAAK-2026-0000000001', 'ZAAK-2026-0000000002', 'ZAAK-2026-0000000003'];
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const say = (...parts: string[]) => process.stdout.write(parts.join(''));

interface Info {
  zaken: string;
  documenten: string;
  catalogi: string;
  clientId: string;
  secret: string;
  rsin: string;
}
interface Server {
  info: Info;
  pid: number | undefined;
  log: string[];
  requests(): Promise<number>;
  stop(): void;
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
function cpuOf(pid: number | undefined): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

const auth = (info: Info) => `Bearer ${mintZgwJwt({ clientId: info.clientId, userId: 'b', userRepresentation: 'b' }, info.secret)}`;

/** The test server in its own process; its request log (stderr) is kept when `log` is set. */
async function startServer(serviceMs: number, log = false): Promise<Server> {
  const args = ['bin/postkamer.mjs', 'zgw-server', '--port', '0', '--seed', 'minimal', ...(log ? [] : ['--quiet'])];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', log ? 'pipe' : 'ignore'] });
  const lines: string[] = [];
  if (log) createInterface({ input: child.stderr! }).on('line', (l) => lines.push(l));
  const first = await new Promise<string>((res, rej) => {
    createInterface({ input: child.stdout! }).once('line', res);
    child.once('exit', (c) => rej(new Error(`zgw-server exited (${c})`)));
  });
  const info = JSON.parse(first) as Info;
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await send({
      method,
      url: `${new URL(info.zaken).origin}/_control/${path}`,
      timeoutMs: 10_000,
      headers: { 'X-Control-Secret': info.secret, 'Content-Type': 'application/json' },
      body: body ? Buffer.from(JSON.stringify(body)) : undefined,
    });
    if (r.status >= 300) throw new Error(`control API: ${r.status} ${r.body.toString()}`);
    return JSON.parse(r.body.toString()) as Record<string, number>;
  };
  if (serviceMs > 0) await control('POST', 'faults', { kind: 'slow', delayMs: serviceMs, path: '/api/v1/', times: 'Infinity' });
  const requests = async () => (await control('GET', 'state')).requests;
  return { info, pid: child.pid, log: lines, requests, stop: () => child.kill('SIGTERM') };
}

/** The "Inkomende brief" informatieobjecttype (also read once, so the server has compiled its schemas). */
async function iotOf(info: Info): Promise<string> {
  const list = await req(info, 'GET', `${info.catalogi}/informatieobjecttypen?status=definitief`);
  const iot = (list.results as { url: string; omschrijving: string }[]).find((t) => t.omschrijving === 'Inkomende brief')!.url;
  await req(info, 'GET', iot);
  return iot;
}

/** One request of the minimal client (same transport as Postkamer: node:http, keep-alive), a JWT each; the JSON answer. */
async function req(info: Info, method: string, url: string, body?: unknown, extra: Record<string, string> = {}): Promise<any> {
  const headers = { Accept: 'application/json', Authorization: auth(info), 'Content-Type': 'application/json', ...extra };
  const json = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const r = await send({ method, url, headers, body: json, timeoutMs: 30_000 });
  if (r.status >= 400) throw new Error(`HTTP ${r.status}: ${r.body.toString('utf8').slice(0, 300)}`);
  return JSON.parse(r.body.toString('utf8'));
}

async function zaakUrls(info: Info, zaaknummers: string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const nr of zaaknummers) {
    const q = `${info.zaken}/zaken?identificatie=${nr}&bronorganisatie=${info.rsin}`;
    urls.push((await req(info, 'GET', q, undefined, { 'Accept-Crs': 'EPSG:4326' })).results[0].url);
  }
  return urls;
}

/**
 * The minimal sequential client: per document a POST of the EIO with inline content and a POST of its ZIO; with
 * `lookups`, each preceded by a GET (look-up before create). Inline content, a JWT per request, no records. It uses
 * the same HTTP transport as Postkamer (node:http, keep-alive), so the difference is the outbox's, not the library's.
 */
async function baseline(info: Info, iot: string, zaken: string[], docs: Buffer[], lookups: boolean): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const eios = `${info.documenten}/enkelvoudiginformatieobjecten`;
  for (const [i, bytes] of docs.entries()) {
    const zaak = zaken[i % zaken.length];
    const identificatie = `BASE-${randomUUID().slice(0, 18)}`;
    const q = `${eios}?identificatie=${identificatie}&bronorganisatie=${info.rsin}`;
    if (lookups && (await req(info, 'GET', q)).count !== 0) throw new Error('?');
    const eio = await req(info, 'POST', eios, {
      identificatie,
      bronorganisatie: info.rsin,
      creatiedatum: today,
      titel: `brief ${i}`,
      auteur: 'Postkamer',
      status: 'definitief',
      formaat: 'application/pdf',
      taal: 'dut',
      bestandsnaam: `brief-${i}.pdf`,
      bestandsomvang: bytes.length,
      inhoud: bytes.toString('base64'),
      informatieobjecttype: iot,
      vertrouwelijkheidaanduiding: 'zaakvertrouwelijk',
      ontvangstdatum: today,
      indicatieGebruiksrecht: false,
      integriteit: { algoritme: 'sha_256', waarde: createHash('sha256').update(bytes).digest('hex'), datum: today },
    });
    const zios = `${info.zaken}/zaakinformatieobjecten`;
    const pair = `zaak=${encodeURIComponent(zaak)}&informatieobject=${encodeURIComponent(eio.url)}`;
    if (lookups && (await req(info, 'GET', `${zios}?${pair}`)).length !== 0) throw new Error('?');
    await req(info, 'POST', zios, { zaak, informatieobject: eio.url, titel: `brief ${i}` });
  }
}

interface Measured {
  t: number;
  serverMs: number;
  clientMs: number;
}

/** Wall time and CPU per document of this process and the server, around `f` only. */
async function measure(serverPid: number | undefined, n: number, f: () => Promise<unknown>): Promise<Measured> {
  const [s0, c0, t0] = [cpuOf(serverPid), process.cpuUsage(), performance.now()];
  await f();
  const t = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { t, serverMs: ((cpuOf(serverPid) - s0) * 1000) / n, clientMs: (c.user + c.system) / 1000 / n };
}

const median = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
type Core = Awaited<ReturnType<typeof openTestCore>>;
const caller =
  (core: Core) =>
  async <T>(cmd: string, input: unknown): Promise<T> => {
    const r = await core.call(cmd, input, CLI_CTX);
    if (!r.ok) throw new Error(`${cmd}: ${r.error.message}`);
    return r.data as T;
  };
type Ingested = { documents: { id: string }[] };
/** Writes `n` generated letters (offset `from`) to `dir`; returns their bytes and paths. */
async function letters(dir: string, prefix: string, from: number, n: number): Promise<{ docs: Buffer[]; files: string[] }> {
  const docs = await Promise.all(Array.from({ length: n }, (_, k) => makePdf(from + k, KB)));
  const files = docs.map((b, k) => join(dir, `${prefix}-${from + k}.pdf`));
  files.forEach((f, k) => writeFileSync(f, docs[k]));
  return { docs, files };
}

// ── Part 1: whole processes ───────────────────────────────────────────────────────────────────────────────────────
const GNU_TIME = '/usr/bin/time';

/** A store holding `files`, each linked to one of the zaken in turn (connection set per measurement). */
async function template(dir: string, files: string[]): Promise<void> {
  const core = await openTestCore(dir);
  try {
    const call = caller(core);
    const dead = 'http://127.0.0.1:9';
    await call('sync.connection.set', {
      env: 'test',
      zaken: `${dead}/zaken/api/v1`,
      documenten: `${dead}/documenten/api/v1`,
      catalogi: `${dead}/catalogi/api/v1`,
      clientId: 'x',
      secret: 'x',
      rsin: '002220647',
      activate: true,
    });
    const ing = await call<Ingested>('ingest.paths', { paths: files, source: 'cli' });
    for (const [i, d] of ing.documents.entries()) await call('sync.link', { documentId: d.id, zaaknummer: ZAAKNUMMERS[i % 3] });
  } finally {
    await core.close();
  }
}

interface ProcessRun {
  t: number;
  cpu: number;
  serverMs: number;
  requests: number;
  byOp: Map<string, number>;
}

/** `postkamer sync --once` as a whole process on a copy of `tpl`, connected to `server`. */
async function postkamerProcess(server: Server, tpl: string, n: number): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-proc-'));
  try {
    cpSync(tpl, dir, { recursive: true });
    const core = await openTestCore(dir);
    const iot = await iotOf(server.info);
    await caller(core)('sync.connection.set', { env: 'test', ...server.info, informatieobjecttype: iot, activate: true });
    await core.close();
    const [r0, l0, s0] = [await server.requests(), server.log.length, cpuOf(server.pid)];
    const args = ['-f', 'cpu %U %S', process.execPath, 'bin/postkamer.mjs', 'sync', '--once', '--json', '--concurrency', '4'];
    const t0 = performance.now();
    const out = await new Promise<{ code: number | null; stdout: string; stderr: string }>((res) => {
      const c = spawn(GNU_TIME, [...args, '--data', dir], {
        cwd: ROOT,
        env: { ...process.env, POSTKAMER_PASSPHRASE: PASSPHRASE, ...CLI_PERSON },
      });
      const [o, e]: string[][] = [[], []];
      c.stdout.on('data', (d) => o.push(String(d)));
      c.stderr.on('data', (d) => e.push(String(d)));
      c.on('exit', (code) => res({ code, stdout: o.join(''), stderr: e.join('') }));
    });
    const t = (performance.now() - t0) / 1000;
    const serverMs = ((cpuOf(server.pid) - s0) * 1000) / n;
    if (out.code !== 0) throw new Error(`sync --once exited ${out.code}: ${out.stderr.slice(-500)}`);
    const summary = JSON.parse(out.stdout) as { delivered: number; remaining: number };
    if (summary.delivered !== n || summary.remaining !== 0) throw new Error(`delivered ${summary.delivered}/${n}: ${out.stdout}`);
    const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(out.stderr);
    const requests = (await server.requests()) - r0;
    while (server.log.length - l0 < requests) await new Promise((res) => setTimeout(res, 10));
    const byOp = new Map<string, number>();
    for (const line of server.log.slice(l0, l0 + requests)) {
      const k = /^\[zgw-server\] (\S+) (\S+) \S+(?: \[(\S+)\])?/.exec(line);
      const key = k ? `${k[2]} ${k[3] ?? '?'}${k[1] === '200' || k[1] === '201' ? '' : ` (${k[1]})`}` : line;
      byOp.set(key, (byOp.get(key) ?? 0) + 1);
    }
    return { t, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, serverMs, requests, byOp };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function wholeProcesses(work: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = { serviceMs: PROCESS_MS };
  // The scrypt key derivation every `postkamer` command pays to open the store, timed in this process.
  await (await openTestCore(join(work, 'kf'))).close();
  const kf = readKeyFile(join(work, 'kf'))!;
  const scryptRuns: number[] = [];
  for (let i = 0; i < 4; i++) {
    const t0 = performance.now();
    await unlockWithPassphrase(kf, PASSPHRASE);
    if (i > 0) scryptRuns.push((performance.now() - t0) / 1000);
  }
  const scrypt = median(scryptRuns, (x) => x);
  out.scryptS = +scrypt.toFixed(3);
  say(
    `\nWhole processes: \`postkamer sync --once --concurrency 4\` on a fresh store vs the minimal sequential client (POST EIO`,
    ` inline + POST ZIO per document, zaak URLs known, in this process), server adding ${PROCESS_MS} ms per request; `,
    `${PROCESS_ROUNDS} rounds,`,
    ` medians, alternating; documents linked to 3 zaken in turn; each server first takes 1 document of the minimal client with look-ups\n`,
  );
  say(`  scrypt key derivation (opening the store; inside the postkamer time): ${scrypt.toFixed(3)} s\n`);
  for (const n of PROCESS_DOCS) {
    const { docs, files } = await letters(work, `p${n}`, 0, n);
    const tpl = join(work, `tpl-${n}`);
    await template(tpl, files);
    const base: (Measured & { requests: number })[] = [];
    const pk: ProcessRun[] = [];
    say(`  ${n} documents (load average before: ${load()})\n`);
    // Each server first takes one document of the minimal client with look-ups (it compiles its schemas on first use).
    const warm = async (s: Server) => {
      const iot = await iotOf(s.info);
      const zaken = await zaakUrls(s.info, ZAAKNUMMERS);
      await baseline(s.info, iot, zaken, docs.slice(0, 1), true);
      return { iot, zaken };
    };
    for (let round = 0; round < PROCESS_ROUNDS; round++) {
      const s1 = await startServer(PROCESS_MS);
      try {
        const { iot, zaken } = await warm(s1);
        const r0 = await s1.requests();
        const m = await measure(s1.pid, n, () => baseline(s1.info, iot, zaken, docs, false));
        base.push({ ...m, requests: (await s1.requests()) - r0 });
      } finally {
        s1.stop();
      }
      const s2 = await startServer(PROCESS_MS, true);
      try {
        await warm(s2);
        pk.push(await postkamerProcess(s2, tpl, n));
      } finally {
        s2.stop();
      }
    }
    const b = median(base, (x) => x.t);
    const p = median(pk, (x) => x.t);
    const ratio = b.t / p.t;
    const ratioNoScrypt = b.t / (p.t - scrypt);
    const fmt = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(', ');
    say(
      `    minimal sequential client        ${b.t.toFixed(2).padStart(6)} s  (${fmt(base.map((x) => x.t))}); `,
      `${(b.requests / n).toFixed(2)} requests/doc; CPU/doc client ${b.clientMs.toFixed(1)} ms, server ${b.serverMs.toFixed(1)} ms\n`,
    );
    say(
      `    postkamer sync --once (process)  ${p.t.toFixed(2).padStart(6)} s  (${fmt(pk.map((x) => x.t))}); `,
      `${(p.requests / n).toFixed(2)} requests/doc; CPU of the process ${p.cpu.toFixed(2)} s, server ${p.serverMs.toFixed(1)} ms/doc\n`,
    );
    say(
      `    → ${ratio.toFixed(2)}× the minimal sequential client (whole process; target ≥ ${n >= 200 ? '3' : '1.5'}×); `,
      `${ratioNoScrypt.toFixed(2)}× without the scrypt\n`,
    );
    say(
      `    postkamer's requests: ${[...p.byOp.entries()]
        .sort((x, y) => y[1] - x[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}\n`,
    );
    out[`docs${n}`] = {
      minimalS: +b.t.toFixed(3),
      postkamerS: +p.t.toFixed(3),
      ratio: +ratio.toFixed(2),
      withoutScrypt: +ratioNoScrypt.toFixed(2),
      minimalRequestsPerDoc: +(b.requests / n).toFixed(2),
      postkamerRequestsPerDoc: +(p.requests / n).toFixed(2),
    };
  }
  return out;
}

// ── Part 2: in-process arms ───────────────────────────────────────────────────────────────────────────────────────
async function postkamer(server: Server, iot: string, files: string[], warm: string[], concurrency: number): Promise<Measured> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-bench-sync-'));
  try {
    const core = await openTestCore(dir);
    const call = caller(core);
    await call('sync.connection.set', { env: 'test', ...server.info, informatieobjecttype: iot, activate: true });
    await call('sync.settings.set', { concurrency });
    const run = async (n: number) => {
      const r = await call<{ delivered: number; remaining: number }>('sync.run', {});
      if (r.delivered !== n || r.remaining !== 0) throw new Error(`delivered ${r.delivered}/${n}`);
    };
    if (warm.length > 0) {
      const w = await call<Ingested>('ingest.paths', { paths: warm, source: 'cli' });
      for (const d of w.documents) await call('sync.link', { documentId: d.id, zaaknummer: ZAAKNUMMERS[0] });
      await run(warm.length);
    }
    const ing = await call<Ingested>('ingest.paths', { paths: files, source: 'cli' });
    for (const d of ing.documents) await call('sync.link', { documentId: d.id, zaaknummer: ZAAKNUMMERS[0] });
    const m = await measure(server.pid, files.length, () => run(files.length));
    await core.close();
    return m;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A fresh server per measurement, so every client meets the same server state. */
async function withServer<T>(serviceMs: number, f: (server: Server, iot: string) => Promise<T>): Promise<T> {
  const server = await startServer(serviceMs);
  return iotOf(server.info)
    .then((iot) => f(server, iot))
    .finally(() => server.stop());
}

async function inProcess(work: string): Promise<Record<string, unknown>> {
  const summary: Record<string, unknown> = {};
  const total = Math.max(N_LOOPBACK, N_SLOW);
  const warmAll = await letters(work, 'warm', total, Math.max(WARMUP, SLOW_WARMUP));
  const all = await letters(work, 'brief', 0, total);
  say(
    `\nIn-process arms: the outbox through the core; each client first delivers ${WARMUP} documents unmeasured (warm-up; `,
    `${SLOW_WARMUP} with a slow server); ${ROUNDS} rounds, medians; all documents to one zaak\n`,
  );
  for (const serviceMs of SERVICE_MS) {
    const n = serviceMs === 0 ? N_LOOPBACK : N_SLOW;
    const docs = all.docs.slice(0, n);
    const files = all.files.slice(0, n);
    const w = serviceMs === 0 ? WARMUP : SLOW_WARMUP;
    const warmD = warmAll.docs.slice(0, w);
    const warmF = warmAll.files.slice(0, w);
    const where = serviceMs === 0 ? 'Plain loopback' : `Server taking ${serviceMs} ms per request (test server 'slow' fault)`;
    say(`\n${where}, ${n} documents per measurement (load average before: ${load()}):\n`);
    // Rounds alternate between the clients so that a busy moment on a shared machine does not favour one of them.
    const results = new Map<string, Measured[]>();
    const add = (k: string, m: Measured) => results.set(k, [...(results.get(k) ?? []), m]);
    const share = Math.ceil(n / PARALLEL_CLIENTS);
    for (let round = 0; round < ROUNDS; round++) {
      const minimal = (clients: number) =>
        withServer(serviceMs, async (s, iot) => {
          const zaken = await zaakUrls(s.info, ZAAKNUMMERS.slice(0, 1));
          await baseline(s.info, iot, zaken, warmD, true);
          const some = (k: number) => baseline(s.info, iot, zaken, clients === 1 ? docs : docs.slice(k * share, (k + 1) * share), true);
          return measure(s.pid, n, () => Promise.all(Array.from({ length: clients }, (_, k) => some(k))));
        });
      add('base', await minimal(1));
      for (const c of CONCURRENCY) add(`c${c}`, await withServer(serviceMs, (s, iot) => postkamer(s, iot, files, warmF, c)));
      add('parallel', await minimal(PARALLEL_CLIENTS));
    }
    const base = median(results.get('base')!, (m) => m.t);
    const parallel = median(results.get('parallel')!, (m) => m.t);
    const line = (label: string, all: Measured[], extra = '') => {
      const r = median(all, (m) => m.t);
      const each = all.map((m) => (n / m.t).toFixed(0)).join(', ');
      say(
        `  ${label.padEnd(64)} ${(n / r.t).toFixed(1).padStart(6)} docs/s  (median of ${all.length}: ${each}; `,
        `CPU/doc client ${r.clientMs.toFixed(1)} ms, server ${r.serverMs.toFixed(1)} ms)${extra}\n`,
      );
    };
    const perS = (m: Measured) => +(n / m.t).toFixed(1);
    const section: Record<string, unknown> = { docs: n, sequential: perS(base), parallel: perS(parallel), warmup: w };
    line('minimal sequential client (4 requests/doc, no records)', results.get('base')!);
    for (const c of CONCURRENCY) {
      const r = median(results.get(`c${c}`)!, (m) => m.t);
      const [vsBase, vsParallel] = [(base.t / r.t).toFixed(2), (parallel.t / r.t).toFixed(2)];
      section[`c${c}`] = { docsPerS: perS(r), vsSequential: +vsBase, vsParallel: +vsParallel };
      const vs = `  → ${vsBase}× the sequential client (target ≥ 1.5×), ${vsParallel}× the parallel ones`;
      line(`Postkamer outbox, concurrency ${c} (durable)`, results.get(`c${c}`)!, vs);
    }
    const vs = `  → ${(base.t / parallel.t).toFixed(2)}× the sequential client`;
    line(`reference: ${PARALLEL_CLIENTS} minimal clients in parallel, no records`, results.get('parallel')!, vs);
    summary[serviceMs === 0 ? 'loopback' : `serviceMs${serviceMs}`] = section;
  }
  return summary;
}

const work = mkdtempSync(join(tmpdir(), 'postkamer-bench-sync-work-'));
const summary: Record<string, unknown> = {};
try {
  say(
    `Sync benchmark: documents of ~${KB + 1} KiB (generated letters), inline, test zaaksysteem in its own process (validation on), `,
    `loopback; load average ${load()}\n`,
  );
  if (ONLY.includes('process')) summary.process = await wholeProcesses(work);
  if (ONLY.includes('in-process')) Object.assign(summary, await inProcess(work));
  say(`\n${JSON.stringify({ bench: 'sync', date: new Date().toISOString(), ...summary })}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
