// Child process for the watched-folder crash tests (test/integration/capture-watch.test.ts): runs watchFolder
// with the real file journal and kills itself with SIGKILL at a chosen point, as a power cut would.
//   node bin/run-ts.mjs test/escl-scanner/watch-crash-child.ts <dir> <markerDir> <crashAt: onFile|done>
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { watchFolder } from '../../src/capture/watch';
import { FileJournal } from '../../src/capture/watch-journal';

const [dir, markerDir, crashAt] = process.argv.slice(2) as [string, string, 'onFile' | 'done'];
const real = await FileJournal.open(join(dir, '.postkamer-watch.jsonl'));
watchFolder(dir, {
  pollMs: 50,
  stableMs: 200,
  journal: {
    lookup: (n, s) => real.lookup(n, s),
    append: async (e) => {
      await real.append(e);
      // Right after the outcome is on disk and before the file is moved.
      if (crashAt === 'done' && e.step === 'done') process.kill(process.pid, 'SIGKILL');
    },
  },
  onFile: async (f) => {
    // "Stored in the vault": a marker outside the watched folder, per attempt.
    writeFileSync(join(markerDir, `${f.name}.${f.attempt}.stored`), f.sha256);
    if (crashAt === 'onFile') process.kill(process.pid, 'SIGKILL');
    return { ok: true };
  },
});
