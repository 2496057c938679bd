// The one typed way tests call the core: input and output typed by the contract, a failure thrown as a PostkamerError-like error.
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import type { WireError } from '../../src/contract/errors';
import type { CallContext, Core } from '../../src/core/core';

/** What a failed call throws: the wire error's code, message and details, with the command in the message. */
export class CoreCallError extends Error {
  readonly code: string;
  readonly details?: Record<string, unknown>;
  constructor(
    readonly command: string,
    error: WireError,
  ) {
    super(`${command}: ${error.code} ${error.message}`);
    this.name = 'CoreCallError';
    this.code = error.code;
    this.details = error.details as Record<string, unknown> | undefined;
  }
}

/** The default caller: a trusted local origin (the CLI). */
export const CLI_CTX: CallContext = { origin: 'cli', actor: 'test-clerk' };

/** Calls `cmd` on the core as `ctx`; returns the contract's output, or throws a CoreCallError. */
export async function call<C extends CommandName>(
  core: Core,
  cmd: C,
  input: CommandInput<C>,
  ctx: CallContext = CLI_CTX,
): Promise<CommandOutput<C>> {
  const r = await core.call(cmd, input, ctx);
  if (!r.ok) throw new CoreCallError(cmd, r.error);
  return r.data as CommandOutput<C>;
}

/** Calls `cmd` and expects it to fail; returns the wire error (a call that succeeds fails the test). */
export async function callFailure<C extends CommandName>(
  core: Core,
  cmd: C,
  input: unknown,
  ctx: CallContext = CLI_CTX,
): Promise<WireError> {
  const r = await core.call(cmd, input, ctx);
  if (r.ok) throw new Error(`${cmd} was expected to fail, but answered ${JSON.stringify(r.data).slice(0, 300)}`);
  return r.error;
}
