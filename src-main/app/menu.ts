import { Menu, type MenuItemConstructorOptions } from 'electron';

/**
 * The usual menus, so copy/paste and the standard shortcuts work (on macOS
 * they do nothing without an Edit menu). Zoom stays in every build because
 * pack stations want big type; reload and devtools only in development, so a
 * user cannot reload away an unsaved form or poke around with devtools.
 */
export function installAppMenu(development: boolean): void {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [
    ...(development
      ? ([{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }] as MenuItemConstructorOptions[])
      : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? ([{ role: 'appMenu' }] as MenuItemConstructorOptions[]) : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
