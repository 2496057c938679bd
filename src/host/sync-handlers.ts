import type { syncCommands } from '../contract/sync';
import type { CommandOutput, CommandParsedInput } from '../contract/commands';
import type { CallContext, Core } from './core';

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

export function createSyncService(core: Core): SyncService {
  void core;
  return { handlers: {} as SyncHandlers, start() {}, async stop() {}, outboxCounts: () => ({}) };
}
