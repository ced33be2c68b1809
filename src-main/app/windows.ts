import { BrowserWindow, type WebContents } from 'electron';
import type { Runtime } from './runtime';
import { APP_ENTRY_URL, ERROR_PAGE_URL } from './origins';

/**
 * Our windows, and only ours: the IPC relay answers a sender only if its
 * webContents is in this set.
 */
const ours = new Set<BrowserWindow>();

export function isOurWebContents(contents: WebContents): boolean {
  const win = BrowserWindow.fromWebContents(contents);
  return win !== null && ours.has(win);
}

export function ourWindows(): BrowserWindow[] {
  return [...ours].filter((w) => !w.isDestroyed());
}

export interface WindowHooks {
  /** True once start-up failed: new windows open straight on the error page. */
  hasStartupFailure(): boolean;
  /** The renderer itself did not load (missing build): show the error page instead. */
  onRendererLoadFailed(win: BrowserWindow, reason: string): void;
}

export function createMainWindow(runtime: Runtime, hooks: WindowHooks): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Orderhouse',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: runtime.preloadPath,
      // The checklist, spelled out even where it is the default, so a future
      // Electron default change or a careless edit cannot silently weaken it.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: !runtime.packaged,
      spellcheck: true,
    },
  });
  ours.add(win);
  win.on('closed', () => ours.delete(win));

  win.once('ready-to-show', () => win.show());
  // A page that never becomes ready (e.g. missing build) must not leave an invisible app.
  const showAnyway = setTimeout(() => {
    if (!win.isDestroyed() && !win.isVisible()) win.show();
  }, 5000);
  win.on('closed', () => clearTimeout(showAnyway));

  win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
    // -3 is ERR_ABORTED: a navigation we cancelled ourselves, not a failure.
    if (!isMainFrame || code === -3 || url === ERROR_PAGE_URL) return;
    hooks.onRendererLoadFailed(win, `${description} (${code}) loading ${url}`);
  });

  void win.loadURL(hooks.hasStartupFailure() ? ERROR_PAGE_URL : rendererUrl(runtime)).catch(() => undefined);
  return win;
}

export function rendererUrl(runtime: Runtime): string {
  return runtime.devServer ? runtime.devServer.href : APP_ENTRY_URL;
}

/** Replaces the app in every window with the error page. */
export function showErrorPageEverywhere(): void {
  for (const win of ourWindows()) {
    void win.loadURL(ERROR_PAGE_URL).catch(() => undefined);
    if (!win.isVisible()) win.show();
  }
}
