// `postkamer report --from <JJJJ-MM-DD> --to <JJJJ-MM-DD> --format csv|pdf --out <bestand>`: the period report
// (report.period) written to a file; teamleider and beheerder.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SignInUsageError } from './sign-in';
import type { CliHelpers } from './sync-commands';

const USAGE = 'report --from <JJJJ-MM-DD> --to <JJJJ-MM-DD> --format csv|pdf --out <bestand>';

class ReportUsage extends SignInUsageError {}

/** The exit code of `report`, or null for another command. */
export async function runReportCli(command: string, args: string[], helpers: CliHelpers): Promise<number | null> {
  if (command !== 'report') return null;
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        from: { type: 'string' },
        to: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
      },
      allowPositionals: false,
      strict: true,
    }));
  } catch (e) {
    throw new ReportUsage(`${(e as Error).message} (${USAGE})`);
  }
  if (!values.from || !values.to || !values.out) throw new ReportUsage(USAGE);
  const format = values.format ?? (/\.pdf$/i.test(values.out) ? 'pdf' : /\.csv$/i.test(values.out) ? 'csv' : undefined);
  if (format !== 'csv' && format !== 'pdf') throw new ReportUsage(`--format moet csv of pdf zijn (${USAGE})`);
  const core = await helpers.openCore(values.data);
  try {
    const r = await helpers.call<{ path: string; bytes: number; sha256: string; rows: number }>(core, 'report.period', {
      from: values.from,
      to: values.to,
      format,
      path: resolve(values.out),
    });
    if (values.json) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    else process.stdout.write(`Periodeverslag ${values.from} t/m ${values.to} (${format}, ${r.rows} regels) geschreven naar ${r.path}\n`);
    return 0;
  } finally {
    await core.close();
  }
}
