// Who runs a CLI command: the person named by --user or POSTKAMER_USER, signed in with the PIN from POSTKAMER_PIN or
// typed at the terminal; every command is then that person's, checked by the core against their roles.
import { PostkamerError } from '../../contract/errors';
import type { CallContext, Core } from '../../core/core';
import { prompt } from './passphrase';

/** The CLI process is one connection with one session. */
export const CLI_CTX: CallContext = { origin: 'cli', connection: 'cli' };

export class SignInUsageError extends Error {}

/** Takes `--user <login>` / `--user=<login>` out of the arguments (every command accepts it). */
export function takeUserOption(args: string[]): { args: string[]; user: string | undefined } {
  const out: string[] = [];
  let user: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    if (a === '--user') {
      user = args[++i];
      if (user === undefined) throw new SignInUsageError('--user heeft een gebruikersnaam nodig');
    } else if (a.startsWith('--user=')) user = a.slice('--user='.length);
    else out.push(a);
  }
  return { args: out, user };
}

/** The login to act as: --user, else POSTKAMER_USER, else asked at a terminal. */
export async function loginToUse(user: string | undefined): Promise<string> {
  const login = user ?? process.env.POSTKAMER_USER;
  if (login) return login;
  if (!process.stdin.isTTY) throw new SignInUsageError('geef --user <gebruikersnaam> of zet POSTKAMER_USER (en POSTKAMER_PIN)');
  return promptVisible('Gebruikersnaam: ');
}

/** A PIN from `envName`, else typed at a terminal without echo (twice when `confirm`). */
export async function pinFrom(envName: 'POSTKAMER_PIN' | 'POSTKAMER_NEW_PIN', question: string, confirm = false): Promise<string> {
  const env = process.env[envName];
  if (env) return env;
  if (!process.stdin.isTTY) throw new SignInUsageError(`geef de pincode in ${envName} of start de opdracht in een terminal`);
  const first = await prompt(question);
  if (confirm && (await prompt('Nogmaals: ')) !== first) throw new SignInUsageError('de twee pincodes verschillen');
  return first;
}

/** Signs the CLI's connection in; a store without people is sent to `postkamer init`. */
export async function signInCli(core: Core, user: string | undefined): Promise<void> {
  const state = await core.call('auth.state', {}, CLI_CTX);
  if (!state.ok) throw Object.assign(new Error(state.error.message), { code: state.error.code }); // a damaged store, …
  if ((state.data as { needsFirstAdmin: boolean }).needsFirstAdmin) throw new PostkamerError('first-admin-needed');
  const login = await loginToUse(user);
  const r = await core.call('auth.signIn', { login, pin: await pinFrom('POSTKAMER_PIN', `Pincode van ${login}: `) }, CLI_CTX);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
}

function promptVisible(question: string): Promise<string> {
  return new Promise((ok) => {
    process.stderr.write(question);
    process.stdin.setEncoding('utf8');
    process.stdin.resume();
    process.stdin.once('data', (d) => {
      process.stdin.pause();
      ok(String(d).trim());
    });
  });
}
