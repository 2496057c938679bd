import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { version } from '../../src/core/version';
import { defaultDataDir, userDataDir } from '../../src/hosts/paths';

describe('version and paths', () => {
  it('src/core/version.ts matches package.json', () => {
    expect(version).toBe(JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version);
  });
  it('the CLI default store is the app data folder (Electron userData for productName Postkamer) + /store', () => {
    expect(userDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Postkamer');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/Postkamer/store');
    expect(defaultDataDir({ POSTKAMER_DATA: '/y' })).toBe('/y');
  });
});
