// The OS keychain's copy of the audit trail's anchor: the anchor text wrapped by safeStorage in a file of main's own,
// outside the data folder, so that removing the newest audit entries together with the anchor file is still found.
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/store/fsutil';
import type { Keychain } from './keys';
import type { AnchorCopy } from './shell';

const MAX_WRAPPED = 16 * 1024;

/** The copy kept in `file`, wrapped by the keychain; none where no keychain is usable (a passphrase-only store). */
export function keychainAnchorCopy(file: string, keychain: Keychain): AnchorCopy | undefined {
  if (!keychain.usable) return undefined;
  return {
    load() {
      let wrapped: string;
      try {
        wrapped = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      if (wrapped.length > MAX_WRAPPED) return null;
      try {
        return keychain.unwrap(wrapped.trim());
      } catch {
        return null; // a keychain reset: the copy is lost, the anchor file still counts
      }
    },
    save(text) {
      writeFileAtomic(file, keychain.wrap(text), 0o600);
    },
  };
}
