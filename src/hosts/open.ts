// Opens the core for a passphrase-holding caller (CLI, web harness, tests).
import { PostkamerError } from '../contract/errors';
import { openStore, storeExists, initStore, type Store } from '../store/store';
import { Core } from '../core/core';

export async function openCore(dataDir: string, passphrase: string, opts: { create?: boolean } = {}): Promise<Core> {
  let store: Store;
  if (!storeExists(dataDir)) {
    if (!opts.create) throw new PostkamerError('store-not-initialised');
    store = await initStore(dataDir, { passphrase });
  } else {
    store = await openStore(dataDir, { kind: 'passphrase', passphrase });
  }
  return new Core(store);
}
