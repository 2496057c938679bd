// The one path-containment helper (src/store/fsutil.ts) and the place in main/ that guards file access with it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rendererFileFor } from '../../../main/paths';
import { isInside, isInsideReal } from '../../../src/store/fsutil';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'postkamer-inside-'));
  dirs.push(d);
  return d;
};

describe('isInside', () => {
  it("a sibling whose name starts with the parent's is outside (/data vs /data-evil)", () => {
    expect(isInside('/data', '/data-evil', 'linux')).toBe(false);
    expect(isInside('/data', '/data-evil/x', 'linux')).toBe(false);
    expect(isInside('/data/', '/data-evil/x', 'linux')).toBe(false);
    expect(isInside('/data', '/data/x', 'linux')).toBe(true);
    expect(isInside('/data', '/data/', 'linux')).toBe(true);
    expect(isInside('/data', '/data', 'linux')).toBe(true);
    expect(isInside('/data', '/data/..x/y', 'linux')).toBe(true); // a name starting with two dots is a name
  });

  it('resolves .. segments and works with the filesystem root as parent', () => {
    expect(isInside('/data', '/data/a/../../etc/passwd', 'linux')).toBe(false);
    expect(isInside('/data', '/data/a/../b', 'linux')).toBe(true);
    expect(isInside('/data', '/data/../data-evil', 'linux')).toBe(false);
    expect(isInside('/', '/etc/passwd', 'linux')).toBe(true);
  });

  it('on Windows: case-insensitive, either separator, another drive is outside', () => {
    expect(isInside('C:\\Data', 'c:\\data\\x.pdf', 'win32')).toBe(true);
    expect(isInside('C:\\Data', 'C:/Data/sub/x.pdf', 'win32')).toBe(true);
    expect(isInside('C:\\Data', 'C:\\Data-evil\\x.pdf', 'win32')).toBe(false);
    expect(isInside('C:\\Data', 'D:\\Data\\x.pdf', 'win32')).toBe(false);
    expect(isInside('C:\\Data', 'C:\\Data\\..\\Windows', 'win32')).toBe(false);
    expect(isInside('C:\\', 'C:\\Windows', 'win32')).toBe(true);
  });
});

describe('isInsideReal', () => {
  it('follows symlinks: a link inside that points outside is outside; a sibling /data-evil stays outside', () => {
    const t = temp();
    const data = join(t, 'data');
    const evil = join(t, 'data-evil');
    mkdirSync(data);
    mkdirSync(evil);
    writeFileSync(join(evil, 'secret.txt'), 'no');
    writeFileSync(join(data, 'ok.txt'), 'yes');
    symlinkSync(evil, join(data, 'link'));
    expect(isInsideReal(data, join(data, 'ok.txt'))).toBe(true);
    expect(isInsideReal(data, join(data, 'not-yet-there.txt'))).toBe(true);
    expect(isInsideReal(data, join(evil, 'secret.txt'))).toBe(false);
    expect(isInside(data, join(data, 'link', 'secret.txt'))).toBe(true); // by name only…
    expect(isInsideReal(data, join(data, 'link', 'secret.txt'))).toBe(false); // …but it is not
    expect(isInsideReal(data, join(data, 'link', 'new.txt'))).toBe(false);
    expect(isInsideReal(join(t, 'missing'), join(t, 'missing', 'x'))).toBe(false);
  });
});

describe('rendererFileFor (main/paths.ts) uses it', () => {
  it('does not serve a file through a symlink that leaves the renderer folder', () => {
    const t = temp();
    const root = join(t, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), '');
    mkdirSync(join(t, 'dist-evil'));
    writeFileSync(join(t, 'dist-evil', 'secret.js'), 'no');
    symlinkSync(join(t, 'dist-evil'), join(root, 'assets', 'out'));
    expect(rendererFileFor(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(rendererFileFor(root, '/assets/out/secret.js')).toBeNull();
    expect(rendererFileFor(root, '/../dist-evil/secret.js')).not.toBe(join(t, 'dist-evil', 'secret.js'));
  });
});
