import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from '../../../main/menu';

const flat = (items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
  items.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? flat(i.submenu) : [])]);

describe('application menu', () => {
  it('is Dutch: Bestand, Bewerken, Beeld, Venster, Help', () => {
    const actions = { importFiles: () => undefined, about: () => undefined };
    expect(menuTemplate(actions, { platform: 'linux', dev: false }).map((m) => m.label)).toEqual([
      'Bestand',
      'Bewerken',
      'Beeld',
      'Venster',
      'Help',
    ]);
    expect(menuTemplate(actions, { platform: 'darwin', dev: false }).map((m) => m.label)).toEqual([
      'Postkamer',
      'Bestand',
      'Bewerken',
      'Beeld',
      'Venster',
      'Help',
    ]);
  });

  it('has keyboard accelerators, unique per platform, and labels on every item', () => {
    const calls: string[] = [];
    const actions = { importFiles: () => void calls.push('import'), about: () => void calls.push('about') };
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const items = flat(menuTemplate(actions, { platform, dev: true })).filter((i) => i.type !== 'separator');
      for (const i of items) expect(i.label, JSON.stringify(i.role)).toBeTruthy();
      const accels = items.map((i) => i.accelerator).filter(Boolean) as string[];
      expect(new Set(accels).size, platform).toBe(accels.length);
      const byLabel = Object.fromEntries(items.map((i) => [i.label, i]));
      expect(byLabel['Bestanden importeren…']!.accelerator).toBe('CmdOrCtrl+O');
      expect(byLabel['Kopiëren']).toMatchObject({ role: 'copy', accelerator: 'CmdOrCtrl+C' });
      expect(byLabel['Plakken']).toMatchObject({ role: 'paste', accelerator: 'CmdOrCtrl+V' });
      expect(byLabel['Opnieuw laden']).toMatchObject({ role: 'reload', accelerator: 'CmdOrCtrl+R' });
      (byLabel['Bestanden importeren…']!.click as () => void)();
    }
    expect(calls).toEqual(['import', 'import', 'import']);
  });

  it('offers the developer tools only in development', () => {
    const actions = { importFiles: () => undefined, about: () => undefined };
    const roles = (dev: boolean) => flat(menuTemplate(actions, { platform: 'linux', dev })).map((i) => i.role);
    expect(roles(true)).toContain('toggleDevTools');
    expect(roles(false)).not.toContain('toggleDevTools');
  });
});
