// Delivery to the zaaksysteem: connections, links to a zaak, the outbox and its retries (src/sync does the work).
import { appendAudit } from '../../audit/audit';
import { privacyKey } from '../../store/privacy-keys';
import type { SyncService as Sync } from '../../sync/service';
import { subjectRef } from '../bsn-access';
import { knownBsnsOf, showOutboxItem } from '../display';
import { chooseTypes, recordChosen, type TypeChoice } from '../link-types';
import { suggestZaken } from '../zaak-suggestions';
import { getDocument } from '../../store/documents';
import { carryEioAttempts, handBackOf, setHandBack } from '../../store/hand-back';
import { PostkamerError } from '../../contract/errors';
import type { Db } from '../../store/db';
import type { HandlerContext, SomeHandlers } from '../types';

export function syncCommands(sync: Sync, db: () => Db) {
  const who = (ctx: HandlerContext) => ({ actor: ctx.actor, origin: ctx.origin });
  /** Links with the types chosen (checked against the zaaktype at once), then records the clerk's choice. */
  const linking = <T>(
    documentId: string,
    target: { zaaknummer: string } | { zaaktype: string },
    choice: TypeChoice,
    ctx: HandlerContext,
    go: (t: { informatieobjecttype?: string; vertrouwelijkheidaanduiding?: string }) => T,
  ): T => {
    const { chosenNow, ...types } = chooseTypes(db(), sync.catalogue(), documentId, target, choice);
    const prior = handBackOf(db(), documentId);
    const out = go(types);
    recordChosen(db(), documentId, chosenNow, ctx.actor);
    if (prior !== null) {
      // Linked again: the supervisor's note has served; an EIO create the earlier link may have sent is looked up first.
      const attempts = (JSON.parse(prior) as { eioAttempts?: number }).eioAttempts ?? 0;
      if (attempts > 0) carryEioAttempts(db(), documentId, attempts);
      setHandBack(db(), documentId, null, new Date().toISOString());
    }
    return out;
  };
  /**
   * The clerk's "this BSN on the page is right" for a new zaak's initiator: refused (in Dutch) unless the document
   * shows exactly one BSN and the initiator is a person. Returns the BSN, which stays in the core.
   */
  const confirmableBsn = (documentId: string, initiator: { kvk?: string }): string => {
    const refuse = (message: string) =>
      new PostkamerError('invalid-input', `(${message})`, { issues: [{ path: 'initiator.bsnVanPagina', message }] });
    if (initiator.kvk) throw refuse('een bedrijf (KvK-nummer) heeft geen BSN: kies het KvK-nummer of het BSN van de brief, niet beide');
    const bsns = knownBsnsOf(db(), [documentId]).get(documentId) ?? new Set<string>();
    if (bsns.size === 0) throw refuse('op dit document is geen BSN gelezen; vul de initiatiefnemer zonder BSN in');
    if (bsns.size > 1) throw refuse('op dit document staan meerdere BSN’s; vul de initiatiefnemer zonder BSN in');
    return [...bsns][0];
  };
  /** The confirmation's processing record: who, when, which document, and the person as a reference, never the number. */
  const recordConfirmation = (documentId: string, bsn: string, ctx: HandlerContext) =>
    db()
      .transaction(() =>
        appendAudit(db(), {
          actor: ctx.actor,
          origin: ctx.origin,
          action: 'document.bsn-confirmed',
          objectType: 'document',
          objectId: documentId,
          result: 'ok',
          details: {
            processingActivity: 'postkamer:verwerking/initiatiefnemer-vastleggen',
            dataSubjectIdType: 'BSN',
            dataSubjectIds: subjectRef(privacyKey(db(), 'data-subject'), bsn),
            dataSubjects: 1,
          },
        }),
      )
      .immediate();
  return {
    'sync.connection.set': (i, ctx) => sync.setConnection(i, who(ctx)),
    'sync.connection.activate': (i, ctx) => sync.activate(i.env, who(ctx)),
    'sync.settings.set': (i, ctx) => sync.setSettings(i, who(ctx)),
    'sync.status': () => sync.status(),
    'sync.connection.test': (i, ctx) => sync.testConnection(i.env, who(ctx)),
    'sync.outbox.list': (i) => sync.list(i.state, i.limit, i.offset).map(showOutboxItem),
    'sync.outbox.get': (i) => {
      const item = sync.get(i.documentId);
      return item && showOutboxItem(item);
    },
    'sync.link': (i, ctx) =>
      linking(i.documentId, { zaaknummer: i.zaaknummer }, i, ctx, (t) => sync.link(i.documentId, i.zaaknummer, t, who(ctx))),
    'sync.newZaak': (i, ctx) => {
      const bsn = i.initiator?.bsnVanPagina ? confirmableBsn(i.documentId, i.initiator) : null;
      const out = linking(i.documentId, { zaaktype: i.zaaktype }, i, ctx, (t) =>
        sync.newZaak(i.documentId, { zaaktype: i.zaaktype, omschrijving: i.omschrijving, initiator: i.initiator, ...t }, who(ctx)),
      );
      if (bsn) recordConfirmation(i.documentId, bsn, ctx);
      return out;
    },
    'sync.retry': (i, ctx) => sync.retry(i.documentId, who(ctx)),
    'sync.retryMany': (i, ctx) => sync.retryMany(i, who(ctx)),
    'sync.relink': (i, ctx) =>
      linking(i.documentId, { zaaknummer: i.zaaknummer }, i, ctx, (t) => sync.relink(i.documentId, i.zaaknummer, t, who(ctx))),
    'sync.catalogue': () => sync.catalogue(),
    'sync.zaken.search': (i, ctx) => sync.searchZaken(i.query, i.limit, who(ctx)),
    'sync.zaken.suggest': (i) => {
      const doc = getDocument(db(), i.documentId);
      if (!doc) throw new PostkamerError('not-found');
      return suggestZaken(db(), sync.status().activeEnv, doc, i.limit);
    },
    'sync.refresh': (_i, ctx) => sync.refresh(who(ctx)),
    'sync.run': (i) => sync.runOnce(i.maxWaitMs, i.concurrency),
  } satisfies SomeHandlers;
}
