import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { langPathFor, privateCacheDir } from '../../../src/recognise/tessdata';

// The language data is staged in a folder only this user can write (finding 9's class: nothing the OCR reads comes
// from a world-writable place), never in the shared temporary folder.
describe('tessdata staging folder', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const scratch = () => {
    const d = mkdtempSync(join(tmpdir(), 'pk-cache-'));
    made.push(d);
    return d;
  };

  it('defaults to a private cache folder (0700), not os.tmpdir()', () => {
    const cache = scratch();
    const dir = privateCacheDir({ XDG_CACHE_HOME: cache });
    expect(dir).toBe(join(cache, 'postkamer', 'tessdata'));
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.platform === 'win32')('refuses a folder others may write', () => {
    const cache = scratch();
    const dir = privateCacheDir({ XDG_CACHE_HOME: cache });
    chmodSync(dir, 0o777);
    expect(() => privateCacheDir({ XDG_CACHE_HOME: cache })).toThrow(/not a private folder/);
  });

  it('stages nld+eng under the private folder when no data folder is given', () => {
    const cache = scratch();
    const old = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cache;
    try {
      const dir = langPathFor('nld+eng');
      expect(dir.startsWith(join(cache, 'postkamer', 'tessdata'))).toBe(true);
      expect(dir.startsWith(tmpdir() + '/postkamer-tessdata')).toBe(false);
    } finally {
      if (old === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = old;
    }
  });
});
