// The Dutch application menu.
import type { MenuItemConstructorOptions } from 'electron';

// A pure template (type-only Electron import) so test/unit/main/menu.test.ts checks the labels and accelerators;
// main.ts builds it with Menu.buildFromTemplate.

export interface MenuActions {
  importFiles(): void;
  about(): void;
}

export function menuTemplate(actions: MenuActions, opts: { platform: NodeJS.Platform; dev: boolean }): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const appMenu: MenuItemConstructorOptions[] = mac
    ? [
        {
          label: 'Postkamer',
          submenu: [
            { label: 'Over Postkamer', click: () => actions.about() },
            { type: 'separator' },
            { role: 'hide', label: 'Postkamer verbergen', accelerator: 'Command+H' },
            { role: 'hideOthers', label: 'Andere verbergen', accelerator: 'Command+Alt+H' },
            { role: 'unhide', label: 'Alles tonen' },
            { type: 'separator' },
            { role: 'quit', label: 'Postkamer afsluiten', accelerator: 'Command+Q' },
          ],
        },
      ]
    : [];
  return [
    ...appMenu,
    {
      label: 'Bestand',
      submenu: [
        { id: 'import', label: 'Bestanden importeren…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
        ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Afsluiten', accelerator: 'Ctrl+Q' } as const]),
      ],
    },
    {
      label: 'Bewerken',
      submenu: [
        { role: 'undo', label: 'Ongedaan maken', accelerator: 'CmdOrCtrl+Z' },
        { role: 'redo', label: 'Opnieuw', accelerator: mac ? 'Shift+Command+Z' : 'Ctrl+Y' },
        { type: 'separator' },
        { role: 'cut', label: 'Knippen', accelerator: 'CmdOrCtrl+X' },
        { role: 'copy', label: 'Kopiëren', accelerator: 'CmdOrCtrl+C' },
        { role: 'paste', label: 'Plakken', accelerator: 'CmdOrCtrl+V' },
        { role: 'selectAll', label: 'Alles selecteren', accelerator: 'CmdOrCtrl+A' },
      ],
    },
    {
      label: 'Beeld',
      submenu: [
        { role: 'reload', label: 'Opnieuw laden', accelerator: 'CmdOrCtrl+R' },
        ...(opts.dev ? [{ role: 'toggleDevTools', label: 'Ontwikkelhulpmiddelen', accelerator: 'CmdOrCtrl+Shift+I' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: 'Ware grootte', accelerator: 'CmdOrCtrl+0' },
        { role: 'zoomIn', label: 'Inzoomen', accelerator: 'CmdOrCtrl+=' },
        { role: 'zoomOut', label: 'Uitzoomen', accelerator: 'CmdOrCtrl+-' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Volledig scherm', accelerator: mac ? 'Ctrl+Command+F' : 'F11' },
      ],
    },
    {
      label: 'Venster',
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: 'Minimaliseren', accelerator: 'CmdOrCtrl+M' },
        { role: 'close', label: 'Venster sluiten', accelerator: 'CmdOrCtrl+W' },
      ],
    },
    {
      label: 'Help',
      role: 'help',
      submenu: [{ label: 'Over Postkamer', accelerator: 'F1', click: () => actions.about() }],
    },
  ];
}
