import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dataDirFor, rendererDirIn, rendererFileFor } from '../../../main/paths';
import { blobMime, parsePostkamerUrl, rendererMime } from '../../../main/urls';
import { defaultDataDir, userDataDir } from '../../../src/hosts/paths';
import { tempDir } from './support/in-process-core';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((c) => c()));

/** Electron's rule for app.getPath('userData'): appData + the app's name (package.json productName). */
function electronUserData(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, name: string): string {
  const appData =
    platform === 'win32'
      ? env.APPDATA!
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(appData, name);
}

describe('data folder', () => {
  it('main and the CLI compute the same store folder', async () => {
    const { productName } = (await import('../../../package.json', { with: { type: 'json' } })).default as { productName: string };
    expect(productName).toBe('Postkamer');
    for (const [platform, env] of [
      ['linux', { XDG_CONFIG_HOME: '/cfg' }],
      ['linux', {}],
      ['win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }],
      ['darwin', {}],
    ] as const) {
      const userData = electronUserData(env, platform, productName);
      expect(userDataDir(env, platform)).toBe(userData);
      expect(dataDirFor(userData, env)).toBe(join(userData, 'store'));
    }
    // For this platform, the full formulas (including the POSTKAMER_DATA override) agree.
    const env = { XDG_CONFIG_HOME: '/cfg', APPDATA: '/appdata' };
    expect(dataDirFor(userDataDir(env), env)).toBe(defaultDataDir(env));
    expect(dataDirFor(userDataDir(env), { ...env, POSTKAMER_DATA: '/elders' })).toBe(defaultDataDir({ ...env, POSTKAMER_DATA: '/elders' }));
  });
});

describe('renderer files', () => {
  it("finds the renderer build in Forge's folder first, else renderer/dist", () => {
    const has = (files: string[]) => (p: string) => files.includes(p);
    expect(rendererDirIn('/app', has(['/app/renderer/dist/index.html']))).toBe('/app/renderer/dist');
    expect(rendererDirIn('/app', has(['/app/renderer/dist/index.html', '/app/.vite/renderer/main_window/index.html']))).toBe(
      '/app/.vite/renderer/main_window',
    );
    expect(rendererDirIn('/app', has([]))).toBeNull();
  });

  it('maps URL paths to files inside the renderer folder only', () => {
    const t = tempDir();
    cleanup.push(t.remove);
    const root = join(t.dir, 'dist');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html>');
    writeFileSync(join(root, 'assets', 'app.js'), '');
    writeFileSync(join(t.dir, 'secret.txt'), 'no');
    expect(rendererFileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(rendererFileFor(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(rendererFileFor(root, '/inbox')).toBe(join(root, 'index.html')); // a client-side route
    expect(rendererFileFor(root, '/assets/missing.js')).toBeNull();
    for (const evil of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/%E0%A4%A']) {
      const f = rendererFileFor(root, evil);
      expect(f === null || f.startsWith(root), evil).toBe(true);
      expect(f, evil).not.toBe(join(t.dir, 'secret.txt'));
    }
  });
});

describe('postkamer: URLs', () => {
  it('parses app and blob URLs and nothing else', () => {
    expect(parsePostkamerUrl('postkamer://app/assets/x.js?v=1')).toEqual({ kind: 'app', path: '/assets/x.js' });
    const id = '0b7c3d9e-1234-4abc-8def-0123456789ab';
    expect(parsePostkamerUrl(`postkamer://blob/${id}/pdf`)).toEqual({ kind: 'blob', documentId: id, variant: 'pdf' });
    expect(parsePostkamerUrl(`postkamer://blob/${id}/original`)).toEqual({ kind: 'blob', documentId: id, variant: 'original' });
    for (const bad of [
      `postkamer://blob/${id}/text`,
      `postkamer://blob/${id}`,
      `postkamer://blob/${id}/pdf/more`,
      'postkamer://blob/abc/pdf',
      `postkamer://blob/${id}/pdf?x=1`,
      `postkamer://user:pw@app/`,
      'postkamer://other/',
      `https://blob/${id}/pdf`,
      'nonsense',
    ])
      expect(parsePostkamerUrl(bad), bad).toBeNull();
  });

  it('serves stored documents only as their own harmless types', () => {
    expect(blobMime('application/pdf')).toBe('application/pdf');
    expect(blobMime('IMAGE/PNG')).toBe('image/png');
    expect(blobMime('text/html')).toBe('application/octet-stream');
    expect(blobMime('image/svg+xml')).toBe('application/octet-stream');
    expect(rendererMime('.JS')).toBe('text/javascript; charset=utf-8');
    expect(rendererMime('.exe')).toBe('application/octet-stream');
  });
});
