// A store for the quality-control tests and screenshot: the first administrator (all four roles), a clerk and an
// archivist added with the CLI, one batch of page images ingested by the clerk (someone else checks it) and one by
// the administrator (who, having the archivist's role too, must not check their own).
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliPath, repoRoot } from '../../support/cli';
import { cliIngest } from './harness';
import { cliEnv, E2E_ADMIN, initStoreWithAdmin, type Who } from './people';

export const QC_CLERK = { login: 'mila', name: 'Mila Medewerker', pin: '531975', role: 'medewerker' } as const;
export const QC_CHECKER = { login: 'arie', name: 'Arie Archivaris', pin: '642086', role: 'archivaris' } as const;

export interface QcSeed {
  data: string;
  /** The batch the clerk scanned: checked by the archivist. */
  clerkBatch: string;
  /** The batch the administrator scanned: they may not check it. */
  adminBatch: string;
}

/** `postkamer users add` as the first administrator; throws with the CLI's stderr when it fails. */
function addUser(data: string, passphrase: string, p: Who & { name: string; role: string }): void {
  const r = spawnSync(process.execPath, [cliPath, 'users', 'add', p.login, '--naam', p.name, '--rol', p.role, '--data', data], {
    cwd: repoRoot,
    env: { ...cliEnv(passphrase), POSTKAMER_NEW_PIN: p.pin },
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`postkamer users add ${p.login}: ${r.stderr}`);
}

/** `postkamer ingest` of `pages` (PNG files written under `files`) as `who`; the batch's id from its output. */
async function ingestPages(data: string, passphrase: string, files: string, prefix: string, pages: Buffer[], who: Who): Promise<string> {
  const paths = pages.map((png, i) => {
    const p = join(files, `${prefix}-${String(i + 1).padStart(2, '0')}.png`);
    writeFileSync(p, png);
    return p;
  });
  const r = await cliIngest(data, passphrase, paths, who);
  const id = /Batch ([0-9a-f-]{36})/.exec(r.stdout)?.[1];
  if (r.code !== 0 || !id) throw new Error(`postkamer ingest (${who.login}) exited ${r.code}: ${r.stderr}${r.stdout}`);
  return id;
}

export async function seedQcStore(work: string, passphrase: string, pages: { clerk: Buffer[]; admin: Buffer[] }): Promise<QcSeed> {
  const data = join(work, 'data');
  const files = join(work, 'files');
  mkdirSync(files, { recursive: true });
  await initStoreWithAdmin(data, passphrase);
  addUser(data, passphrase, QC_CLERK);
  addUser(data, passphrase, QC_CHECKER);
  const clerkBatch = await ingestPages(data, passphrase, files, 'scan-mila', pages.clerk, QC_CLERK);
  const adminBatch = await ingestPages(data, passphrase, files, 'scan-beheerder', pages.admin, E2E_ADMIN);
  return { data, clerkBatch, adminBatch };
}
