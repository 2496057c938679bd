// `postkamer watch <map>`: a scan-to-folder share watched until Ctrl+C, one line per event (or JSON lines).
import type { WatchEvent } from '../../capture/watch';
import type { Core } from '../../core/core';
import { CLI_CTX } from './sign-in';

export const WATCH_OPTIONS = {
  profile: { type: 'string' },
  'poll-ms': { type: 'string' },
  'stable-ms': { type: 'string' },
  'grace-ms': { type: 'string' },
} as const;

/** A whole number of milliseconds from an option, or undefined when absent; anything else is refused. */
function millis(option: string, v: string | undefined, min: number): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min)
    throw new Error(`--${option} moet een geheel aantal milliseconden zijn (minstens ${min})`);
  return n;
}

function line(e: WatchEvent, json: boolean): string | null {
  if (json) return JSON.stringify(e);
  switch (e.type) {
    case 'failed':
      return `mislukt: ${e.name}: ${e.reason}`;
    case 'done':
      return `verwerkt: ${e.name}`;
    case 'incomplete':
      return `onvolledig, wacht: ${e.name}: ${e.reason}`;
    case 'version':
      return (
        `nieuwe versie: ${e.name}: batch ${e.ref ?? '?'}${e.replaces ? ` (eerdere versie: batch ${e.replaces})` : ''}` +
        (e.replaced === true ? '; de eerdere versie is vervangen' : '') +
        (e.replaced === false ? '; de eerdere versie blijft staan (er is al aan gewerkt): kijk welke u afhandelt' : '')
      );
    case 'error':
      return `fout: ${e.message}`;
    default:
      return null;
  }
}

export async function runWatch(
  dir: string,
  values: { profile?: string; json?: boolean; 'poll-ms'?: string; 'stable-ms'?: string; 'grace-ms'?: string },
  openSignedIn: () => Promise<Core>,
): Promise<number> {
  const pollMs = millis('poll-ms', values['poll-ms'], 10);
  const stableMs = millis('stable-ms', values['stable-ms'], 0);
  const graceMs = millis('grace-ms', values['grace-ms'], 0);
  const core = await openSignedIn();
  const { watchFolder } = await import('../../capture/watch');
  const { watchedFileToBatch } = await import('../../core/watch');
  const abort = new AbortController();
  const watcher = watchFolder(dir, {
    pollMs,
    stableMs,
    graceMs,
    signal: abort.signal,
    onFile: (f) => watchedFileToBatch(core, core.signedIn(CLI_CTX), f, values.profile),
    onEvent: (e) => {
      const text = line(e, values.json === true);
      if (text) process.stdout.write(text + '\n');
    },
  });
  process.stderr.write(`Map wordt bewaakt: ${dir} (Ctrl+C om te stoppen)\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', () => done());
    process.once('SIGTERM', () => done());
  });
  abort.abort();
  await watcher.stop();
  await core.close();
  return 0;
}
