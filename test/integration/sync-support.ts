// Shared set-up for the sync integration tests: a store with small generated PDFs, a connection to the test
// zaaksysteem, and helpers to read the server's state. Not a test file itself.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { Core } from '../../src/core/core';
import { asAdmin, call, CLI_CTX } from '../support/core-call';
import { runCli } from '../support/cli';
import { storeAsIs } from '../../src/core/process';
import { initStore, openStore, storeExists } from '../../src/store/store';
import { startZgwServer, type ZgwServer } from '../zgw-server';

export const PASSPHRASE = 'sync-test-passphrase';
export { CLI_CTX } from '../support/core-call';

/** A small, unique PDF letter. `padKb` adds incompressible bytes (to pass an inline limit). */
export async function makePdf(n: number, padKb = 0): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setCreationDate(new Date(Date.UTC(2026, 2, 1)));
  pdf.setModificationDate(new Date(Date.UTC(2026, 2, 1)));
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText(`Brief nummer ${n}`, { x: 72, y: 760, size: 14, font });
  if (padKb > 0) {
    let x = Math.imul(n + 1, 2654435761) >>> 0;
    const noise = Buffer.alloc(padKb * 1024);
    for (let i = 0; i < noise.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      noise[i] = x >>> 24;
    }
    pdf.attach(noise, `bijlage-${n}.bin`, { mimeType: 'application/octet-stream' });
  }
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

export function tempDir(prefix: string): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), `postkamer-${prefix}-`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The shared typed call (test/support/core-call.ts): input and output typed by the contract. */
export { call } from '../support/core-call';

/** Writes `count` generated PDFs to a folder and ingests them through the contract (`ingest.paths`). */
export async function ingestPdfs(core: Core, count: number, opts: { padKb?: number; offset?: number } = {}): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'postkamer-letters-'));
  try {
    const paths: string[] = [];
    for (let i = 0; i < count; i++) {
      const n = (opts.offset ?? 0) + i;
      const p = join(dir, `brief-${String(n).padStart(3, '0')}.pdf`);
      writeFileSync(p, await makePdf(n, opts.padKb ?? 0));
      paths.push(p);
    }
    const r = await call(core, 'ingest.paths', { paths, source: 'cli' });
    if (r.errors.length) throw new Error(`ingest failed: ${JSON.stringify(r.errors)}`);
    return r.documents.map((d) => d.id);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** URL of a seeded catalogue object by omschrijving. */
export function iotUrl(server: ZgwServer, omschrijving: string): string {
  for (const o of server.state.catalogue.informatieobjecttypen.values()) if (o.omschrijving === omschrijving) return o.url as string;
  throw new Error(`no informatieobjecttype ${omschrijving}`);
}

export function zaaktypeUrl(server: ZgwServer, identificatie: string): string {
  for (const o of server.state.catalogue.zaaktypen.values()) if (o.identificatie === identificatie) return o.url as string;
  throw new Error(`no zaaktype ${identificatie}`);
}

export function zaakUrl(server: ZgwServer, identificatie: string): string {
  for (const z of server.state.zaken.values()) if (z.identificatie === identificatie) return z.url as string;
  throw new Error(`no zaak ${identificatie}`);
}

/**
 * A core whose ingest keeps files as they are (no OCR): these tests are about delivery, and recognising hundreds
 * of letters would only make them slow. The content delivered is then the original file.
 */
export async function openTestCore(dir: string): Promise<Core> {
  const store = storeExists(dir)
    ? await openStore(dir, { kind: 'passphrase', passphrase: PASSPHRASE })
    : await initStore(dir, { passphrase: PASSPHRASE });
  const core = new Core(store, { processor: storeAsIs, close: async () => undefined });
  // The test administrator (also the person the CLI runs as: test/support/cli.ts) on the default test connection.
  await asAdmin(core, CLI_CTX);
  return core;
}

export async function openStoreWithConnection(
  dir: string,
  server: ZgwServer,
  opts: { iot?: string; inlineLimit?: number; concurrency?: number } = {},
): Promise<Core> {
  const core = await openTestCore(dir);
  await call(core, 'sync.connection.set', {
    env: 'test',
    ...server.info,
    clientId: server.info.clientId,
    secret: server.info.secret,
    informatieobjecttype: opts.iot ?? iotUrl(server, 'Inkomende brief'),
    activate: true,
  });
  if (opts.inlineLimit !== undefined || opts.concurrency !== undefined) {
    await call(core, 'sync.settings.set', { inlineLimitBytes: opts.inlineLimit, concurrency: opts.concurrency });
  }
  return core;
}

/** What the server holds: EIOs by identificatie with their latest content, and ZIOs. */
export function serverDocuments(server: ZgwServer) {
  const eios = [...server.state.eios.values()].map((e) => {
    const v = e.versions[e.versions.length - 1];
    return {
      url: e.url,
      identificatie: v.fields.identificatie as string,
      content: v.content,
      integriteit: v.fields.integriteit as { waarde?: string } | undefined,
      locked: e.lock !== '',
    };
  });
  const zios = [...server.state.zios.values()].map((z) => ({
    url: z.url as string,
    zaak: z.zaak as string,
    informatieobject: z.informatieobject as string,
  }));
  return { eios, zios };
}

/**
 * `postkamer sync --once --json --max-wait 5000` on the store in `dir` as the test administrator, with a short backoff;
 * `extra` adds to its environment (a kill point: POSTKAMER_SYNC_KILL_POINT). Resolves with how it ended.
 */
export function syncOnceCli(dir: string, extra: Record<string, string> = {}) {
  return runCli(['sync', '--once', '--json', '--max-wait', '5000', '--data', dir], {
    env: { POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_SYNC_BACKOFF_MS: '20', ...extra },
  });
}

/** Opens a store with the sync's knobs (read once, when the core opens) set from `env`; a short backoff by default. */
export async function openWithEnv(dir: string, server: ZgwServer, env: Record<string, string> = {}): Promise<Core> {
  const vars = { POSTKAMER_SYNC_BACKOFF_MS: '50', POSTKAMER_SYNC_TIMEOUT_MS: undefined, ...env };
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const set = (v: Record<string, string | undefined>) => {
    for (const [k, x] of Object.entries(v))
      if (x === undefined) delete process.env[k];
      else process.env[k] = x;
  };
  set(vars);
  try {
    return await openStoreWithConnection(dir, server);
  } finally {
    set(before);
  }
}

/** A fresh test zaaksysteem (minimal seed, validating) and store with one document delivered to ZAAK-2026-0000000001. */
export interface DeliveredDocument {
  server: ZgwServer;
  core: Core;
  dir: string;
  documentId: string;
  eioUrl: string;
  close(): Promise<void>;
}

export async function deliveredDocument(prefix: string, env: Record<string, string> = {}): Promise<DeliveredDocument> {
  const server = await startZgwServer({ seed: 'minimal', validate: true });
  const t = tempDir(prefix);
  const core = await openWithEnv(t.dir, server, env);
  const [documentId] = await ingestPdfs(core, 1);
  await call(core, 'sync.link', { documentId, zaaknummer: 'ZAAK-2026-0000000001' });
  const run = await call(core, 'sync.run', { maxWaitMs: 5000 });
  if (run.delivered !== 1 || run.attention !== 0 || run.remaining !== 0) throw new Error(`not delivered: ${JSON.stringify(run)}`);
  const eioUrl = (await call(core, 'sync.outbox.get', { documentId }))!.eioUrl!;
  const s: DeliveredDocument = {
    server,
    core,
    dir: t.dir,
    documentId,
    eioUrl,
    close: async () => {
      await s.core.close().catch(() => undefined); // (already closed when a CLI test failed before reopening)
      await server.close();
      t.cleanup();
    },
  };
  return s;
}
