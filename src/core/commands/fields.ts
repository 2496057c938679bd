// The clerk's corrections of a document's fields (documents.edit), the archivist's classification (documents.classify,
// before and after delivery) and the confirmation of an automatic split.
import type { FieldChanges } from '../../contract/fields';
import { PostkamerError } from '../../contract/errors';
import { Vertrouwelijkheid } from '../../contract/sync';
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
import { setReviewed } from '../../store/classification';
import { getDocument } from '../../store/documents';
import { queueEioCorrection, type EioChanges } from '../../store/eio-corrections';
import { loadConnection, type Env } from '../../sync/connections';
import { getRow } from '../../sync/outbox';
import type { SyncService } from '../../sync/service';
import { resolveDocumenttype, zaaktypeOfZaak } from '../documenttype';
import type { CoreServices, HandlerContext, SomeHandlers } from '../types';

type Input = { id: string; expectedVersion?: number; set: FieldChanges; reset: FieldName[] };
/** Who changes: the clerk's edit, or the archivist's classification (which may change a delivered document's). */
type Mode = 'edit' | 'classify';
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

  function edit(i: Input, ctx: HandlerContext, mode: Mode = 'edit') {
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
        const classified = phase === 'sent' ? deliveredClassification(before) : classificationOf(before.fields);
        if (mode === 'classify' && phase === 'sent') reclassifiable(row, before, i.set);
        else if (phase === 'sent' && classification.length > 0) {
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
        delivery = deliver(phase, before, after, ctx.actor, at, mode);
        if (mode === 'classify') {
          setReviewed(db(), i.id, ctx.actor, at); // an archivist's classification is a reviewed one
          auditClassification(ctx, i.id, classified, classificationOf(after.fields), delivery, after.version);
          return;
        }
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
    mode: Mode,
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
    // The archivist's reclassification goes as set (the EIO's own values decide whether a PATCH is needed at all).
    const vertrouwelijkheid = Vertrouwelijkheid.safeParse(after.fields.vertrouwelijkheid.value).data;
    const changes: EioChanges = {
      ...eioChanges(was, now),
      ...(mode === 'classify' && after.fields.documenttype.url ? { informatieobjecttype: after.fields.documenttype.url } : {}),
      ...(mode === 'classify' && vertrouwelijkheid ? { vertrouwelijkheidaanduiding: vertrouwelijkheid } : {}),
    };
    if (Object.keys(changes).length === 0) return 'outbox-bijgewerkt';
    queueEioCorrection(db(), { documentId: after.id, changes, requestedBy: actor, at });
    return 'correctie-klaargezet';
  }

  /**
   * Whether a delivered document may be reclassified now: only once its delivery is done (not while it is being sent),
   * to a type the zaak's zaaktype allows (the zaaktype must be known here) that lies under the connection's addresses.
   */
  function reclassifiable(row: FieldsRow, before: DocumentSummary, set: FieldChanges): void {
    if (row.outbox!.state !== 'done') {
      throw new PostkamerError(
        'field-not-editable',
        '(het document wordt nu naar het zaaksysteem verstuurd; classificeer na de aflevering)',
        {
          fields: CLASSIFICATION_FIELDS,
        },
      );
    }
    if (set.documenttype === undefined || set.documenttype === null) return;
    const cat = sync().catalogue();
    const zaaktype = linkedZaaktype(before.id, cat.env);
    if (!zaaktype) {
      throw new PostkamerError(
        'documenttype-not-allowed',
        '(het zaaktype van de zaak is hier onbekend; ververs de catalogus en probeer opnieuw)',
      );
    }
    if (!resolveDocumenttype(cat, set.documenttype, zaaktype).url) {
      throw new PostkamerError('documenttype-unknown', '(het documenttype staat niet in de catalogus van het zaaksysteem)');
    }
  }

  /**
   * What a sent document carries in the zaaksysteem: the type and confidentiality set on it, else those the delivery
   * took (the queued item's, the connection's default type, the type's own confidentiality).
   */
  function deliveredClassification(d: DocumentSummary): Classification {
    const own = classificationOf(d.fields);
    const row = getRow(db(), d.id);
    const url = row?.informatieobjecttype ?? (row ? (loadConnection(db(), row.env as Env)?.informatieobjecttype ?? null) : null);
    const type = url
      ? sync()
          .catalogue()
          .informatieobjecttypen.find((t) => t.url === url)
      : undefined;
    return {
      documenttype: own.documenttype ?? type?.omschrijving ?? url,
      vertrouwelijkheid: own.vertrouwelijkheid ?? row?.vertrouwelijkheidaanduiding ?? type?.vertrouwelijkheidaanduiding ?? null,
    };
  }

  /** The audit entry of a classification: the old and the new value of each (a type's name is not personal data). */
  function auditClassification(
    ctx: HandlerContext,
    id: string,
    was: Classification,
    now: Classification,
    delivery: Delivery,
    version: number,
  ) {
    appendAudit(db(), {
      actor: ctx.actor,
      origin: ctx.origin,
      action: 'document.classified',
      objectType: 'document',
      objectId: id,
      result: 'ok',
      details: {
        documenttypeOud: was.documenttype,
        documenttypeNieuw: now.documenttype,
        vertrouwelijkheidOud: was.vertrouwelijkheid,
        vertrouwelijkheidNieuw: now.vertrouwelijkheid,
        delivery,
        version,
      },
    });
  }

  return {
    'documents.classify': (i, ctx) => {
      const set: FieldChanges = {
        ...(i.documenttype !== undefined ? { documenttype: i.documenttype } : {}),
        ...(i.vertrouwelijkheid !== undefined ? { vertrouwelijkheid: i.vertrouwelijkheid } : {}),
      };
      const out = edit({ id: i.id, expectedVersion: i.expectedVersion, set, reset: [] }, ctx, 'classify');
      if (out.delivery !== 'niet-gekoppeld') sync().documentReady();
      return out;
    },
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

type Classification = { documenttype: string | null; vertrouwelijkheid: string | null };

function classificationOf(f: DocumentFields): Classification {
  return { documenttype: f.documenttype.value, vertrouwelijkheid: f.vertrouwelijkheid.value };
}

function changedFields(a: DocumentFields, b: DocumentFields): FieldName[] {
  return (Object.keys(b) as FieldName[]).filter(
    (k) => a[k].value !== b[k].value || a[k].source !== b[k].source || (a[k].url ?? null) !== (b[k].url ?? null),
  );
}

function datesOutOfOrder(f: DocumentFields): boolean {
  return f.datumBrief.source === 'manual' && f.datumBrief.value !== null && f.datumBrief.value > f.ontvangstdatum.value!;
}
