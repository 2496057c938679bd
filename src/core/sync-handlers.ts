import type { syncCommands } from '../contract/sync';
import type { CommandOutput, CommandParsedInput } from '../contract/commands';
import { SyncService as Sync } from '../sync/service';
import type { CallContext, CoreHandle } from './types';
import { showOutboxItem } from './display';

// Wires the ZGW sync (src/sync) into the core: handlers for the contract's sync commands and the background loop.

type SyncCommandName = keyof typeof syncCommands;
export type SyncHandlers = { [C in SyncCommandName]: (input: CommandParsedInput<C>, ctx: CallContext) => Promise<CommandOutput<C>> | CommandOutput<C> };

export interface SyncService {
  handlers: SyncHandlers;
  /** Starts the background delivery loop (app and web harness; not short CLI commands). */
  start(): void;
  stop(): Promise<void>;
  /** Outbox counts per state, for `app.status`. */
  outboxCounts(): Record<string, number>;
}

export function createSyncService(core: CoreHandle): SyncService {
  const sync = new Sync(core.store, { onChange: () => core.emit('status.changed', {}) });
  const who = (ctx: CallContext) => ({ actor: ctx.actor, origin: ctx.origin });
  const handlers: SyncHandlers = {
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
    'sync.zaken.search': (i) => sync.searchZaken(i.query, i.limit),
    'sync.refresh': () => sync.refresh(),
    'sync.run': (i) => sync.runOnce(i.maxWaitMs, i.concurrency),
  };
  return {
    handlers,
    start: () => {
      sync.start();
      core.on((name) => {
        if (name === 'document.changed') sync.documentReady();
      });
    },
    stop: () => sync.stop(),
    outboxCounts: () => sync.outboxCounts(),
  };
}

export type { Sync };
