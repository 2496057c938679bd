// Which callers the core trusts with a machine's settings: the local CLI and Electron main, not the UI's channels.
import type { CallContext } from './types';

/**
 * True for a call from the UI (the app's renderer, the web harness): those may not change limits, name scanners the
 * core has not found, or ask which documents hold a BSN. The CLI and Electron main run with the store's key.
 */
export function fromUi(ctx: CallContext): boolean {
  return ctx.origin === 'renderer' || ctx.origin === 'web';
}
