// CLI commands of the zaaksysteem delivery: config zgw, link, sync (owned by the sync module), plus outbox and retry.
import { parseArgs } from 'node:util';
import type { Core } from '../../core/core';
import { printTable } from './format';

export interface CliHelpers {
  /** Opens the core on the --data folder with the passphrase. The caller closes it. */
  openCore(dataDir: string | undefined): Promise<Core>;
  /** Ctx for core.call from the CLI. */
  call<T = unknown>(core: Core, cmd: string, input: unknown): Promise<T>;
}

export const SYNC_HELP = `
Zaaksysteem (ZGW):
  config zgw --env <test|acceptatie|productie> --zaken <url> --documenten <url> --catalogi <url>
             --client-id <id> --secret - --rsin <rsin> [--informatieobjecttype <url>] [--activate]
                               verbinding instellen (secret van standaardinvoer, of via POSTKAMER_ZGW_SECRET)
  config sync [--concurrency <n>] [--inline-limit <bytes>]
  config test [--env <naam>]   verbinding testen
  config show                  verbindingen tonen (zonder client-ID en secret)
  link <id> --zaaknummer <Z> [--documenttype <omschrijving|url>] [--vertrouwelijkheid <v>]
                               document aan een zaak koppelen (werkt ook offline); het documenttype moet het
                               zaaktype toestaan (--informatieobjecttype is hetzelfde als --documenttype)
  link <id> --nieuwe-zaak --zaaktype <url|identificatie> --omschrijving <tekst> [--initiator-naam <naam>]
             [--initiator-adres …] [--initiator-postcode …] [--initiator-woonplaats …] [--initiator-kvk <8 cijfers>]
             [--bsn-van-pagina]  de afzender wordt initiatiefnemer (Rol); --bsn-van-pagina: het BSN op de brief,
                                 door u met de brief vergeleken, gaat mee (vastgelegd in de audittrail)
  retry <id>                   document uit "aandacht" opnieuw versturen
  retry <id> <id> … | retry --reden <code> [<id> …]
                               een groep in één keer opnieuw versturen: de gekozen documenten, of alle met die
                               reden (zoals zgw-http-500), in aandacht of wachtend na een fout
  handback <id> --notitie <tekst>
                               (teamleider) een document uit "aandacht" teruggeven aan de medewerker met een
                               toelichting: de koppeling wordt ongedaan gemaakt als er nog niets is verstuurd
  outbox [--state <s>]         de wachtrij naar het zaaksysteem
  sync [--once] [--max-wait <ms>] [--concurrency <n>]
                               versturen (--once: wat nu kan, dan stoppen)
`;

class CliError extends Error {}

function parse<O extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new CliError(`${(e as Error).message} (zie "postkamer help")`);
  }
}

const int = (v: string | undefined, what: string): number | undefined => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new CliError(`${what} moet een geheel getal zijn`);
  return Number(v);
};

/** A whole document id or the unambiguous start of one, resolved by the core (`documents.resolve`, over every document). */
async function resolveDocumentId(helpers: CliHelpers, core: Core, given: string): Promise<string> {
  return (await helpers.call<{ id: string }>(core, 'documents.resolve', { prefix: given })).id;
}

async function withCore<T>(helpers: CliHelpers, data: string | undefined, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await helpers.openCore(data);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

const out = (json: boolean, value: unknown, text: string) =>
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : text + '\n');

/** Returns an exit code, or null when the command is not a sync command. */
export async function runSyncCli(command: string, args: string[], helpers: CliHelpers): Promise<number | null> {
  switch (command) {
    case 'config':
      return config(args, helpers);
    case 'link':
      return link(args, helpers);
    case 'retry':
      return retry(args, helpers);
    case 'handback': {
      const { values, positionals } = parse(args, { notitie: { type: 'string' } });
      if (positionals.length !== 1 || !values.notitie) throw new CliError('geef één document-id en --notitie "<toelichting>"');
      return withCore(helpers, values.data, async (core) => {
        const documentId = await resolveDocumentId(helpers, core, positionals[0]!);
        const d = await helpers.call<{ stage: string }>(core, 'sync.handBack', { documentId, note: values.notitie });
        out(values.json, d, `Teruggegeven aan de medewerker (${d.stage}); de koppeling is ongedaan gemaakt.`);
        return 0;
      });
    }
    case 'outbox': {
      const { values } = parse(args, { state: { type: 'string' } });
      return withCore(helpers, values.data, async (core) => {
        const items = await helpers.call<
          { documentId: string; title: string; state: string; zaaknummer: string | null; attempts: number; lastError: string | null }[]
        >(core, 'sync.outbox.list', { state: values.state, limit: 1000 });
        if (values.json) out(true, items, '');
        else
          printTable(
            items.map((i) => ({
              id: i.documentId.slice(0, 8),
              titel: i.title,
              zaak: i.zaaknummer ?? '',
              status: i.state,
              pogingen: i.attempts,
              melding: i.lastError ?? '',
            })),
          );
        return 0;
      });
    }
    case 'sync':
      return sync(args, helpers);
    default:
      return null;
  }
}

async function retry(args: string[], helpers: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, { reden: { type: 'string' } });
  if (positionals.length === 0 && values.reden === undefined) throw new CliError('geef document-id’s of --reden <code>');
  return withCore(helpers, values.data, async (core) => {
    const documentIds = [];
    for (const p of positionals) documentIds.push(await resolveDocumentId(helpers, core, p));
    if (documentIds.length === 1 && values.reden === undefined) {
      const item = await helpers.call<{ state: string }>(core, 'sync.retry', { documentId: documentIds[0] });
      out(values.json, item, `Opnieuw in de wachtrij (${item.state}).`);
      return 0;
    }
    const r = await helpers.call<{ retried: number; skipped: number }>(core, 'sync.retryMany', {
      documentIds: documentIds.length > 0 ? documentIds : undefined,
      reason: values.reden,
    });
    const skipped = r.skipped > 0 ? `; ${r.skipped} niet in aandacht of wachtend na een fout` : '';
    out(values.json, r, `${r.retried} document(en) opnieuw in de wachtrij${skipped}.`);
    return 0;
  });
}

/** The sync health per environment as `postkamer status --json` shows it (issue 17's shape), from `sync.status`. */
export function syncForStatus(s: {
  health: Record<
    string,
    { state: string; lastSuccessAt: string | null; errorsLastHour: number; attentionByReason: Record<string, number> }
  >;
}) {
  const pick = (h: (typeof s.health)[string]) => ({
    state: h.state,
    lastSuccessAt: h.lastSuccessAt,
    errorsLastHour: h.errorsLastHour,
    attentionByReason: h.attentionByReason,
  });
  return { sync: Object.fromEntries(Object.entries(s.health).map(([env, h]) => [env, pick(h)])) };
}

/** Standard input to its end, at most 64 KiB (a secret, never a file). */
async function readStdin(): Promise<string> {
  const parts: Buffer[] = [];
  let n = 0;
  for await (const chunk of process.stdin) {
    n += (chunk as Buffer).length;
    if (n > 64 * 1024) throw new CliError('--secret -: meer dan 64 KiB op standaardinvoer');
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function config(args: string[], helpers: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, {
    env: { type: 'string' },
    zaken: { type: 'string' },
    documenten: { type: 'string' },
    catalogi: { type: 'string' },
    'client-id': { type: 'string' },
    secret: { type: 'string' },
    rsin: { type: 'string' },
    informatieobjecttype: { type: 'string' },
    activate: { type: 'boolean', default: false },
    concurrency: { type: 'string' },
    'inline-limit': { type: 'string' },
  });
  const what = positionals[0];
  if (what === 'zgw') {
    // A secret on the command line can be read by every local user (ps, /proc/<pid>/cmdline) and ends up in the shell's
    // history: `--secret -` reads it from standard input; POSTKAMER_ZGW_SECRET is the other way.
    let secret = values.secret === '-' ? (await readStdin()).trim() : (values.secret ?? process.env.POSTKAMER_ZGW_SECRET);
    if (values.secret && values.secret !== '-') {
      process.stderr.write(
        'let op: een secret op de opdrachtregel is zichtbaar voor andere gebruikers van deze computer (ps) en blijft in de geschiedenis van de shell; gebruik POSTKAMER_ZGW_SECRET of --secret - (van standaardinvoer)\n',
      );
    }
    if (secret === '') secret = undefined;
    const missing = ['env', 'zaken', 'documenten', 'catalogi', 'client-id', 'rsin'].filter((k) => !(values as Record<string, unknown>)[k]);
    if (!secret) missing.push('secret (of POSTKAMER_ZGW_SECRET)');
    if (missing.length) throw new CliError(`ontbrekend: ${missing.map((m) => `--${m}`).join(', ')}`);
    return withCore(helpers, values.data, async (core) => {
      const c = await helpers.call<{ env: string; active: boolean }>(core, 'sync.connection.set', {
        env: values.env,
        zaken: values.zaken,
        documenten: values.documenten,
        catalogi: values.catalogi,
        clientId: values['client-id'],
        secret,
        rsin: values.rsin,
        informatieobjecttype: values.informatieobjecttype ?? null,
        activate: values.activate,
      });
      if (values.concurrency || values['inline-limit']) {
        await helpers.call(core, 'sync.settings.set', {
          concurrency: int(values.concurrency, '--concurrency'),
          inlineLimitBytes: int(values['inline-limit'], '--inline-limit'),
        });
      }
      out(values.json, c, `Verbinding "${c.env}" opgeslagen${c.active ? ' (actief)' : ''}.`);
      return 0;
    });
  }
  if (what === 'sync') {
    return withCore(helpers, values.data, async (core) => {
      const s = await helpers.call<{ concurrency: number; inlineLimitBytes: number }>(core, 'sync.settings.set', {
        concurrency: int(values.concurrency, '--concurrency'),
        inlineLimitBytes: int(values['inline-limit'], '--inline-limit'),
      });
      out(values.json, s, `Gelijktijdig: ${s.concurrency}; inline tot ${s.inlineLimitBytes} bytes.`);
      return 0;
    });
  }
  if (what === 'test') {
    return withCore(helpers, values.data, async (core) => {
      const r = await helpers.call<{ env: string; ok: boolean; checks: { check: string; ok: boolean; message: string }[] }>(
        core,
        'sync.connection.test',
        { env: values.env },
      );
      if (values.json) out(true, r, '');
      else for (const c of r.checks) process.stdout.write(`${c.ok ? 'ok   ' : 'FOUT '} ${c.check.padEnd(20)} ${c.message}\n`);
      return r.ok ? 0 : 1;
    });
  }
  if (what === 'show') {
    return withCore(helpers, values.data, async (core) => {
      const s = await helpers.call<{
        connections: { env: string; zaken: string; documenten: string; catalogi: string; rsin: string; active: boolean }[];
      }>(core, 'sync.status', {});
      if (values.json) out(true, s, '');
      else
        printTable(
          s.connections.map((c) => ({
            omgeving: c.env + (c.active ? ' *' : ''),
            rsin: c.rsin,
            zaken: c.zaken,
            documenten: c.documenten,
            catalogi: c.catalogi,
          })),
        );
      return 0;
    });
  }
  throw new CliError('gebruik: postkamer config zgw|sync|test|show …');
}

async function link(args: string[], helpers: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, {
    zaaknummer: { type: 'string' },
    'nieuwe-zaak': { type: 'boolean', default: false },
    zaaktype: { type: 'string' },
    omschrijving: { type: 'string' },
    'initiator-naam': { type: 'string' },
    'initiator-adres': { type: 'string' },
    'initiator-postcode': { type: 'string' },
    'initiator-woonplaats': { type: 'string' },
    'initiator-kvk': { type: 'string' },
    'bsn-van-pagina': { type: 'boolean', default: false },
    informatieobjecttype: { type: 'string' },
    documenttype: { type: 'string' },
    vertrouwelijkheid: { type: 'string' },
  });
  if (positionals.length !== 1) throw new CliError('geef één document-id');
  if (values.documenttype && values.informatieobjecttype && values.documenttype !== values.informatieobjecttype)
    throw new CliError('--documenttype en --informatieobjecttype zijn hetzelfde; geef er één');
  const nieuw = values['nieuwe-zaak'];
  if (nieuw === Boolean(values.zaaknummer)) throw new CliError('geef óf --zaaknummer óf --nieuwe-zaak');
  if (nieuw && (!values.zaaktype || !values.omschrijving)) throw new CliError('--nieuwe-zaak vraagt --zaaktype en --omschrijving');
  return withCore(helpers, values.data, async (core) => {
    const documentId = await resolveDocumentId(helpers, core, positionals[0]);
    // An omschrijving or a URL, under either name: the core matches it among the types the zaaktype allows.
    const documenttype = values.documenttype ?? values.informatieobjecttype;
    const types = { documenttype, vertrouwelijkheidaanduiding: values.vertrouwelijkheid };
    const initiator = values['initiator-naam']
      ? {
          naam: values['initiator-naam'],
          adres: values['initiator-adres'],
          postcode: values['initiator-postcode'],
          woonplaats: values['initiator-woonplaats'],
          ...(values['initiator-kvk'] ? { kvk: values['initiator-kvk'] } : {}),
          // The BSN read on the document's page, which the clerk checked against the page: the number itself never
          // passes through here.
          ...(values['bsn-van-pagina'] ? { bsnVanPagina: true } : {}),
        }
      : undefined;
    const item = nieuw
      ? await helpers.call<{ state: string; identificatie: string }>(core, 'sync.newZaak', {
          documentId,
          zaaktype: values.zaaktype,
          omschrijving: values.omschrijving,
          initiator,
          ...types,
        })
      : await helpers.call<{ state: string; identificatie: string }>(core, 'sync.link', {
          documentId,
          zaaknummer: values.zaaknummer,
          ...types,
        });
    out(
      values.json,
      item,
      `Document ${documentId.slice(0, 8)} staat klaar voor het zaaksysteem (${nieuw ? 'nieuwe zaak' : values.zaaknummer}).`,
    );
    return 0;
  });
}

async function sync(args: string[], helpers: CliHelpers): Promise<number> {
  const { values } = parse(args, {
    once: { type: 'boolean', default: false },
    'max-wait': { type: 'string' },
    concurrency: { type: 'string' },
  });
  const concurrency = int(values.concurrency, '--concurrency');
  return withCore(helpers, values.data, async (core) => {
    if (values.once) {
      const r = await helpers.call<{ delivered: number; attention: number; retried: number; remaining: number; offline: string[] }>(
        core,
        'sync.run',
        {
          maxWaitMs: int(values['max-wait'], '--max-wait'),
          concurrency,
        },
      );
      const s = await helpers.call<{ outbox: Record<string, number> }>(core, 'sync.status', {});
      out(
        values.json,
        { ...r, outbox: s.outbox },
        `Verstuurd: ${r.delivered}; aandacht: ${r.attention}; nog te doen: ${r.remaining}${r.offline.length ? `; offline: ${r.offline.join(', ')}` : ''}.`,
      );
      return 0;
    }
    if (concurrency !== undefined) await helpers.call(core, 'sync.settings.set', { concurrency });
    core.startBackground();
    if (!values.json) process.stderr.write('Versturen naar het zaaksysteem loopt; stoppen met Ctrl+C.\n');
    await new Promise<void>((done) => {
      process.once('SIGINT', () => done());
      process.once('SIGTERM', () => done());
    });
    const s = await helpers.call<{ outbox: Record<string, number> }>(core, 'sync.status', {});
    out(values.json, { outbox: s.outbox }, `Gestopt. Wachtrij: ${JSON.stringify(s.outbox)}`);
    return 0;
  });
}
