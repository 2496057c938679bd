// People through the real CLI, as a script or an administrator uses it: init makes the first administrator (also on a
// store made before there were people), every command runs as --user / POSTKAMER_USER with POSTKAMER_PIN, the
// administrator keeps the list of people and the settings, and a clerk is refused what is not theirs.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { initStore } from '../../src/store/store';
import { PASSPHRASE, runCli, tempDir } from '../support/cli';

const admin = { POSTKAMER_USER: 'jbeheer', POSTKAMER_PIN: '97531864' };
const clerk = { POSTKAMER_USER: 'pbakker', POSTKAMER_PIN: '11335577' };

describe('postkamer init, users and settings', () => {
  let data: string;
  const cli = (args: string[], env: Record<string, string> = admin) => runCli([...args, '--data', data], { env });
  beforeAll(async () => {
    data = join(tempDir(), 'store');
    const r = await cli(['init', '--beheerder', 'jbeheer', '--naam', 'J. Beheer', '--zgw-user-id', 'bh-01']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/beheerder: jbeheer/);
  });

  it('runs every command as the person of POSTKAMER_USER / --user, and says what is missing', async () => {
    const status = await cli(['status', '--json']);
    expect(status.code, status.stderr).toBe(0);
    const nobody = await cli(['status'], { POSTKAMER_USER: '', POSTKAMER_PIN: '' });
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toMatch(/--user <gebruikersnaam> of zet POSTKAMER_USER/);
    const wrong = await cli(['status'], { ...admin, POSTKAMER_PIN: '00000000' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/Onbekende gebruikersnaam of verkeerde pincode/);
    expect(wrong.stderr).not.toContain('00000000');
    const again = await cli(['init', '--beheerder', 'iemand']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/al een opslag|al een beheerder/);
  });

  it('the administrator adds and lists people; a clerk may work but not run the administrator’s commands', async () => {
    const add = await runCli(
      ['users', 'add', 'pbakker', '--naam', 'P. Bakker', '--rol', 'medewerker', '--zgw-user-id', 'mdw-77', '--data', data],
      {
        env: { ...admin, POSTKAMER_NEW_PIN: clerk.POSTKAMER_PIN },
      },
    );
    expect(add.code, add.stderr).toBe(0);
    const list = await cli(['users', 'list', '--json']);
    expect(JSON.parse(list.stdout)).toMatchObject([
      { login: 'jbeheer', name: 'J. Beheer', roles: ['medewerker', 'archivaris', 'teamleider', 'beheerder'], zgwUserId: 'bh-01' },
      { login: 'pbakker', name: 'P. Bakker', roles: ['medewerker'], zgwUserId: 'mdw-77', disabled: false },
    ]);
    const bad = await cli(['users', 'add', 'x1', '--naam', 'X', '--rol', 'directeur']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/onbekende rol "directeur"; kies uit medewerker, archivaris, teamleider, beheerder/);

    expect((await cli(['documents', '--json'], clerk)).code).toBe(0);
    for (const args of [
      ['users', 'list'],
      ['settings', 'set', 'autoLockMinutes', '5'],
      ['audit', 'verify'],
      ['purge', '--dry-run'],
    ]) {
      const r = await cli(args, clerk);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(/niet toegestaan.*nodig is de rol .*Beheerder|alleen de beheerder/);
    }
    const asOther = await runCli(['users', 'list', '--user', 'pbakker', '--data', data], {
      env: { POSTKAMER_USER: 'jbeheer', POSTKAMER_PIN: clerk.POSTKAMER_PIN },
    });
    expect(asOther.code).toBe(1); // --user wins over POSTKAMER_USER: pbakker, who is no administrator

    expect((await cli(['users', 'disable', 'pbakker'])).code).toBe(0);
    const blocked = await cli(['documents'], clerk);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/verkeerde pincode/);
    expect((await cli(['users', 'enable', 'pbakker'])).code).toBe(0);
    const pin = await runCli(['users', 'pin', 'pbakker', '--data', data], { env: { ...admin, POSTKAMER_NEW_PIN: '24242424' } });
    expect(pin.code, pin.stderr).toBe(0);
    expect((await cli(['documents'], clerk)).code).toBe(1);
    expect((await cli(['documents'], { ...clerk, POSTKAMER_PIN: '24242424' })).code).toBe(0);
  });

  it('settings: shown, changed within bounds by the administrator, refused out of bounds with the reason', async () => {
    const set = await cli(['settings', 'set', 'autoLockMinutes', '5']);
    expect(set.code, set.stderr).toBe(0);
    expect((await cli(['settings', 'set', 'purgeAfterDays', '60'])).code).toBe(0);
    const shown = JSON.parse((await cli(['settings', '--json'])).stdout);
    expect(shown).toMatchObject({ autoLockMinutes: 5, purgeAfterDays: 60, locale: 'nl' });
    const out = await cli(['settings', 'set', 'autoLockMinutes', '600']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/hoogstens 60 minuten/);
    const notNumber = await cli(['settings', 'set', 'purgeAfterDays', 'dertig']);
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toMatch(/geheel getal/);
  });
});

describe('a store made before there were people', () => {
  it('sends every command to init, which makes the first administrator; the store is otherwise untouched', async () => {
    const data = join(tempDir(), 'oud');
    (await initStore(data, { passphrase: PASSPHRASE })).close();
    const before = await runCli(['status', '--data', data]);
    expect(before.code).toBe(1);
    expect(before.stderr).toMatch(/eerste beheerder.*postkamer init/);
    const init = await runCli(['init', '--data', data], { env: { POSTKAMER_USER: 'beheer', POSTKAMER_PIN: '86420864' } });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^Opslag in .*; beheerder: beheer/);
    const after = await runCli(['status', '--json', '--data', data], { env: { POSTKAMER_USER: 'beheer', POSTKAMER_PIN: '86420864' } });
    expect(after.code, after.stderr).toBe(0);
  });
});
