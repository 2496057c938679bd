// The period report: a period's figures for the desk (JSON), or written to a CSV or PDF/A file the caller chose (audited
// without the path). Per person only when the setting perPersonStats is on, decided here for both.
import { createHash } from 'node:crypto';
import { appendAudit } from '../../audit/audit';
import { PostkamerError } from '../../contract/errors';
import { computePeriodReport, renderReportCsv, renderReportPdf, reportTables } from '../period-report';
import { writeExport } from '../export-file';
import type { PeriodReport } from '../../domain/period-report';
import type { CoreServices, SomeHandlers } from '../types';

export function reportCommands(core: CoreServices) {
  /** The period's figures; a bad period (end before start, longer than 366 days) is refused as invalid input. */
  const compute = (from: string, to: string): { report: PeriodReport; perPerson: boolean } => {
    // Per person only when the administrator switched it on (a DPIA and the works council's consent, WOR art. 27).
    const perPerson = (core.settings() as { perPersonStats?: unknown }).perPersonStats === true;
    try {
      return { report: computePeriodReport(core.store.db, { from, to, perPerson, now: new Date() }), perPerson };
    } catch (e) {
      if (e instanceof RangeError) throw new PostkamerError('invalid-input', `(${e.message})`);
      throw e;
    }
  };
  return {
    'report.summary': (i) => compute(i.from, i.to).report,
    'report.period': async (i, ctx) => {
      const { report, perPerson } = compute(i.from, i.to);
      const tables = reportTables(report);
      const data = i.format === 'csv' ? renderReportCsv(tables) : await renderReportPdf(report, tables);
      writeExport(i.path, data);
      const rows = tables.reduce((n, t) => n + t.rows.length, 0);
      appendAudit(core.store.db, {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'report.exported',
        result: 'ok',
        details: { from: i.from, to: i.to, format: i.format, perPerson, rows },
      });
      return { path: i.path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), rows };
    },
  } satisfies SomeHandlers;
}
