// CLI commands of vervangende digitalisering: the batches with their dossiers, quality control (start, judge, rescan,
// close), the verklaring van vervanging and the paper destruction list; all as the signed-in person.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DestructionEntry, QcView } from '../../contract/vervanging';
import { SignInUsageError } from './sign-in';
import type { CliHelpers } from './sync-commands';
import type { Core } from '../../core/core';

export const QC_HELP = `
Vervangende digitalisering:
  batches [--json]             batches met hun dossier en de stand van de kwaliteitscontrole
  qc start <batch> [--json]    kwaliteitscontrole beginnen: de steekproef (opnieuw: dezelfde); niet wie scande
  qc judge <batch> <pagina> (--goed | --fout <reden>)   een pagina beoordelen; reden: onleesbaar, incompleet,
                               verkeerde-volgorde, ontbrekende-pagina, scheef-afgesneden
  qc rescan <batch> <pagina> --file <afbeelding|pdf>   een fout beoordeelde pagina opnieuw scannen (medewerker)
  qc close <batch> [--json]    de ronde afronden: goedgekeurd of afgekeurd (met de foute pagina's)
  verklaring <batch> --out <bestand.pdf>   de verklaring van vervanging (PDF/A) van een goedgekeurde batch
  vernietiging [--json]        batches waarvan het papier vernietigd mag worden (en wat nog wacht, met reden)
  vernietiging registreer <batch> --methode <tekst>   registreren dat het papier is vernietigd
  vernietiging export --format csv|pdf --out <bestand>   de vernietigingslijst voor het archief
`;

class QcUsage extends SignInUsageError {}

const REASONS: Record<string, string> = {
  onleesbaar: 'onleesbaar',
  incompleet: 'incompleet',
  'verkeerde-volgorde': 'verkeerde-volgorde',
  'verkeerde volgorde': 'verkeerde-volgorde',
  'ontbrekende-pagina': 'ontbrekende-pagina',
  'ontbrekende pagina': 'ontbrekende-pagina',
  'scheef-afgesneden': 'scheef-afgesneden',
  'scheef/afgesneden': 'scheef-afgesneden',
  scheef: 'scheef-afgesneden',
  afgesneden: 'scheef-afgesneden',
};

/** A whole batch id or the unambiguous start of one (`batches` shows the first 8 characters). */
async function resolveBatchId(core: Core, h: CliHelpers, given: string): Promise<string> {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(given)) return given.toLowerCase();
  const prefix = given.toLowerCase();
  if (!/^[0-9a-f-]{4,36}$/.test(prefix)) throw new QcUsage(`"${given}" is geen batchnummer (minstens de eerste 4 tekens)`);
  const all = await h.call<{ id: string }[]>(core, 'batches.list', { limit: 1000 });
  const hits = all.filter((b) => b.id.startsWith(prefix));
  if (hits.length !== 1)
    throw new Error(hits.length === 0 ? `geen batch begint met ${given}` : `${given} past bij meer dan één batch; geef meer tekens`);
  return hits[0]!.id;
}

function page(v: string | undefined): number {
  if (v === undefined || !/^\d{1,7}$/.test(v) || Number(v) < 1)
    throw new QcUsage(`pagina moet een geheel getal van 1 of meer zijn (niet "${v ?? ''}")`);
  return Number(v);
}

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        goed: { type: 'boolean', default: false },
        fout: { type: 'string' },
        file: { type: 'string' },
        out: { type: 'string' },
        methode: { type: 'string' },
        format: { type: 'string' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new QcUsage((e as Error).message);
  }
}

const QC_LABEL: Record<string, string> = {
  open: 'open',
  steekproef: 'steekproef',
  goedgekeurd: 'goedgekeurd',
  afgekeurd: 'afgekeurd',
  nascan: 'nascan',
};

/** The exit code of a command of this group, or null for another command. */
export async function runQcCli(command: string, args: string[], h: CliHelpers): Promise<number | null> {
  if (!['batches', 'qc', 'verklaring', 'vernietiging'].includes(command)) return null;
  const { values, positionals } = parse(args);
  const core = await h.openCore(values.data);
  const print = (json: unknown, text: string) => process.stdout.write(values.json ? JSON.stringify(json, null, 2) + '\n' : text);
  try {
    if (command === 'batches') {
      const list = await h.call<
        {
          id: string;
          label: string;
          createdAt: string;
          documentCount: number;
          qc: string;
          dossier: { pages: { in: number; out: number }; scannedBy: { login: string } } | null;
        }[]
      >(core, 'batches.list', { limit: 1000 });
      print(
        list,
        list
          .map(
            (b) =>
              `${b.id.slice(0, 8)}  ${b.createdAt.slice(0, 16)}  ${QC_LABEL[b.qc]!.padEnd(11)}  ${String(b.documentCount).padStart(4)} doc  ${b.dossier ? `${b.dossier.pages.in}→${b.dossier.pages.out} p  ${b.dossier.scannedBy.login}` : '(geen dossier)'}  ${b.label}`,
          )
          .join('\n') + (list.length ? '\n' : 'Geen batches.\n'),
      );
      return 0;
    }
    if (command === 'verklaring') {
      const [given] = positionals;
      if (!given || !values.out) throw new QcUsage('verklaring <batch> --out <bestand.pdf>');
      const r = await h.call<{ path: string; bytes: number; sha256: string }>(core, 'qc.verklaring', {
        batchId: await resolveBatchId(core, h, given),
        path: resolve(values.out),
      });
      print(r, `Verklaring van vervanging geschreven naar ${r.path} (${r.bytes} bytes)\n`);
      return 0;
    }
    if (command === 'vernietiging') return await vernietiging(core, h, positionals, values, print);
    return await qc(core, h, positionals, values, print);
  } finally {
    await core.close();
  }
}

type Values = Record<string, string | boolean | undefined>;
type Print = (json: unknown, text: string) => void;

async function qc(core: Core, h: CliHelpers, positionals: string[], values: Values, print: Print): Promise<number> {
  const [sub, given, pageArg] = positionals;
  if (!sub || !given) throw new QcUsage('qc start|judge|rescan|close <batch> …');
  const batchId = await resolveBatchId(core, h, given);
  switch (sub) {
    case 'start': {
      const r = await h.call<{ seed: string; sample: { page: number; documentId: string }[] }>(core, 'qc.start', { batchId });
      print({ seed: r.seed, sample: r.sample }, `Steekproef (seed ${r.seed}): pagina ${r.sample.map((s) => s.page).join(', ')}\n`);
      return 0;
    }
    case 'judge': {
      const p = page(pageArg);
      if (values.goed === (values.fout !== undefined)) throw new QcUsage('qc judge <batch> <pagina> (--goed | --fout <reden>)');
      const reason = values.fout === undefined ? undefined : REASONS[String(values.fout).trim().toLowerCase()];
      if (values.fout !== undefined && !reason)
        throw new QcUsage(
          `onbekende reden "${String(values.fout)}" (onleesbaar, incompleet, verkeerde-volgorde, ontbrekende-pagina, scheef-afgesneden)`,
        );
      const r = await h.call<QcView>(core, 'qc.judge', {
        batchId,
        page: p,
        verdict: reason ? 'fout' : 'goed',
        ...(reason ? { reason } : {}),
      });
      print(r, `Pagina ${p}: ${reason ? `fout (${reason})` : 'goed'} — ${r.progress.judged} van ${r.progress.total} beoordeeld\n`);
      return 0;
    }
    case 'rescan': {
      const p = page(pageArg);
      if (!values.file) throw new QcUsage('qc rescan <batch> <pagina> --file <afbeelding|pdf>');
      const r = await h.call<{ documentId: string; newEioVersion: boolean }>(core, 'qc.rescanFile', {
        batchId,
        page: p,
        path: resolve(values.file as string),
      });
      print(
        r,
        `Pagina ${p} opnieuw gescand (document ${r.documentId.slice(0, 8)})${r.newEioVersion ? '; een nieuwe versie gaat naar het zaaksysteem' : ''}\n`,
      );
      return 0;
    }
    case 'close': {
      const r = await h.call<{ qc: string; faults: { page: number; reden: string }[] }>(core, 'qc.close', { batchId });
      print(
        r,
        `Kwaliteitscontrole: ${r.qc}${r.faults.length ? ` — fout: ${r.faults.map((f) => `pagina ${f.page} (${f.reden})`).join(', ')}` : ''}\n`,
      );
      return 0;
    }
    default:
      throw new QcUsage(`onbekende qc-opdracht "${sub}" (start, judge, rescan, close)`);
  }
}

async function vernietiging(core: Core, h: CliHelpers, positionals: string[], values: Values, print: Print): Promise<number> {
  const [sub, given] = positionals;
  if (sub === 'registreer') {
    if (!given || typeof values.methode !== 'string') throw new QcUsage('vernietiging registreer <batch> --methode <tekst>');
    const r = await h.call<DestructionEntry>(core, 'vernietiging.register', {
      batchId: await resolveBatchId(core, h, given),
      method: values.methode,
    });
    print(r, `Vernietiging van het papier van batch ${r.batchId.slice(0, 8)} geregistreerd (${r.destroyed?.method ?? ''})\n`);
    return 0;
  }
  if (sub === 'export') {
    const format = values.format ?? (/\.pdf$/i.test(String(values.out ?? '')) ? 'pdf' : 'csv');
    if (!values.out || (format !== 'csv' && format !== 'pdf')) throw new QcUsage('vernietiging export --format csv|pdf --out <bestand>');
    const r = await h.call<{ path: string; rows: number }>(core, 'vernietiging.export', { format, path: resolve(values.out as string) });
    print(r, `Vernietigingslijst (${r.rows} batches) geschreven naar ${r.path}\n`);
    return 0;
  }
  if (sub !== undefined) throw new QcUsage(`onbekende opdracht "vernietiging ${sub}" (registreer, export)`);
  const r = await h.call<{ entries: DestructionEntry[]; waiting: { batchId: string; label: string; reasons: string[] }[] }>(
    core,
    'vernietiging.list',
    {},
  );
  // --json: the list itself, an array of the batches whose paper may be (or was) destroyed.
  const lines = r.entries.map(
    (e) =>
      `${e.batchId.slice(0, 8)}  vanaf ${e.destroyFrom}  ${e.documents} doc, ${e.pages} p  ${e.destroyed ? `vernietigd ${e.destroyed.at.slice(0, 10)} (${e.destroyed.method})` : 'mag vernietigd worden'}  ${e.label}`,
  );
  const wait = r.waiting.map((w) => `${w.batchId.slice(0, 8)}  wacht: ${w.reasons.join('; ')}  ${w.label}`);
  print(
    r.entries,
    [
      ...(lines.length ? lines : ['Geen batches waarvan het papier vernietigd mag worden.']),
      ...(wait.length ? ['', 'Nog niet:', ...wait] : []),
    ].join('\n') + '\n',
  );
  return 0;
}
