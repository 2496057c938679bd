// `postkamer zgw-server --port <p> [--seed demo|minimal|none]`: starts the server, prints the
// connection info as the first stdout line (one JSON object), logs requests to stderr, and runs
// until SIGINT/SIGTERM.

import { startZgwServer } from './server';
import type { SeedName } from './seed';

const SEEDS: readonly SeedName[] = ['demo', 'minimal', 'none'];

export interface ZgwCliArgs {
  port: number;
  seed: SeedName;
  host?: string;
  clientId?: string;
  secret?: string;
  rsin?: string;
  quiet: boolean;
}

export function parseZgwServerArgs(argv: string[]): ZgwCliArgs {
  const args: ZgwCliArgs = { port: 0, seed: 'minimal', quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} verwacht een waarde`);
      return v;
    };
    switch (a) {
      case '--port': {
        const p = Number(value());
        if (!Number.isInteger(p) || p < 0 || p > 65535) throw new Error('--port moet een getal tussen 0 en 65535 zijn');
        args.port = p;
        break;
      }
      case '--seed': {
        const s = value() as SeedName;
        if (!SEEDS.includes(s)) throw new Error(`--seed moet een van ${SEEDS.join(', ')} zijn`);
        args.seed = s;
        break;
      }
      case '--host':
        args.host = value();
        break;
      case '--client-id':
        args.clientId = value();
        break;
      case '--secret':
        args.secret = value();
        break;
      case '--rsin':
        args.rsin = value();
        break;
      case '--quiet':
        args.quiet = true;
        break;
      default:
        throw new Error(`onbekende optie: ${a}`);
    }
  }
  return args;
}

export async function runZgwServerCli(argv: string[]): Promise<void> {
  const args = parseZgwServerArgs(argv);
  const server = await startZgwServer({
    port: args.port,
    seed: args.seed,
    host: args.host,
    clientId: args.clientId,
    secret: args.secret,
    rsin: args.rsin,
    log: args.quiet ? undefined : (line) => process.stderr.write(`[zgw-server] ${line}\n`),
  });
  const { zaken, documenten, catalogi, clientId, secret, rsin } = server.info;
  process.stdout.write(`${JSON.stringify({ zaken, documenten, catalogi, clientId, secret, rsin })}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void server.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
