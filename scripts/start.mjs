// `npm start`: the Electron app through Electron Forge; where no Electron binary is installed, one line that says so
// and how to start the web harness instead (no stack trace from a failed download).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary } from './electron-binary.mjs';

if (!electronBinary()) {
  process.stderr.write(
    'Postkamer: er is geen Electron-programma geïnstalleerd (ELECTRON_SKIP_BINARY_DOWNLOAD of geen internet). ' +
      'Start de webversie: npm run start:web -- --data <map>\n',
  );
  process.exit(1);
}
const forge = createRequire(import.meta.url).resolve('@electron-forge/cli/dist/electron-forge.js');
const child = spawn(process.execPath, [forge, 'start', ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
