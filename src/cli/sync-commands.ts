import type { Core } from '../host/core';

// CLI commands of the zaaksysteem delivery: config zgw, link, sync (owned by the sync module).
export interface CliHelpers {
  /** Opens the core on the --data folder with the passphrase. The caller closes it. */
  openCore(dataDir: string | undefined): Promise<Core>;
  /** Ctx for core.call from the CLI. */
  call<T = unknown>(core: Core, cmd: string, input: unknown): Promise<T>;
}

/** Returns an exit code, or null when the command is not a sync command. */
export async function runSyncCli(command: string, args: string[], helpers: CliHelpers): Promise<number | null> {
  void command;
  void args;
  void helpers;
  return null;
}
