// How a command of the contract is declared: its input and output schemas, and who may call it.
import type { z } from 'zod';

/**
 * Who may call a command. `renderer` commands are reachable from the (untrusted) UI; `local` commands only from
 * trusted in-process callers (the CLI, Electron main) because they take file-system paths or secrets.
 */
export type Audience = 'renderer' | 'local';

interface CommandDef<I extends z.ZodType, O extends z.ZodType, A extends Audience> {
  input: I;
  output: O;
  audience: A;
}
export function cmd<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): CommandDef<I, O, 'renderer'>;
export function cmd<I extends z.ZodType, O extends z.ZodType, A extends Audience>(input: I, output: O, audience: A): CommandDef<I, O, A>;
export function cmd(input: z.ZodType, output: z.ZodType, audience: Audience = 'renderer') {
  return { input, output, audience };
}
