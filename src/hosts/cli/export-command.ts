// `postkamer export mdto (--zaaknummer <Z> | --batch <id> | --from <datum> --to <datum>) --out <map>`: delivered
// documents with their MDTO metadata for the e-depot (export.mdto); exit 2 when some were skipped (each named).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignInUsageError } from './sign-in';
import type { CliHelpers } from './sync-commands';

const USAGE =
  'export mdto (--zaaknummer <Z> | --batch <id> | --from <JJJJ-MM-DD> --to <JJJJ-MM-DD>) --out <map> [--archiefvormer <naam>] [--json]';

class ExportUsage extends SignInUsageError {}

interface ExportResult {
  dir: string;
  written: { id: string; identificatie: string; files: string[]; waardering: 'B' | 'V' }[];
  skipped: { id: string; reason: string }[];
}

/** The exit code of `export`, or null for another command. */
export async function runExportCli(command: string, args: string[], helpers: CliHelpers): Promise<number | null> {
  if (command !== 'export') return null;
  const [kind, ...rest] = args;
  if (kind !== 'mdto') throw new ExportUsage(USAGE);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        zaaknummer: { type: 'string' },
        batch: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        archiefvormer: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    throw new ExportUsage(`${(e as Error).message} (${USAGE})`);
  }
  const chosen = [values.zaaknummer !== undefined, values.batch !== undefined, values.from !== undefined || values.to !== undefined];
  if (!values.out || chosen.filter(Boolean).length !== 1) throw new ExportUsage(USAGE);
  if ((values.from === undefined) !== (values.to === undefined)) throw new ExportUsage(`een periode heeft --from en --to (${USAGE})`);
  const core = await helpers.openCore(values.data);
  try {
    const r = await helpers.call<ExportResult>(core, 'export.mdto', {
      zaaknummer: values.zaaknummer,
      batchId: values.batch,
      from: values.from,
      to: values.to,
      dir: resolve(values.out),
      archiefvormer: values.archiefvormer,
    });
    if (values.json) {
      process.stdout.write(JSON.stringify({ dir: r.dir, written: r.written, skipped: r.skipped }, null, 2) + '\n');
    } else {
      process.stdout.write(`${r.written.length} document(en) geschreven naar ${r.dir}, ${r.skipped.length} overgeslagen\n`);
      for (const w of r.written) process.stdout.write(`  ${w.id.slice(0, 8)}  ${w.waardering}  ${w.files.join('  ')}\n`);
    }
    for (const s of r.skipped) process.stderr.write(`overgeslagen ${s.id}: ${s.reason}\n`);
    return r.skipped.length > 0 ? 2 : 0;
  } finally {
    await core.close();
  }
}
