// The `postkamer` command.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CommandName, CommandOutput } from '../../contract/commands';
import type { Core } from '../../core/core';
import type * as StoreModule from '../../store/store';
import type * as OpenModule from '../open';
import { defaultDataDir } from '../paths';
import { version } from '../../core/version';
import { writeFileAtomic } from '../../store/fsutil';
import { getPassphrase } from './passphrase';
import { printTable } from './format';
import { CLI_CTX, SignInUsageError, signInCli, takeUserOption } from './sign-in';
import { runInit } from './init';
import { runPeopleCli } from './people-commands';
import { HELP } from './help';
import { runSyncCli, syncForStatus } from './sync-commands';
import { runEditCli } from './edit-command';
import { runReportCli } from './report-command';
import { runExportCli } from './export-command';
import { runQcCli } from './qc-commands';
import { runWatch, WATCH_OPTIONS } from './watch-command';

// It runs the core in-process; every command goes through the same contract as the UI.
// Exit codes: 0 success; 1 the command failed (one line on stderr says why); 2 partly done (e.g. some files
// of an ingest were rejected — each named on stderr — while the others were stored).

// The store and the core (better-sqlite3, sharp, tesseract.js, pdf.js …) load only for the commands that use them,
// so `help` and `--version` start fast (test/integration/cli-build.test.ts checks the built entry).
const openCore: typeof OpenModule.openCore = async (...a) => (await import('../open')).openCore(...a);
const initStore: typeof StoreModule.initStore = async (...a) => (await import('../../store/store')).initStore(...a);

export class UsageError extends Error {}

/** Right after `npm ci` the UI bundle does not exist yet: build it once (messages to stderr; stdout stays the URL line). */
async function ensureRendererBuilt(dist: string): Promise<void> {
  if (existsSync(join(dist, 'index.html'))) return;
  process.stderr.write('De gebruikersinterface wordt eenmalig gebouwd…\n');
  const { build } = await import('vite');
  await build({ configFile: join(dist, '..', 'vite.config.ts'), logLevel: 'error' });
}

/**
 * A whole document id or the unambiguous start of one (`documents` shows the first 8 characters), resolved by the
 * core over every document (`documents.resolve`; the rule is src/base/id-prefix.ts). Every `<id>` of the CLI goes here.
 */
export async function resolveDocumentId(core: Core, given: string): Promise<string> {
  return (await call(core, 'documents.resolve', { prefix: given })).id;
}

/** The most `documents.list` returns at once; `documents` pages through it. */
const LIST_PAGE = 5000;

/**
 * Every document (of a batch), from `offset`, at most `limit` (all when absent), paged through `documents.list`.
 * A document added by the app while the pages are read shifts the later pages by one: an id seen twice is listed once.
 */
async function listAllDocuments(
  core: Core,
  opts: { batchId?: string; offset: number; limit?: number; classification?: boolean },
): Promise<CommandOutput<'documents.list'>> {
  const out: CommandOutput<'documents.list'> = [];
  const seen = new Set<string>();
  for (let offset = opts.offset; ;) {
    const want = opts.limit === undefined ? LIST_PAGE : Math.min(LIST_PAGE, opts.limit - out.length);
    if (want <= 0) break;
    const page = await call(core, 'documents.list', { batchId: opts.batchId, limit: want, offset, classification: opts.classification });
    for (const d of page) {
      if (seen.has(d.id)) continue;
      seen.add(d.id);
      out.push(d);
    }
    offset += page.length;
    if (page.length < want) break;
  }
  return out;
}

/** A whole number option (`--limit`, `--offset`) at least `min`, or undefined when it is not given. */
function wholeNumber(v: unknown, name: string, min: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d{1,9}$/.test(v) || Number(v) < min)
    throw new UsageError(`${name} moet een geheel getal van ${min} of meer zijn (niet "${String(v)}")`);
  return Number(v);
}

/** The person named by --user (taken out of the arguments by `main`). */
let cliUser: string | undefined;

async function call<C extends CommandName>(core: Core, cmd: C, input: unknown): Promise<CommandOutput<C>> {
  const r = await core.call(cmd, input, CLI_CTX);
  if (!r.ok) throw Object.assign(new Error(withIssues(r.error)), { code: r.error.code });
  return r.data as CommandOutput<C>;
}

/** An error's message, with the fields an invalid input got wrong and why ("autoLockMinutes: … hoogstens 60 …"). */
function withIssues(e: { message: string; details?: Record<string, unknown> }): string {
  const issues = Array.isArray(e.details?.issues) ? (e.details.issues as { path?: string; message?: string }[]) : [];
  const said = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : String(i.message))).join('; ');
  return said ? `${e.message} (${said})` : e.message;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const options = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (!command || command === 'help' || command === '--help' || command === '-h' || options.includes('--help') || options.includes('-h')) {
    process.stdout.write(HELP);
    return command ? 0 : 1;
  }
  if (command === '--version' || command === 'version') {
    process.stdout.write(`postkamer ${version}\n`);
    return 0;
  }
  try {
    const taken = takeUserOption(rest);
    cliUser = taken.user;
    return await run(command, taken.args);
  } catch (e) {
    const msg = e instanceof UsageError || e instanceof SignInUsageError ? `${e.message}\n(zie "postkamer help")` : (e as Error).message;
    process.stderr.write(`postkamer ${command}: ${msg}\n`);
    return 1;
  }
}

async function run(command: string, args: string[]): Promise<number> {
  const common = { data: { type: 'string' as const }, json: { type: 'boolean' as const, default: false } };
  const parse = <O extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; default?: string | boolean }>>(options: O) => {
    try {
      return parseArgs({ args, options: { ...common, ...options }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  };
  const dataDir = (v: unknown) => resolve(typeof v === 'string' ? v : defaultDataDir());
  /** The core on the store, with the person of --user / POSTKAMER_USER signed in; the caller closes it. */
  const openSignedIn = async (data: unknown): Promise<Core> => {
    const core = await openCore(dataDir(data), await getPassphrase());
    try {
      await signInCli(core, cliUser);
      return core;
    } catch (e) {
      await core.close();
      throw e;
    }
  };

  switch (command) {
    case 'init': {
      const { values } = parse({
        beheerder: { type: 'string' },
        naam: { type: 'string' },
        rol: { type: 'string' },
        'zgw-user-id': { type: 'string' },
      });
      return runInit(dataDir(values.data), values, { user: cliUser, openCore, initStore, call });
    }
    case 'ingest': {
      const { values, positionals } = parse({ profile: { type: 'string' } });
      if (positionals.length === 0) throw new UsageError('geef één of meer bestanden of mappen');
      const core = await openSignedIn(values.data);
      try {
        const out = await call(core, 'ingest.paths', { paths: positionals, source: 'cli', profile: values.profile });
        if (values.json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');
        else
          process.stdout.write(`Batch ${out.batchId}: ${out.documents.length} document(en) opgeslagen, ${out.errors.length} geweigerd\n`);
        for (const e of out.errors) process.stderr.write(`geweigerd: ${e.message}\n`);
        return out.errors.length > 0 ? 2 : 0;
      } finally {
        await core.close();
      }
    }
    case 'documents': {
      const { values } = parse({ batch: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' } });
      const limit = wholeNumber(values.limit, '--limit', 1);
      const offset = wholeNumber(values.offset, '--offset', 0) ?? 0;
      const core = await openSignedIn(values.data);
      try {
        // --json carries each document's classification (state, type, confidentiality, the zaak's retention).
        const docs = await listAllDocuments(core, { batchId: values.batch, offset, limit, classification: values.json === true });
        if (values.json) process.stdout.write(JSON.stringify(docs, null, 2) + '\n');
        else
          printTable(
            docs.map((d) => ({
              id: d.id.slice(0, 8),
              titel: d.title,
              paginas: d.pageCount,
              status: d.status,
              fase: d.stage,
              bsn: d.containsBsn ? 'ja' : '',
            })),
          );
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'search': {
      // A query that is a BSN needs the right to reveal one and a reason (--reden), recorded in the audit trail.
      const { values, positionals } = parse({ reden: { type: 'string' } });
      if (positionals.length === 0) throw new UsageError('geef een zoekterm');
      const core = await openSignedIn(values.data);
      try {
        const hits = await call(core, 'documents.search', {
          query: positionals.join(' '),
          ...(values.reden ? { reason: values.reden } : {}),
        });
        if (values.json) process.stdout.write(JSON.stringify(hits, null, 2) + '\n');
        else printTable(hits.map((h) => ({ id: h.id.slice(0, 8), titel: h.title, fragment: h.snippet })));
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'text':
    case 'pdf': {
      const { values, positionals } = parse({ out: { type: 'string' }, original: { type: 'boolean', default: false } });
      if (positionals.length !== 1) throw new UsageError('geef één document-id (of een uniek begin ervan)');
      if (command === 'pdf' && !values.out) throw new UsageError('geef --out <bestand.pdf>');
      const core = await openSignedIn(values.data);
      try {
        const id = await resolveDocumentId(core, positionals[0]);
        if (command === 'text') {
          const t = await call(core, 'documents.text', { id });
          process.stdout.write(values.json ? JSON.stringify(t) + '\n' : t.text + (t.text.endsWith('\n') ? '' : '\n'));
        } else {
          const out = await call(core, 'documents.export', {
            id,
            kind: values.original ? 'original' : 'pdf',
            path: resolve(String(values.out)),
          });
          process.stdout.write(values.json ? JSON.stringify(out) + '\n' : `${out.path} (${out.bytes} bytes)\n`);
        }
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'rejected': {
      const { values } = parse({ batch: { type: 'string' } });
      const core = await openSignedIn(values.data);
      try {
        const list = await call(core, 'rejections.list', { batchId: values.batch });
        if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else
          printTable(list.map((r) => ({ bestand: r.fileName, code: r.code, quarantaine: r.quarantined ? 'ja' : 'nee', reden: r.message })));
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'separator': {
      const { values } = parse({ zaaknummer: { type: 'string' }, documenttype: { type: 'string' }, out: { type: 'string' } });
      if (!values.out) throw new UsageError('geef --out <bestand.pdf>');
      const { makeSeparatorSheet } = await import('../../capture/separator');
      const pdf = await makeSeparatorSheet({ zaaknummer: values.zaaknummer, documenttype: values.documenttype });
      const out = resolve(String(values.out));
      writeFileAtomic(out, Buffer.from(pdf), 0o644);
      process.stdout.write(values.json ? JSON.stringify({ out, bytes: pdf.length }) + '\n' : `Scheidingsblad geschreven: ${out}\n`);
      return 0;
    }
    case 'profiles': {
      const { values } = parse({});
      const core = await openSignedIn(values.data);
      try {
        const list = await call(core, 'profiles.list', {});
        if (values.json) process.stdout.write(JSON.stringify(list, null, 2) + '\n');
        else
          printTable(
            list.map((p) => ({
              naam: p.name,
              omschrijving: p.label,
              ppi: p.resolution,
              kleur: p.colour,
              duplex: p.duplex ? 'ja' : 'nee',
              blanco: p.blankPages,
              beeld: p.imageMode,
              vergrendeld: p.locked ? 'ja' : '',
            })),
          );
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'scan': {
      const { values } = parse({ escl: { type: 'string' }, sane: { type: 'string' }, profile: { type: 'string' } });
      if (!values.escl === !values.sane) throw new UsageError('geef --escl <url van de scanner> of --sane <apparaat>');
      const core = await openSignedIn(values.data);
      try {
        const { runScanJob } = await import('../../core/scan');
        const { profileByName } = await import('../../core/profiles');
        const profile = profileByName(core.store.db, values.profile);
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        const ref = values.escl
          ? { kind: 'escl' as const, url: String(values.escl) }
          : { kind: 'sane' as const, device: String(values.sane) };
        // A scanner the administrator names here is one the app's UI may then scan from too.
        core.configureScanner(ref, CLI_CTX);
        const out = await runScanJob(core.ingestContext(core.signedIn(CLI_CTX)), ref, profile, {
          signal: abort.signal,
          onPage: (n) => !values.json && process.stderr.write(`\rpagina's ontvangen: ${n}`),
        });
        if (!values.json) process.stderr.write('\n');
        if (values.json)
          process.stdout.write(
            JSON.stringify({ ...out.result, scan: { pages: out.pages, outcome: out.outcome, error: out.error } }, null, 2) + '\n',
          );
        else process.stdout.write(`Batch ${out.batchId}: ${out.pages} pagina's, ${out.result.documents.length} document(en)\n`);
        if (out.error) process.stderr.write(`scanner: ${out.error.message}\n`);
        for (const e of out.result.errors) process.stderr.write(`geweigerd: ${e.message}\n`);
        return out.outcome === 'completed' && out.result.errors.length === 0 ? 0 : out.pages > 0 ? 2 : 1;
      } finally {
        await core.close();
      }
    }
    case 'watch': {
      const { values, positionals } = parse(WATCH_OPTIONS);
      if (positionals.length !== 1) throw new UsageError('geef één map om te bewaken');
      return runWatch(resolve(positionals[0]), values, () => openSignedIn(values.data));
    }
    case 'status': {
      const { values } = parse({});
      const core = await openSignedIn(values.data);
      try {
        const s = await call(core, 'app.status', {});
        Object.assign(s, syncForStatus(await call(core, 'sync.status', {}))); // `sync`: health per environment (sync-commands.ts)
        if (values.json) process.stdout.write(JSON.stringify(s, null, 2) + '\n');
        else {
          process.stdout.write(
            `Postkamer ${s.version} — ${s.batches} batches, ${s.documents} documenten, ${s.rejected} geweigerd; audit ${s.audit.chainValid ? 'intact' : 'GEBROKEN'} (${s.audit.entries})\n`,
          );
          // Per stage its count, the oldest item's time and "!" where it waits longer than stageWarnHours.
          const stages = Object.entries(s.stages).map(
            ([k, v]) => `${k} ${v.count}${v.oldestAt ? ` (oudste ${v.oldestAt}${v.warn ? ' !' : ''})` : ''}`,
          );
          process.stdout.write(`Stappen: ${stages.join(', ')}\n`);
        }
        return 0;
      } finally {
        await core.close();
      }
    }
    case 'web': {
      const { values } = parse({ port: { type: 'string' } });
      const { startWebHarness, rendererDist } = await import('../web');
      await ensureRendererBuilt(rendererDist());
      const core = await openCore(dataDir(values.data), await getPassphrase(), { create: true });
      const web = await startWebHarness(core, { port: values.port ? Number(values.port) : 0 });
      core.startBackground();
      process.stdout.write(`Postkamer web: ${web.url}\n`);
      await new Promise<void>((done) => {
        const stop = () => done();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await web.close();
      await core.close();
      return 0;
    }
    case 'zgw-server': {
      // Test and demo zaaksysteem; never loaded by the app itself.
      const mod = (await import('../../../test/zgw-server/index')) as { runZgwServerCli(argv: string[]): Promise<void> };
      await mod.runZgwServerCli(args);
      return 0;
    }
    default: {
      const helpers = {
        openCore: openSignedIn,
        call: (core: Core, cmd: string, input: unknown) => call(core, cmd as CommandName, input) as never,
      };
      const code =
        (await runPeopleCli(command, args, helpers)) ??
        (await runSyncCli(command, args, helpers)) ??
        (await runEditCli(command, args, helpers)) ??
        (await runReportCli(command, args, helpers)) ??
        (await runExportCli(command, args, helpers)) ??
        (await runQcCli(command, args, helpers));
      if (code === null) throw new UsageError(`onbekende opdracht "${command}"`);
      return code;
    }
  }
}
