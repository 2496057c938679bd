// `postkamer init`: a new encrypted store, or an existing one without people, gets its first administrator (all four
// roles unless --rol says otherwise), made through the contract's auth.setup.
import { PostkamerError } from '../../contract/errors';
import type { CommandName, CommandOutput } from '../../contract/commands';
import type { Core } from '../../core/core';
import type { Store } from '../../store/store';
import { getPassphrase } from './passphrase';
import { parseRoles } from './people-commands';
import { loginToUse, pinFrom, SignInUsageError } from './sign-in';

export interface InitDeps {
  user: string | undefined;
  openCore(dir: string, passphrase: string): Promise<Core>;
  initStore(dir: string, opts: { passphrase: string }): Promise<Store>;
  call<C extends CommandName>(core: Core, cmd: C, input: unknown): Promise<CommandOutput<C>>;
}

export async function runInit(
  dir: string,
  values: { beheerder?: string; naam?: string; rol?: string; 'zgw-user-id'?: string; json?: boolean },
  deps: InitDeps,
): Promise<number> {
  const { storeExists } = await import('../../store/store');
  const isNew = !storeExists(dir);
  const login = values.beheerder ?? deps.user ?? (await loginToUse(undefined));
  const roles = values.rol === undefined ? undefined : parseRoles(values.rol);
  if (roles && !roles.includes('beheerder')) throw new SignInUsageError('de eerste persoon is beheerder: neem "beheerder" op in --rol');
  const passphrase = await getPassphrase({ confirm: isNew });
  if (isNew) (await deps.initStore(dir, { passphrase })).close();
  const core = await deps.openCore(dir, passphrase);
  try {
    const state = await deps.call(core, 'auth.state', {});
    if (!state.needsFirstAdmin) throw new PostkamerError('store-exists', '(en heeft al een beheerder)');
    const pin = await pinFrom('POSTKAMER_PIN', `Nieuwe pincode voor ${login}: `, true);
    await deps.call(core, 'auth.setup', { login, name: values.naam ?? login, pin, zgwUserId: values['zgw-user-id'] ?? null });
    if (roles) await deps.call(core, 'people.update', { login, roles });
  } finally {
    await core.close();
  }
  const what = isNew ? `Opslag aangemaakt in ${dir}` : `Opslag in ${dir}`;
  process.stdout.write(values.json ? JSON.stringify({ dataDir: dir, beheerder: login }) + '\n' : `${what}; beheerder: ${login}\n`);
  return 0;
}
