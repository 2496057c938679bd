// `postkamer edit <id> [--titel …] …` and `postkamer classify <id> …`: a document's fields set by hand as the clerk does
// in the app (documents.edit), and its classification as the archivist does (documents.classify).
import { parseArgs } from 'node:util';
import type { Core } from '../../core/core';
import type { CliHelpers } from './sync-commands';

export const EDIT_HELP = `
Gegevens van een document corrigeren:
  edit <id> [--titel <t>] [--afzender <naam>] [--afzender-adres <adres>] [--afzender-postcode <pc>]
            [--datum-brief JJJJ-MM-DD] [--ontvangstdatum JJJJ-MM-DD] [--kenmerk <k>] [--onderwerp <o>]
            [--documenttype <omschrijving|url>] [--vertrouwelijkheid <v>] [--herstel <veld,…>] [--versie <n>]
                               wat u zet wint van wat herkend is en wordt zo afgeleverd; een lege waarde wist het veld,
                               --herstel zet velden terug op wat herkend is; na aflevering wordt het document in het
                               zaaksysteem bijgewerkt (documenttype en vertrouwelijkheid dan alleen door de archivaris)
  classify <id> [--documenttype <omschrijving|url>] [--vertrouwelijkheid <v>] [--versie <n>] [--json]
                               classificeren (archivaris), ook na aflevering: het document in het zaaksysteem wordt
                               dan bijgewerkt; alleen een documenttype dat het zaaktype van de zaak toestaat
`;

class EditUsageError extends Error {}

/** Option → field of `documents.edit`. */
const OPTIONS = {
  titel: 'titel',
  afzender: 'afzender',
  'afzender-adres': 'afzenderAdres',
  'afzender-postcode': 'afzenderPostcode',
  'datum-brief': 'datumBrief',
  ontvangstdatum: 'ontvangstdatum',
  kenmerk: 'kenmerk',
  onderwerp: 'onderwerp',
  documenttype: 'documenttype',
  vertrouwelijkheid: 'vertrouwelijkheid',
} as const;

/** The exit code of `edit`, or null for another command. */
export async function runEditCli(command: string, args: string[], helpers: CliHelpers): Promise<number | null> {
  if (command === 'classify') return classify(args, helpers);
  if (command !== 'edit') return null;
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        herstel: { type: 'string' },
        versie: { type: 'string' },
        ...Object.fromEntries(Object.keys(OPTIONS).map((o) => [o, { type: 'string' as const }])),
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new EditUsageError(`${(e as Error).message} (zie "postkamer help")`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new EditUsageError('geef één document-id');
  const set: Record<string, string | null> = {};
  for (const [option, field] of Object.entries(OPTIONS)) {
    const v = (values as Record<string, unknown>)[option];
    if (typeof v === 'string') set[field] = v.trim() === '' && field !== 'titel' ? null : v;
  }
  const reset = typeof values.herstel === 'string' ? values.herstel.split(',').map((s) => fieldName(s.trim())) : [];
  if (Object.keys(set).length === 0 && reset.length === 0) throw new EditUsageError('geef minstens één veld om te wijzigen');
  const versie = values.versie;
  if (versie !== undefined && !/^\d{1,9}$/.test(versie)) throw new EditUsageError('--versie moet een geheel getal zijn');
  const core: Core = await helpers.openCore(values.data);
  try {
    const id = (await helpers.call<{ id: string }>(core, 'documents.resolve', { prefix: positionals[0] })).id;
    const r = await helpers.call<{ document: { id: string; version: number }; changed: string[]; delivery: string }>(
      core,
      'documents.edit',
      {
        id,
        set,
        reset,
        ...(versie !== undefined ? { expectedVersion: Number(versie) } : {}),
      },
    );
    if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else {
      const what = r.changed.length ? r.changed.join(', ') : 'niets (de waarden waren al zo)';
      process.stdout.write(`Document ${id.slice(0, 8)} gewijzigd: ${what} (versie ${r.document.version}).${EFFECT[r.delivery] ?? ''}\n`);
    }
    return 0;
  } finally {
    await core.close();
  }
}

/** A field named as an option (`datum-brief`) or as in `documents --json` (`datumBrief`). */
function fieldName(s: string): string {
  const byOption = (OPTIONS as Record<string, string>)[s];
  if (byOption) return byOption;
  if ((Object.values(OPTIONS) as string[]).includes(s)) return s;
  throw new EditUsageError(`onbekend veld "${s}" in --herstel (velden: ${Object.keys(OPTIONS).join(', ')})`);
}

const EFFECT: Record<string, string> = {
  'niet-gekoppeld': '',
  'outbox-bijgewerkt': ' De wachtrij naar het zaaksysteem is bijgewerkt.',
  'correctie-klaargezet': ' Het document in het zaaksysteem wordt bijgewerkt.',
};

/** `classify <id> [--documenttype …] [--vertrouwelijkheid …]`: exit 0 when classified, 1 with the reason when refused. */
async function classify(args: string[], helpers: CliHelpers): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        documenttype: { type: 'string' },
        vertrouwelijkheid: { type: 'string' },
        versie: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new EditUsageError(`${(e as Error).message} (zie "postkamer help")`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new EditUsageError('geef één document-id');
  if (values.documenttype === undefined && values.vertrouwelijkheid === undefined) {
    throw new EditUsageError('geef --documenttype, --vertrouwelijkheid of beide');
  }
  const versie = values.versie;
  if (versie !== undefined && !/^\d{1,9}$/.test(versie)) throw new EditUsageError('--versie moet een geheel getal zijn');
  const core: Core = await helpers.openCore(values.data);
  try {
    const id = (await helpers.call<{ id: string }>(core, 'documents.resolve', { prefix: positionals[0] })).id;
    const r = await helpers.call<{ document: { version: number }; changed: string[]; delivery: string }>(core, 'documents.classify', {
      id,
      ...(values.documenttype !== undefined ? { documenttype: values.documenttype } : {}),
      ...(values.vertrouwelijkheid !== undefined ? { vertrouwelijkheid: values.vertrouwelijkheid.trim() } : {}),
      ...(versie !== undefined ? { expectedVersion: Number(versie) } : {}),
    });
    if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else {
      const what = r.changed.length ? r.changed.join(', ') : 'niets (de classificatie was al zo)';
      process.stdout.write(
        `Document ${id.slice(0, 8)} geclassificeerd: ${what} (versie ${r.document.version}).${EFFECT[r.delivery] ?? ''}\n`,
      );
    }
    return 0;
  } finally {
    await core.close();
  }
}
