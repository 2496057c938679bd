// The archivist's workspace: the review queue, one document's classification and retention, bulk classification with
// a preview (the real change, rolled back) and an undo until the documents are delivered or changed again.
import { randomUUID } from 'node:crypto';
import type { BulkOutcome, Classification } from '../../contract/classification';
import { PostkamerError } from '../../contract/errors';
import type { CommandInput, CommandOutput } from '../../contract/commands';
import { isIsoDate } from '../../domain/dates';
import { amsterdamDayStart, nextDay } from '../../domain/period-report';
import { appendAudit } from '../../audit/audit';
import {
  classificationQueue,
  classificationRow,
  zaakOutcomeRow,
  deleteUndo,
  insertUndo,
  rowReasons,
  selectUndo,
  setReviewed,
  type UndoEntry,
} from '../../store/classification';
import { fieldsRow, saveFields, updateUnsentOutboxValues } from '../../store/document-fields';
import { getDocument } from '../../store/documents';
import { zaakOutcome } from '../../sync/catalogue';
import { getRow } from '../../sync/outbox';
import type { SyncService } from '../../sync/service';
import { ClassificationReader } from '../classification';
import { showShort } from '../display';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';

type ClassifyOne = (i: CommandInput<'documents.classify'>, ctx: HandlerContext) => CommandOutput<'documents.classify'>;

/** An undo is for the moment after a bulk action: records older than this are forgotten. */
const UNDO_KEEP_MS = 7 * 86_400_000;

/** How long a zaak's result read from the zaaksysteem is taken as current. */
const OUTCOME_FRESH_MS = 10 * 60_000;

/** Thrown inside a preview's transaction so that nothing of it stays. */
class Rollback extends Error {}

export function classificationCommands(core: CoreServices, sync: () => SyncService, classifyOne: ClassifyOne) {
  const db = () => core.store.db;

  /** The zaaktype filter as URLs: a URL as given, a name matched in every cached environment's catalogue. */
  function zaaktypeUrls(spec: string | undefined): string[] | undefined {
    if (spec === undefined) return undefined;
    if (/^https?:\/\//.test(spec)) return [spec];
    const norm = (s: string) => s.trim().toLocaleLowerCase('nl');
    return sync()
      .catalogue()
      .zaaktypen.filter((z) => norm(z.omschrijving) === norm(spec) || norm(z.identificatie) === norm(spec))
      .map((z) => z.url);
  }

  const summary = (c: Classification | null) => ({
    documenttype: c?.documenttype ?? null,
    vertrouwelijkheid: c?.vertrouwelijkheid ?? null,
    reviewed: c?.reviewedAt != null,
  });

  /** One document of a bulk action, applied (and kept unless previewing); a refusal is the outcome, not a throw. */
  function bulkOne(i: CommandInput<'classification.bulk'>, id: string, ctx: HandlerContext, undo: string | null): BulkOutcome {
    const doc = getDocument(db(), id);
    if (!doc) return refused(id, '', null, 'Het document bestaat niet (meer).');
    const was = new ClassificationReader(db()).of(doc);
    const before = summary(was);
    const fieldsBefore = fieldsRow(db(), id, Date.now())!.fields;
    const queued = getRow(db(), id);
    const outboxBefore = queued
      ? JSON.stringify({
          informatieobjecttype: queued.informatieobjecttype,
          vertrouwelijkheidaanduiding: queued.vertrouwelijkheidaanduiding,
        })
      : null;
    let delivery: BulkOutcome['delivery'] = null;
    let after: BulkOutcome['after'] = before;
    try {
      db()
        .transaction(() => {
          if (i.documenttype !== undefined || i.vertrouwelijkheid !== undefined) {
            delivery = classifyOne({ id, documenttype: i.documenttype, vertrouwelijkheid: i.vertrouwelijkheid }, ctx).delivery;
          } else if (!before.reviewed) {
            setReviewed(db(), id, ctx.actor, new Date().toISOString());
            appendAudit(db(), {
              actor: ctx.actor,
              origin: ctx.origin,
              action: 'document.reviewed',
              objectType: 'document',
              objectId: id,
              result: 'ok',
            });
          }
          const now = getDocument(db(), id)!;
          after = summary(new ClassificationReader(db()).of(now));
          if (i.preview) throw new Rollback(); // the preview is the real change, undone
          if (undo) {
            const entry: UndoEntry = {
              document_id: id,
              fields_before: fieldsBefore,
              reviewed_by_before: was?.reviewedBy ?? null,
              reviewed_at_before: was?.reviewedAt ?? null,
              version_after: now.version,
              outbox_before: outboxBefore,
            };
            insertUndo(db(), undo, entry, ctx.actor, new Date().toISOString());
          }
        })
        .immediate();
    } catch (e) {
      if (e instanceof PostkamerError) return refused(id, showShort(doc.title), before, e.message);
      if (!(e instanceof Rollback)) throw e;
    }
    return finish(id, showShort(doc.title), before, after, delivery);
  }

  /**
   * Reads the zaak's result from the zaaksysteem when the one kept here is older than OUTCOME_FRESH_MS (a zaak gets
   * its resultaat when it is closed). Offline or refused: what is kept answers, and the sync health records why.
   */
  async function freshOutcome(id: string, ctx: HandlerContext): Promise<void> {
    const row = classificationRow(db(), id);
    if (!row?.zaak_url || !row.env) return;
    const kept = zaakOutcomeRow(db(), row.env, row.zaak_url);
    if (kept && Date.now() - Date.parse(kept.fetched_at) < OUTCOME_FRESH_MS) return;
    try {
      await zaakOutcome(db(), sync().worker.clients(row.env, ctx.actor), row.env, row.zaak_url);
    } catch {
      // the cached outcome (or the zaaktype's options) answers
    }
  }

  function finish(
    id: string,
    title: string,
    before: BulkOutcome['before'],
    after: BulkOutcome['after'],
    delivery: BulkOutcome['delivery'],
  ) {
    const same =
      before.documenttype === after.documenttype &&
      before.vertrouwelijkheid === after.vertrouwelijkheid &&
      before.reviewed === after.reviewed;
    return { id, title, before, after, outcome: same ? ('unchanged' as const) : ('changed' as const), reason: null, delivery };
  }

  function refused(id: string, title: string, before: BulkOutcome['before'] | null, reason: string): BulkOutcome {
    const b = before ?? { documenttype: null, vertrouwelijkheid: null, reviewed: false };
    return { id, title, before: b, after: b, outcome: 'refused', reason, delivery: null };
  }

  return {
    'classification.queue': (i) => {
      const { from, to, zaaktype, ...rest } = i.filter;
      // A date the format admits but the calendar does not (2026-02-30) is the caller's mistake, not an internal one.
      for (const d of [from, to]) if (d !== undefined && !isIsoDate(d)) throw new PostkamerError('invalid-input', `(${d} is geen datum)`);
      const out = classificationQueue(db(), {
        filter: {
          ...rest,
          // Amsterdam days as UTC bounds: from its midnight to the midnight after `to`.
          ...(from ? { fromAt: amsterdamDayStart(from).toISOString() } : {}),
          ...(to ? { toAt: amsterdamDayStart(nextDay(to)).toISOString() } : {}),
          ...(zaaktype !== undefined ? { zaaktypeUrls: zaaktypeUrls(zaaktype) } : {}),
        },
        sort: i.sort,
        limit: i.limit,
        offset: i.offset,
      });
      return {
        total: out.total,
        counts: out.counts,
        items: out.rows.map((r) => ({
          id: r.id,
          // Titles and names stand on their own in a list: any BSN in them masked.
          title: showShort(r.title),
          createdAt: r.created_at,
          stage: r.stage as CommandOutput<'classification.queue'>['items'][number]['stage'],
          delivered: r.delivered === 1,
          zaaknummer: r.zaaknummer,
          zaaktype: r.zaaktype,
          afzender: r.afzender === null ? null : showShort(r.afzender),
          state: r.state,
          reasons: rowReasons(r),
          documenttype: r.documenttype,
          vertrouwelijkheid: r.vertrouwelijkheid,
          version: r.version,
        })),
      };
    },
    'classification.get': async (i, ctx) => {
      const doc = getDocument(db(), i.id);
      if (doc) await freshOutcome(i.id, ctx);
      const c = doc ? new ClassificationReader(db()).of(doc) : null;
      if (!c) throw new PostkamerError('not-found');
      return c;
    },
    'classification.bulk': (i, ctx) => {
      const ids = [...new Set(i.ids)];
      const undo = i.preview ? null : randomUUID();
      const results = ids.map((id) => bulkOne(i, id, ctx, undo));
      const changed = results.filter((r) => r.outcome === 'changed').length;
      if (!i.preview) {
        appendAudit(db(), {
          actor: ctx.actor,
          origin: ctx.origin,
          action: 'classification.bulk',
          result: 'ok',
          details: { documents: ids.length, changed, refused: results.filter((r) => r.outcome === 'refused').length, undo },
        });
        for (const r of results)
          if (r.outcome === 'changed') core.emit('document.changed', { documentId: r.id, batchId: getDocument(db(), r.id)!.batchId });
        if (results.some((r) => r.delivery && r.delivery !== 'niet-gekoppeld')) sync().documentReady();
      }
      return { results, changed, refused: results.filter((r) => r.outcome === 'refused').length, undo: changed > 0 ? undo : null };
    },
    'classification.undo': (i, ctx) => {
      const at = new Date();
      const kept: { id: string; reason: string }[] = [];
      let restored = 0;
      db()
        .transaction(() => {
          const since = new Date(at.getTime() - UNDO_KEEP_MS).toISOString();
          const entries = selectUndo(db(), i.undo, ctx.actor, since);
          if (entries.length === 0)
            throw new PostkamerError(
              'not-found',
              '(deze bulkactie is niet (meer) ongedaan te maken: alleen die van uzelf, van de afgelopen week)',
            );
          for (const e of entries) {
            const row = fieldsRow(db(), e.document_id, at.getTime());
            if (!row) continue;
            if (row.version !== e.version_after) {
              kept.push({ id: e.document_id, reason: 'Het document is na de bulkactie opnieuw gewijzigd.' });
              continue;
            }
            const o = row.outbox;
            if (o && (o.state === 'done' || o.eioUrl !== null || o.eioAttempts > 0 || o.claimed)) {
              kept.push({ id: e.document_id, reason: 'Het document is al (deels) naar het zaaksysteem verstuurd.' });
              continue;
            }
            if (!saveFields(db(), e.document_id, row.version, e.fields_before, at.toISOString())) {
              kept.push({ id: e.document_id, reason: 'Het document is na de bulkactie opnieuw gewijzigd.' });
              continue;
            }
            // The queued delivery gets back the type and confidentiality it had (the link may have chosen them).
            if (o && e.outbox_before) {
              const before = JSON.parse(e.outbox_before) as {
                informatieobjecttype: string | null;
                vertrouwelijkheidaanduiding: string | null;
              };
              updateUnsentOutboxValues(db(), e.document_id, before);
            }
            setReviewed(db(), e.document_id, e.reviewed_by_before, e.reviewed_at_before);
            restored++;
          }
          deleteUndo(db(), i.undo, new Date(at.getTime() - UNDO_KEEP_MS).toISOString());
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'classification.undone',
            result: 'ok',
            details: { undo: i.undo, restored, kept: kept.length },
          });
        })
        .immediate();
      return { restored, kept };
    },
  } satisfies SomeHandlers;
}
