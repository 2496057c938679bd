// The CLI's passphrase: from POSTKAMER_PASSPHRASE, or typed at a terminal without echo.
import { PostkamerError } from '../../contract/errors';

/** Never logged. */
export async function getPassphrase(opts: { confirm?: boolean } = {}): Promise<string> {
  const env = process.env.POSTKAMER_PASSPHRASE;
  if (env) return env;
  if (!process.stdin.isTTY) throw new PostkamerError('no-passphrase');
  const first = await prompt('Wachtwoord: ');
  if (opts.confirm && (await prompt('Nogmaals: ')) !== first)
    throw new PostkamerError('wrong-passphrase', '(de twee invoeren verschillen)');
  if (!first) throw new PostkamerError('no-passphrase');
  return first;
}

/** Asks at the terminal without echo (a passphrase, a PIN). */
export function prompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(question);
    stdin.setRawMode(true);
    stdin.resume();
    let value = '';
    const onData = (buf: Buffer) => {
      for (const ch of buf.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          return resolve(value);
        }
        if (ch === '\u0003') process.exit(130);
        if (ch === '\u007f') value = value.slice(0, -1);
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}
