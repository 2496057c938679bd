// The paper destruction list: approved batches whose paper may go (vervangingsbesluit set, every document delivered
// with the approved scan's checksum), from which day, and the registration that it went — also as CSV and PDF/A.
import { createHash } from 'node:crypto';
import { appendAudit } from '../../audit/audit';
import { derivedUuid } from '../../base/derived-uuid';
import { PostkamerError } from '../../contract/errors';
import type { DestructionEntry, QcState } from '../../contract/vervanging';
import { amsterdamDate } from '../../domain/amsterdam-date';
import { destroyFrom, destructionReasons } from '../../domain/qc';
import { buildReportPdf, type ReportTable } from '../../pdf/report-pdf';
import { appendBatchEvent } from '../../store/batch-dossier';
import { destructionFacts, insertDestruction, type DestructionFacts } from '../../store/batch-qc';
import { personByLogin } from '../../store/people';
import { writeExport } from '../export-file';
import { renderReportCsv } from '../period-report';
import type { CoreServices, SomeHandlers } from '../types';

export function vernietigingCommands(core: CoreServices) {
  const db = () => core.store.db;
  const name = (login: string | null) => (login ? `${personByLogin(db(), login)?.name ?? login} (${login})` : '');

  /** The list: entries that may go (or went), and the batches still waiting with their reasons. */
  const list = () => {
    const s = core.settings();
    const entries: DestructionEntry[] = [];
    const waiting: { batchId: string; label: string; qc: QcState; reasons: string[] }[] = [];
    for (const f of destructionFacts(db())) {
      const reasons = f.destroyed_at
        ? []
        : destructionReasons({
            qc: f.state,
            approvedAt: f.closed_at,
            besluit: s.vervangingsbesluit !== null,
            documents: f.documents,
            deliveredMatching: f.delivered_matching,
            mismatched: f.mismatched,
          });
      if (reasons.length > 0 || !s.vervangingsbesluit || !f.closed_at) {
        waiting.push({ batchId: f.batch_id, label: f.label, qc: f.state, reasons });
        continue;
      }
      entries.push(entry(f, s.vervangingsbesluit, s.destructionWaitDays));
    }
    return { entries, waiting };
  };

  const entry = (
    f: DestructionFacts,
    besluit: NonNullable<ReturnType<CoreServices['settings']>['vervangingsbesluit']>,
    wait: number,
  ): DestructionEntry => ({
    batchId: f.batch_id,
    label: f.label,
    approvedAt: f.closed_at!,
    destroyFrom: destroyFrom(f.closed_at!, wait),
    documents: f.documents,
    pages: f.pages,
    checkedBy: name(f.closed_by),
    scannedBy: name(f.scanned_by),
    vervangingsbesluit: besluit,
    destroyed: f.destroyed_at ? { by: name(f.destroyed_by), at: f.destroyed_at, method: f.method ?? '' } : null,
  });

  const table = (entries: DestructionEntry[]): ReportTable => ({
    title: 'Vernietigingslijst',
    columns: [
      'Batch',
      'Omschrijving',
      'Goedgekeurd',
      'Vernietigen vanaf',
      'Documenten',
      "Pagina's",
      'Gescand door',
      'Gecontroleerd door',
      'Vernietigd op',
      'Vernietigd door',
      'Methode',
    ],
    rows: entries.map((e) => [
      e.batchId,
      e.label,
      e.approvedAt,
      e.destroyFrom,
      String(e.documents),
      String(e.pages),
      e.scannedBy,
      e.checkedBy,
      e.destroyed?.at ?? '',
      e.destroyed?.by ?? '',
      e.destroyed?.method ?? '',
    ]),
    numeric: [false, false, false, false, true, true, false, false, false, false, false],
  });

  return {
    'vernietiging.list': () => list(),

    'vernietiging.register': (i, ctx) => {
      const at = new Date();
      db()
        .transaction(() => {
          const { entries, waiting } = list();
          const e = entries.find((x) => x.batchId === i.batchId);
          if (!e) {
            const w = waiting.find((x) => x.batchId === i.batchId);
            throw new PostkamerError(
              'destruction-refused',
              w ? `(${w.reasons.join('; ') || 'geen vervangingsbesluit'})` : '(de batch staat niet op de lijst)',
            );
          }
          if (e.destroyed) throw new PostkamerError('destruction-refused', `(al geregistreerd op ${e.destroyed.at})`);
          if (amsterdamDate(at) < e.destroyFrom) throw new PostkamerError('destruction-refused', `(pas vanaf ${e.destroyFrom})`);
          insertDestruction(db(), { batchId: i.batchId, by: ctx.actor, at: at.toISOString(), method: i.method });
          appendBatchEvent(db(), { batch_id: i.batchId, at: at.toISOString(), by: ctx.actor, kind: 'vernietigd', detail: i.method });
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'paper.destroyed',
            objectType: 'batch',
            objectId: i.batchId,
            result: 'ok',
          });
        })
        .immediate();
      core.emit('batch.changed', { batchId: i.batchId });
      return list().entries.find((x) => x.batchId === i.batchId)!;
    },

    'vernietiging.export': async (i, ctx) => {
      const { entries } = list();
      const t = table(entries);
      const now = new Date();
      const data =
        i.format === 'csv'
          ? renderReportCsv([t])
          : Buffer.from(
              await buildReportPdf({
                documentId: derivedUuid(`vernietigingslijst:${now.toISOString()}:${JSON.stringify(entries)}`),
                title: 'Vernietigingslijst vervangen papier',
                createdAt: now,
                language: 'nl-NL',
                keywords: ['postkamer', 'vernietigingslijst', 'vervanging'],
                subtitle: [
                  `Gemaakt op ${amsterdamDate(now)}`,
                  `${entries.length} batches, ${entries.filter((e) => e.destroyed).length} vernietigd`,
                ],
                summary: [],
                notes: entries[0]
                  ? [
                      `Vervangingsbesluit: ${entries[0].vervangingsbesluit.titel} (${entries[0].vervangingsbesluit.datum}, kenmerk ${entries[0].vervangingsbesluit.kenmerk}).`,
                    ]
                  : ['Er staan geen batches op de lijst.'],
                tables: [t],
              }),
            );
      writeExport(i.path, data);
      appendAudit(db(), {
        actor: ctx.actor,
        origin: ctx.origin,
        action: 'paper.list-exported',
        result: 'ok',
        details: { format: i.format, rows: t.rows.length },
      });
      return { path: i.path, bytes: data.length, sha256: createHash('sha256').update(data).digest('hex'), rows: t.rows.length };
    },
  } satisfies SomeHandlers;
}
