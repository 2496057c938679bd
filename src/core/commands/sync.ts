// Delivery to the zaaksysteem: connections, links to a zaak, the outbox and its retries (src/sync does the work).
import type { SyncService as Sync } from '../../sync/service';
import { showOutboxItem } from '../display';
import type { HandlerContext, SomeHandlers } from '../types';

export function syncCommands(sync: Sync) {
  const who = (ctx: HandlerContext) => ({ actor: ctx.actor, origin: ctx.origin });
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
    'sync.link': (i, ctx) => sync.link(i.documentId, i.zaaknummer, i, who(ctx)),
    'sync.newZaak': (i, ctx) => sync.newZaak(i.documentId, i, who(ctx)),
    'sync.retry': (i, ctx) => sync.retry(i.documentId, who(ctx)),
    'sync.relink': (i, ctx) => sync.relink(i.documentId, i.zaaknummer, i, who(ctx)),
    'sync.catalogue': () => sync.catalogue(),
    'sync.zaken.search': (i, ctx) => sync.searchZaken(i.query, i.limit, who(ctx)),
    'sync.refresh': (_i, ctx) => sync.refresh(who(ctx)),
    'sync.run': (i) => sync.runOnce(i.maxWaitMs, i.concurrency),
  } satisfies SomeHandlers;
}
