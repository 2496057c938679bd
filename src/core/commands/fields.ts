// The clerk's corrections of a document's fields (documents.edit) and the confirmation or undoing of an automatic split.
import type { FieldChanges } from '../../contract/fields';
import { PostkamerError } from '../../contract/errors';
import type { DocumentSummary, FieldName } from '../../contract/schemas';
import { amsterdamDate } from '../../domain/amsterdam-date';
import { isIsoDate } from '../../domain/dates';
import {
  CLASSIFICATION_FIELDS,
  eioChanges,
  eioValues,
  parseManualFields,
  type DocumentFields,
  type ManualFields,
} from '../../domain/fields';
import { appendAudit } from '../../audit/audit';
import { fieldsRow, saveFields, setAutoSplit, updateUnsentOutboxValues, type FieldsRow } from '../../store/document-fields';
import { getDocument } from '../../store/documents';
import { queueEioCorrection } from '../../store/eio-corrections';
import type { Env } from '../../sync/connections';
import type { SyncService } from '../../sync/service';
import { resolveDocumenttype, zaaktypeOfZaak } from '../documenttype';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';

type Input = { id: string; expectedVersion?: number; set: FieldChanges; reset: FieldName[] };
type Delivery = 'niet-gekoppeld' | 'outbox-bijgewerkt' | 'correctie-klaargezet';

const NULLABLE_TEXT = new Set<FieldName>(['afzender', 'afzenderAdres', 'afzenderPostcode', 'kenmerk', 'onderwerp', 'documenttype']);

/** The delivery's state as a correction sees it: not linked, linked but nothing sent yet, or an EIO that exists (or may). */
function deliveryPhase(row: FieldsRow): 'none' | 'unsent' | 'sent' {
  const o = row.outbox;
  if (!o) return 'none';
  // Pending, or in attention before any EIO was attempted (no type, an unknown zaak): nothing reached the server.
  const before = o.state === 'pending' || o.state === 'attention';
  return o.eioUrl !== null || o.eioAttempts > 0 || o.claimed || !before ? 'sent' : 'unsent';
}

function checkDate(field: 'datumBrief' | 'ontvangstdatum', v: string, today: string): void {
  if (!isIsoDate(v)) throw new PostkamerError('invalid-date', `(${field}: ${v} bestaat niet)`, { field });
  if (v > today) throw new PostkamerError('invalid-date', `(${field}: ${v} ligt in de toekomst)`, { field });
}

export function fieldCommands(core: CoreServices, sync: () => SyncService) {
  const db = () => core.store.db;

  /** The new hand-set values: what is given replaces, `reset` removes; documenttype resolved in the catalogue. */
  function nextManual(i: Input, row: FieldsRow, before: DocumentSummary, ctx: HandlerContext, at: string): ManualFields {
    const manual: ManualFields = { ...parseManualFields(row.fields) };
    for (const name of i.reset) delete manual[name];
    for (const [name, raw] of Object.entries(i.set) as [FieldName, string | null | undefined][]) {
      if (raw === undefined) continue;
      const value = raw === '' && NULLABLE_TEXT.has(name) ? null : raw;
      if (name === 'documenttype' && value !== null) {
        const cat = sync().catalogue();
        const zaaktype = linkedZaaktype(before.id, cat.env);
        const t = resolveDocumenttype(cat, value, zaaktype);
        // A URL a person gave must lie under the connection's addresses (a queued delivery takes it as it is).
        const env = sync().get(before.id)?.env ?? cat.env;
        if (t.url && env) sync().requireInside(env as Env, t.url, 'documenttype');
        manual.documenttype = { value: t.omschrijving, url: t.url, by: ctx.actor, at };
        continue;
      }
      manual[name] = { value, by: ctx.actor, at };
    }
    return manual;
  }

  /** The zaaktype of the zaak a document is linked to, when the zaak (or the new zaak's type) is known here. */
  function linkedZaaktype(id: string, env: string | null): string | null {
    const item = sync().get(id);
    if (!item) return null;
    if (item.newZaak) return /^https?:\/\//.test(item.newZaak.zaaktype) ? item.newZaak.zaaktype : null;
    return zaaktypeOfZaak(db(), env, item.zaaknummer);
  }

  function edit(i: Input, ctx: HandlerContext) {
    const now = new Date();
    const at = now.toISOString();
    const today = amsterdamDate(now);
    let changed: FieldName[] = [];
    let delivery: Delivery = 'niet-gekoppeld';
    db()
      .transaction(() => {
        const row = fieldsRow(db(), i.id, now.getTime());
        if (!row) throw new PostkamerError('not-found');
        if (row.purgedAt) throw new PostkamerError('document-purged');
        if (i.expectedVersion !== undefined && i.expectedVersion !== row.version) {
          throw new PostkamerError('edit-conflict', undefined, { version: row.version });
        }
        const before = getDocument(db(), i.id)!;
        // While recognition runs the fields may be set already: it writes what it reads, never what a person set.
        if (i.set.datumBrief) checkDate('datumBrief', i.set.datumBrief, today);
        if (i.set.ontvangstdatum) checkDate('ontvangstdatum', i.set.ontvangstdatum, today);
        const phase = deliveryPhase(row);
        const touches = [...Object.keys(i.set), ...i.reset] as FieldName[];
        const classification = touches.filter((n) => CLASSIFICATION_FIELDS.includes(n));
        if (phase === 'sent' && classification.length > 0) {
          throw new PostkamerError(
            'field-not-editable',
            row.outbox!.state === 'done'
              ? '(documenttype en vertrouwelijkheid van een afgeleverd document wijzigt de archivaris)'
              : '(het document wordt al naar het zaaksysteem verstuurd; documenttype en vertrouwelijkheid liggen vast)',
            { fields: classification },
          );
        }
        const manual = nextManual(i, row, before, ctx, at);
        if (!saveFields(db(), i.id, row.version, JSON.stringify(manual), at)) throw new PostkamerError('edit-conflict');
        const after = getDocument(db(), i.id)!;
        changed = changedFields(before.fields, after.fields);
        if (datesOutOfOrder(after.fields)) {
          throw new PostkamerError('invalid-date', '(de datum van de brief ligt na de ontvangstdatum)', { field: 'datumBrief' });
        }
        delivery = deliver(phase, before, after, ctx.actor, at);
        appendAudit(db(), {
          actor: ctx.actor,
          origin: ctx.origin,
          action: 'document.fields-edited',
          objectType: 'document',
          objectId: i.id,
          result: 'ok',
          // The names of the fields only: their values (a sender's name) are personal data.
          details: { fields: changed.join(','), reset: i.reset.join(','), delivery, version: after.version },
        });
      })
      .immediate();
    const document = getDocument(db(), i.id)!;
    core.emit('document.changed', { documentId: i.id, batchId: document.batchId });
    return { document, changed, delivery };
  }

  /** What the delivery gets of the change: the queued delivery's values, or an EIO correction through the outbox. */
  function deliver(
    phase: 'none' | 'unsent' | 'sent',
    before: DocumentSummary,
    after: DocumentSummary,
    actor: string,
    at: string,
  ): Delivery {
    if (phase === 'none') return 'niet-gekoppeld';
    const fallback = after.fileName.replace(/\.[^.]+$/, '');
    const [was, now] = [eioValues(before.fields, fallback), eioValues(after.fields, fallback)];
    if (phase === 'unsent') {
      updateUnsentOutboxValues(db(), after.id, {
        titel: now.titel,
        ontvangstdatum: now.ontvangstdatum,
        verzenddatum: now.verzenddatum,
        ...(after.fields.documenttype.source === 'manual' ? { informatieobjecttype: after.fields.documenttype.url ?? null } : {}),
        ...(after.fields.vertrouwelijkheid.source === 'manual'
          ? { vertrouwelijkheidaanduiding: after.fields.vertrouwelijkheid.value }
          : {}),
      });
      return 'outbox-bijgewerkt';
    }
    const changes = eioChanges(was, now);
    if (Object.keys(changes).length === 0) return 'outbox-bijgewerkt';
    queueEioCorrection(db(), { documentId: after.id, changes, requestedBy: actor, at });
    return 'correctie-klaargezet';
  }

  return {
    'documents.edit': (i, ctx) => {
      const out = edit(i, ctx);
      if (out.delivery !== 'niet-gekoppeld') sync().documentReady();
      return out;
    },
    'documents.confirmSplit': (i, ctx) => {
      const d = getDocument(db(), i.id);
      if (!d) throw new PostkamerError('not-found');
      if (!d.autoSplit) throw new PostkamerError('not-auto-split');
      db()
        .transaction(() => {
          setAutoSplit(db(), [i.id], false, new Date().toISOString());
          appendAudit(db(), {
            actor: ctx.actor,
            origin: ctx.origin,
            action: 'document.split-confirmed',
            objectType: 'document',
            objectId: i.id,
            result: 'ok',
          });
        })
        .immediate();
      core.emit('document.changed', { documentId: i.id, batchId: d.batchId });
      return getDocument(db(), i.id)!;
    },
  } satisfies SomeHandlers;
}

function changedFields(a: DocumentFields, b: DocumentFields): FieldName[] {
  return (Object.keys(b) as FieldName[]).filter(
    (k) => a[k].value !== b[k].value || a[k].source !== b[k].source || (a[k].url ?? null) !== (b[k].url ?? null),
  );
}

function datesOutOfOrder(f: DocumentFields): boolean {
  return f.datumBrief.source === 'manual' && f.datumBrief.value !== null && f.datumBrief.value > f.ontvangstdatum.value!;
}
