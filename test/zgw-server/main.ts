// Stand-alone entry until the lead wires `postkamer zgw-server`:
//   node --import tsx test/zgw-server/main.ts --port 8000 --seed demo
import { runZgwServerCli } from './cli';

runZgwServerCli(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`zgw-server: ${(e as Error).message}\n`);
  process.exit(2);
});
