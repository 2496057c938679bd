// CLI commands of people and accountability: users, settings, the audit trail, revealing a BSN, and the purge.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../../contract/role-names';
import type { Core } from '../../core/core';
import type { CliHelpers } from './sync-commands';
import { printTable } from './format';
import { pinFrom, SignInUsageError } from './sign-in';

export const PEOPLE_HELP = `
Mensen en verantwoording:
  init [--beheerder <login>] [--naam <naam>] [--rol <rol>[,<rol>]] [--zgw-user-id <id>]
                               nieuwe opslag (of een opslag zonder mensen): de eerste beheerder
                               (pincode uit POSTKAMER_PIN, anders gevraagd; standaard alle vier rollen)
  users list [--json]          de mensen en hun rollen
  users add <login> --naam <naam> --rol <rol>[,<rol>] [--zgw-user-id <id>]
                               iemand toevoegen (eerste pincode uit POSTKAMER_NEW_PIN, anders gevraagd)
  users roles <login> --rol <rol>[,<rol>]   rollen wijzigen
  users disable <login> | users enable <login>   aanmelden blokkeren of weer toestaan
  users pin <login>            nieuwe pincode instellen (uit POSTKAMER_NEW_PIN, anders gevraagd)
  settings [--json]            instellingen tonen
  settings set <sleutel> <waarde>   instelling wijzigen (autoLockMinutes, purgeAfterDays, maxFileBytes, locale,
                                   stageWarnHours, perPersonStats aan|uit, archiefvormer, exportDir,
                                   qcSampleRule <json>, destructionWaitDays, vervangingsbesluit <json>,
                                   verklaringDocumenttype <omschrijving|url>,
                                   selectielijstBases <url>[,<url>] of leeg)
  audit verify [--json]        het auditlogboek controleren (exit 1 en de eerste foute regel als het niet klopt)
  audit list [--limit <n>] [--user <login>] [--actie <code>] [--van <datum>] [--tot <datum>] [--json]
  audit export --from <datum> --to <datum> --out <bestand.csv|bestand.jsonl>
  bsn reveal <id> --reden <tekst>   het BSN in een document tonen (vastgelegd als verwerking)
  purge [--dry-run] [--json]   afgeleverde documenten na de bewaartermijn van deze werkplek opschonen
Rollen: medewerker, archivaris, teamleider, beheerder.
Elke opdracht draait als de persoon van --user <login> of POSTKAMER_USER, met de pincode uit POSTKAMER_PIN
(anders gevraagd).
`;

class CliUsage extends SignInUsageError {}

function parse<O extends Record<string, { type: 'string' | 'boolean'; default?: string | boolean }>>(args: string[], options: O) {
  try {
    return parseArgs({
      args,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new CliUsage((e as Error).message);
  }
}

/** `medewerker,archivaris` → the roles; an unknown name is a usage error that lists the four. */
export function parseRoles(v: string): Role[] {
  const names = v
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (names.length === 0 || bad.length > 0)
    throw new CliUsage(`onbekende rol ${bad.map((b) => `"${b}"`).join(', ') || '(geen)'}; kies uit ${ROLES.join(', ')}`);
  return [...new Set(names)] as Role[];
}

const out = (v: unknown) => process.stdout.write(JSON.stringify(v, null, 2) + '\n');

async function withCore<T>(helpers: CliHelpers, data: string | undefined, fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await helpers.openCore(data);
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/** Runs one of these commands; null when `command` is not one of them. */
export async function runPeopleCli(command: string, args: string[], h: CliHelpers): Promise<number | null> {
  switch (command) {
    case 'users':
      return users(args, h);
    case 'settings':
      return settings(args, h);
    case 'audit':
      return audit(args, h);
    case 'bsn':
      return bsn(args, h);
    case 'purge': {
      const { values } = parse(args, { 'dry-run': { type: 'boolean', default: false } });
      return withCore(h, values.data, async (core) => {
        const r = await h.call<{ purged: string[]; kept: Record<string, number> }>(core, 'purge.run', { dryRun: values['dry-run'] });
        if (values.json) out(r);
        else {
          process.stdout.write(`${values['dry-run'] ? 'Zou opschonen' : 'Opgeschoond'}: ${r.purged.length} document(en)\n`);
          for (const [reason, n] of Object.entries(r.kept)) process.stdout.write(`  bewaard (${reason}): ${n}\n`);
        }
        return 0;
      });
    }
    default:
      return null;
  }
}

async function users(args: string[], h: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, { naam: { type: 'string' }, rol: { type: 'string' }, 'zgw-user-id': { type: 'string' } });
  const [sub, login] = positionals;
  const needLogin = () => {
    if (!login) throw new CliUsage(`users ${sub}: geef een gebruikersnaam`);
    return login;
  };
  return withCore(h, values.data, async (core) => {
    switch (sub) {
      case 'list': {
        const people = await h.call<{ login: string; name: string; roles: string[]; zgwUserId: string | null; disabled: boolean }[]>(
          core,
          'people.list',
          {},
        );
        if (values.json) out(people);
        else
          printTable(
            people.map((p) => ({
              login: p.login,
              naam: p.name,
              rollen: p.roles.join(','),
              'zgw-id': p.zgwUserId ?? '',
              geblokkeerd: p.disabled ? 'ja' : '',
            })),
          );
        return 0;
      }
      case 'add': {
        if (!values.naam || !values.rol) throw new CliUsage('users add <login> --naam <naam> --rol <rol>[,<rol>]');
        const person = await h.call(core, 'people.add', {
          login: needLogin(),
          name: values.naam,
          roles: parseRoles(values.rol),
          zgwUserId: values['zgw-user-id'] ?? null,
          pin: await pinFrom('POSTKAMER_NEW_PIN', `Eerste pincode voor ${login}: `, true),
        });
        if (values.json) out(person);
        else process.stdout.write(`Toegevoegd: ${login}\n`);
        return 0;
      }
      case 'roles': {
        if (!values.rol) throw new CliUsage('users roles <login> --rol <rol>[,<rol>]');
        out(await h.call(core, 'people.update', { login: needLogin(), roles: parseRoles(values.rol) }));
        return 0;
      }
      case 'disable':
      case 'enable': {
        await h.call(core, 'people.update', { login: needLogin(), disabled: sub === 'disable' });
        process.stdout.write(`${login}: ${sub === 'disable' ? 'geblokkeerd' : 'mag weer aanmelden'}\n`);
        return 0;
      }
      case 'pin': {
        await h.call(core, 'people.setPin', {
          login: needLogin(),
          pin: await pinFrom('POSTKAMER_NEW_PIN', `Nieuwe pincode voor ${login}: `, true),
        });
        process.stdout.write(`${login}: nieuwe pincode ingesteld\n`);
        return 0;
      }
      default:
        throw new CliUsage('users list | add | roles | disable | enable | pin');
    }
  });
}

/** The type a setting's value is given in on the command line. */
const NUMBER_SETTINGS = new Set(['maxFileBytes', 'autoLockMinutes', 'purgeAfterDays', 'stageWarnHours', 'destructionWaitDays']);
/** Settings whose value is a JSON object (a sample rule, a vervangingsbesluit); `leeg` clears one that may be empty. */
const JSON_SETTINGS = new Set(['qcSampleRule', 'vervangingsbesluit']);
const BOOLEAN_SETTINGS = new Set(['perPersonStats']);
/** Settings that are a list: comma-separated (or a JSON array); `leeg` is the empty list. */
const LIST_SETTINGS = new Set(['selectielijstBases']);
function listValue(v: string): unknown {
  if (v === 'leeg') return [];
  if (v.trim().startsWith('['))
    try {
      return JSON.parse(v) as unknown;
    } catch {
      throw new CliUsage('een lijst als JSON, bijvoorbeeld ["https://selectielijst.openzaak.nl/api/v1"]');
    }
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
}
/** A JSON setting's value; `leeg` is null. Text that is not JSON is refused with the reason. */
function jsonValue(key: string, v: string): unknown {
  if (v === 'leeg') return null;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    throw new CliUsage(
      `${key} verwacht JSON, bijvoorbeeld ${key === 'qcSampleRule' ? '{"kind":"percentage","percent":5,"min":10}' : '{"titel":"…","datum":"2026-01-15","kenmerk":"…"}'}`,
    );
  }
}

/** `aan`/`uit` (or true/false) for a switch; anything else is refused. */
function switchValue(key: string, v: string): boolean {
  if (/^(aan|true|ja)$/i.test(v)) return true;
  if (/^(uit|false|nee)$/i.test(v)) return false;
  throw new CliUsage(`${key} is aan of uit (niet "${v}")`);
}

async function settings(args: string[], h: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, {});
  return withCore(h, values.data, async (core) => {
    if (positionals.length === 0) {
      const s = await h.call<Record<string, unknown>>(core, 'settings.get', {});
      if (values.json) out(s);
      else printTable(Object.entries(s).map(([k, v]) => ({ sleutel: k, waarde: String(v) })));
      return 0;
    }
    const [sub, key, value] = positionals;
    if (sub !== 'set' || key === undefined || value === undefined) throw new CliUsage('settings set <sleutel> <waarde>');
    if (NUMBER_SETTINGS.has(key) && !/^\d{1,12}$/.test(value)) throw new CliUsage(`${key} moet een geheel getal zijn (niet "${value}")`);
    const typed = NUMBER_SETTINGS.has(key)
      ? Number(value)
      : BOOLEAN_SETTINGS.has(key)
        ? switchValue(key, value)
        : JSON_SETTINGS.has(key)
          ? jsonValue(key, value)
          : LIST_SETTINGS.has(key)
            ? listValue(value)
            : value;
    const s = await h.call(core, 'settings.set', { [key]: typed });
    if (values.json) out(s);
    else process.stdout.write(`${key} = ${value}\n`);
    return 0;
  });
}

async function audit(args: string[], h: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    out: { type: 'string' },
    limit: { type: 'string' },
    actie: { type: 'string' },
    persoon: { type: 'string' },
  });
  const sub = positionals[0];
  return withCore(h, values.data, async (core) => {
    switch (sub) {
      case 'verify': {
        const v = await h.call<{
          valid: boolean;
          entries: number;
          anchored: boolean;
          problem: { seq: number; kind: string; message: string } | null;
        }>(core, 'audit.verify', {});
        if (values.json) out(v);
        else if (v.valid)
          process.stdout.write(`Auditlogboek intact: ${v.entries} regels${v.anchored ? ', kop klopt met het anker' : ''}\n`);
        else process.stdout.write(`Auditlogboek GEBROKEN bij regel ${v.problem?.seq} (${v.problem?.kind}): ${v.problem?.message}\n`);
        return v.valid ? 0 : 1;
      }
      case 'export': {
        if (!values.from || !values.to || !values.out)
          throw new CliUsage('audit export --from <datum> --to <datum> --out <bestand.csv|bestand.jsonl>');
        const r = await h.call<{ path: string; entries: number }>(core, 'audit.export', {
          from: values.from,
          to: values.to,
          path: resolve(values.out),
        });
        if (values.json) out(r);
        else process.stdout.write(`${r.entries} regels geschreven naar ${r.path}\n`);
        return 0;
      }
      case 'list': {
        const limit = values.limit === undefined ? 100 : Number(values.limit);
        if (!Number.isInteger(limit) || limit < 1) throw new CliUsage('--limit moet een geheel getal van 1 of meer zijn');
        const entries = await h.call<
          { seq: number; at: string; actor: string; actionLabel: string; objectId: string | null; result: string }[]
        >(core, 'audit.list', { limit, actor: values.persoon, action: values.actie, from: values.from, to: values.to });
        if (values.json) out(entries);
        else
          printTable(
            entries.map((e) => ({
              nr: e.seq,
              wanneer: e.at,
              wie: e.actor,
              actie: e.actionLabel,
              object: e.objectId ?? '',
              resultaat: e.result,
            })),
          );
        return 0;
      }
      default:
        throw new CliUsage('audit verify | list | export');
    }
  });
}

async function bsn(args: string[], h: CliHelpers): Promise<number> {
  const { values, positionals } = parse(args, { reden: { type: 'string' } });
  if (positionals[0] !== 'reveal' || positionals.length !== 2 || !values.reden) throw new CliUsage('bsn reveal <id> --reden <tekst>');
  return withCore(h, values.data, async (core) => {
    const id = (await h.call<{ id: string }>(core, 'documents.resolve', { prefix: positionals[1] })).id;
    const r = await h.call<{ id: string; bsns: string[] }>(core, 'documents.revealBsn', { id, reason: values.reden });
    if (values.json) out(r);
    else process.stdout.write(r.bsns.length > 0 ? r.bsns.join('\n') + '\n' : 'Geen BSN in dit document.\n');
    return 0;
  });
}
