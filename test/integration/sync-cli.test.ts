import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startZgwServer, type ZgwServer } from '../zgw-server';
import { PASSPHRASE, ingestPdfs, iotUrl, openTestCore, serverDocuments, tempDir } from './sync-support';
import { runCli, CLI_PERSON } from '../support/cli';

// The CLI of the sync: config zgw (secret from the environment), link by zaaknummer and as a new zaak, sync --once,
// status --json with the outbox per state.

const ROOT = resolve(__dirname, '../..');

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const c = spawn(process.execPath, ['bin/postkamer.mjs', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...CLI_PERSON, POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_SYNC_BACKOFF_MS: '50', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (code) => res({ code, stdout, stderr }));
  });
}

describe('postkamer config zgw / link / sync / status', () => {
  let server: ZgwServer;
  let t: ReturnType<typeof tempDir>;
  let data: string;
  let ids: string[];

  beforeAll(async () => {
    server = await startZgwServer({ seed: 'minimal' });
    t = tempDir('sync-cli');
    data = join(t.dir, 'store');
    const core = await openTestCore(data);
    ids = await ingestPdfs(core, 2);
    await core.close();
  });
  afterAll(async () => {
    await server?.close();
    t?.cleanup();
  });

  it('says what is missing and refuses to sync without a connection', async () => {
    // A store of its own with no connection, whichever test ran before (the others configure theirs).
    const bare = join(t.dir, 'store-bare');
    await (await openTestCore(bare)).close();
    const none = await cli(['sync', '--once', '--json', '--data', bare]);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Er is nog geen verbinding met het zaaksysteem ingesteld');
    const missing = await cli(['config', 'zgw', '--env', 'test', '--zaken', server.info.zaken, '--data', bare]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ontbrekend: .*--documenten.*--secret/);
  });

  it('takes the secret from standard input (--secret -); a secret on the command line works but is warned about', async () => {
    const i = server.info;
    // A store of its own: the first connection configured becomes the active one, which the other tests look at.
    const own = join(t.dir, 'store-secret');
    await (await openTestCore(own)).close();
    const base = [
      'config',
      'zgw',
      '--env',
      'acceptatie',
      '--zaken',
      i.zaken,
      '--documenten',
      i.documenten,
      '--catalogi',
      i.catalogi,
      '--client-id',
      i.clientId,
      '--rsin',
      i.rsin,
      '--data',
      own,
    ];
    const piped = await runCli([...base, '--secret', '-'], { stdin: `${i.secret}\n`, env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stderr).not.toMatch(/opdrachtregel/);
    const typed = await runCli([...base, `--secret=${i.secret}`], { env: { POSTKAMER_PASSPHRASE: PASSPHRASE } });
    expect(typed.code, typed.stderr).toBe(0);
    expect(typed.stderr).toMatch(/secret op de opdrachtregel is zichtbaar/);
    const empty = await runCli([...base, '--secret', '-'], {
      stdin: '',
      env: { POSTKAMER_PASSPHRASE: PASSPHRASE, POSTKAMER_ZGW_SECRET: '' },
    });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/ontbrekend: .*--secret/);
  });

  it('configures, links, delivers and reports', async () => {
    const i = server.info;
    const config = await cli(
      [
        'config',
        'zgw',
        '--env',
        'test',
        '--zaken',
        i.zaken,
        '--documenten',
        i.documenten,
        '--catalogi',
        i.catalogi,
        '--client-id',
        i.clientId,
        '--rsin',
        i.rsin,
        '--informatieobjecttype',
        iotUrl(server, 'Inkomende brief'),
        '--data',
        data,
      ],
      { POSTKAMER_ZGW_SECRET: i.secret },
    );
    expect(config.code, config.stderr).toBe(0);
    expect(config.stdout).toContain('Verbinding "test" opgeslagen (actief)');
    const show = await cli(['config', 'show', '--json', '--data', data]);
    expect(show.stdout).not.toContain(i.secret);
    expect(show.stdout).not.toContain(i.clientId);

    const test = await cli(['config', 'test', '--data', data]);
    expect(test.code, test.stdout).toBe(0);
    expect(test.stdout).toMatch(/^ok +auth/m);

    expect((await cli(['link', ids[0].slice(0, 8), '--zaaknummer', 'ZAAK-2026-0000000001', '--data', data])).code).toBe(0);
    const nieuw = await cli([
      'link',
      ids[1],
      '--nieuwe-zaak',
      '--zaaktype',
      'ZT-BEZWAAR',
      '--omschrijving',
      'Bezwaar tegen een boete',
      '--json',
      '--data',
      data,
    ]);
    expect(nieuw.code, nieuw.stderr).toBe(0);
    expect(JSON.parse(nieuw.stdout)).toMatchObject({ target: 'nieuwe-zaak', state: 'pending' });

    const before = JSON.parse((await cli(['status', '--json', '--data', data])).stdout);
    expect(before.outbox).toMatchObject({ pending: 2, done: 0, attention: 0 });

    const run = await cli(['sync', '--once', '--json', '--data', data]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ delivered: 2, attention: 0, remaining: 0 });
    const after = JSON.parse((await cli(['status', '--json', '--data', data])).stdout);
    expect(after.outbox).toMatchObject({ pending: 0, done: 2 });
    expect(serverDocuments(server).zios).toHaveLength(2);
    expect([...server.state.zaken.values()].some((z) => z.omschrijving === 'Bezwaar tegen een boete')).toBe(true);

    const list = await cli(['outbox', '--data', data]);
    expect(list.stdout).toMatch(/ZAAK-2026-0000000001 +done/);
  });
});
