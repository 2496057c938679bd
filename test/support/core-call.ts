// The one typed way tests call the core: input and output typed by the contract, a failure thrown as a PostkamerError-like error.
import type { CommandInput, CommandName, CommandOutput } from '../../src/contract/commands';
import type { WireError } from '../../src/contract/errors';
import type { CallContext, Core } from '../../src/core/core';
import { signInAsAdmin } from './people';

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

/** The default caller: a trusted local origin (the CLI), signed in as the test administrator (all four roles). */
export const CLI_CTX: CallContext = { origin: 'cli', connection: 'test-cli' };

/** Connections `call` has signed in, per core (a core's sessions end with it). */
const signedIn = new WeakMap<Core, Set<string>>();

/**
 * Signs `ctx`'s connection in as the test administrator the first time a test calls through it: the tests of a
 * feature act as a person holding every role. A test of who may do what signs its people in itself (people.ts)
 * and calls `core.call` directly.
 */
export async function asAdmin(core: Core, ctx: CallContext): Promise<void> {
  const key = ctx.connection ?? `(${ctx.origin})`;
  let set = signedIn.get(core);
  if (!set) signedIn.set(core, (set = new Set()));
  if (set.has(key)) return;
  await signInAsAdmin(core, ctx);
  set.add(key);
}

/** Calls `cmd` on the core as `ctx`; returns the contract's output, or throws a CoreCallError. */
export async function call<C extends CommandName>(
  core: Core,
  cmd: C,
  input: CommandInput<C>,
  ctx: CallContext = CLI_CTX,
): Promise<CommandOutput<C>> {
  await asAdmin(core, ctx);
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
  await asAdmin(core, ctx);
  const r = await core.call(cmd, input, ctx);
  if (r.ok) throw new Error(`${cmd} was expected to fail, but answered ${JSON.stringify(r.data).slice(0, 300)}`);
  return r.error;
}
